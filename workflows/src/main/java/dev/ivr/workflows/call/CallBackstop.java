package dev.ivr.workflows.call;

import io.temporal.failure.CanceledFailure;
import io.temporal.internal.sync.PotentialDeadlockException;
import io.temporal.worker.NonDeterministicException;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/**
 * No call is ever stuck: an exception that is not a flow error (a bug in the interpreter, an
 * activity that returned what it never should) would otherwise fail the workflow task, which
 * Temporal retries for ever while Graph keeps the caller on the line. The backstop ends such a call
 * like any failed one instead: the caller's workflow then hangs up, the outcome is FAILED, the
 * recordings stored so far stay in the result, and the cause goes to the result's {@code failure}
 * and to the worker's log.
 *
 * <p>The change {@value #CHANGE_ID} is taken only when an exception is caught: a call that never
 * meets a bug records no marker, so every history recorded before it replays; a call that is stuck
 * in a retried workflow task when this code is deployed takes the new branch and ends.
 *
 * <p>Not caught: Temporal's own signals to the workflow thread (cancellation, non-determinism, a
 * potential deadlock), which must reach the SDK. The workflow run timeout
 * ({@link CallTimeouts#RUN_TIMEOUT}) is the last backstop, for a bug in the ending itself.
 */
public final class CallBackstop {
  public static final String CHANGE_ID = "interpreter-backstop";
  private static final Logger log = Workflow.getLogger(CallBackstop.class);

  private CallBackstop() {}

  /** Runs {@code part} of the call; an unexpected exception ends it as FAILED with the cause kept. */
  public static void run(CallSession call, Runnable part) {
    try {
      part.run();
    } catch (CanceledFailure | NonDeterministicException | PotentialDeadlockException temporal) {
      throw temporal;
    } catch (RuntimeException bug) {
      if (call.versions().version(CHANGE_ID, 1) == Workflow.DEFAULT_VERSION) {
        throw bug;
      }
      String cause = describe(bug);
      log.error("call {} failed unexpectedly at node '{}', ending it: {}", call.workflowId(), call.currentNode(), cause, bug);
      call.step(call.currentNode() == null ? "call" : call.currentNode(),
          call.currentNodeType() == null ? "call" : call.currentNodeType(), "bug");
      call.failed(cause);
      call.end(CallOutcome.FAILED);
    }
  }

  /** The exception's type, message and where it was thrown: enough to find the bug, no stack dump. */
  static String describe(Throwable bug) {
    StackTraceElement[] stack = bug.getStackTrace();
    String at = stack.length == 0 ? "" : " at " + stack[0].getClassName() + "." + stack[0].getMethodName()
        + "(" + stack[0].getFileName() + ":" + stack[0].getLineNumber() + ")";
    String message = bug.getMessage() == null ? "" : ": " + bug.getMessage();
    return bug.getClass().getName() + message + at;
  }
}
