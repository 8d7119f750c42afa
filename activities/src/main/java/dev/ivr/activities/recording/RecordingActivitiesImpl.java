package dev.ivr.activities.recording;

import dev.ivr.activities.RetryAfter;
import dev.ivr.recordings.RecordingStore;
import dev.ivr.workflows.event.RecordingStored;
import dev.ivr.workflows.graph.DownloadRecording;
import dev.ivr.workflows.graph.RecordingActivities;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a finished recording from Graph's {@code recordingLocation} into a {@link RecordingStore}.
 *
 * <ul>
 *   <li>Sends the recording's own {@code recordingAccessToken} as a bearer token (never the Graph
 *       token), and only to the location's origin.
 *   <li>Streams through a fixed {@value #BUFFER_SIZE}-byte buffer, checking the RIFF/WAVE header and
 *       computing size, duration and sha256 on the way; heartbeats the bytes stored so far.
 *   <li>A retry resumes from the last heartbeat with {@code Range: bytes=N-} when the server answers
 *       206, and starts again from byte 0 when it answers 200.
 *   <li>Idempotent by recording id: a recording already stored completely is measured, not fetched.
 *   <li>A read that makes no progress for the stall timeout is aborted (and retried), so an attempt
 *       never hangs past its heartbeat timeout.
 * </ul>
 *
 * Neither the token nor the location's query string is ever logged.
 */
public final class RecordingActivitiesImpl implements RecordingActivities {
  /** A transient failure: retried by Temporal. */
  static final String DOWNLOAD_FAILED = "RecordingDownloadFailed";
  /** The request itself cannot be served (no or an unsafe location, a bad id): not retried. */
  static final String INVALID_REQUEST = "RecordingRequestInvalid";

  static final int BUFFER_SIZE = 64 * 1024;
  private static final int MAX_REDIRECTS = 3;
  private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(15);
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-\\d+/(\\d+|\\*)");
  private static final Logger log = LoggerFactory.getLogger(RecordingActivitiesImpl.class);
  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "recording-download-watchdog");
    thread.setDaemon(true);
    return thread;
  });

  private final RecordingStore store;
  private final HttpClient http;
  private final Duration stallTimeout;
  private final RecordingMetrics metrics;
  private final Set<String> httpAllowedHosts;

  /** Downloads into {@code store}, with a 5 s connect timeout and a 15 s stall timeout. */
  public RecordingActivitiesImpl(RecordingStore store) {
    this(store, DEFAULT_CONNECT_TIMEOUT, DEFAULT_STALL_TIMEOUT);
  }

  /** Downloads into {@code store}, recording {@link RecordingMetrics} in {@code meters}. */
  public RecordingActivitiesImpl(RecordingStore store, MeterRegistry meters) {
    this(store, meters, Set.of());
  }

  /**
   * As {@link #RecordingActivitiesImpl(RecordingStore, MeterRegistry)}, and recording locations may also
   * use plain http on {@code httpAllowedHosts} (development: the Graph settings' allowance).
   */
  public RecordingActivitiesImpl(RecordingStore store, MeterRegistry meters, Set<String> httpAllowedHosts) {
    this(store, DEFAULT_CONNECT_TIMEOUT, DEFAULT_STALL_TIMEOUT, meters, httpAllowedHosts);
  }

  /**
   * @param stallTimeout how long one read may wait for bytes; keep it below the activity's heartbeat
   *     timeout
   */
  public RecordingActivitiesImpl(RecordingStore store, Duration connectTimeout, Duration stallTimeout) {
    this(store, connectTimeout, stallTimeout, new CompositeMeterRegistry());
  }

  public RecordingActivitiesImpl(RecordingStore store, Duration connectTimeout, Duration stallTimeout,
      MeterRegistry meters) {
    this(store, connectTimeout, stallTimeout, meters, Set.of());
  }

  private RecordingActivitiesImpl(RecordingStore store, Duration connectTimeout, Duration stallTimeout,
      MeterRegistry meters, Set<String> httpAllowedHosts) {
    this.httpAllowedHosts = Set.copyOf(httpAllowedHosts);
    this.store = Objects.requireNonNull(store, "store");
    this.metrics = new RecordingMetrics(meters);
    this.stallTimeout = Objects.requireNonNull(stallTimeout, "stallTimeout");
    this.http = HttpClient.newBuilder()
        .connectTimeout(Objects.requireNonNull(connectTimeout, "connectTimeout"))
        .followRedirects(HttpClient.Redirect.NEVER) // followed by hand, so the token stays on its origin
        .build();
  }

  @Override
  public RecordingStored downloadRecording(DownloadRecording request) {
    long started = System.nanoTime();
    String outcome = RecordingMetrics.FAILED;
    try {
      Fetched fetched = fetch(request);
      outcome = fetched.downloaded() ? RecordingMetrics.STORED : RecordingMetrics.ALREADY_STORED;
      return fetched.stored();
    } catch (ApplicationFailure failure) {
      outcome = failure.isNonRetryable() ? RecordingMetrics.FAILED : RecordingMetrics.RETRIED;
      throw failure;
    } finally {
      metrics.download(outcome, System.nanoTime() - started);
    }
  }

  /** A stored recording, and whether this attempt downloaded it (rather than finding it stored). */
  private record Fetched(RecordingStored stored, boolean downloaded) {}

  private Fetched fetch(DownloadRecording request) {
    String recordingId = request.recordingId();
    if (recordingId == null || recordingId.isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure("the recording id is missing", INVALID_REQUEST);
    }
    ActivityExecutionContext context = Activity.getExecutionContext();
    try {
      Optional<RecordingStored> existing = alreadyStored(request);
      if (existing.isPresent()) {
        log.info("recording {} is already stored at {}; not downloading it again", recordingId,
            existing.get().location());
        return new Fetched(existing.get(), false);
      }
      URI location = RecordingLocation.checked(request.location(), httpAllowedHosts);
      long resumeFrom = context.getHeartbeatDetails(Long.class).orElse(0L);
      try (RecordingStore.Sink sink = store.open(recordingId)) {
        try {
          return new Fetched(download(request, location, sink, resumeFrom, context), true);
        } catch (ApplicationFailure failure) {
          if (failure.isNonRetryable()) {
            sink.abort();
          }
          throw failure;
        } catch (NotWavException e) {
          sink.abort();
          throw ApplicationFailure.newNonRetryableFailure(
              "recording " + recordingId + " from " + RecordingLocation.redacted(location) + " is not a WAV file: "
                  + e.getMessage(),
              NOT_WAV);
        }
      }
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), INVALID_REQUEST, e);
    } catch (IOException e) {
      throw retryable("recording " + recordingId + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(),
          null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw retryable("recording " + recordingId + ": interrupted", null, e);
    }
  }

  private RecordingStored download(DownloadRecording request, URI location, RecordingStore.Sink sink,
      long resumeFrom, ActivityExecutionContext context) throws IOException, InterruptedException, NotWavException {
    long offset = Math.max(0, Math.min(resumeFrom, sink.size()));
    sink.truncate(offset);
    Progress progress = new Progress();
    if (offset > 0) {
      progress.replay(sink, offset);
    }

    HttpResponse<InputStream> response = send(location, request.accessToken(), offset);
    if (offset > 0) {
      int status = response.statusCode();
      if (status == 206 && rangeStartsAt(response, offset)) {
        log.info("resuming recording {} at byte {}", request.recordingId(), offset);
      } else if (status == 200 || status == 206 || status == 416) {
        log.info("the server did not resume recording {} at byte {} (HTTP {}); downloading it from the start",
            request.recordingId(), offset, status);
        if (status != 200) {
          discard(response);
          response = send(location, request.accessToken(), 0);
        }
        offset = 0;
        sink.truncate(0);
        progress = new Progress();
      }
    }
    requireSuccess(request, location, response, offset);
    long expected = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    expected = expected < 0 ? -1 : offset + expected;

    byte[] buffer = new byte[BUFFER_SIZE];
    try (InputStream body = response.body()) {
      int read;
      while ((read = readWithin(body, buffer)) >= 0) {
        if (read == 0) {
          continue;
        }
        progress.update(buffer, read);
        sink.write(buffer, 0, read);
        metrics.bytes(read);
        context.heartbeat(progress.bytes);
      }
    }
    if (expected >= 0 && progress.bytes != expected) {
      throw new IOException("the body ended after " + progress.bytes + " of " + expected + " bytes");
    }
    WavInspector.Summary wav = progress.wav.finish();
    String sha256 = HexFormat.of().formatHex(progress.sha256.digest());
    String stored = sink.commit();
    if (!wav.format().isPcm()) {
      log.warn("recording {} is not PCM ({}); stored as received", request.recordingId(), wav.format());
    }
    log.info("stored recording {} at {}: {} bytes, {} ms, {}, sha256 {}", request.recordingId(), stored,
        progress.bytes, wav.durationMillis(), wav.format(), sha256);
    return new RecordingStored(request.nodeId(), request.operationId(), request.completionReason(), stored,
        progress.bytes, wav.durationMillis(), sha256);
  }

  /** A recording stored completely by an earlier attempt, measured again from the store. */
  private Optional<RecordingStored> alreadyStored(DownloadRecording request) throws IOException {
    Optional<RecordingStore.StoredRecording> found = store.find(request.recordingId());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Progress progress = new Progress();
    byte[] buffer = new byte[BUFFER_SIZE];
    try (InputStream in = found.get().openStream()) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        progress.update(buffer, read);
      }
      WavInspector.Summary wav = progress.wav.finish();
      return Optional.of(new RecordingStored(request.nodeId(), request.operationId(), request.completionReason(),
          found.get().location(), progress.bytes, wav.durationMillis(),
          HexFormat.of().formatHex(progress.sha256.digest())));
    } catch (NotWavException e) {
      log.warn("stored recording {} is not a valid WAV ({}); downloading it again", request.recordingId(),
          e.getMessage());
      store.delete(request.recordingId());
      return Optional.empty();
    }
  }

  private HttpResponse<InputStream> send(URI location, String token, long offset)
      throws IOException, InterruptedException {
    URI target = location;
    for (int redirects = 0; ; redirects++) {
      HttpRequest.Builder builder = HttpRequest.newBuilder(target).GET().timeout(stallTimeout);
      // The token belongs to the location's origin only; a redirect elsewhere does not get it.
      if (token != null && !token.isBlank() && RecordingLocation.sameOrigin(target, location)) {
        builder.header("Authorization", "Bearer " + token);
      }
      if (offset > 0) {
        builder.header("Range", "bytes=" + offset + "-");
      }
      HttpResponse<InputStream> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
      int status = response.statusCode();
      Optional<String> next = response.headers().firstValue("Location");
      if (status < 300 || status >= 400 || status == 304 || next.isEmpty()) {
        return response;
      }
      discard(response);
      if (redirects >= MAX_REDIRECTS) {
        throw new IOException("more than " + MAX_REDIRECTS + " redirects from " + RecordingLocation.redacted(location));
      }
      target = RecordingLocation.checked(target.resolve(next.get()).toString(), httpAllowedHosts);
    }
  }

  private void requireSuccess(DownloadRecording request, URI location, HttpResponse<InputStream> response,
      long offset) {
    int status = response.statusCode();
    if (status == (offset > 0 ? 206 : 200)) {
      return;
    }
    discard(response);
    String message =
        "recording " + request.recordingId() + " from " + RecordingLocation.redacted(location) + ": HTTP " + status;
    if (status == 401 || status == 403 || status == 404 || status == 410) {
      throw ApplicationFailure.newNonRetryableFailure(
          message + " (the recording was discarded or its access token expired)", RECORDING_GONE);
    }
    Duration retryAfter = status == 429 || status == 503
        ? response.headers().firstValue("Retry-After").flatMap(RetryAfter::parse).orElse(null)
        : null;
    throw retryable(message, retryAfter, null);
  }

  private int readWithin(InputStream body, byte[] buffer) throws IOException {
    // the flag is set before the body is closed, so the read that the close interrupts sees it
    AtomicBoolean stalled = new AtomicBoolean();
    ScheduledFuture<?> stall = WATCHDOG.schedule(() -> {
      stalled.set(true);
      closeQuietly(body);
    }, stallTimeout.toMillis(), TimeUnit.MILLISECONDS);
    try {
      int read = body.read(buffer);
      if (read < 0 && stalled.get()) {
        throw new IOException("no bytes for " + stallTimeout + "; download aborted");
      }
      return read;
    } catch (IOException e) {
      if (stalled.get()) {
        throw new IOException("no bytes for " + stallTimeout + "; download aborted", e);
      }
      throw e;
    } finally {
      stall.cancel(false);
    }
  }

  private static boolean rangeStartsAt(HttpResponse<?> response, long offset) {
    Optional<String> range = response.headers().firstValue("Content-Range");
    if (range.isEmpty()) {
      return false;
    }
    Matcher matcher = CONTENT_RANGE.matcher(range.get().trim());
    return matcher.matches() && Long.parseLong(matcher.group(1)) == offset;
  }

  private static ApplicationFailure retryable(String message, Duration nextRetryDelay, Throwable cause) {
    ApplicationFailure.Builder failure = ApplicationFailure.newBuilder()
        .setMessage(message)
        .setType(DOWNLOAD_FAILED)
        .setNonRetryable(false)
        .setCause(cause);
    if (nextRetryDelay != null) {
      failure.setNextRetryDelay(nextRetryDelay);
    }
    log.warn("{}; will be retried", message);
    return failure.build();
  }

  private static void discard(HttpResponse<InputStream> response) {
    closeQuietly(response.body());
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // nothing left to do with a body we are abandoning
    }
  }

  /** What has been seen of the file so far: its bytes' count, hash and WAV header. */
  private static final class Progress {
    private final MessageDigest sha256 = newSha256();
    private final WavInspector wav = new WavInspector();
    private long bytes;

    void update(byte[] buffer, int length) throws NotWavException {
      wav.update(buffer, 0, length);
      sha256.update(buffer, 0, length);
      bytes += length;
    }

    /** Feeds the first {@code length} bytes already in the sink, from an earlier attempt. */
    void replay(RecordingStore.Sink sink, long length) throws IOException, NotWavException {
      byte[] buffer = new byte[BUFFER_SIZE];
      try (InputStream in = sink.readExisting()) {
        long left = length;
        while (left > 0) {
          int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
          if (read < 0) {
            throw new IOException("the partial recording is shorter than " + length + " bytes");
          }
          update(buffer, read);
          left -= read;
        }
      }
    }

    private static MessageDigest newSha256() {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is missing from this JVM", e);
      }
    }
  }
}
