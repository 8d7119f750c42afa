package dev.ivr.emulator.graph;

import dev.ivr.emulator.time.EmulatedClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One operation of a call: playPrompt or recordResponse in the media queue, or a synchronous one. */
final class MediaOp {

  static final String PLAY = "playPrompt";
  static final String RECORD = "recordResponse";
  static final String CANCEL = "cancelMediaProcessing";
  static final String SUBSCRIBE = "subscribeToTone";

  /** A prompt to play. */
  record PromptRef(String uri, String resourceId) {}

  /** recordResponse parameters, defaults applied. */
  record RecordParams(boolean bargeInAllowed, int initialSilence, int maxSilence, int maxDuration, boolean playBeep,
      List<String> stopTones) {}

  final String id;
  final String type;
  final String clientContext;
  final List<PromptRef> prompts;
  final RecordParams record;
  final double createdAt;

  String status = "running";
  Integer code;
  Integer subcode;
  String message;
  String completionReason;
  String recordingId;
  String recordingLocation;
  String recordingToken;
  boolean notified;
  final CompletableFuture<Integer> completionDelivered = new CompletableFuture<>();
  final List<EmulatedClock.Timer> timers = new ArrayList<>();

  // record state machine
  /** The completion a fault plan forces on this recording (null: as the caller's script makes it). */
  RecordCompletion forced;
  boolean recording;
  double recordStart;
  boolean speechStarted;
  EmulatedClock.Timer silenceTimer;

  MediaOp(String id, String type, String clientContext, List<PromptRef> prompts, RecordParams record, double createdAt) {
    this.id = id;
    this.type = type;
    this.clientContext = clientContext;
    this.prompts = List.copyOf(prompts);
    this.record = record;
    this.createdAt = createdAt;
  }

  boolean finished() {
    return "completed".equals(status) || "failed".equals(status);
  }

  void cancelTimers() {
    timers.forEach(EmulatedClock.Timer::cancel);
    timers.clear();
    if (silenceTimer != null) silenceTimer.cancel();
    silenceTimer = null;
  }

  String odataType() {
    return "#microsoft.graph." + switch (type) {
      case PLAY -> "playPromptOperation";
      case RECORD -> "recordOperation";
      case CANCEL -> "cancelMediaProcessingOperation";
      case SUBSCRIBE -> "subscribeToToneOperation";
      default -> "commsOperation";
    };
  }
}
