package dev.ivr.api.outbound;

import dev.ivr.api.flow.CallFlows;
import dev.ivr.api.temporal.TemporalUnavailableException;
import dev.ivr.flowtools.FlowValidator;
import dev.ivr.workflows.graph.CreateCall;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/calls}: starts an outbound call's workflow and answers 202 with its workflow id.
 * The workflow places the call with Graph's create-call; Graph's notifications for it come back to
 * the webhook tagged with that workflow id. 422 when the request or the flow cannot be used, 503
 * when Temporal cannot be reached.
 */
@RestController
class OutboundCallController {

  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

  private final OutboundCalls calls;
  private final CallFlows flows;

  OutboundCallController(OutboundCalls calls, CallFlows flows) {
    this.calls = calls;
    this.flows = flows;
  }

  record Started(String workflowId, String flow, String version) {}

  @PostMapping(path = "/api/calls", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> start(@RequestBody OutboundCallRequest request) {
    OutboundCallRequest.Target target = request.target();
    if (target == null || (target.phone() == null) == (target.user() == null)) {
      return problem(HttpStatus.UNPROCESSABLE_CONTENT, "target needs exactly one of phone (E.164) or user");
    }
    if (target.phone() != null && !CreateCall.E164.matcher(target.phone()).matches()) {
      return problem(HttpStatus.UNPROCESSABLE_CONTENT, "target.phone must be an E.164 number such as +14255550100");
    }
    if (target.phone() != null && calls.sourceApplicationInstance() == null) {
      return problem(HttpStatus.UNPROCESSABLE_CONTENT,
          "calling a phone needs ivr.outbound.source-application-instance (Graph places PSTN calls from a resource account)");
    }
    for (String name : request.variables().keySet()) {
      if (!VARIABLE.matcher(name).matches()) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "variable name '" + name + "' is not an identifier");
      }
    }
    if (request.flow() == null || request.flow().isBlank()) {
      return problem(HttpStatus.UNPROCESSABLE_CONTENT, "flow (a flow id or alias) is required");
    }
    CallFlows.PinnedFlow pinned = calls.pin(request.flow()).orElse(null);
    if (pinned == null) {
      return problem(HttpStatus.UNPROCESSABLE_CONTENT, "no flow or alias '" + request.flow() + "'");
    }
    if (FlowValidator.returns(pinned.flow())) {
      return problem(HttpStatus.UNPROCESSABLE_CONTENT,
          "flow '" + pinned.flow().id() + "' ends with 'return': it runs as a subflow, not as a call");
    }
    try {
      String workflowId = calls.start(pinned, target, request.variables());
      return ResponseEntity.accepted().body(new Started(workflowId, pinned.flow().id(), pinned.flow().version()));
    } catch (TemporalUnavailableException e) {
      return problem(HttpStatus.SERVICE_UNAVAILABLE, "the workflow service cannot be reached; retry later");
    }
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemDetail.forStatusAndDetail(status, detail));
  }
}
