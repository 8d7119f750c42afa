package dev.ivr.emulator.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ivr.emulator.CallView;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.media.PromptFetcher;
import dev.ivr.emulator.media.RecordingStore;
import dev.ivr.emulator.media.VoiceSynth;
import dev.ivr.emulator.media.Wav;
import dev.ivr.emulator.time.EmulatedClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A call's media: the FIFO queue of playPrompt and recordResponse operations, prompt fetching and
 * playback, the recordResponse state machine (prompt, beep, initial silence, speech, max silence,
 * max duration, stop tone), DTMF, cancellation and barge-in, and the completion notifications.
 * Runs on the emulator loop only.
 */
final class MediaEngine {

  /** Posts one notification of a call. */
  interface Notifier {
    CompletableFuture<Integer> send(Call call, ObjectNode item);
  }

  private final EmulatorConfig config;
  private final EmulatedClock clock;
  private final PromptFetcher prompts;
  private final RecordingStore recordings;
  private final Ids ids;
  private final Supplier<String> baseUrl;
  private final Notifier notifier;
  private final Notifications notifications;

  MediaEngine(EmulatorConfig config, EmulatedClock clock, PromptFetcher prompts, RecordingStore recordings, Ids ids,
      Supplier<String> baseUrl, Notifier notifier, Notifications notifications) {
    this.config = config;
    this.clock = clock;
    this.prompts = prompts;
    this.recordings = recordings;
    this.ids = ids;
    this.baseUrl = baseUrl;
    this.notifier = notifier;
    this.notifications = notifications;
  }

  MediaRequests.OpStart enqueue(Call c, MediaOp op) {
    c.operations.put(op.id, op);
    c.queue.add(op);
    ObjectNode response = CallJson.operation(op);
    startNext(c);
    return new MediaRequests.OpStart(response, op.id, op.completionDelivered, c.dice.plan().completionBeforeResponse());
  }

  void startNext(Call c) {
    if (c.current != null || !"established".equals(c.state)) return;
    MediaOp op = c.queue.poll();
    if (op == null) return;
    c.current = op;
    if (MediaOp.RECORD.equals(op.type) && !c.forcedRecordCompletions.isEmpty()) {
      int subcode = c.forcedRecordCompletions.poll();
      op.forced = subcode == 0 ? null : RecordCompletion.of(subcode);
      if (op.forced != null && op.forced.when() == RecordCompletion.When.START) {
        completeRecord(c, op, op.forced);
        return;
      }
    }
    List<CompletableFuture<PromptFetcher.Prompt>> fetches = new ArrayList<>();
    for (MediaOp.PromptRef p : op.prompts) fetches.add(prompts.get(p.uri(), p.resourceId()));
    CompletableFuture.allOf(fetches.toArray(CompletableFuture[]::new)).thenRun(() -> clock.execute(() ->
        promptsReady(c, op, fetches.stream().map(CompletableFuture::join).toList())));
  }

  private void promptsReady(Call c, MediaOp op, List<PromptFetcher.Prompt> fetched) {
    if (op.finished() || c.current != op || !c.isActive()) return;
    double total = 0;
    for (PromptFetcher.Prompt p : fetched) {
      if (!p.ok() && config.strictPromptFormat()) {
        finish(c, op, "failed", 400, p.failSubcode(), p.failMessage(), MediaOp.RECORD.equals(op.type) ? "playPromptFailed" : null);
        return;
      }
      total += p.durationSeconds();
    }
    if (!fetched.isEmpty()) c.emit("promptStarted");
    double promptEnd = clock.now() + total;
    if (MediaOp.PLAY.equals(op.type)) {
      op.timers.add(clock.at(promptEnd, () -> {
        c.emit("promptFinished");
        finish(c, op, "completed", 200, 0, "Action completed successfully.", null);
      }));
      return;
    }
    if (forcedAt(op, RecordCompletion.When.PROMPT)) {
      if (fetched.isEmpty()) {
        completeRecord(c, op, op.forced);
      } else {
        op.timers.add(clock.at(promptEnd, () -> completeRecord(c, op, op.forced)));
      }
      return;
    }
    if (fetched.isEmpty()) {
      beep(c, op);
    } else {
      op.timers.add(clock.at(promptEnd, () -> {
        c.emit("promptFinished");
        beep(c, op);
      }));
    }
  }

  private void beep(Call c, MediaOp op) {
    if (op.finished() || c.current != op) return;
    if (forcedAt(op, RecordCompletion.When.BEEP)) {
      completeRecord(c, op, op.forced);
      return;
    }
    if (op.record.playBeep()) {
      c.emit("beep");
      op.timers.add(clock.after(config.beepSeconds(), () -> startRecording(c, op)));
    } else {
      startRecording(c, op);
    }
  }

  private void startRecording(Call c, MediaOp op) {
    if (op.finished() || c.current != op) return;
    op.recording = true;
    op.recordStart = clock.now();
    c.emit("recordingStarted");
    op.timers.add(clock.after(op.record.maxDuration(), () -> finishRecording(c, op, 8515)));
    if (c.voice.speechAt(op.recordStart)) {
      op.speechStarted = true;
    } else {
      op.silenceTimer = clock.after(op.record.initialSilence(), () -> finishRecording(c, op, 8510));
    }
  }

  void onSpeechStarted(Call c) {
    MediaOp op = c.current;
    if (op == null || !op.recording) return;
    if (op.silenceTimer != null) op.silenceTimer.cancel();
    op.silenceTimer = null;
    op.speechStarted = true;
  }

  void onSpeechEnded(Call c) {
    MediaOp op = c.current;
    if (op == null || !op.recording || !op.speechStarted) return;
    if (op.silenceTimer != null) op.silenceTimer.cancel();
    op.silenceTimer = clock.after(op.record.maxSilence(), () -> finishRecording(c, op, 8509));
  }

