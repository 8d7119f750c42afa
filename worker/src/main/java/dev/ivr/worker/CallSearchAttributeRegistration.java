package dev.ivr.worker;

import dev.ivr.workflows.visibility.CallSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the call search attributes ({@link CallSearchAttributes#ALL}) on a Temporal server that
 * starts empty: the embedded test server, which forgets them on every restart and fails a workflow
 * task that upserts an unregistered attribute. Idempotent: {@code ALREADY_EXISTS} is success (the
 * test server has no ListSearchAttributes to ask first). A cluster registers them once with
 * {@code deploy/temporal/setup-namespace.sh}.
 */
public final class CallSearchAttributeRegistration {
  private static final Logger log = LoggerFactory.getLogger(CallSearchAttributeRegistration.class);

  private CallSearchAttributeRegistration() {}

  /** Registers every call attribute in {@code namespace}, over the channel of {@code service}. */
  public static void register(WorkflowServiceStubs service, String namespace) {
    OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder().setChannel(service.getRawChannel()).validateAndBuildWithDefaults());
    try {
      // one request per attribute: a server may refuse a whole request because one of them exists
      CallSearchAttributes.ALL.forEach((name, type) -> {
        try {
          operator.blockingStub().addSearchAttributes(AddSearchAttributesRequest.newBuilder()
              .setNamespace(namespace).putSearchAttributes(name, type).build());
        } catch (StatusRuntimeException e) {
          if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
            throw e;
          }
        }
      });
      log.info("search attributes {} registered in namespace {}", CallSearchAttributes.ALL.keySet(), namespace);
    } finally {
      operator.shutdown();
    }
  }
}
