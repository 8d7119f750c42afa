package dev.ivr.launcher;

import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A caller phones the bot through the emulator: silent for 1 s after the beep, speaks for 3 s, then
 * stays silent until the bot's silence timeout ends the recording.
 */
final class DemoCall {
  static final CallerScript CALLER = CallerScript.of(
      new CallerScript.WaitFor("beep"), new CallerScript.Wait(1.0), new CallerScript.Speak(3.0));

  private DemoCall() {}

  /** Raises the call and waits for its workflow's result. */
  static Placed place(GraphEmulator emulator, WorkflowClient client, String callbackUri, Duration timeout)
      throws TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(callbackUri).withScript(CALLER));
    WorkflowStub call = client.newUntypedWorkflowStub(CallIds.workflowId(callId));
    while (true) {
      try {
        long left = deadline - System.nanoTime();
        return new Placed(callId, call.getResult(Math.max(1, left), TimeUnit.NANOSECONDS, CallResult.class));
      } catch (WorkflowNotFoundException notStartedYet) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("the api never started a workflow for call " + callId);
        }
        sleep();
      }
    }
  }

  record Placed(String callId, CallResult result) {}

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
