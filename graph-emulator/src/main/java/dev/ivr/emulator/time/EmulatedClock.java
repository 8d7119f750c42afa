package dev.ivr.emulator.time;

import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulator's one event loop and its emulated time. Every state change of every call runs as a
 * task on this loop, one at a time, in order of emulated time (ties in submission order). A task
 * sees {@link #now()} as its own scheduled time, so timelines computed from it are deterministic
 * even when the loop runs late. Emulated seconds = real seconds x time scale.
 */
public final class EmulatedClock implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmulatedClock.class);

  private final double scale;
  private final long startNanos = System.nanoTime();
  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Thread thread;
  private long seq;
  private volatile boolean running = true;
  private volatile double current = 0;

  public EmulatedClock(double scale) {
    this.scale = scale;
    this.thread = new Thread(this::loop, "graph-emulator-loop");
    thread.setDaemon(true);
    thread.start();
  }

  /** A scheduled task; cancel it to stop it from running. */
  public static final class Timer {
    private final Task task;

    private Timer(Task task) {
      this.task = task;
    }

    public void cancel() {
      task.cancelled = true;
    }

    public double at() {
      return task.at;
    }
  }

  private static final class Task implements Comparable<Task> {
    final double at;
    final long seq;
    final Runnable body;
    volatile boolean cancelled;

    Task(double at, long seq, Runnable body) {
      this.at = at;
      this.seq = seq;
      this.body = body;
    }

    @Override
    public int compareTo(Task o) {
      int c = Double.compare(at, o.at);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  public double scale() {
    return scale;
  }

  /** Emulated seconds since start: on the loop, the running task's time; elsewhere, the wall time. */
  public double now() {
    return onLoop() ? current : realNow();
  }

  private double realNow() {
    return Math.max(current, (System.nanoTime() - startNanos) / 1e9 * scale);
  }

  public boolean onLoop() {
    return Thread.currentThread() == thread;
  }

  /** Real duration of {@code emulatedSeconds}. */
  public long realNanos(double emulatedSeconds) {
    return (long) (Math.max(0, emulatedSeconds) / scale * 1e9);
  }

  /** Runs {@code body} on the loop at emulated time {@code at} (or at once if that has passed). */
  public Timer at(double at, Runnable body) {
    lock.lock();
    try {
      Task t = new Task(Math.max(at, now()), seq++, body);
      queue.add(t);
      changed.signalAll();
      return new Timer(t);
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code body} on the loop {@code seconds} emulated seconds from now. */
  public Timer after(double seconds, Runnable body) {
    return at(now() + Math.max(0, seconds), body);
  }

  /** Runs {@code body} on the loop as soon as possible. */
  public void execute(Runnable body) {
    at(now(), body);
  }

  /** Runs {@code body} on the loop and waits for its result (runs inline when already on the loop). */
  public <T> T call(Callable<T> body) {
    if (onLoop()) {
      try {
        return body.call();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    CompletableFuture<T> f = new CompletableFuture<>();
    execute(() -> {
      try {
        f.complete(body.call());
      } catch (Throwable e) {
        f.completeExceptionally(e);
      }
    });
    try {
      return f.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      if (e.getCause() instanceof Error er) throw er;
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("emulator loop did not answer in 30 s", e);
    }
  }

  private void loop() {
    while (running) {
      Task next;
      lock.lock();
      try {
        next = queue.peek();
        if (next == null) {
          changed.await(1, TimeUnit.SECONDS);
          continue;
        }
        long dueNanos = startNanos + (long) (next.at / scale * 1e9);
        long wait = dueNanos - System.nanoTime();
        if (wait > 0) {
          changed.awaitNanos(wait);
          continue;
        }
        queue.poll();
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      if (next.cancelled) continue;
      current = Math.max(current, next.at);
      try {
        next.body.run();
      } catch (Throwable e) {
        log.error("emulator task failed", e);
      }
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
