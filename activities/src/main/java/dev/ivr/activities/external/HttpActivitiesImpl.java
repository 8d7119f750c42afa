package dev.ivr.activities.external;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ivr.activities.RetryAfter;
import dev.ivr.activities.recording.RecordingUrls;
import dev.ivr.workflows.external.HttpActivities;
import dev.ivr.workflows.external.OutboundHttpRequest;
import dev.ivr.workflows.external.OutboundHttpResponse;
import dev.ivr.workflows.flow.HttpAuth;
import dev.ivr.workflows.flow.StatusRange;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A flow's request to an external system over {@link java.net.http.HttpClient}: one exchange per
 * activity attempt, bounded by the request's {@code timeoutMillis} from sending to the body's last byte.
 *
 * <ul>
 *   <li>Only http and https URLs; anything else fails {@link HttpActivities#HTTP_INVALID}, final.
 *   <li>{@code jsonBody} is sent as UTF-8 with {@code Content-Type: application/json}, unless the
 *       request names its own Content-Type (e.g. {@code application/merge-patch+json}).
 *   <li>The body is read through a {@value #MAX_BODY_BYTES}-byte cap: what is beyond it is not read,
 *       and a truncated body is not parsed as JSON.
 *   <li>{@code auth}: the header made from a secret of {@link FlowSecrets}, added here and nowhere
 *       else; a secret this worker lacks fails {@link HttpActivities#HTTP_SECRET_MISSING}, final.
 *   <li>A status among the request's {@code answeredStatuses} (the flow routes it) is returned as it is.
 *   <li>A 2xx answer is returned; any other status fails {@link HttpActivities#HTTP_STATUS} with the
 *       status as the failure's first detail, retryable for 408, 429 and 5xx (after
 *       {@code Retry-After} when given), final otherwise. Redirects are not followed (a 3xx is final):
 *       the request's headers may carry credentials and must not follow a redirect elsewhere.
 *   <li>I/O errors fail {@value #HTTP_IO} and timeouts {@value #HTTP_TIMEOUT}, both retryable.
 * </ul>
 *
 * Header values, bodies and query strings are never logged nor put into failure messages: they may
 * carry credentials or personal data.
 */
public final class HttpActivitiesImpl implements HttpActivities {
  /** The connection failed or broke: retryable. */
  public static final String HTTP_IO = "HttpIoError";
  /** No complete answer within the attempt's timeout: retryable. */
  public static final String HTTP_TIMEOUT = "HttpTimeout";

  static final int MAX_BODY_BYTES = 256 * 1024;
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
  /** Headers that java.net.http sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger log = LoggerFactory.getLogger(HttpActivitiesImpl.class);

  private final HttpClient http;
  private final FlowSecrets secrets;
  private final RecordingUrls recordings;

  /** HTTP/1.1, a 5 s connect timeout, redirects not followed; no secrets. */
  public HttpActivitiesImpl() {
    this(FlowSecrets.none());
  }

  /** HTTP/1.1, a 5 s connect timeout, redirects not followed; credentials from {@code secrets}. */
  public HttpActivitiesImpl(FlowSecrets secrets) {
    this(client(), secrets);
  }

  private static HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(DEFAULT_CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** With this client (its redirect policy applies; keep it {@code NEVER} when headers carry credentials). */
  public HttpActivitiesImpl(HttpClient http) {
    this(http, FlowSecrets.none());
  }

  public HttpActivitiesImpl(HttpClient http, FlowSecrets secrets) {
    this(http, secrets, RecordingUrls.none());
  }

  /**
   * Also putting signed download URLs where a flow's {@code recordingDownloadUrl(...)} left a
   * placeholder (url, headers, body), when the request is sent: the URLs are never in history.
   */
  public HttpActivitiesImpl(FlowSecrets secrets, RecordingUrls recordings) {
    this(client(), secrets, recordings);
  }

  public HttpActivitiesImpl(HttpClient http, FlowSecrets secrets, RecordingUrls recordings) {
    this.http = Objects.requireNonNull(http, "http");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.recordings = Objects.requireNonNull(recordings, "recordings");
  }


  @Override
  public OutboundHttpResponse request(OutboundHttpRequest request) {
    if (request == null) {
      throw ApplicationFailure.newNonRetryableFailure("the http request is missing", HTTP_INVALID);
    }
    request = withDownloadUrls(request);
    String method = method(request.method());
    URI uri = uri(request.url());
    String target = method + " " + redacted(uri);
    Duration timeout = request.timeoutMillis() > 0 ? Duration.ofMillis(request.timeoutMillis()) : DEFAULT_TIMEOUT;
    HttpRequest outbound = build(request, method, uri, target, timeout);

    long started = System.nanoTime();
    CompletableFuture<HttpResponse<CappedBody>> pending =
        http.sendAsync(outbound, info -> new CappedBodySubscriber(MAX_BODY_BYTES));
    HttpResponse<CappedBody> response;
    try {
      response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw failure(target + ": no complete answer within " + timeout.toMillis() + " ms", HTTP_TIMEOUT, false,
          null, null, null);
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw failure(target + ": interrupted", HTTP_IO, false, null, null, null);
    } catch (CancellationException e) {
      throw failure(target + ": cancelled", HTTP_IO, false, null, null, null);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof HttpTimeoutException) {
        throw failure(target + ": no answer within " + timeout.toMillis() + " ms (" + cause.getClass().getSimpleName()
            + ")", HTTP_TIMEOUT, false, null, null, null);
      }
      if (cause instanceof IllegalArgumentException) {
        throw failure(target + ": the request cannot be sent (" + cause.getMessage() + ")", HTTP_INVALID, true,
            null, null, null);
      }
      throw failure(target + ": " + describe(cause), HTTP_IO, false, null, null, null);
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    int status = response.statusCode();
    CappedBody body = response.body();
    boolean answered = StatusRange.match(request.answeredStatuses(), status) != null;
    if ((status < 200 || status > 299) && !answered) {
      boolean retryable = status == 408 || status == 429 || status >= 500;
      Duration retryAfter = retryable ? retryAfter(response).orElse(null) : null;
      throw failure(target + ": HTTP " + status + " in " + millis + " ms", HTTP_STATUS, !retryable, retryAfter, status,
          null);
    }
    Map<String, String> headers = headers(response);
    Optional<String> contentType = response.headers().firstValue("Content-Type");
    String text = body.text(charset(contentType.orElse(null)));
    Object json = !body.truncated() && isJson(contentType.orElse(null)) ? parseJson(text) : null;
    log.info("{}: HTTP {} in {} ms, {} body bytes{}{}", target, status, millis, body.length(),
        body.truncated() ? " (truncated at the cap)" : "", json != null ? ", JSON" : "");
    return new OutboundHttpResponse(status, headers, text, json);
  }

  /** The request with its download placeholders replaced by freshly signed URLs (unchanged without any). */
  private OutboundHttpRequest withDownloadUrls(OutboundHttpRequest request) {
    if (request.downloads() == null) {
      return request;
    }
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    request.headers().forEach((name, value) -> headers.put(name, recordings.withDownloadUrls(value, request.downloads())));
    return new OutboundHttpRequest(request.method(), recordings.withDownloadUrls(request.url(), request.downloads()),
        headers, recordings.withDownloadUrls(request.jsonBody(), request.downloads()), request.timeoutMillis(),
        request.secure(), request.answeredStatuses(), request.auth(), null);
  }

  private HttpRequest build(OutboundHttpRequest request, String method, URI uri, String target, Duration timeout) {
    try {
      HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout);
      boolean contentTypeGiven = false;
      for (Map.Entry<String, String> header : request.headers().entrySet()) {
        String name = header.getKey() == null ? "" : header.getKey().trim();
        if (name.isEmpty() || header.getValue() == null) {
          continue;
        }
        if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
          log.warn("{}: not sending header {}: the HTTP client sets it itself", target, name);
          continue;
        }
        contentTypeGiven |= name.equalsIgnoreCase("Content-Type");
        builder.header(name, header.getValue());
      }
      if (request.auth() != null) {
        credentials(request.auth(), target).forEach(builder::setHeader);
      }
      if (request.jsonBody() != null) {
        if (!contentTypeGiven) {
          builder.header("Content-Type", "application/json");
        }
        builder.method(method, HttpRequest.BodyPublishers.ofString(request.jsonBody(), StandardCharsets.UTF_8));
      } else {
        builder.method(method, HttpRequest.BodyPublishers.noBody());
      }
      return builder.build();
    } catch (IllegalArgumentException e) {
      // names only: a header value may be a credential
      throw failure(target + ": the request cannot be sent: a header name or value is not valid HTTP", HTTP_INVALID,
          true, null, null, null);
    }
  }

  /** The header the node's secret makes; the value never leaves this method but in the request. */
  private Map<String, String> credentials(HttpAuth auth, String target) {
    String value = secrets.value(auth.secret()).orElseThrow(() -> failure(target + ": the secret '" + auth.secret()
        + "' is not on this worker (" + FlowSecrets.envName(auth.secret()) + " or " + FlowSecrets.DIR + "/"
        + auth.secret() + ")", HTTP_SECRET_MISSING, true, null, null, null));
    return switch (auth.scheme()) {
      case "basic" -> Map.of("Authorization",
          "Basic " + java.util.Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
      case "header" -> Map.of(auth.header(), value);
      default -> Map.of("Authorization", "Bearer " + value);
    };
  }

  private static String method(String method) {
    String m = method == null || method.isBlank() ? "GET" : method.trim().toUpperCase(Locale.ROOT);
    if (!METHODS.contains(m)) {
      throw failure("http method must be one of " + METHODS + ", got " + m, HTTP_INVALID, true, null, null, null);
    }
    return m;
  }

  /** The URL as a URI: absolute, http or https, with a host. */
  static URI uri(String url) {
    if (url == null || url.isBlank()) {
      throw failure("the http url is missing", HTTP_INVALID, true, null, null, null);
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw failure("the http url is not a valid URL", HTTP_INVALID, true, null, null, null);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw failure("the http url must use http or https, got " + (scheme.isEmpty() ? "no scheme" : scheme + ":"),
          HTTP_INVALID, true, null, null, null);
    }
    if (uri.getHost() == null) {
      throw failure("the http url has no host: " + redacted(uri), HTTP_INVALID, true, null, null, null);
    }
    return uri;
  }

  /** Scheme, host, port and path: never the user info or the query, which may carry credentials. */
  static String redacted(URI uri) {
    String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getScheme() + "://" + uri.getHost() + port + path + (uri.getRawQuery() == null ? "" : "?...");
  }

  /** Header names lower-cased; several values of one name joined with {@code ", "}. */
  private static Map<String, String> headers(HttpResponse<?> response) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (name.startsWith(":") || header.getValue().isEmpty()) {
        continue; // HTTP/2 pseudo-headers
      }
      headers.merge(name, String.join(", ", header.getValue()), (a, b) -> a + ", " + b);
    }
    return headers;
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return mediaType.equals("application/json") || mediaType.endsWith("+json") || mediaType.equals("text/json");
  }

  private static Charset charset(String contentType) {
    if (contentType != null) {
      for (String parameter : contentType.split(";")) {
        String[] pair = parameter.trim().split("=", 2);
        if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
          try {
            return Charset.forName(pair[1].trim().replace("\"", ""));
          } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return StandardCharsets.UTF_8;
          }
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  private static Object parseJson(String text) {
    if (text.isBlank()) {
      return null;
    }
    try {
      return JSON.readValue(text, Object.class);
    } catch (IOException e) {
      return null; // said JSON, is not: the text is still there
    }
  }

  private static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").flatMap(RetryAfter::parse);
  }

  /** The error's class, and its root cause's class and message (JDK I/O messages name no URL or header). */
  private static String describe(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    String rootText = root.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    return root == error ? rootText : error.getClass().getSimpleName() + " (" + rootText + ")";
  }

  private static ApplicationFailure failure(String message, String type, boolean nonRetryable,
      Duration nextRetryDelay, Integer status, Throwable cause) {
    ApplicationFailure.Builder builder = ApplicationFailure.newBuilder()
        .setMessage(message)
        .setType(type)
        .setNonRetryable(nonRetryable)
        .setCause(cause);
    if (status != null) {
      builder.setDetails(status);
    }
    if (nextRetryDelay != null) {
      builder.setNextRetryDelay(nextRetryDelay);
    }
    if (!nonRetryable) {
      // expected and retried (a 503, a timeout): the SDK then logs it at DEBUG without a stack trace, so
      // the WARN line below is the one line each attempt prints
      builder.setCategory(ApplicationErrorCategory.BENIGN);
    }
    ApplicationFailure failure = builder.build();
    log.warn("{} ({}{})", message, type, nonRetryable ? ", final" : ", will be retried");
    return failure;
  }

  /** The body bytes read, at most the cap. */
  record CappedBody(byte[] bytes, int length, boolean truncated) {
    /** The bytes as text; a character cut in half by the cap is left out. */
    String text(Charset charset) {
      CharsetDecoder decoder = charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
      ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
      CharBuffer out = CharBuffer.allocate((int) Math.ceil(length * (double) decoder.maxCharsPerByte()) + 1);
      decoder.decode(in, out, !truncated);
      if (!truncated) {
        decoder.flush(out);
      }
      out.flip();
      return out.toString();
    }
  }

  /**
   * Collects the body up to {@code cap} bytes, then cancels the rest of it: the body is never held
   * (nor read) beyond the cap.
   */
  static final class CappedBodySubscriber implements HttpResponse.BodySubscriber<CappedBody> {
    private final CompletableFuture<CappedBody> result = new CompletableFuture<>();
    private final int cap;
    private byte[] buffer = new byte[8 * 1024];
    private int length;
    private Flow.Subscription subscription;

    CappedBodySubscriber(int cap) {
      this.cap = cap;
    }

    @Override
    public CompletionStage<CappedBody> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer item : items) {
        int take = Math.min(cap - length, item.remaining());
        if (length + take > buffer.length) {
          buffer = Arrays.copyOf(buffer, Math.min(cap, Math.max(length + take, buffer.length * 2)));
        }
        item.get(buffer, length, take);
        length += take;
        if (item.hasRemaining()) {
          result.complete(new CappedBody(buffer, length, true));
          subscription.cancel(); // the rest is never read
          return;
        }
      }
      subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
      result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      result.complete(new CappedBody(buffer, length, false));
    }
  }
}
