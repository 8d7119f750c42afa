package dev.ivr.api.callback;

import dev.ivr.api.admission.Admission;
import dev.ivr.api.metrics.ApiMetrics;
import dev.ivr.api.temporal.CallWorkflows.Delivery;
import dev.ivr.api.temporal.CallWorkflows;
import dev.ivr.api.temporal.TemporalUnavailableException;
import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.event.CallStateChanged;
import dev.ivr.workflows.event.GraphEvent;
import dev.ivr.workflows.event.GraphEventSignal;
import dev.ivr.workflows.event.OperationCompleted;
import dev.ivr.workflows.event.ToneReceived;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hands the notifications of one POST to their calls' workflows, in order, one signal per event.
 * An incoming call is started with signalWithStart; everything else is a plain signal. A POST to
 * the webhook with a {@code workflowId} query parameter (the callbackUri of an outbound call, whose
 * Graph id is unknown when its workflow starts) goes to that workflow, by plain signal. Stops at the
 * first Temporal failure: what was delivered before stays delivered (the workflow deduplicates the
 * redelivery), and the caller answers 503 so Graph redelivers the rest.
 *
 * <p>Logs call ids, states, tones' sequence ids and operation ids only: never phone numbers,
 * tokens or recording locations.
 */
@Component
class NotificationHandoff {

  private static final Logger log = LoggerFactory.getLogger(NotificationHandoff.class);

  private final NotificationMapper mapper = new NotificationMapper();
  private final CallWorkflows calls;
  private final CallInputFactory inputs;
  private final ApiMetrics metrics;
  private final Admission admission;

  NotificationHandoff(CallWorkflows calls, CallInputFactory inputs, ApiMetrics metrics, Admission admission) {
    this.calls = calls;
    this.inputs = inputs;
    this.metrics = metrics;
    this.admission = admission;
  }

  /** Temporal failed part-way: {@code delivered} lists the outcomes up to the failed notification. */
  static final class HandoffFailedException extends RuntimeException {
    private final transient List<CallbackReply.Outcome> delivered;
    private final int failedIndex;

    HandoffFailedException(List<CallbackReply.Outcome> delivered, int failedIndex, TemporalUnavailableException cause) {
      super(cause.getMessage(), cause);
      this.delivered = List.copyOf(delivered);
      this.failedIndex = failedIndex;
    }

    List<CallbackReply.Outcome> delivered() {
      return delivered;
    }

    int failedIndex() {
      return failedIndex;
    }
  }

  CallbackReply deliver(CommsNotifications notifications, String messageId, long receivedAtMillis) {
    return deliver(notifications, messageId, receivedAtMillis, null, null);
  }

  /**
   * As above; a non-null {@code targetWorkflowId} receives every event, by plain signal;
   * {@code tokenTenant} (the notification token's tenant) is a new call's tenant when the
   * notification names none.
   */
  CallbackReply deliver(CommsNotifications notifications, String messageId, long receivedAtMillis,
      String targetWorkflowId, String tokenTenant) {
    List<CallbackReply.Outcome> outcomes = new ArrayList<>(notifications.value().size());
    int index = 0;
    for (CommsNotification notification : notifications.value()) {
      try {
        MappedNotification mapped = mapper.map(notification);
        CallbackReply.Outcome outcome =
            deliver(index, mapped, messageId, receivedAtMillis, targetWorkflowId, tokenTenant);
        outcomes.add(outcome);
        metrics.notification(notification.changeType(), outcome.outcome());
      } catch (TemporalUnavailableException e) {
        metrics.notification(notification.changeType(), "unavailable");
        throw new HandoffFailedException(outcomes, index, e);
      } catch (IllegalArgumentException e) {
        metrics.notification(notification.changeType(), "invalid");
        // a value our events refuse: redelivery cannot fix it, and the rest of the POST still counts
        log.info("Notification {} of message {} is invalid: {}", index, messageId, e.getMessage());
        outcomes.add(new CallbackReply.Outcome(index, null, null, List.of(), "invalid", "invalid notification: "
            + e.getMessage()));
      }
      index++;
    }
    return new CallbackReply(notifications.value().size(), outcomes);
  }

