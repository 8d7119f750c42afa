package dev.ivr.workflows.external;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * A flow's request to an external system (the {@code http} node). One HTTP exchange per attempt;
 * the workflow sets the timeout and retry policy per node.
 *
 * <p>Failures: {@link #HTTP_STATUS} for a non-2xx answer (retryable for 408, 429 and 5xx, with
 * {@code Retry-After} honoured; not retryable for other 4xx), {@link #HTTP_INVALID} for a request
 * that cannot be sent (bad URL, a scheme other than http(s); not retryable); I/O errors and
 * timeouts are retryable.
 */
@ActivityInterface
public interface HttpActivities {
  String HTTP_STATUS = "HttpStatus";
  String HTTP_INVALID = "HttpInvalidRequest";
  /** The secret a request names is not on this worker: not retryable (the flow's onError). */
  String HTTP_SECRET_MISSING = "HttpSecretMissing";

  @ActivityMethod
  OutboundHttpResponse request(OutboundHttpRequest request);
}
