package dev.ivr.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;

/** A tiny bot for tests: receives notifications at /callback and serves prompt files at /prompts/*. */
public final class BotEndpoint implements AutoCloseable {

  public static final ObjectMapper JSON = new ObjectMapper();

  /** One notification POST as received. */
  public record Post(Map<String, List<String>> headers, JsonNode body, String path, long nanos) {
    public String header(String name) {
      for (var e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) return e.getValue().get(0);
      }
      return null;
    }

    public String messageId() {
      return header("X-Microsoft-Skype-Message-ID");
    }
  }

  /** One commsNotification item, with the POST it came in. */
  public record Item(JsonNode json, Post post) {
    public String changeType() {
      return json.path("changeType").asText();
    }

    public String resourceUrl() {
      return json.path("resourceUrl").asText();
    }

    public JsonNode data() {
      return json.path("resourceData");
    }

    public String state() {
      return data().path("state").asText(null);
    }

    public boolean isOperation() {
      return resourceUrl().contains("/operations/");
    }

    /** The call id of {@code resourceUrl} as sent (by default upper case without dashes, as in Graph's docs). */
    public String callId() {
      String[] p = resourceUrl().split("/");
      return p.length > 3 ? p[3] : null;
    }

    /** Whether this item is about {@code callId}, however either spells it. */
    public boolean isFor(String callId) {
      return callId != null && callId().equals(squash(callId)) || callId != null && callId.equals(callId());
    }

    /** Whether this item is the completion of operation {@code opId}, however either spells it. */
    public boolean isOperation(String opId) {
      return squash(resourceUrl()).endsWith("/OPERATIONS/" + squash(opId));
    }
  }

  /** An id as Graph's docs spell it in resource URLs: upper case, no dashes. */
  public static String squash(String id) {
    return id == null ? null : id.replace("-", "").toUpperCase(java.util.Locale.ROOT);
  }

  private final HttpServer server;
  private final List<Post> posts = new CopyOnWriteArrayList<>();
  private final Map<String, byte[]> prompts = new ConcurrentHashMap<>();
  private final AtomicInteger count = new AtomicInteger();
  private volatile IntUnaryOperator status = n -> 202;

  public BotEndpoint() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/", ex -> {
      try (ex) {
        byte[] body = ex.getRequestBody().readAllBytes();
        String path = ex.getRequestURI().getPath();
        if (ex.getRequestMethod().equals("GET") && path.startsWith("/prompts/")) {
          byte[] wav = prompts.get(path);
          if (wav == null) {
            ex.sendResponseHeaders(404, -1);
            return;
          }
          ex.getResponseHeaders().set("Content-Type", "audio/wav");
          ex.sendResponseHeaders(200, wav.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(wav);
          }
          return;
        }
        int n = count.incrementAndGet();
        int s = status.applyAsInt(n);
        if (s / 100 == 2) {
          posts.add(new Post(Map.copyOf(ex.getRequestHeaders()), JSON.readTree(body), path, System.nanoTime()));
        }
        ex.sendResponseHeaders(s, -1);
      }
    });
    server.start();
  }

  public String callbackUri() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/callback";
  }

  public String uri(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Serves a WAV at /prompts/{name}; returns its URL. */
  public String prompt(String name, byte[] wav) {
    prompts.put("/prompts/" + name, wav);
    return uri("/prompts/" + name);
  }

  /** The status to answer the n-th notification POST with (1-based); default 202. */
  public void respondWith(IntUnaryOperator statusOfNthPost) {
    this.status = statusOfNthPost;
  }

  public List<Post> posts() {
    return List.copyOf(posts);
  }

  public List<Item> items() {
    List<Item> out = new ArrayList<>();
    for (Post p : posts) for (JsonNode n : p.body().path("value")) out.add(new Item(n, p));
    return out;
  }

  public List<Item> items(String callId) {
    return items().stream().filter(i -> i.isFor(callId)).toList();
  }

  public Item await(Predicate<Item> match, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      for (Item i : items()) if (match.test(i)) return i;
      sleep(10);
    }
    throw new AssertionError("no matching notification within " + timeout + "; got " + items().stream().map(Item::json).toList());
  }

  public Item awaitCall(String callId, String changeType, String state) {
    return await(i -> i.isFor(callId) && !i.isOperation() && changeType.equalsIgnoreCase(i.changeType())
        && (state == null || state.equalsIgnoreCase(i.state())), Duration.ofSeconds(10));
  }

  public Item awaitOperation(String callId, String opId) {
    return await(i -> i.isFor(callId) && i.isOperation(opId), Duration.ofSeconds(10));
  }

  public Item awaitIncoming() {
    return await(i -> "created".equalsIgnoreCase(i.changeType()), Duration.ofSeconds(10));
  }

  /** A bot endpoint on a free loopback port. */
  public static BotEndpoint start() {
    try {
      return new BotEndpoint();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  /** Polls {@code condition} for up to 10 s. */
  public static boolean eventually(java.util.function.BooleanSupplier condition) {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) return true;
      BotEndpoint.sleep(20);
    }
    return false;
  }
}
