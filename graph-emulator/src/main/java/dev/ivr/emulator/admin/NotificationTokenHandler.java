package dev.ivr.emulator.admin;

import dev.ivr.emulator.NotificationTokenVariant;
import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;
import java.util.Locale;

/**
 * {@code POST /admin/notification-token} {@code {"variant":"valid|badSignature|expired|wrongAudience|wrongIssuer|none"}}:
 * how following notification tokens are made, to test the bot's validation.
 */
final class NotificationTokenHandler implements Handler {
  private final EmulatorAdmin emulator;

  NotificationTokenHandler(EmulatorAdmin emulator) {
    this.emulator = emulator;
  }

  @Override
  public Response handle(Request r) {
    String v = r.json().path("variant").asText("valid").replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    emulator.notificationTokenVariant(NotificationTokenVariant.valueOf(v));
    return Response.empty(204);
  }
}