  private CallbackReply.Outcome deliver(int index, MappedNotification mapped, String messageId, long receivedAt,
      String targetWorkflowId, String tokenTenant) {
    String workflowId = targetWorkflowId != null ? targetWorkflowId : CallWorkflows.workflowIdOf(mapped.callId());
    List<String> names = mapped.events().stream().map(NotificationHandoff::describe).toList();
    if (mapped.isIgnored() || workflowId == null) {
      String reason = mapped.isIgnored() ? mapped.ignoredReason() : "no usable call id";
      log.debug("Notification {} of message {} ignored: {} (call {})", index, messageId, reason, mapped.callId());
      return new CallbackReply.Outcome(index, mapped.callId(), workflowId, names, "ignored", reason);
    }
    boolean starts = targetWorkflowId == null && mapped.startsCall();
    CallInput input = starts ? admitted(mapped, tokenTenant, workflowId) : null;
    Delivery delivery = Delivery.DELIVERED;
    try {
      for (GraphEvent event : mapped.events()) {
        GraphEventSignal signal = new GraphEventSignal(messageId, receivedAt, event);
        delivery = starts ? calls.startIncoming(input, signal) : calls.signal(workflowId, signal);
        if (delivery != Delivery.DELIVERED) {
          break; // the same call: later events of this notification cannot fare better
        }
      }
    } catch (RuntimeException e) {
      if (starts) {
        admission.release(workflowId);
      }
      throw e;
    }
    if (starts && delivery != Delivery.DELIVERED) {
      admission.release(workflowId);
    }
    return switch (delivery) {
      case DELIVERED -> {
        log.debug("Delivered {} to {} (message {})", names, workflowId, messageId);
        yield new CallbackReply.Outcome(index, mapped.callId(), workflowId, names, "delivered", null);
      }
      case UNKNOWN_CALL -> {
        log.info("Dropped {} for {}: no running workflow (unknown call, or it already ended)", names, workflowId);
        yield new CallbackReply.Outcome(index, mapped.callId(), workflowId, names, "dropped-unknown-call",
            "no running workflow for this call: it is unknown or has already ended");
      }
      case CALL_ENDED -> {
        log.info("Dropped incoming call {} for {}: its workflow already ran and is not restarted", names, workflowId);
        yield new CallbackReply.Outcome(index, mapped.callId(), workflowId, names, "dropped-call-ended",
            "this call's workflow already ran; a call id is never restarted");
      }
    };
  }

  /**
   * A new incoming call's input, admitted or, past the app's limit of live calls, refused as configured:
   * Graph's reject (busy) or the busy flow; never silence.
   */
  private CallInput admitted(MappedNotification mapped, String tokenTenant, String workflowId) {
    String refusal = admission.incoming(workflowId);
    if (refusal == null) {
      return inputs.incoming(mapped, tokenTenant);
    }
    if (CallInput.BUSY_PROMPT.equals(refusal)) {
      CallInput busy = inputs.busy(mapped, tokenTenant, admission.busyFlow());
      if (busy != null) {
        log.info("Call {} answered with the busy flow: the app is at its limit of {} live calls", workflowId,
            admission.limit());
        return busy.withAdmission(CallInput.BUSY_PROMPT);
      }
      log.warn("Busy flow '{}' is unknown: call {} is rejected (busy) instead", admission.busyFlow(), workflowId);
    }
    log.info("Call {} rejected (busy): the app is at its limit of {} live calls", workflowId, admission.limit());
    return inputs.incoming(mapped, tokenTenant).withAdmission(CallInput.BUSY_REJECT);
  }

  /** A loggable name of the event: its kind and state, never its data. */
  static String describe(GraphEvent event) {
    if (event instanceof CallStateChanged changed) {
      return "callState:" + changed.state()
          + (changed.resultInfo() == null ? "" : "(" + changed.resultInfo().code() + "/" + changed.resultInfo().subcode() + ")");
    } else if (event instanceof OperationCompleted op) {
      return "operation:" + op.operationType() + ":" + op.status() + ":" + op.operationId();
    } else if (event instanceof ToneReceived tone) {
      return "tone:" + tone.sequenceId();
    }
    throw new IllegalArgumentException("unknown event " + event.getClass().getSimpleName());
  }
}
