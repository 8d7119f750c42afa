package dev.ivr.workflows.call;

import java.util.Locale;
import java.util.regex.Pattern;

/** Names shared by the api, the worker and tests: task queue, workflow ids and signal names. */
public final class CallIds {
  /** The task queue on which call workflows and their activities run. */
  public static final String TASK_QUEUE = "ivr-calls";

  /** The signal that carries every Graph event of a call. */
  public static final String GRAPH_EVENT_SIGNAL = "graphEvent";
  /** The signal that carries an operator's action (hang up, transfer, announce). */
  public static final String OPERATOR_ACTION_SIGNAL = "operatorAction";
  /** The one call-index workflow of a namespace: live and recent calls without visibility queries. */
  public static final String CALL_INDEX_WORKFLOW_ID = "ivr-call-index";

  private static final String PREFIX = "call-";
  private static final Pattern WORKFLOW_ID = Pattern.compile("call-[0-9a-f]{32}");

  private CallIds() {}

  /**
   * Graph sometimes upper-cases call ids and strips their dashes (in {@code resourceUrl}); the id in
   * the body stays lower-case with dashes. Both forms normalise to the same key.
   */
  public static String normalise(String graphCallId) {
    if (graphCallId == null || graphCallId.isBlank()) {
      throw new IllegalArgumentException("graph call id is missing");
    }
    return graphCallId.trim().replace("-", "").toLowerCase(Locale.ROOT);
  }

  /** The workflow id of a Graph call: {@code call-<normalised call id>}. */
  public static String workflowId(String graphCallId) {
    return PREFIX + normalise(graphCallId);
  }

  /** A workflow id of ours: {@code call-} and 32 lower-case hex digits (a normalised GUID). */
  public static boolean isWorkflowId(String id) {
    return id != null && WORKFLOW_ID.matcher(id).matches();
  }

  /** The clientContext of a media step: {@code <workflowId>:<step sequence>}, at most 256 chars. */
  public static String clientContext(String workflowId, int stepSequence) {
    return workflowId + ":" + stepSequence;
  }
}
