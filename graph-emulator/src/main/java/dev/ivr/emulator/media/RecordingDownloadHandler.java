package dev.ivr.emulator.media;

import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.HttpError;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;
import dev.ivr.emulator.time.EmulatedClock;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /recordings/{id}} (the {@code recordingLocation}): the WAV, only with
 * {@code Authorization: Bearer <recordingAccessToken>}, as {@code application/octet-stream},
 * chunked. {@code Range: bytes=N-} (or {@code N-M}) answers 206 so a download can resume. Unknown or
 * expired recordings answer 404; a missing, wrong or expired token answers 401. A call's fault plan
 * can make them answer 404 or 401 anyway, or 503 for the first N attempts ({@code failFirst:N}).
 */
public final class RecordingDownloadHandler implements Handler {

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

  private final RecordingStore store;
  private final EmulatedClock clock;
  private final Function<String, String> recordingFaultOfCall;
  /** Download attempts per recording, for the transient {@code failFirst:N} fault. */
  private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

  /** @param recordingFaultOfCall the {@code recordingFault} of a call's fault plan */
  public RecordingDownloadHandler(RecordingStore store, EmulatedClock clock, Function<String, String> recordingFaultOfCall) {
    this.store = store;
    this.clock = clock;
    this.recordingFaultOfCall = recordingFaultOfCall;
  }

  @Override
  public Response handle(Request r) {
    RecordingStore.Recording rec = store.byId(r.param("id")).orElse(null);
    if (rec == null || store.expired(rec.id())) throw new HttpError(404, "NotFound", "The recording was not found.");
    String fault = recordingFaultOfCall.apply(rec.callId());
    if ("notFound".equals(fault)) throw new HttpError(404, "NotFound", "The recording was not found.");
    if ("unauthorized".equals(fault)) throw unauthorized();
    if (fault != null && fault.startsWith("failFirst:")
        && attempts.merge(rec.id(), 1, Integer::sum) <= Integer.parseInt(fault.substring("failFirst:".length()))) {
      throw new HttpError(503, "ServiceUnavailable", "The recording service is temporarily unavailable.");
    }
    String auth = r.header("Authorization");
    if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) throw unauthorized();
    String token = auth.substring(7).trim();
    if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), rec.accessToken().getBytes(StandardCharsets.UTF_8))) {
      throw unauthorized();
    }
    if (clock.now() > rec.tokenExpiresAt()) throw unauthorized();
    byte[] wav = rec.wav();
    String range = r.header("Range");
    if (range != null) {
      Matcher m = RANGE.matcher(range.trim());
      if (!m.matches()) throw new HttpError(416, "RangeNotSatisfiable", "Unsupported Range header.");
      long from = Long.parseLong(m.group(1));
      long to = m.group(2).isEmpty() ? wav.length - 1 : Math.min(Long.parseLong(m.group(2)), wav.length - 1);
      if (from >= wav.length || from > to) {
        throw new HttpError(416, "RangeNotSatisfiable", "Range not satisfiable.",
            java.util.Map.of("Content-Range", "bytes */" + wav.length));
      }
      byte[] part = Arrays.copyOfRange(wav, (int) from, (int) to + 1);
      return Response.bytes(206, "application/octet-stream", part, true)
          .withHeader("Content-Range", "bytes " + from + "-" + to + "/" + wav.length)
          .withHeader("Accept-Ranges", "bytes");
    }
    return Response.bytes(200, "application/octet-stream", wav, true).withHeader("Accept-Ranges", "bytes");
  }

  private static HttpError unauthorized() {
    return new HttpError(401, "Unauthorized", "The recording access token is missing, invalid or expired.",
        java.util.Map.of("WWW-Authenticate", "Bearer"));
  }
}
