package dev.ivr.api.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ivr.api.temporal.TemporalUnavailableException;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live updates for the console as Server-Sent Events. One poll per key (the list, or one call),
 * every {@code ivr.console.poll-interval}, shared by every subscriber of that key; an event goes out
 * only when the polled value changed. Polling stops when the last subscriber leaves. At most
 * {@code ivr.console.max-streams} streams are open at once; each times out after
 * {@code ivr.console.stream-timeout} (the browser's EventSource reconnects by itself).
 *
 * <p>Events: {@code name} (the key's event name) with the JSON value; {@code unavailable} while
 * Temporal cannot be reached; {@code ended} once a topic reports it will not change any more.
 */
@Component
class CallStreams implements DisposableBean, SmartLifecycle {
  /** A comment line this often finds browsers that went away (a write to them fails). */
  private static final long HEARTBEAT_MILLIS = 15_000;

  private static final Logger log = LoggerFactory.getLogger(CallStreams.class);

  /** All streams are taken; the caller answers 503. */
  static final class TooManyStreamsException extends RuntimeException {
    TooManyStreamsException(int max) {
      super("at most " + max + " live streams may be open at once (ivr.console.max-streams)");
    }
  }

  private final ConsoleProperties properties;
  private final ObjectMapper json = new ObjectMapper();
  private final ScheduledExecutorService poller = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "console-stream-poller");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Topic> topics = new ConcurrentHashMap<>();
  private final AtomicInteger open = new AtomicInteger();
  private volatile boolean running;

  CallStreams(ConsoleProperties properties) {
    this.properties = properties;
  }

  /**
   * A new stream of {@code key}: {@code source} is polled; {@code ended} says from a value that it
   * is final (the topic then sends {@code ended} and closes its streams).
   */
  <T> SseEmitter subscribe(String key, String eventName, Supplier<T> source, Function<T, Boolean> ended) {
    if (open.incrementAndGet() > properties.maxStreams()) {
      open.decrementAndGet();
      throw new TooManyStreamsException(properties.maxStreams());
    }
    SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
    Topic topic = join(key, emitter, () -> new Topic(key, eventName, source, ended));
    Runnable leave = () -> topic.leave(emitter);
    emitter.onCompletion(leave);
    emitter.onTimeout(leave);
    emitter.onError(e -> leave.run());
    topic.startOrCatchUp(emitter);
    return emitter;
  }

  /**
   * Adds {@code emitter} to the key's open topic, or to a new one. Joining and a topic's closing (its
   * last subscriber left, or it ended) hold the topic's lock, so an emitter never joins a topic that
   * has closed: one that closed between the lookup and the join is replaced, and the join retried.
   */
  private Topic join(String key, SseEmitter emitter, Supplier<Topic> newTopic) {
    while (true) {
      Topic topic = topics.computeIfAbsent(key, k -> newTopic.get());
      beforeJoin.run();
      synchronized (topic) {
        if (!topic.closed) {
          topic.emitters.add(emitter);
          return topic;
        }
      }
      topics.remove(key, topic);
    }
  }

  /** Runs between a topic's lookup and the join: a test's way into that window. */
  volatile Runnable beforeJoin = () -> {};

  /** Whether {@code emitter} is in the key's current, open topic (for tests). */
  boolean isServed(String key, SseEmitter emitter) {
    Topic topic = topics.get(key);
    return topic != null && !topic.closed && topic.emitters.contains(emitter) && topic.task != null;
  }

  /** What the emitter's completion, timeout and error callbacks do (for tests, which have no servlet). */
  void leave(String key, SseEmitter emitter) {
    Topic topic = topics.get(key);
    if (topic != null) {
      topic.leave(emitter);
    }
  }

  /** Open streams now (for tests and the logs). */
  int openStreams() {
    return open.get();
  }

  private final class Topic {
    final String key;
    final String eventName;
    final Supplier<?> source;
    final Function<Object, Boolean> ended;
    final Set<SseEmitter> emitters = new CopyOnWriteArraySet<>();
    volatile String last;
    volatile boolean unavailable;
    volatile boolean closed;
    volatile long sentAt = System.currentTimeMillis();
    ScheduledFuture<?> task;

    @SuppressWarnings("unchecked")
    <T> Topic(String key, String eventName, Supplier<T> source, Function<T, Boolean> ended) {
      this.key = key;
      this.eventName = eventName;
      this.source = source;
      this.ended = v -> ended.apply((T) v);
    }

    synchronized void startOrCatchUp(SseEmitter emitter) {
      if (closed) {
        return; // the emitter already left (or the topic ended): nothing to poll for
      }
      if (task == null) {
        task = poller.scheduleWithFixedDelay(this::poll, 0, properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
      } else if (last != null) {
        send(emitter, eventName, last);
      }
    }

    void leave(SseEmitter emitter) {
      if (emitters.remove(emitter)) {
        open.decrementAndGet();
      }
      synchronized (this) {
        if (emitters.isEmpty() && !closed) {
          close();
        }
      }
    }

    private void close() {
      closed = true;
      topics.remove(key, this);
      if (task != null) {
        task.cancel(false);
      }
    }

    private void poll() {
      Object value;
      try {
        value = source.get();
      } catch (TemporalUnavailableException e) {
        if (!unavailable) {
          unavailable = true;
          emitters.forEach(em -> send(em, "unavailable", "{\"detail\":\"the workflow service cannot be reached\"}"));
        }
        return;
      } catch (CallQueries.CallStuckException e) {
        // the call is kept but cannot answer (a missing payload key, a tampered payload): say why, once
        if (!unavailable) {
          unavailable = true;
          String detail;
          try {
            detail = json.writeValueAsString(java.util.Map.of("detail", e.getMessage()));
          } catch (JsonProcessingException impossible) {
            detail = "{\"detail\":\"the call is stuck\"}";
          }
          String event = detail;
          emitters.forEach(em -> send(em, "unavailable", event));
        }
        return;
      } catch (CallQueries.UnknownCallException e) {
        emitters.forEach(em -> send(em, "unknown", "{\"detail\":\"no such call\"}"));
        finish();
        return;
      } catch (RuntimeException e) {
        log.warn("Live stream {} could not poll: {}", key, e.toString());
        return;
      }
      unavailable = false;
      String text;
      try {
        text = json.writeValueAsString(value);
      } catch (JsonProcessingException e) {
        log.warn("Live stream {} could not serialise its value: {}", key, e.getOriginalMessage());
        return;
      }
      if (!text.equals(last)) {
        last = text;
        emitters.forEach(em -> send(em, eventName, text));
      } else if (System.currentTimeMillis() - sentAt > HEARTBEAT_MILLIS) {
        emitters.forEach(em -> {
          try {
            em.send(SseEmitter.event().comment("keep-alive"));
          } catch (IOException | IllegalStateException e) {
            em.completeWithError(e);
            leave(em);
          }
        });
        sentAt = System.currentTimeMillis();
      }
      if (ended.apply(value)) {
        emitters.forEach(em -> send(em, "ended", "{}"));
        finish();
      }
    }

    private void finish() {
      synchronized (this) {
        close();
      }
      emitters.forEach(SseEmitter::complete);
    }

    private void send(SseEmitter emitter, String name, String data) {
      try {
        emitter.send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
        sentAt = System.currentTimeMillis();
      } catch (IOException | IllegalStateException e) {
        // the browser went away: this stream is done, the others go on
        emitter.completeWithError(e);
        leave(emitter);
      }
    }
  }

  @Override
  public void start() {
    running = true;
  }

  /**
   * Ends every stream before the web server's graceful shutdown begins (a later phase), which would
   * otherwise wait for these never-ending requests; browsers reconnect to another instance.
   */
  @Override
  public void stop() {
    running = false;
    topics.values().forEach(t -> {
      synchronized (t) {
        t.close();
      }
      t.emitters.forEach(SseEmitter::complete);
    });
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public void destroy() {
    stop();
    poller.shutdownNow();
  }
}
