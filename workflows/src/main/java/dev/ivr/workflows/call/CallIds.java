package dev.ivr.workflows.call;

import dev.ivr.workflows.event.GraphIds;
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

  /** A Graph call id as a key: see {@link GraphIds#normalise}. */
  public static String normalise(String graphCallId) {
    return GraphIds.normalise(graphCallId);
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
