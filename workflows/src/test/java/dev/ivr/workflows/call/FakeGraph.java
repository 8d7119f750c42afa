package dev.ivr.workflows.call;

import dev.ivr.workflows.event.CallStateChanged;
import dev.ivr.workflows.event.GraphEvent;
import dev.ivr.workflows.event.GraphEventSignal;
import dev.ivr.workflows.event.OperationCompleted;
import dev.ivr.workflows.event.RecordingStored;
import dev.ivr.workflows.event.ResultInfo;
import dev.ivr.workflows.event.ToneReceived;
import dev.ivr.workflows.graph.AnswerCall;
import dev.ivr.workflows.graph.CancelMediaProcessing;
import dev.ivr.workflows.graph.CreateCall;
import dev.ivr.workflows.graph.DownloadRecording;
import dev.ivr.workflows.graph.GraphCallActivities;
import dev.ivr.workflows.graph.HangUp;
import dev.ivr.workflows.graph.KeepAlive;
import dev.ivr.workflows.graph.OperationStarted;
import dev.ivr.workflows.graph.PlayPrompt;
import dev.ivr.workflows.graph.RecordResponse;
import dev.ivr.workflows.graph.RecordingActivities;
import dev.ivr.workflows.graph.RejectCall;
import dev.ivr.workflows.graph.SubscribeToTone;
import dev.ivr.workflows.graph.TransferCall;
import io.temporal.activity.Activity;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test activities that behave like Graph plus its webhook: each request is journaled, and the
 * notifications it causes are sent as real Temporal signals through the client, either before the
 * activity returns ({@link Delivery#BEFORE_RETURN}), shortly after ({@link Delivery#AFTER_RETURN}),
 * twice, or never.
 */
public final class FakeGraph implements GraphCallActivities, RecordingActivities, AutoCloseable {
  public enum Delivery { BEFORE_RETURN, AFTER_RETURN, TWICE, NEVER, CALLER_HANGS_UP }

  public final List<String> requests = new CopyOnWriteArrayList<>();
  public final List<RecordResponse> recordRequests = new CopyOnWriteArrayList<>();
  public final AtomicInteger downloadAttempts = new AtomicInteger();
  public volatile Delivery playDelivery = Delivery.AFTER_RETURN;
  public volatile Delivery recordDelivery = Delivery.AFTER_RETURN;
  /** Which record request (1-based) the record delivery applies to; others complete normally. */
  public volatile int recordDeliveryAppliesFrom = 1;
  public volatile int downloadFailures;
  public volatile boolean omitClientContext;
  /** The caller is gone by the time the bot answers: Graph answers 404 and sends terminated. */
  public volatile boolean hangUpOnAnswer;
  /** Keys the caller presses during the n-th playPrompt (1-based), sent as tones before it returns. */
  public final Map<Integer, String> keysDuringPrompt = new ConcurrentHashMap<>();
  /** With a delay, the keys during a prompt come that long after the playPrompt request returned. */
  public volatile long keyDelayMillis;
  /** Prompts (1-based) that play until cancelled: no completion unless cancelMediaProcessing. */
  public final Set<Integer> promptsUntilCancelled = ConcurrentHashMap.newKeySet();
  /** The caller hangs up during the n-th playPrompt (1-based; 0 = never). */
  public volatile int hangUpDuringPrompt;
  /** Graph's answer to transfer: success (transferAccepted, terminated 0/7015) or back to established. */
  public volatile boolean transferSucceeds = true;
  /** Graph accepts the bot's hang-up but the terminated notification has not come yet (the test sends it). */
  public volatile boolean silentHangUp;
  /** An injected bug: the n-th playPrompt (1-based; 0 = never) returns null, as no activity ever should. */
  public volatile int promptReturnsNull;
  /** The media URIs of each playPrompt, in order. */
  public final List<List<String>> playedUris = new CopyOnWriteArrayList<>();
  /** The media of each playPrompt, in order. */
  public final List<List<dev.ivr.workflows.flow.MediaRef>> playedMedia = new CopyOnWriteArrayList<>();
  public final List<TransferCall> transfers = new CopyOnWriteArrayList<>();
  public final List<CreateCall> created = new CopyOnWriteArrayList<>();
  /** Graph call ids (as the workflow uses them) of each request, to prove outbound calls use Graph's id. */
  public final List<String> callIdsUsed = new CopyOnWriteArrayList<>();
  /** How recordResponse completes (default: completed 200/8509 maxSilenceTimeout with a recording). */
  public volatile RecordEnd recordEnd = new RecordEnd("completed", 200, 8509, "maxSilenceTimeout", true);
  /** Graph's answer to a failing transfer: back to established with this resultInfo. */
  public volatile ResultInfo transferFailure = new ResultInfo(500, 7700, "transfer failed");
  /** A successful transfer ends with {@code terminationReason: AppTransferred} and no resultInfo, and no transferAccepted. */
  public volatile boolean transferEndsAppTransferred;
  /** Non-null: a transfer ends the whole call, terminated with this resultInfo. */
  public volatile ResultInfo transferTerminates;
  /** Non-null: an outbound call is never established; it ends terminated with this resultInfo. */
  public volatile ResultInfo outboundEnd;
  /** Each createCall takes the next of these first: an attempt ends terminated with it; when none is left, {@link #outboundEnd}. */
  public final java.util.Queue<ResultInfo> outboundEnds = new java.util.concurrent.ConcurrentLinkedQueue<>();
  /** The first this many createCalls ring (establishing) and are never answered nor ended by Graph. */
  public final java.util.concurrent.atomic.AtomicInteger outboundRingsUnanswered = new java.util.concurrent.atomic.AtomicInteger();

  /**
   * How a record operation ends: its status, code and subcode; Graph's {@code completionReason}
   * (null: none, as in the docs' completed record) and whether a recording comes with it.
   */
  public record RecordEnd(String status, int code, int subcode, String completionReason, boolean recording) {}

  /** The keepAlive requests, apart from {@link #requests} (they come from a timer, beside the flow). */
  public final List<String> keepAlives = new CopyOnWriteArrayList<>();
  /** keepAlive answers 404: the call is gone. */
  public volatile boolean keepAliveFindsCallGone;

  private final WorkflowClient client;
  private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
  private final AtomicInteger operations = new AtomicInteger();
  private final AtomicInteger records = new AtomicInteger();
  private final AtomicInteger plays = new AtomicInteger();
  private final AtomicLong toneSequence = new AtomicLong();
  private final Map<String, String> running = new ConcurrentHashMap<>();
  /** Graph call id → workflow id, for calls whose id Graph chose (outbound). */
  private final Map<String, String> workflowIds = new ConcurrentHashMap<>();

  public FakeGraph(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public void answer(AnswerCall request) {
    requests.add("answer");
    if (hangUpOnAnswer) {
      return;
    }
    signal(request.callId(), CallStateChanged.of("establishing"));
    signal(request.callId(), CallStateChanged.of("established"));
  }

  @Override
  public OperationStarted playPrompt(PlayPrompt request) {
    requests.add("playPrompt");
    callIdsUsed.add(request.callId());
    playedUris.add(request.prompts().stream().map(m -> m.uri()).toList());
    playedMedia.add(request.prompts());
    int n = plays.incrementAndGet();
    String opId = "op-" + operations.incrementAndGet();
    String keys = keysDuringPrompt.get(n);
    if (keys != null && keyDelayMillis > 0) {
      later.schedule(() -> press(request.callId(), keys), keyDelayMillis, TimeUnit.MILLISECONDS);
    } else if (keys != null) {
      press(request.callId(), keys);
    }
    if (n == promptReturnsNull) {
      return null;
    }
    if (n == hangUpDuringPrompt) {
      signal(request.callId(), new CallStateChanged("terminated", new ResultInfo(200, 540000, "user hung up"), null));
      return new OperationStarted(opId, "running", null);
    }
    if (promptsUntilCancelled.contains(n)) {
      running.put(opId, request.clientContext());
      return new OperationStarted(opId, "running", null);
    }
    var completion = new OperationCompleted(opId, "playPromptOperation", context(request.clientContext()), "completed",
        new ResultInfo(200, 0, "Action completed successfully."), "completedSuccessfully", null, null);
    return deliver(request.callId(), opId, completion, playDelivery);
  }

  /** The caller presses keys: one toneInfo update per key, with increasing sequence ids. */
  public void press(String callId, String keys) {
    for (char key : keys.toCharArray()) {
      String tone = switch (key) {
        case '*' -> "star";
        case '#' -> "pound";
        default -> "tone" + key;
      };
      signal(callId, new ToneReceived(toneSequence.incrementAndGet(), tone));
    }
  }

  @Override
  public OperationStarted recordResponse(RecordResponse request) {
    requests.add("recordResponse");
    recordRequests.add(request);
    String opId = "op-" + operations.incrementAndGet();
    RecordEnd end = recordEnd;
    var completion = new OperationCompleted(opId, "recordOperation", context(request.clientContext()), end.status(),
        new ResultInfo(end.code(), end.subcode(), "Action " + end.status() + "."), end.completionReason(),
        end.recording() ? "https://graph.example/recordings/" + opId : "", end.recording() ? "recording-token-" + opId : "");
    Delivery delivery = records.incrementAndGet() >= recordDeliveryAppliesFrom ? recordDelivery : Delivery.AFTER_RETURN;
    return deliver(request.callId(), opId, completion, delivery);
  }

  @Override
  public String createCall(CreateCall request) {
    requests.add("createCall");
    created.add(request);
    String graphCallId = "out-" + operations.incrementAndGet();
    workflowIds.put(graphCallId, Activity.getExecutionContext().getInfo().getWorkflowId());
    signal(graphCallId, CallStateChanged.of("establishing"));
    if (outboundRingsUnanswered.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return graphCallId;
    }
    ResultInfo end = outboundEnds.poll();
    end = end != null ? end : outboundEnd;
    if (end != null) {
      signal(graphCallId, new CallStateChanged("terminated", end, null));
      return graphCallId;
    }
    signal(graphCallId, CallStateChanged.of("established"));
    return graphCallId;
  }

  @Override
  public OperationStarted subscribeToTone(SubscribeToTone request) {
    requests.add("subscribeToTone");
    callIdsUsed.add(request.callId());
    return new OperationStarted("op-" + operations.incrementAndGet(), "completed", new ResultInfo(200, 0, null));
  }

  @Override
  public OperationStarted cancelMediaProcessing(CancelMediaProcessing request) {
    requests.add("cancelMediaProcessing");
    running.forEach((opId, context) -> signal(request.callId(), new OperationCompleted(opId, "playPromptOperation",
        context, "failed", new ResultInfo(400, 8508, "Action falied, the operation was cancelled."), null, null, null)));
    running.clear();
    return new OperationStarted("op-" + operations.incrementAndGet(), "completed", new ResultInfo(200, 0, null));
  }

  @Override
  public void transfer(TransferCall request) {
    requests.add("transfer");
    transfers.add(request);
    signal(request.callId(), CallStateChanged.of("transferring"));
    if (transferTerminates != null) {
      signal(request.callId(), new CallStateChanged("terminated", transferTerminates, null));
    } else if (transferSucceeds && transferEndsAppTransferred) {
      signal(request.callId(), new CallStateChanged("terminated", null, null, "AppTransferred"));
    } else if (transferSucceeds) {
      signal(request.callId(), CallStateChanged.of("transferAccepted"));
      signal(request.callId(), new CallStateChanged("terminated", new ResultInfo(0, 7015, "GracefulTransferCompleted"), null));
    } else {
      signal(request.callId(), new CallStateChanged("established", transferFailure, null));
    }
  }

  /** How a redirect ends: terminated with this resultInfo (default: answered, 200/0). */
  public volatile ResultInfo redirectEnd = new ResultInfo(200, 0, "The call was redirected and answered.");
  public final List<dev.ivr.workflows.graph.RedirectCall> redirects = new CopyOnWriteArrayList<>();

  @Override
  public void redirect(dev.ivr.workflows.graph.RedirectCall request) {
    requests.add("redirect");
    redirects.add(request);
    signal(request.callId(), new CallStateChanged("terminated", redirectEnd, null));
  }

  @Override
  public void keepAlive(KeepAlive request) {
    keepAlives.add(request.callId());
    if (keepAliveFindsCallGone) {
      throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure("call gone", CALL_GONE);
    }
  }

  @Override
  public void hangUp(HangUp request) {
    requests.add("hangUp");
    callIdsUsed.add(request.callId());
    if (silentHangUp) {
      return;
    }
    signal(request.callId(), CallStateChanged.of("terminating"));
    signal(request.callId(), new CallStateChanged("terminated", new ResultInfo(200, 7000, "ended by bot"), null));
  }

  /** Graph's reject: 202, then the bare deleted notification (terminated here). */
  @Override
  public void reject(RejectCall request) {
    requests.add("reject:" + request.reason());
    callIdsUsed.add(request.callId());
    later.schedule(() -> signal(request.callId(),
        new CallStateChanged("terminated", new ResultInfo(0, 0, "rejected: " + request.reason()), null)),
        20, TimeUnit.MILLISECONDS);
  }

  @Override
  public RecordingStored downloadRecording(DownloadRecording request) {
    requests.add("download");
    if (downloadAttempts.incrementAndGet() <= downloadFailures) {
      throw new IllegalStateException("connection reset while downloading " + request.recordingId());
    }
    return new RecordingStored(request.nodeId(), request.operationId(), request.completionReason(),
        "recordings/" + request.recordingId() + ".wav", 96_044, 3_000, "sha-of-" + request.operationId());
  }

  private OperationStarted deliver(String callId, String opId, OperationCompleted completion, Delivery delivery) {
    switch (delivery) {
      case BEFORE_RETURN -> signal(callId, completion);
      case AFTER_RETURN -> later.schedule(() -> signal(callId, completion), 20, TimeUnit.MILLISECONDS);
      case TWICE -> {
        signal(callId, completion);
        later.schedule(() -> signal(callId, completion), 20, TimeUnit.MILLISECONDS);
      }
      case CALLER_HANGS_UP -> later.schedule(
          () -> signal(callId, new CallStateChanged("terminated", new ResultInfo(200, 540000, "user hung up"), null)),
          20, TimeUnit.MILLISECONDS);
      case NEVER -> { }
    }
    return new OperationStarted(opId, "running", null);
  }

  private String context(String clientContext) {
    return omitClientContext ? null : clientContext;
  }

  public void signal(String callId, GraphEvent event) {
    String workflowId = workflowIds.getOrDefault(callId, CallIds.workflowId(callId));
    client.newWorkflowStub(CallWorkflow.class, workflowId)
        .onGraphEvent(new GraphEventSignal("msg-" + event.dedupKey(), System.currentTimeMillis(), event));
  }

  @Override
  public void close() {
    later.shutdownNow();
  }
}
