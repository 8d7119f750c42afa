package dev.ivr.api.recording;

import dev.ivr.recordings.RecordingLinks;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Recordings at signed, expiring URLs that the worker made ({@link RecordingLinks}), open to whoever
 * holds one (no credentials: the token is the credential):
 *
 * <ul>
 *   <li>{@code GET /media/recordings/{token}.wav}: for Graph, which plays a recording back (minutes);
 *   <li>{@code GET /media/downloads/{token}.wav}: a delivery hook's download link (hours), as an
 *       attachment.
 * </ul>
 *
 * Both are 16 kHz mono 16-bit PCM WAV as Graph recorded them, with HTTP Range. A token that is
 * malformed, forged, expired or made for the other endpoint gets one 403 problem for all (and so
 * does every token while the api has no key); a valid token whose recording is no longer in the
 * store gets 404. Neither tells anything about the recording; the token is never logged.
 */
@RestController
class RecordingLinkController {
  private static final Logger log = LoggerFactory.getLogger(RecordingLinkController.class);
  private static final MediaType WAV = MediaType.parseMediaType("audio/wav");

  private final RecordingSource recordings;
  private final RecordingLinks links;
  private final Clock clock = Clock.systemUTC();

  RecordingLinkController(RecordingSource recordings, MediaProperties properties) {
    this.recordings = recordings;
    RecordingLinks signer = null;
    try {
      signer = RecordingLinks.withKey(properties.key(), "ivr.media.signing-key (IVR_MEDIA_SIGNING_KEY[_FILE])");
    } catch (IllegalArgumentException e) {
      log.warn("{}: every recording link is refused (403); give the api the worker's key", e.getMessage());
    }
    this.links = signer;
  }

  @GetMapping("/media/recordings/{token}.wav")
  ResponseEntity<?> play(@PathVariable String token) {
    return serve(RecordingLinks.PLAY, token, null);
  }

  @GetMapping("/media/downloads/{token}.wav")
  ResponseEntity<?> download(@PathVariable String token) {
    return serve(RecordingLinks.DOWNLOAD, token, ContentDisposition.attachment().filename("recording.wav").build());
  }

  private ResponseEntity<?> serve(String purpose, String token, ContentDisposition disposition) {
    Optional<String> location = links == null ? Optional.empty() : links.verify(purpose, token, clock.instant());
    if (location.isEmpty()) {
      log.info("refused a recording link ({}): malformed, forged, expired or for the other endpoint", purpose);
      return problem(HttpStatus.FORBIDDEN, "this link is not valid, or has expired");
    }
    Optional<Resource> wav = recordings.open(location.get());
    if (wav.isEmpty()) {
      return problem(HttpStatus.NOT_FOUND, "the recording is no longer kept");
    }
    // a Resource body: Spring MVC answers Range requests with 206 and the asked bytes
    ResponseEntity.BodyBuilder ok = ResponseEntity.ok().contentType(WAV)
        .header(HttpHeaders.ACCEPT_RANGES, "bytes")
        .cacheControl(CacheControl.noStore().cachePrivate());
    if (disposition != null) {
      ok.header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString());
    }
    return ok.body(wav.get());
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemDetail.forStatusAndDetail(status, detail));
  }
}
