package dev.ivr.emulator.script;

import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.time.EmulatedClock;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link CallerScript} against one call, on the emulator loop. The script keeps a cursor in
 * emulated time: {@code wait} and {@code speak} advance it at once (speech is written to the
 * {@link VoiceTrack} ahead of time, and its start and end are scheduled), {@code press} and
 * {@code hangup} are scheduled at the cursor, and {@code waitFor} suspends until the event happens at
 * or after the cursor. So the caller's timeline depends only on the script and the events' emulated
 * times, never on how late the loop ran.
 */
public final class ScriptRunner {

  /** What the script does to the call. */
  public interface Remote {
    void speechStarted();

    void speechEnded();

    void pressed(char key);

    void hungUp();
  }

  private final List<CallerScript.Step> steps;
  private final EmulatedClock clock;
  private final VoiceTrack voice;
  private final Remote remote;
  private final List<EmulatedClock.Timer> timers = new ArrayList<>();
  private double cursor;
  private int index;
  private String waitingFor;
  private Double establishedAt;
  private boolean stopped;

  public ScriptRunner(CallerScript script, EmulatedClock clock, VoiceTrack voice, Remote remote) {
    this.steps = script.steps();
    this.clock = clock;
    this.voice = voice;
    this.remote = remote;
  }

  /** Starts at the current emulated time. Call on the loop. */
  public void start() {
    cursor = clock.now();
    run();
  }

  /** Tells the script an event happened now. Call on the loop. */
  public void onEvent(String event) {
    double t = clock.now();
    if ("established".equals(event) && establishedAt == null) establishedAt = t;
    if (stopped || waitingFor == null || !waitingFor.equals(event) || t < cursor - 1e-9) return;
    waitingFor = null;
    cursor = t;
    index++;
    run();
  }

  /** Cancels everything still scheduled (the call ended). */
  public void stop() {
    stopped = true;
    timers.forEach(EmulatedClock.Timer::cancel);
    timers.clear();
  }

  private void run() {
    while (!stopped && index < steps.size()) {
      CallerScript.Step step = steps.get(index);
      if (step instanceof CallerScript.WaitFor w) {
        if ("established".equals(w.event()) && establishedAt != null) {
          cursor = Math.max(cursor, establishedAt);
        } else {
          waitingFor = w.event();
          return;
        }
      } else if (step instanceof CallerScript.Wait w) {
        cursor += w.seconds();
      } else if (step instanceof CallerScript.Speak s) {
        double from = cursor;
        double to = cursor + s.seconds();
        voice.speak(from, to);
        timers.add(clock.at(from, remote::speechStarted));
        timers.add(clock.at(to, remote::speechEnded));
        cursor = to;
      } else if (step instanceof CallerScript.Press p) {
        for (char c : p.keys().toCharArray()) {
          timers.add(clock.at(cursor, () -> remote.pressed(c)));
          cursor += p.gapSeconds();
        }
      } else if (step instanceof CallerScript.Hangup) {
        timers.add(clock.at(cursor, remote::hungUp));
        index = steps.size();
        return;
      } else {
        throw new IllegalStateException("unknown step " + step);
      }
      index++;
    }
  }
}
