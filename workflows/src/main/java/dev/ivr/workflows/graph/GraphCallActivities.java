package dev.ivr.workflows.graph;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Graph calling requests, one per method, each a thin adapter over the microsoft-graph SDK.
 *
 * <p>Failures are {@code ApplicationFailure}s with a stable type: {@link #CALL_GONE} (404: the call
 * ended or never existed; not retryable), {@link #BAD_REQUEST} (400; not retryable),
 * {@link #THROTTLED} (429, retried after Graph's {@code Retry-After}) and {@link #GRAPH_UNAVAILABLE}
 * (5xx or I/O; retried with backoff).
 */
@ActivityInterface
public interface GraphCallActivities {
  String CALL_GONE = "CallGone";
  String BAD_REQUEST = "GraphBadRequest";
  String THROTTLED = "GraphThrottled";
  String GRAPH_UNAVAILABLE = "GraphUnavailable";
  /** 403: the app lacks a permission or the tenant does not match; not retryable. */
  String FORBIDDEN = "GraphForbidden";
  /** The token endpoint refused the app's credentials; not retryable. */
  String AUTH_FAILED = "GraphAuthFailed";

  /** {@code POST /communications/calls}: places an outbound call; returns Graph's call id. */
  @ActivityMethod
  String createCall(CreateCall request);

  /** {@code POST /communications/calls/{id}/answer} with service-hosted media; Graph answers 202. */
  @ActivityMethod
  void answer(AnswerCall request);

  /**
   * {@code POST …/redirect}: forwards an unanswered incoming call; Graph answers 202 and ends the call
   * ({@code terminated} with the outcome's resultInfo).
   */
  @ActivityMethod
  void redirect(RedirectCall request);

  /** {@code POST …/playPrompt}; the completion arrives later as a notification. */
  @ActivityMethod
  OperationStarted playPrompt(PlayPrompt request);

  /** {@code POST …/recordResponse}; the completion carries the recording's location and token. */
  @ActivityMethod
  OperationStarted recordResponse(RecordResponse request);

  /** {@code POST …/subscribeToTone}; completes synchronously (status completed in the response). */
  @ActivityMethod
  OperationStarted subscribeToTone(SubscribeToTone request);

  /** {@code POST …/cancelMediaProcessing}; the cancelled operations each complete as failed 8508. */
  @ActivityMethod
  OperationStarted cancelMediaProcessing(CancelMediaProcessing request);

  /** {@code POST …/transfer}; Graph answers 202, the outcome arrives as call state notifications. */
  @ActivityMethod
  void transfer(TransferCall request);

  /**
   * {@code POST …/keepAlive}, no body; Graph answers 200. Graph ends a call that has had none for 45
   * minutes (408/8537), and answers 404 ({@link #CALL_GONE}) once the call has ended.
   */
  @ActivityMethod
  void keepAlive(KeepAlive request);

  /**
   * {@code POST …/reject}: refuses an unanswered incoming call with {@code request.reason()}; Graph
   * answers 202 and the call ends ({@code deleted}). A call already gone counts as rejected. A default
   * only so that test doubles written before it compile; the worker's implementation overrides it.
   */
  @ActivityMethod
  default void reject(RejectCall request) {
    throw new UnsupportedOperationException("reject is not implemented by " + getClass().getSimpleName());
  }

  /** {@code DELETE /communications/calls/{id}}; a call that is already gone counts as hung up. */
  @ActivityMethod
  void hangUp(HangUp request);
}
