package dev.ivr.codec;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import java.util.function.Predicate;

/**
 * The data converter every Temporal client of the project uses (worker, api, launcher, replay tools):
 * Temporal's default JSON conversion, then {@link EncryptionCodec}.
 *
 * <p>Failure <em>details</em> are encrypted (the SDK always encodes them); failure <em>messages and stack
 * traces</em> are not ({@code encodeFailureAttributes} is off, on purpose): they are log-grade text, which
 * the project never lets carry a secret or a phone number (the same rule as its logs, where the same
 * messages go), and a failure <em>about</em> a key (a missing key id, a GCM tag that does not verify) must
 * stay readable by whoever lacks that key: the Web UI without the codec, the CLI, the console, an api
 * in the middle of a rotation. With them encrypted, the reason a call is stuck was itself unreadable.
 *
 * <p>Search attributes are <em>not</em> encoded by the SDK (the server indexes them): they must never
 * carry a secret or a phone number. Memos, workflow and activity inputs and results, signals, queries,
 * heartbeat details and the Web UI's summary and details are encoded.
 */
public final class PayloadEncryption {
  private PayloadEncryption() {}

  /** The converter for {@code keys}: with {@link PayloadKeys#NONE} it writes plain payloads and still decrypts none. */
  public static DataConverter dataConverter(PayloadKeys keys) {
    return dataConverter(keys, value -> false);
  }

  /**
   * The converter for {@code keys}, where values that {@code restricted} accepts (a caller's DTMF keys,
   * a request carrying a secure variable) are marked {@value EncryptionCodec#RESTRICTED}: the codec
   * server never decrypts those for a person.
   */
  public static DataConverter dataConverter(PayloadKeys keys, Predicate<Object> restricted) {
    DataConverter json = DefaultDataConverter.STANDARD_INSTANCE;
    return new CodecDataConverter(new RestrictedValues(json, restricted), List.of(new EncryptionCodec(keys)), false);
  }
}