  /** The recording ends as the caller's script made it ({@code subcode}), unless the fault plan forces another end. */
  private void finishRecording(Call c, MediaOp op, int subcode) {
    if (op.finished() || !op.recording) return;
    completeRecord(c, op, op.forced != null ? op.forced : RecordCompletion.of(subcode));
  }

  private static boolean forcedAt(MediaOp op, RecordCompletion.When when) {
    return op.forced != null && op.forced.when() == when;
  }

  /** Completes a record operation: with its recording (completed) or without (failed), as {@code end} says. */
  private void completeRecord(Call c, MediaOp op, RecordCompletion end) {
    if (op.finished()) return;
    boolean wasRecording = op.recording;
    op.recording = false;
    if (end.recording() && wasRecording) {
      storeRecording(c, op, clock.now(), end);
      return;
    }
    if (wasRecording) c.emit("recordingFinished");
    finish(c, op, end.status(), end.code(), end.subcode(), end.message(), end.completionReason());
  }

  private void storeRecording(Call c, MediaOp op, double end, RecordCompletion completion) {
    var speech = c.voice.segments();
    double start = op.recordStart;
    long seed = c.voiceSeed;
    double loop = config.voiceLoopSeconds();
    var wav = RecordingStore.lazy(() -> Wav.write(VoiceSynth.render(speech, start, end, seed, loop)));
    String rid = ids.next();
    op.recordingId = rid;
    op.recordingToken = ids.token();
    op.recordingLocation = baseUrl.get() + "/recordings/" + rid;
    recordings.put(new RecordingStore.Recording(rid, c.id, op.id, wav, op.recordingToken,
        clock.now() + config.recordingTokenTtlSeconds(), end - op.recordStart));
    c.emit("recordingFinished");
    finish(c, op, completion.status(), completion.code(), completion.subcode(), completion.message(),
        completion.completionReason());
  }

  void onTone(Call c, char key) {
    if (!"established".equals(c.state) && !"transferring".equals(c.state)) return;
    String tone = toneName(key);
    MediaOp op = c.current;
    boolean stops = op != null && op.recording && op.record.stopTones().contains(String.valueOf(key));
    long seq = 0;
    if (c.toneSubscribed && (!stops || config.stopToneNotifiesToneInfo())) {
      seq = ++c.toneSequence;
      notifier.send(c, notifications.tone(c, seq, tone));
    }
    c.tones.add(new CallView.ToneView(tone, clock.now() - c.createdAt, seq));
    if (stops) finishRecording(c, op, 8514);
  }

  static String toneName(char key) {
    return switch (Character.toUpperCase(key)) {
      case '*' -> "star";
      case '#' -> "pound";
      case 'A', 'B', 'C', 'D' -> String.valueOf(Character.toLowerCase(key));
      default -> "tone" + key;
    };
  }

  /** Cancels the running and queued media operations, each with a failed 400/8508 notification. */
  void cancelAll(Call c) {
    List<MediaOp> victims = new ArrayList<>();
    if (c.current != null) victims.add(c.current);
    victims.addAll(c.queue);
    c.queue.clear();
    c.current = null;
    for (MediaOp op : victims) {
      op.recording = false;
      cancelled(c, op, "Action failed, the operation was cancelled.");
    }
  }

  /** Graph's completion of a cancelled operation: failed 400/8508; a record's recording is empty. */
  private void cancelled(Call c, MediaOp op, String message) {
    op.cancelTimers();
    op.status = "failed";
    op.code = 400;
    op.subcode = 8508;
    op.message = message;
    if (MediaOp.RECORD.equals(op.type)) {
      op.completionReason = "operationCanceled";
      op.recordingLocation = "";
      op.recordingToken = "";
    }
    notifyCompletion(c, op);
  }

  private void finish(Call c, MediaOp op, String status, int code, Integer subcode, String message, String reason) {
    op.cancelTimers();
    op.status = status;
    op.code = code;
    op.subcode = subcode;
    op.message = message;
    op.completionReason = reason;
    if (MediaOp.RECORD.equals(op.type) && op.recordingLocation == null) {
      op.recordingLocation = "";
      op.recordingToken = "";
    }
    notifyCompletion(c, op);
    if (c.current == op) c.current = null;
    startNext(c);
  }

  private void notifyCompletion(Call c, MediaOp op) {
    op.notified = true;
    notifier.send(c, notifications.operationCompleted(c, op))
        .whenComplete((s, e) -> op.completionDelivered.complete(s == null ? -1 : s));
  }

  /** Stops media without notifications (hang-up: comms-samples#376). */
  void abandonMedia(Call c) {
    List<MediaOp> ops = new ArrayList<>();
    if (c.current != null) ops.add(c.current);
    ops.addAll(c.queue);
    c.queue.clear();
    c.current = null;
    for (MediaOp op : ops) {
      boolean wasRecording = op.recording;
      op.recording = false;
      op.cancelTimers();
      if (wasRecording && config.recordCompletionOnHangup()) {
        cancelled(c, op, "Action failed, the call was hung up.");
      } else if (c.dice.plan().lateOperationNotifications()) {
        clock.after(0.2, () -> cancelled(c, op, "Action failed, the operation was cancelled."));
      } else {
        op.status = "failed";
        op.completionDelivered.complete(0);
      }
    }
  }

  void preFetch(JsonNode mediaConfig) {
    JsonNode pre = mediaConfig.get("preFetchMedia");
    if (pre == null || !pre.isArray()) return;
    for (JsonNode m : pre) {
      String rid = m.path("resourceId").asText(null);
      if (rid != null) prompts.get(m.path("uri").asText(), rid);
    }
  }
}
