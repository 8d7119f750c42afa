package dev.ivr.emulator.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.FaultPlan;
import dev.ivr.emulator.JournalEntry;
import dev.ivr.emulator.NotificationTokenVariant;
import dev.ivr.emulator.auth.NotificationSigner;
import dev.ivr.emulator.http.Json;
import dev.ivr.emulator.journal.RequestJournal;
import dev.ivr.emulator.time.EmulatedClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts commsNotifications to bots. By default one call's notifications are delivered one at a
 * time, in order; a non-2xx answer or a failed POST is retried with the same Message-ID. Faults of
 * the call's plan (drop, delay, duplicate, batch, parallel, PascalCase, string codes, missing id)
 * are applied here. A {@code 302} answer with a Location moves the call's callbacks there.
 */
public final class NotificationDispatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);
  public static final String USER_AGENT = "Microsoft-Skype/3.0,(Calling/1.0)";

  private final EmulatorConfig config;
  private final EmulatedClock clock;
  private final NotificationSigner signer;
  private final RequestJournal journal;
  private final ExecutorService pool;
  private final ExecutorService httpExecutor;
  private final HttpClient http;
  private final Map<String, Channel> channels = new ConcurrentHashMap<>();
  private volatile BiConsumer<String, String> onCallbackMoved = (c, u) -> {};
  private volatile NotificationTokenVariant tokenVariant = NotificationTokenVariant.VALID;

  public NotificationDispatcher(EmulatorConfig config, EmulatedClock clock, NotificationSigner signer,
      RequestJournal journal) {
    this.config = config;
    this.clock = clock;
    this.signer = signer;
    this.journal = journal;
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(32, 32, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "graph-emulator-notify-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    ((ThreadPoolExecutor) pool).allowCoreThreadTimeOut(true);
    // the client gets threads of its own: a dispatcher thread blocks in send() until the client's
    // executor completes the exchange, so sharing one pool deadlocks once every thread is sending
    AtomicInteger h = new AtomicInteger();
    this.httpExecutor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "graph-emulator-notify-http-" + h.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.http = HttpClient.newBuilder()
        .connectTimeout(config.notificationTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(httpExecutor)
        .build();
  }

  /** Called with (callId, newUri) when a bot answers 302 + Location. */
  public void onCallbackMoved(BiConsumer<String, String> listener) {
    this.onCallbackMoved = listener;
  }

  /** Makes every following notification token of this kind (for testing a bot's validation). */
  public void tokenVariant(NotificationTokenVariant variant) {
    this.tokenVariant = variant;
  }

  private static final class Pending {
    final Delivery delivery;
    final ObjectNode item;
    final CompletableFuture<Integer> result = new CompletableFuture<>();

    Pending(Delivery delivery, ObjectNode item) {
      this.delivery = delivery;
      this.item = item;
    }
  }

  private static final class Channel {
    final Deque<Pending> queue = new ArrayDeque<>();
    boolean busy;
    String movedFrom;
    String movedTo;
  }

  /**
   * Queues one commsNotification for delivery. The future completes with the bot's final status
   * (2xx on success, -1 when every attempt failed, 0 when the notification was dropped).
   */
  public CompletableFuture<Integer> send(Delivery d, ObjectNode item) {
    FaultPlan plan = d.dice().plan();
    Pending p = new Pending(d, transform(item, plan));
    boolean created = "created".equalsIgnoreCase(Json.text(item, "changeType"));
    if (!created && d.dice().roll(plan.dropProbability())) {
      log.debug("dropping a notification for call {} (fault plan)", d.callId());
      p.result.complete(0);
      return p.result;
    }
    if (d.dice().roll(plan.delayProbability()) && plan.delaySeconds() > 0) {
      clock.after(plan.delaySeconds(), () -> enqueue(p));
    } else {
      enqueue(p);
    }
    return p.result;
  }

  private void enqueue(Pending p) {
    if (p.delivery.dice().plan().parallelDelivery()) {
      pool.execute(() -> complete(List.of(p), deliver(List.of(p), uriFor(p))));
      return;
    }
    Channel ch = channels.computeIfAbsent(p.delivery.callId(), k -> new Channel());
    synchronized (ch) {
      ch.queue.add(p);
      if (ch.busy) return;
      ch.busy = true;
    }
    pool.execute(() -> drain(ch));
  }

  private String uriFor(Pending p) {
    Channel ch = channels.get(p.delivery.callId());
    if (ch != null && ch.movedTo != null && p.delivery.callbackUri().equals(ch.movedFrom)) return ch.movedTo;
    return p.delivery.callbackUri();
  }

  private void drain(Channel ch) {
    while (true) {
      List<Pending> batch = new ArrayList<>();
      synchronized (ch) {
        Pending head = ch.queue.poll();
        if (head == null) {
          ch.busy = false;
          return;
        }
        batch.add(head);
      }
      if (batch.get(0).delivery.dice().plan().batchNotifications()) {
        sleepQuietly(30);
        synchronized (ch) {
          for (Iterator<Pending> it = ch.queue.iterator(); it.hasNext(); ) {
            Pending next = it.next();
            if (next.delivery.callbackUri().equals(batch.get(0).delivery.callbackUri())) {
              batch.add(next);
              it.remove();
            }
          }
        }
      }
      complete(batch, deliver(batch, uriFor(batch.get(0))));
    }
  }

  private static void complete(List<Pending> batch, int status) {
    for (Pending p : batch) p.result.complete(status);
  }

  private int deliver(List<Pending> batch, String uri) {
    Delivery d = batch.get(0).delivery;
    ObjectNode envelope = Json.object().put("@odata.type", "#microsoft.graph.commsNotifications");
    var value = envelope.putArray("value");
    batch.forEach(p -> value.add(p.item));
    String body = Json.write(envelope);
    String messageId = UUID.randomUUID().toString();
    int status = -1;
    for (int attempt = 0; attempt <= config.notificationRetries(); attempt++) {
      if (attempt > 0) sleepQuietly(100L * attempt);
      status = post(d, uri, body, messageId);
      if (status == 302) {
        String moved = lastLocation.get();
        if (moved != null) {
          Channel ch = channels.computeIfAbsent(d.callId(), k -> new Channel());
          ch.movedFrom = d.callbackUri();
          ch.movedTo = moved;
          onCallbackMoved.accept(d.callId(), moved);
          uri = moved;
          status = post(d, uri, body, messageId);
        }
      }
      if (status >= 200 && status < 300) break;
    }
    if (status >= 200 && status < 300 && d.dice().roll(d.dice().plan().duplicateProbability())) {
      post(d, uri, body, messageId);
    }
    return status;
  }

  private final ThreadLocal<String> lastLocation = new ThreadLocal<>();

  private int post(Delivery d, String uri, String body, String messageId) {
    int status = -1;
    lastLocation.remove();
    JournalEntry inFlight = journal.add(JournalEntry.Kind.NOTIFICATION, "POST", uri, 0, body, d.callId(), messageId,
        System.nanoTime(), System.nanoTime());
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri))
          .timeout(config.notificationTimeout())
          .header("Content-Type", "application/json")
          .header("Accept", "application/json")
          .header("User-Agent", USER_AGENT)
          .header("X-Microsoft-Skype-Chain-ID", d.callChainId())
          .header("X-Microsoft-Skype-Message-ID", messageId)
          .header("Scenario-Id", d.callChainId())
          .header("X-Microsoft-Skype-Caller-Region", "amer")
          .POST(HttpRequest.BodyPublishers.ofString(body));
      String token = signer.sign(d.tenantId(), tokenVariant);
      if (token != null) b.header("Authorization", "Bearer " + token);
      HttpResponse<String> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      status = resp.statusCode();
      lastLocation.set(resp.headers().firstValue("Location").orElse(null));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.debug("notification POST to {} failed: {}", uri, e.toString());
    }
    journal.complete(inFlight, status, System.nanoTime());
    return status;
  }

  /** Applies the payload faults (casing, string codes, missing id) to a copy of the item. */
  static ObjectNode transform(ObjectNode item, FaultPlan plan) {
    ObjectNode copy = item.deepCopy();
    JsonNode rd = copy.get("resourceData");
    if (plan.pascalCaseEnums()) {
      pascal(copy, "changeType");
      if (rd instanceof ObjectNode o) {
        for (String f : List.of("state", "direction", "status", "completionReason")) pascal(o, f);
        if (o.get("mediaState") instanceof ObjectNode ms) pascal(ms, "audio");
      }
    }
    if (plan.resultInfoAsStrings() && rd instanceof ObjectNode o && o.get("resultInfo") instanceof ObjectNode ri) {
      for (String f : List.of("code", "subcode")) {
        if (ri.has(f) && ri.get(f).isNumber()) ri.put(f, ri.get(f).asText());
      }
    }
    if (plan.squashedResourceUrlIds()) {
      copy.put("resourceUrl", squash(Json.text(copy, "resourceUrl")));
      if (rd instanceof ObjectNode o && o.has("@odata.id")) o.put("@odata.id", squash(Json.text(o, "@odata.id")));
    }
    if (plan.omitResourceDataId() && rd instanceof ObjectNode o
        && "updated".equalsIgnoreCase(Json.text(copy, "changeType"))
        && String.valueOf(Json.text(o, "@odata.type")).endsWith(".call")) {
      o.remove("id");
    }
    return copy;
  }

  private static final java.util.regex.Pattern GUID = java.util.regex.Pattern.compile("[0-9a-fA-F-]{36}");

  /** {@code /communications/calls/57dab8b1-894c-…} → {@code /communications/calls/57DAB8B1894C…}. */
  public static String squash(String path) {
    if (path == null) return null;
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/", -1)) {
      parts.add(GUID.matcher(part).matches() ? part.replace("-", "").toUpperCase(Locale.ROOT) : part);
    }
    return String.join("/", parts);
  }

  private static void pascal(ObjectNode o, String field) {
    JsonNode v = o.get(field);
    if (v instanceof TextNode t && !t.asText().isEmpty()) {
      String s = t.asText();
      o.put(field, s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1));
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
    httpExecutor.shutdownNow();
  }
}
