package dev.ivr.workflows.call;

import dev.ivr.workflows.graph.GraphCallActivities;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;

/** Reads the stable failure types that the Graph activities report. */
public final class GraphFailures {
  private GraphFailures() {}

  public static boolean isCallGone(ActivityFailure failure) {
    return failure.getCause() instanceof ApplicationFailure app
        && GraphCallActivities.CALL_GONE.equals(app.getType());
  }
}
