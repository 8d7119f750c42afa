package dev.ivr.codec;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.failure.v1.Failure;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DataConverterException;
import io.temporal.payload.context.SerializationContext;
import java.lang.reflect.Type;
import java.util.Optional;
import java.util.function.Predicate;
import javax.annotation.Nonnull;

/**
 * A data converter that marks the payloads of some values {@value EncryptionCodec#RESTRICTED}, and
 * otherwise converts exactly as its delegate does.
 */
final class RestrictedValues implements DataConverter {
  private static final ByteString TRUE = ByteString.copyFromUtf8("true");

  private final DataConverter delegate;
  private final Predicate<Object> restricted;

  RestrictedValues(DataConverter delegate, Predicate<Object> restricted) {
    this.delegate = delegate;
    this.restricted = restricted;
  }

  @Override
  public <T> Optional<Payload> toPayload(T value) throws DataConverterException {
    Optional<Payload> payload = delegate.toPayload(value);
    return value != null && restricted.test(value) ? payload.map(RestrictedValues::mark) : payload;
  }

  @Override
  public <T> T fromPayload(Payload payload, Class<T> valueClass, Type valueType) throws DataConverterException {
    return delegate.fromPayload(payload, valueClass, valueType);
  }

  @Override
  public Optional<Payloads> toPayloads(Object... values) throws DataConverterException {
    if (values == null || values.length == 0) {
      return delegate.toPayloads(values);
    }
    Payloads.Builder out = Payloads.newBuilder();
    for (Object value : values) {
      out.addPayloads(toPayload(value).orElseThrow());
    }
    return Optional.of(out.build());
  }

  @Override
  public <T> T fromPayloads(int index, Optional<Payloads> content, Class<T> valueType, Type valueGenericType)
      throws DataConverterException {
    return delegate.fromPayloads(index, content, valueType, valueGenericType);
  }

  @Override
  public Object[] fromPayloads(Optional<Payloads> content, Class<?>[] parameterTypes, Type[] genericParameterTypes)
      throws DataConverterException {
    return delegate.fromPayloads(content, parameterTypes, genericParameterTypes);
  }

  @Override
  public RuntimeException failureToException(@Nonnull Failure failure) {
    return delegate.failureToException(failure);
  }

  @Override
  public Failure exceptionToFailure(@Nonnull Throwable throwable) {
    return delegate.exceptionToFailure(throwable);
  }

  @Nonnull
  @Override
  public DataConverter withContext(@Nonnull SerializationContext context) {
    return new RestrictedValues(delegate.withContext(context), restricted);
  }

  private static Payload mark(Payload payload) {
    return payload.toBuilder().putMetadata(EncryptionCodec.RESTRICTED, TRUE).build();
  }
}
