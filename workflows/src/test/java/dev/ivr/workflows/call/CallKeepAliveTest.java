package dev.ivr.workflows.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.workflows.flow.FlowNode;
import dev.ivr.workflows.flow.HangupNode;
import dev.ivr.workflows.flow.PlayNode;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Graph ends a call without keepAlive for 45 minutes: the call sends one every 15, from a durable timer. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallKeepAliveTest {
  private CallHarness harness;

  @AfterEach
  void stop() {
    harness.close();
  }

  /** A prompt that plays until the media wait gives up, 50 minutes later. */
  private static CallInput fiftyMinuteCall() {
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("hold", new PlayNode(List.of("hold"), "end"));
    nodes.put("end", new HangupNode());
    CallInput input = CallHarness.input(CallHarness.flow("hold", nodes), Map.of(), Map.of());
    return new CallInput(input.callId(), input.tenantId(), input.direction(), input.callbackUri(), input.flow(),
        input.subflows(), input.prompts(), input.variables(),
        new CallTimeouts(Duration.ofSeconds(30), Duration.ofMinutes(50), Duration.ofSeconds(15)));
  }

  @Test
  void aFiftyMinuteCall_sendsAKeepAliveEvery15Minutes_andNoneOnceItEnded() {
    harness = new CallHarness(true);
    harness.graph.promptsUntilCancelled.add(1);
    WorkflowStub call = harness.start(fiftyMinuteCall());

    CallResult result = call.getResult(CallResult.class);

    assertThat(result.outcome()).isEqualTo(CallOutcome.TIMED_OUT);
    assertThat(harness.graph.keepAlives).containsExactly(CallHarness.CALL_ID, CallHarness.CALL_ID, CallHarness.CALL_ID);
    List<HistoryEvent> history = harness.env.getWorkflowClient().fetchHistory(call.getExecution().getWorkflowId())
        .getEvents();
    assertThat(history).as("keep-alive timers: three fired, the fourth pending when the call ended")
        .filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED
            && e.getTimerStartedEventAttributes().getStartToFireTimeout().getSeconds() == 15 * 60L)
        .hasSize(4);
    assertThat(history).as("the change is recorded for replay").anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED
        && e.getMarkerRecordedEventAttributes().getDetailsMap().toString().contains(CallKeepAlive.CHANGE_ID));

    harness.env.sleep(Duration.ofHours(1));
    assertThat(harness.graph.keepAlives).hasSize(3);
  }

  @Test
  void aShortCall_sendsNoKeepAlive() {
    harness = new CallHarness(true);
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("hello", new PlayNode(List.of("greeting"), "end"));
    nodes.put("end", new HangupNode());

    CallResult result = harness.run(CallHarness.flow("hello", nodes));

    assertThat(result.outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(harness.graph.keepAlives).isEmpty();
  }

  @Test
  void aKeepAliveThatFindsTheCallGone_endsTheCall() {
    harness = new CallHarness(true);
    harness.graph.promptsUntilCancelled.add(1);
    harness.graph.keepAliveFindsCallGone = true;

    CallResult result = harness.start(fiftyMinuteCall()).getResult(CallResult.class);

    assertThat(result.outcome()).isEqualTo(CallOutcome.CALLER_HUNG_UP);
    assertThat(harness.graph.keepAlives).hasSize(1);
    assertThat(harness.graph.requests).as("the call is gone: no hang-up").doesNotContain("hangUp");
  }
}
