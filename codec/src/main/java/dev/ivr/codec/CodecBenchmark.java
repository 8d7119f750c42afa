package dev.ivr.codec;

import com.google.protobuf.util.JsonFormat;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.History;
import io.temporal.common.converter.DefaultDataConverter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints what encryption costs: per payload, the time to encrypt and to decrypt (AES-256-GCM, this JVM)
 * and the bytes it adds, for payloads the size of a DTMF signal, a call's input and a large result; and,
 * for each history file given, its size as Temporal stores it (protobuf bytes). No assertions: figures.
 *
 * <pre>java -cp launcher/target/ivr-launcher-exec.jar -Dloader.main=dev.ivr.codec.CodecBenchmark \
 *   org.springframework.boot.loader.launch.PropertiesLauncher [history.json …]</pre>
 */
public final class CodecBenchmark {
  private CodecBenchmark() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    EncryptionCodec codec = new EncryptionCodec(PayloadKeys.parse(PayloadKeys.generateEntry("bench")));
    out.printf("%-28s %10s %10s %12s %12s%n", "payload", "plain B", "sealed B", "encrypt µs", "decrypt µs");
    for (int size : new int[] {300, 6_000, 64_000}) {
      Payload plain = DefaultDataConverter.STANDARD_INSTANCE.toPayload("x".repeat(size)).orElseThrow();
      Payload sealed = codec.encode(List.of(plain)).get(0);
      double encrypt = micros(() -> codec.encode(List.of(plain)));
      double decrypt = micros(() -> codec.decode(List.of(sealed)));
      out.printf("%-28s %10d %10d %12.2f %12.2f%n", "json string of " + size + " chars", plain.getSerializedSize(),
          sealed.getSerializedSize(), encrypt, decrypt);
    }
    for (String file : args) {
      History.Builder history = History.newBuilder();
      JsonFormat.parser().ignoringUnknownFields().merge(Files.readString(Path.of(file)), history);
      out.printf("%s: %d events, %d bytes as stored (protobuf), %d bytes as JSON%n", file, history.getEventsCount(),
          history.build().getSerializedSize(), Files.size(Path.of(file)));
    }
  }

  /** The median of 15 rounds of the mean time of one call, after a warm-up, in microseconds. */
  private static double micros(Runnable call) {
    for (int i = 0; i < 20_000; i++) {
      call.run();
    }
    double[] rounds = new double[15];
    for (int r = 0; r < rounds.length; r++) {
      int n = 2_000;
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        call.run();
      }
      rounds[r] = (System.nanoTime() - start) / 1e3 / n;
    }
    java.util.Arrays.sort(rounds);
    return rounds[rounds.length / 2];
  }
}
