package dev.ivr.emulator.graph;

import dev.ivr.emulator.CallView;
import dev.ivr.emulator.Callee;
import dev.ivr.emulator.FaultPlan;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.emulator.media.RecordingStore;
import dev.ivr.emulator.time.EmulatedClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What tests and the admin API do to calls, behind {@code GraphEmulator}: raise an incoming call,
 * act as the remote party (press keys, hang up), change faults and callees, and look at calls,
 * their recordings and their end. An unknown call is an {@link IllegalArgumentException}.
 */
public final class CallAdmin {

  private final EmulatedClock clock;
  private final CallRegistry calls;
  private final Callees callees;
  private final CallEngine lifecycle;
  private final MediaEngine media;
  private final RecordingStore recordings;

  CallAdmin(EmulatedClock clock, CallRegistry calls, Callees callees, CallEngine lifecycle, MediaEngine media,
      RecordingStore recordings) {
    this.clock = clock;
    this.calls = calls;
    this.callees = callees;
    this.lifecycle = lifecycle;
    this.media = media;
    this.recordings = recordings;
  }

  /** Raises an incoming call and posts its {@code created} notification; returns the call id. */
  public String raiseIncoming(IncomingCallSpec spec) {
    return lifecycle.raiseIncoming(spec);
  }

  /** The remote party presses {@code keys}, {@code gapSeconds} apart. */
  public void pressKeys(String callId, String keys, double gapSeconds) {
    clock.call(() -> {
      Call c = calls.anyCall(callId);
      double t = clock.now();
      for (char k : keys.toCharArray()) {
        c.timers.add(clock.at(t, () -> media.onTone(c, k)));
        t += gapSeconds;
      }
      return null;
    });
  }

  /** The remote party hangs up. */
  public void hangUp(String callId) {
    clock.call(() -> {
      lifecycle.remoteHangup(calls.anyCall(callId));
      return null;
    });
  }

  public void globalFaults(FaultPlan plan) {
    calls.globalFaults(plan);
  }

  public FaultPlan globalFaults() {
    return calls.globalFaults();
  }

  public void registerCallee(String target, Callee callee) {
    callees.register(target, callee);
  }

  public CallView view(String callId) {
    return clock.call(() -> view(calls.anyCall(callId)));
  }

  /** Every call, oldest first. */
  public List<CallView> views() {
    return clock.call(() -> calls.all().stream().sorted((a, b) -> Double.compare(a.createdAt, b.createdAt))
        .map(this::view).toList());
  }

  public Optional<byte[]> recordingBytes(String callId, String operationId) {
    return recordings.byOperation(calls.anyCall(callId).id, operationId.toLowerCase(Locale.ROOT))
        .map(RecordingStore.Recording::wav);
  }

  /** Waits until the call ended and its final notification was tried; false on timeout. */
  public boolean awaitEnded(String callId, Duration timeout) {
    Call c = calls.anyCall(callId);
    try {
      c.ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      return true;
    }
  }

  /** The call id of a recording, for the journal. */
  public String callOfRecording(String recordingId) {
    return recordings.byId(recordingId).map(RecordingStore.Recording::callId).orElse(null);
  }

  /** The recording fault of a call's plan ({@code none} for an unknown call). */
  public String recordingFault(String callId) {
    Call c = calls.get(callId);
    return c == null ? "none" : c.dice.plan().recordingFault();
  }

  /** The canonical id of a known call (any casing or dash form), else the input. */
  public String canonicalId(String callId) {
    return calls.canonicalId(callId);
  }

  private CallView view(Call c) {
    List<CallView.OperationView> ops = new ArrayList<>();
    List<CallView.RecordingView> recs = new ArrayList<>();
    for (MediaOp op : c.operations.values()) {
      ops.add(new CallView.OperationView(op.id, op.type, op.status, op.clientContext, op.code, op.subcode,
          op.completionReason, op.recordingLocation, op.notified));
      if (op.recordingId != null) {
        recordings.byId(op.recordingId).ifPresent(r ->
            recs.add(new CallView.RecordingView(op.id, r.id(), r.size(), r.durationSeconds())));
      }
    }
    return new CallView(c.id, c.callChainId, c.state, c.direction, c.callbackUri, c.toneSubscribed, c.endCode,
        c.endSubcode, c.endMessage, ops, c.tones, recs);
  }
}
