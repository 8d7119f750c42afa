package dev.ivr.emulator.admin;

import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.HttpError;
import dev.ivr.emulator.http.Router;

/**
 * The admin API under {@code /admin}, separate from the Graph surface and needing no token. It is
 * the REST face of {@link EmulatorAdmin}'s Java API; see the module README for the reference.
 */
public final class AdminRoutes {

  private AdminRoutes() {}

  public static void register(Router router, EmulatorAdmin emulator) {
    router
        .add("POST", "/admin/calls", wrap(new RaiseCallHandler(emulator)))
        .add("GET", "/admin/calls", wrap(r -> AdminJson.ok(AdminJson.calls(emulator.calls()))))
        .add("GET", "/admin/calls/{id}", wrap(r -> AdminJson.ok(AdminJson.call(emulator.call(r.param("id"))))))
        .add("POST", "/admin/calls/{id}/tones", wrap(new PressTonesHandler(emulator)))
        .add("POST", "/admin/calls/{id}/hangup", wrap(new HangUpHandler(emulator)))
        .add("GET", "/admin/calls/{id}/recordings/{opId}", wrap(new RecordingBytesHandler(emulator)))
        .add("GET", "/admin/journal", wrap(new JournalHandler(emulator)))
        .add("DELETE", "/admin/journal", wrap(r -> {
          emulator.clearJournal();
          return dev.ivr.emulator.http.Response.empty(204);
        }))
        .add("GET", "/admin/turnarounds", wrap(new TurnaroundsHandler(emulator)))
        .add("GET", "/admin/faults", wrap(new FaultsHandler(emulator)))
        .add("POST", "/admin/faults", wrap(new FaultsHandler(emulator)))
        .add("POST", "/admin/callees", wrap(new CalleesHandler(emulator)))
        .add("POST", "/admin/keys/rotate", wrap(r -> AdminJson.ok(
            dev.ivr.emulator.http.Json.object().put("kid", emulator.rotateSigningKey()))))
        .add("POST", "/admin/notification-token", wrap(new NotificationTokenHandler(emulator)))
        .add("GET", "/admin/health", r -> AdminJson.ok(dev.ivr.emulator.http.Json.object().put("status", "up")
            .put("baseUrl", emulator.baseUrl()).put("emulatedSeconds", emulator.emulatedNow())));
  }

  /** Maps {@link IllegalArgumentException} to 400 (404 for an unknown call). */
  private static Handler wrap(Handler h) {
    return r -> {
      try {
        return h.handle(r);
      } catch (IllegalArgumentException e) {
        String msg = String.valueOf(e.getMessage());
        if (msg.startsWith("unknown call") || msg.startsWith("no recording")) throw new HttpError(404, "NotFound", msg);
        throw new HttpError(400, "BadRequest", msg);
      }
    };
  }
}
