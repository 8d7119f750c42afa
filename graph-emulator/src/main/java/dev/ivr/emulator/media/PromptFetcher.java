package dev.ivr.emulator.media;

import dev.ivr.emulator.EmulatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fetches prompt files over HTTP, as the media platform does, and checks they are 16 kHz mono
 * 16-bit PCM WAV. Files fetched with a {@code resourceId} are cached under it (per app, for the
 * emulator's lifetime); a later prompt with the same resourceId is not fetched again.
 */
public final class PromptFetcher {

  /** 8536: the file could not be downloaded. */
  public static final int DOWNLOAD_FAILED = 8536;
  /** 8535: the file format is not supported. */
  public static final int INVALID_FORMAT = 8535;

  /**
   * A fetched prompt, or why it failed.
   *
   * @param uri the prompt URI
   * @param durationSeconds playback length read from the WAV header (0 on failure)
   * @param failSubcode null on success, else 8535 or 8536
   * @param failMessage the failure's message
   */
  public record Prompt(String uri, double durationSeconds, Integer failSubcode, String failMessage) {
    public boolean ok() {
      return failSubcode == null;
    }
  }

  /**
   * One download, as the media platform saw it: the URI, the HTTP status (0 when there was no
   * answer) and the sha256 of the bytes it got (null unless 2xx), so a test can tell which file
   * Graph really played.
   */
  public record Fetch(String uri, int status, String sha256) {}

  /** The most recent downloads, oldest first; bounded so that a long run does not grow it. */
  private static final int MAX_FETCHES = 1_000;
  private final java.util.Deque<Fetch> recent = new java.util.concurrent.ConcurrentLinkedDeque<>();

  private final EmulatorConfig config;
  private final HttpClient http;
  private final Map<String, Prompt> byResourceId = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();

  public PromptFetcher(EmulatorConfig config, Executor executor) {
    this.config = config;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(executor)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  /** The prompt, from the resourceId cache or fetched. Never completes exceptionally. */
  public CompletableFuture<Prompt> get(String uri, String resourceId) {
    String key = resourceId == null ? null : resourceId.toLowerCase(Locale.ROOT);
    if (key != null) {
      Prompt cached = byResourceId.get(key);
      if (cached != null) return CompletableFuture.completedFuture(cached);
    }
    return fetch(uri).thenApply(p -> {
      if (key != null && p.ok()) byResourceId.putIfAbsent(key, p);
      return p;
    });
  }

  /** How many times this URI was downloaded. */
  public int fetchCount(String uri) {
    AtomicInteger n = fetches.get(uri);
    return n == null ? 0 : n.get();
  }

  /** The most recent downloads (up to 1,000), oldest first. */
  public java.util.List<Fetch> fetches() {
    return java.util.List.copyOf(recent);
  }

  private void journal(String uri, int status, byte[] body) {
    String sha256 = null;
    if (body != null) {
      try {
        sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    recent.addLast(new Fetch(uri, status, sha256));
    while (recent.size() > MAX_FETCHES) {
      recent.pollFirst();
    }
  }

  private CompletableFuture<Prompt> fetch(String uri) {
    URI u;
    try {
      u = URI.create(uri);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(fail(uri, DOWNLOAD_FAILED, "Invalid prompt URI."));
    }
    String scheme = String.valueOf(u.getScheme()).toLowerCase(Locale.ROOT);
    boolean allowed = scheme.equals("https") || (scheme.equals("http") && config.httpAllowedFor(u.getHost()));
    if (!allowed) {
      return CompletableFuture.completedFuture(fail(uri, DOWNLOAD_FAILED, "Only https prompt URIs can be downloaded."));
    }
    fetches.computeIfAbsent(uri, k -> new AtomicInteger()).incrementAndGet();
    HttpRequest req = HttpRequest.newBuilder(u).timeout(Duration.ofSeconds(10)).GET().build();
    return http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray())
        .handle((resp, err) -> {
          journal(uri, err != null ? 0 : resp.statusCode(), err == null && resp.statusCode() / 100 == 2 ? resp.body() : null);
          if (err != null) return fail(uri, DOWNLOAD_FAILED, "File could not be downloaded: " + err.getClass().getSimpleName());
          if (resp.statusCode() / 100 != 2) {
            return fail(uri, DOWNLOAD_FAILED, "File could not be downloaded: HTTP " + resp.statusCode());
          }
          try {
            Wav.Format f = Wav.read(resp.body());
            if (!f.isGraphCompatible()) {
              return fail(uri, INVALID_FORMAT, "Invalid file format: " + f.sampleRate() + " Hz, " + f.channels()
                  + " channel(s), " + f.bitsPerSample() + "-bit, format " + f.audioFormat()
                  + "; expected 16 kHz mono 16-bit PCM.");
            }
            return new Prompt(uri, f.durationSeconds(), null, null);
          } catch (IllegalArgumentException e) {
            return fail(uri, INVALID_FORMAT, "Invalid file format: " + e.getMessage());
          }
        });
  }

  private static Prompt fail(String uri, int subcode, String message) {
    return new Prompt(uri, 0, subcode, message);
  }
}
