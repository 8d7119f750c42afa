package dev.ivr.workflows.call;

import dev.ivr.workflows.external.HttpActivities;
import dev.ivr.workflows.external.OutboundHttpRequest;
import dev.ivr.workflows.external.OutboundHttpResponse;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** An external system for http nodes: answers with a fixed response, or fails with a status. */
public final class FakeHttp implements HttpActivities {
  public final List<OutboundHttpRequest> requests = new CopyOnWriteArrayList<>();
  public final AtomicInteger attempts = new AtomicInteger();
  public volatile OutboundHttpResponse response =
      new OutboundHttpResponse(200, Map.of("content-type", "application/json"), "{}", Map.of());
  /** A non-2xx status to fail with, as the real activity does (0 = answer normally). */
  public volatile int failWithStatus;
  /** While set, a request waits (up to 30 s) until the test counts it down: a slow external system. */
  public volatile CountDownLatch hold;

  @Override
  public OutboundHttpResponse request(OutboundHttpRequest request) {
    attempts.incrementAndGet();
    requests.add(request);
    CountDownLatch latch = hold;
    if (latch != null) {
      try {
        latch.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (failWithStatus != 0 && dev.ivr.workflows.flow.StatusRange.match(request.answeredStatuses(), failWithStatus) != null) {
      return new OutboundHttpResponse(failWithStatus, Map.of("content-type", "application/json"), "{}", Map.of());
    }
    if (failWithStatus != 0) {
      boolean retryable = failWithStatus >= 500;
      String message = request.url() + " answered " + failWithStatus;
      throw retryable
          ? ApplicationFailure.newFailure(message, HTTP_STATUS)
          : ApplicationFailure.newNonRetryableFailure(message, HTTP_STATUS);
    }
    return response;
  }
}
