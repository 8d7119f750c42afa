package dev.ivr.emulator.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ivr.emulator.CallView;
import dev.ivr.emulator.faults.FaultDice;
import dev.ivr.emulator.script.ScriptRunner;
import dev.ivr.emulator.script.VoiceTrack;
import dev.ivr.emulator.time.EmulatedClock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** One call's state. Touched only on the emulator loop. */
final class Call {

  final String id;
  final String callChainId;
  final String myParticipantId;
  final String tenantId;
  final String direction;
  final ObjectNode source;
  final ArrayNode targets;
  final boolean remoteIsPhone;
  final double createdAt;
  final FaultDice dice;
  final VoiceTrack voice = new VoiceTrack();
  final long voiceSeed;
  final ArrayNode requestedModalities;

  String callbackUri;
  String state;
  String mediaAudio;
  ObjectNode mediaConfig;
  Integer endCode;
  Integer endSubcode;
  String endMessage;
  String terminationReason;
  boolean answered;
  ScriptRunner script;

  boolean toneSubscribed;
  long toneSequence;
  final List<CallView.ToneView> tones = new ArrayList<>();

  final Deque<MediaOp> queue = new ArrayDeque<>();
  /** Subcodes the fault plan forces on the call's next record operations ({@code FaultPlan.recordCompletions}). */
  final Deque<Integer> forcedRecordCompletions = new ArrayDeque<>();
  MediaOp current;
  final Map<String, MediaOp> operations = new LinkedHashMap<>();

  EmulatedClock.Timer answerDeadline;
  EmulatedClock.Timer keepAliveDeadline;
  EmulatedClock.Timer dropTimer;
  final List<EmulatedClock.Timer> timers = new ArrayList<>();
  final CompletableFuture<Void> ended = new CompletableFuture<>();

  Call(String id, String callChainId, String myParticipantId, String tenantId, String direction, ObjectNode source,
      ArrayNode targets, boolean remoteIsPhone, double createdAt, FaultDice dice, long voiceSeed,
      ArrayNode requestedModalities, String callbackUri) {
    this.id = id;
    this.callChainId = callChainId;
    this.myParticipantId = myParticipantId;
    this.tenantId = tenantId;
    this.direction = direction;
    this.source = source;
    this.targets = targets;
    this.remoteIsPhone = remoteIsPhone;
    this.createdAt = createdAt;
    this.dice = dice;
    this.voiceSeed = voiceSeed;
    this.requestedModalities = requestedModalities;
    this.callbackUri = callbackUri;
    this.forcedRecordCompletions.addAll(dice.plan().recordCompletions());
  }

  /** Tells the remote party's script that a media event happened now. */
  void emit(String event) {
    if (script != null) script.onEvent(event);
  }

  boolean isEnded() {
    return "terminated".equals(state);
  }

  /** Alive and past terminating: not ended, not being torn down. */
  boolean isActive() {
    return !isEnded() && !"terminating".equals(state);
  }
}
