package dev.ivr.emulator.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ivr.emulator.FaultPlan;
import dev.ivr.emulator.auth.TokenService;
import dev.ivr.emulator.faults.FaultDice;
import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.HttpError;
import dev.ivr.emulator.http.Json;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;
import dev.ivr.emulator.time.EmulatedClock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What every {@code /v1.0} request goes through: the bearer-token check (401), injected faults
 * (slow responses, 429/5xx), Graph's response headers, and Graph's error body with
 * {@code innerError}.
 */
final class GraphSurface {

  static final String GRAPH_JSON = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";
  private static final String DIAGNOSTIC =
      "{\"ServerInfo\":{\"DataCenter\":\"Emulator\",\"Slice\":\"E\",\"Ring\":\"0\",\"ScaleUnit\":\"000\",\"RoleInstance\":\"EMU000000000001\"}}";

  private final TokenService tokens;
  private final CallRegistry calls;
  private final EmulatedClock clock;

  GraphSurface(TokenService tokens, CallRegistry calls, EmulatedClock clock) {
    this.tokens = tokens;
    this.calls = calls;
    this.clock = clock;
  }

  Handler wrap(String action, Handler handler) {
    return req -> {
      String requestId = UUID.randomUUID().toString();
      String clientRequestId = req.header("client-request-id") != null ? req.header("client-request-id") : requestId;
      Response resp;
      try {
        checkToken(req);
        FaultDice dice = calls.diceFor(req.param("id"));
        FaultPlan plan = dice.plan();
        if (plan.slowResponseSeconds() > 0) Thread.sleep(clock.realNanos(plan.slowResponseSeconds()) / 1_000_000);
        FaultPlan.GraphError injected = dice.graphError(action);
        if (injected != null) throw injected(injected);
        resp = handler.handle(req);
      } catch (HttpError e) {
        resp = error(e, requestId, clientRequestId);
      }
      if (resp.contentType() != null && resp.contentType().startsWith("application/json")) {
        resp = new Response(resp.status(), resp.headers(), GRAPH_JSON, resp.body(), resp.chunked());
      }
      return resp.withHeader("request-id", requestId)
          .withHeader("client-request-id", clientRequestId)
          .withHeader("x-ms-ags-diagnostic", DIAGNOSTIC)
          .withHeader("Strict-Transport-Security", "max-age=31536000")
          .withHeader("Cache-Control", "no-cache");
    };
  }

  private void checkToken(Request req) {
    switch (tokens.check(req.header("Authorization"))) {
      case VALID -> { }
      case MISSING -> throw new HttpError(401, "InvalidAuthenticationToken", "Access token is empty.",
          Map.of("WWW-Authenticate", "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\""));
      case EXPIRED -> throw new HttpError(401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired.",
          Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
      case UNKNOWN -> throw new HttpError(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.",
          Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
    }
  }

  private static HttpError injected(FaultPlan.GraphError e) {
    Map<String, String> headers = e.retryAfterSeconds() > 0
        ? Map.of("Retry-After", trim(e.retryAfterSeconds())) : Map.of();
    return switch (e.status()) {
      case 429 -> new HttpError(429, "TooManyRequests", "Please retry again later.", headers);
      case 500 -> new HttpError(500, "UnknownError", "Unexpected exception returned from the service.", headers);
      case 503 -> new HttpError(503, "ServiceUnavailable", "The service is temporarily unavailable.", headers);
      case 504 -> new HttpError(504, "GatewayTimeout", "The gateway timed out.", headers);
      default -> new HttpError(e.status(), "InjectedFault", "Injected fault " + e.status() + ".", headers);
    };
  }

  private static String trim(double d) {
    String s = String.format(Locale.ROOT, "%.3f", d);
    return s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  static Response error(HttpError e, String requestId, String clientRequestId) {
    ObjectNode body = Json.object();
    ObjectNode err = body.putObject("error").put("code", e.code()).put("message", e.getMessage());
    ObjectNode inner = err.putObject("innerError");
    String date = LocalDateTime.now(ZoneOffset.UTC).withNano(0).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    if (e.status() == 429) {
      inner.put("code", "429").put("date", date).put("message", "Please retry after").put("request-id", requestId)
          .put("status", "429");
    } else {
      inner.put("date", date).put("request-id", requestId).put("client-request-id", clientRequestId);
    }
    Response r = Response.json(e.status(), body);
    for (var h : e.headers().entrySet()) r = r.withHeader(h.getKey(), h.getValue());
    return r;
  }
}
