package dev.ivr.workflows.call;

import dev.ivr.workflows.graph.GraphCallActivities;
import dev.ivr.workflows.graph.RecordingActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/** Timeouts and retry policies of the call's activities. */
public final class CallActivityOptions {
  private CallActivityOptions() {}

  /**
   * A Graph request: one attempt may take 20 s (the HTTP request is bounded at 8 s, plus a token
   * fetch on the first call); 429 and 5xx are retried (429 after Graph's
   * Retry-After, which the activity passes as the next retry delay) for at most a minute; 400 and
   * 404 are final.
   */
  public static ActivityOptions graph() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(20))
        .setScheduleToCloseTimeout(Duration.ofMinutes(1))
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofMillis(200))
            .setBackoffCoefficient(2.0)
            .setMaximumInterval(Duration.ofSeconds(10))
            .setDoNotRetry(GraphCallActivities.CALL_GONE, GraphCallActivities.BAD_REQUEST)
            .build())
        .build();
  }

  /**
   * A Graph request as a local activity (calls that took {@link #LOCAL_GRAPH_CHANGE_ID}): the same
   * timeouts and retry policy as {@link #graph()}. The worker runs it inside the workflow task that
   * scheduled it, so a request costs no activity task round trip through the server and no workflow
   * task of its own for the result: one marker event instead of three activity events and a task.
   * Retries past {@code localRetryThreshold} (10 s, the default) are scheduled with a workflow timer.
   */
  public static LocalActivityOptions graphLocal() {
    ActivityOptions graph = graph();
    return LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(graph.getStartToCloseTimeout())
        .setScheduleToCloseTimeout(graph.getScheduleToCloseTimeout())
        .setRetryOptions(graph.getRetryOptions())
        .build();
  }

  /** The getVersion change id of Graph requests as local activities, taken at the start of a call. */
  public static final String LOCAL_GRAPH_CHANGE_ID = "graph-local-activities";

  /**
   * Placing an outbound call is not idempotent: an attempt that Graph accepted but whose answer was
   * lost would, if retried, ring the callee twice. So only throttling (429, where Graph created
   * nothing) is retried; a 5xx or an I/O error is final, and the flow takes its error path. The
   * activity's own request timeout (8 s) is shorter than start-to-close, so a slow Graph surfaces as
   * GraphUnavailable, not as an activity timeout that the server would retry.
   */
  public static ActivityOptions createCall() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(20))
        .setScheduleToCloseTimeout(Duration.ofMinutes(1))
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofMillis(500))
            .setBackoffCoefficient(2.0)
            .setMaximumAttempts(4)
            .setDoNotRetry(GraphCallActivities.CALL_GONE, GraphCallActivities.BAD_REQUEST,
                GraphCallActivities.GRAPH_UNAVAILABLE, GraphCallActivities.FORBIDDEN, GraphCallActivities.AUTH_FAILED)
            .build())
        .build();
  }

  /**
   * A recording download: heartbeats every few seconds while streaming, and may resume where a
   * failed attempt stopped; retried for up to ten minutes, because Graph discards the file soon
   * after the call. A recording that is gone (404/401) or not a WAV is final.
   */
  public static ActivityOptions recordingDownload() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(2))
        .setHeartbeatTimeout(Duration.ofSeconds(20))
        .setScheduleToCloseTimeout(Duration.ofMinutes(10))
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(2.0)
            .setMaximumInterval(Duration.ofSeconds(30))
            .setDoNotRetry(RecordingActivities.RECORDING_GONE, RecordingActivities.NOT_WAV)
            .build())
        .build();
  }
}
