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
public final class DemoCall {
  public static final CallerScript CALLER = CallerScript.of(
      new CallerScript.WaitFor("beep"), new CallerScript.Wait(1.0), new CallerScript.Speak(3.0));

  private DemoCall() {}

  /** Raises the call and waits for its workflow's result. */
  public static Placed place(GraphEmulator emulator, WorkflowClient client, String callbackUri, Duration timeout)
      throws TimeoutException {
    String callId = emulator.raiseIncomingCall(IncomingCallSpec.to(callbackUri).withScript(CALLER));
    return new Placed(callId, awaitResult(client, callId, timeout));
  }

  /**
   * The result of the workflow of Graph call {@code callId}, waiting first for the webhook to start
   * it (the emulator POSTs {@code created} asynchronously).
   */
  public static CallResult awaitResult(WorkflowClient client, String callId, Duration timeout)
      throws TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    WorkflowStub call = client.newUntypedWorkflowStub(CallIds.workflowId(callId));
    while (true) {
      try {
        long left = deadline - System.nanoTime();
        return call.getResult(Math.max(1, left), TimeUnit.NANOSECONDS, CallResult.class);
      } catch (WorkflowNotFoundException notStartedYet) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("the api never started a workflow for call " + callId);
        }
        sleep();
      }
    }
  }

  public record Placed(String callId, CallResult result) {}

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
