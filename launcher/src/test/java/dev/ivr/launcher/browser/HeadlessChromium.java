package dev.ivr.launcher.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Debian's headless Chromium, driven over the Chrome DevTools Protocol with nothing but the JDK's
 * WebSocket: navigate, evaluate JavaScript (awaiting promises), send extra headers, clear cookies,
 * take screenshots. Started with a private profile on a random debugging port
 * ({@code DevToolsActivePort}); closed by killing its process and every descendant by PID.
 */
public final class HeadlessChromium implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending;

  private HeadlessChromium(Process process, Path profile, WebSocket socket,
      Map<Integer, CompletableFuture<JsonNode>> pending) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
    this.pending = pending;
  }

  /** Starts Chromium; fails with how to install it when it is missing. */
  public static HeadlessChromium start() throws Exception {
    if (!Files.isExecutable(BINARY)) {
      throw new AssertionError("Chromium is missing at " + BINARY
          + ": the console's browser test needs it. Install it with: apt-get install -y --no-install-recommends chromium");
    }
    Path profile = Files.createTempDirectory("ivr-chromium-");
    Process process = new ProcessBuilder(BINARY.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run", "--no-default-browser-check",
        "--mute-audio", "--autoplay-policy=no-user-gesture-required", "--remote-debugging-port=0",
        "--remote-debugging-address=127.0.0.1", "--user-data-dir=" + profile, "--window-size=1440,1100", "about:blank")
        .redirectErrorStream(true)
        .redirectOutput(profile.resolve("chromium.log").toFile())
        .start();
    try {
      Path portFile = profile.resolve("DevToolsActivePort");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!(Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2)) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("Chromium did not start: " + Files.readString(profile.resolve("chromium.log")));
        }
        Thread.sleep(50);
      }
      int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
      HttpClient http = HttpClient.newHttpClient();
      JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
          .build(), HttpResponse.BodyHandlers.ofString()).body());
      String page = null;
      for (JsonNode target : targets) {
        if ("page".equals(target.path("type").asText())) {
          page = target.path("webSocketDebuggerUrl").asText();
        }
      }
      if (page == null) {
        throw new IllegalStateException("Chromium has no page target: " + targets);
      }
      Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
      WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
          .buildAsync(URI.create(page), new Listener(pending)).get(10, TimeUnit.SECONDS);
      HeadlessChromium chromium = new HeadlessChromium(process, profile, socket, pending);
      chromium.send("Page.enable", Map.of());
      chromium.send("Network.enable", Map.of());
      chromium.send("Emulation.setDeviceMetricsOverride",
          Map.of("width", 1440, "height", 1100, "deviceScaleFactor", 1, "mobile", false));
      return chromium;
    } catch (Exception | AssertionError e) {
      kill(process);
      throw e;
    }
  }

  /** Sends a CDP command and waits for its result; a CDP error fails. */
  public JsonNode send(String method, Map<String, ?> params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", JSON.valueToTree(params));
    socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
    JsonNode reply = answer.get(30, TimeUnit.SECONDS);
    if (reply.has("error")) {
      throw new IllegalStateException(method + " failed: " + reply.get("error"));
    }
    return reply.path("result");
  }

  /** Every request of the page (fetch, EventSource, audio) carries these headers. */
  public void headers(Map<String, String> headers) throws Exception {
    send("Network.setExtraHTTPHeaders", Map.of("headers", headers));
  }

  /** Forgets every cookie (sessions included): the next page is opened as by a new visitor. */
  public void clearCookies() throws Exception {
    send("Network.clearBrowserCookies", Map.of());
  }

  /** The page's current URL. */
  public String url() throws Exception {
    return evaluate("location.href").asText();
  }

  public void navigate(String url) throws Exception {
    send("Page.navigate", Map.of("url", url));
  }

  /** The value of a JavaScript expression (a promise is awaited); an exception in the page fails. */
  public JsonNode evaluate(String expression) throws Exception {
    JsonNode result = send("Runtime.evaluate",
        Map.of("expression", expression, "awaitPromise", true, "returnByValue", true));
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException("page script failed: " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** Waits until the expression is truthy in the page, or fails with {@code what} after {@code timeout}. */
  public void await(String what, String expression, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode value;
      try {
        value = evaluate("!!(" + expression + ")");
      } catch (IllegalStateException e) {
        value = null; // the page is navigating
      }
      if (value != null && value.asBoolean()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + "; page text: "
            + evaluate("document.body ? document.body.innerText.slice(0, 1500) : ''").asText());
      }
      Thread.sleep(150);
    }
  }

  public static void awaitCondition(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what);
      }
      Thread.sleep(150);
    }
  }

  public byte[] screenshot() throws Exception {
    return Base64.getDecoder().decode(send("Page.captureScreenshot", Map.of("format", "png")).path("data").asText());
  }

  @Override
  public void close() throws IOException {
    try {
      socket.abort();
    } finally {
      kill(process);
      try (var files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Chromium forks renderers and helpers: end them all, by PID, then the browser. */
  private static void kill(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  /** Collects CDP replies by id (events are not needed here) from possibly fragmented frames. */
  private static final class Listener implements WebSocket.Listener {
    private final Map<Integer, CompletableFuture<JsonNode>> pending;
    private final StringBuilder frame = new StringBuilder();

    Listener(Map<Integer, CompletableFuture<JsonNode>> pending) {
      this.pending = pending;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      frame.append(data);
      if (last) {
        try {
          JsonNode message = JSON.readTree(frame.toString());
          if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asInt());
            if (answer != null) {
              answer.complete(message);
            }
          }
        } catch (IOException e) {
          // not JSON: ignore the frame
        } finally {
          frame.setLength(0);
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
