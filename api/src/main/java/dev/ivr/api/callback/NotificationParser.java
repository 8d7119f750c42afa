package dev.ivr.api.callback;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Reads a commsNotifications body with our own Jackson 2 mapper (not Spring's Jackson 3, not the
 * Graph SDK, whose status enum is case-sensitive). Lenient where Graph is inconsistent: unknown
 * fields, enums in any case, numbers sent as strings. Strict about the envelope: the body must be a
 * JSON object with a {@code value} array.
 */
final class NotificationParser {

  private final ObjectMapper mapper =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // error messages go to the sender and the log: never echo the body (phone numbers, tokens)
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .build();

  /** Thrown for a body that is not a commsNotifications envelope; the message is safe to return. */
  static final class MalformedNotificationException extends Exception {
    MalformedNotificationException(String message) {
      super(message);
    }
  }

  CommsNotifications parse(byte[] body, Charset charset) throws MalformedNotificationException {
    if (body.length == 0) {
      throw new MalformedNotificationException("the body is empty");
    }
    CommsNotifications notifications;
    try {
      notifications =
          charset == null || StandardCharsets.UTF_8.equals(charset)
              ? mapper.readValue(body, CommsNotifications.class)
              : mapper.readValue(new String(body, charset), CommsNotifications.class);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new MalformedNotificationException(
          "malformed commsNotifications JSON"
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
              + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new MalformedNotificationException("unreadable body: " + e.getMessage());
    }
    if (notifications == null) {
      throw new MalformedNotificationException("the body is JSON null, not a commsNotifications object");
    }
    if (notifications.value() == null) {
      throw new MalformedNotificationException("the body has no 'value' array of commsNotification");
    }
    return notifications;
  }
}
