package dev.ivr.api.callback;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.ivr.api.callback.NotificationAuthenticator.Decision;
import dev.ivr.api.callback.NotificationHandoff.HandoffFailedException;
import dev.ivr.api.callback.NotificationParser.MalformedNotificationException;
import dev.ivr.api.temporal.CallWorkflows;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Graph's calling webhook: {@code POST ${ivr.callback.path}} with a commsNotifications body.
 *
 * <ul>
 *   <li>202 once every event of the POST is persisted in its call's workflow, with each
 *       notification's outcome (late or unknown calls are accepted and dropped: redelivery cannot help);
 *   <li>503 + {@code Retry-After} when Temporal cannot be reached, so Graph redelivers;
 *   <li>a {@code workflowId} query parameter (outbound calls' callbackUri) routes every event of
 *       the POST to that workflow instead of {@code call-<graph call id>};
 *   <li>400 for a body that is not a commsNotifications envelope (or a malformed workflowId), 413
 *       for one too large, 415 for a
 *       content type other than JSON;
 *   <li>before anything else, {@link NotificationAuthenticator}: 401 (no, malformed, expired or
 *       badly signed token) or 403 (a genuine token for another app, issuer or tenant), and then
 *       nothing is parsed or signalled; 503 + {@code Retry-After} when the signing keys cannot be had.
 * </ul>
 */
@RestController
class CallbackController {

  private static final Logger log = LoggerFactory.getLogger(CallbackController.class);
  static final String MESSAGE_ID = "X-Microsoft-Skype-Message-ID";
  private static final ObjectWriter REPLY = new ObjectMapper().writerFor(CallbackReply.class);

  private final NotificationAuthenticator authenticator;
  private final NotificationHandoff handoff;
  private final CallbackProperties properties;
  private final NotificationParser parser = new NotificationParser();

  CallbackController(NotificationAuthenticator authenticator, NotificationHandoff handoff, CallbackProperties properties) {
    this.authenticator = authenticator;
    this.handoff = handoff;
    this.properties = properties;
  }

  @PostMapping(
      path = "${ivr.callback.path:/callbacks/calling}",
      consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"})
  ResponseEntity<?> receive(
      HttpServletRequest request,
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestHeader(name = MESSAGE_ID, required = false) String messageId,
      @RequestParam(name = "workflowId", required = false) String workflowId)
      throws IOException {
    long receivedAt = System.currentTimeMillis();
    Decision decision = authenticator.authenticate(authorization);
    if (!decision.accepted()) {
      // never the token itself: only why it was refused
      log.info("Refused a notification POST (message {}) with {}: {}", messageId, decision.status().value(),
          decision.reason());
      return refused(decision);
    }
    if (workflowId != null && !CallWorkflows.isWorkflowId(workflowId)) {
      return problem(HttpStatus.BAD_REQUEST, "workflowId must look like call-<32 hex digits>");
    }
    long max = properties.maxBodySize().toBytes();
    if (request.getContentLengthLong() > max) {
      return problem(HttpStatus.CONTENT_TOO_LARGE, "the body is larger than " + max + " bytes");
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes((int) max + 1);
    }
    if (body.length > max) {
      return problem(HttpStatus.CONTENT_TOO_LARGE, "the body is larger than " + max + " bytes");
    }
    Charset charset;
    try {
      charset = MediaType.parseMediaType(request.getContentType()).getCharset();
    } catch (IllegalArgumentException e) {
      return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported charset in " + request.getContentType());
    }
    CommsNotifications notifications;
    try {
      notifications = parser.parse(body, charset);
    } catch (MalformedNotificationException e) {
      log.info("Rejected a notification POST (message {}): {}", messageId, e.getMessage());
      return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }
    if (notifications.value().size() > properties.maxNotifications()) {
      return problem(HttpStatus.CONTENT_TOO_LARGE, "the body carries " + notifications.value().size()
          + " notifications; at most " + properties.maxNotifications() + " are accepted per POST");
    }
    try {
      CallbackReply reply = handoff.deliver(notifications, messageId, receivedAt, workflowId, decision.tenantId());
      // written here, not by content negotiation: a sixth of the api's CPU per notification went to
      // choosing a converter for the one type Graph's answer ever has (BENCHMARKS.md)
      return ResponseEntity.accepted().contentType(MediaType.APPLICATION_JSON).body(REPLY.writeValueAsBytes(reply));
    } catch (HandoffFailedException e) {
      log.warn("Temporal cannot be reached; answering 503 after {} ms to message {} (notification {} of {}): {}",
          System.currentTimeMillis() - receivedAt, messageId, e.failedIndex(), notifications.value().size(),
          e.getMessage());
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
          "the workflow service cannot be reached; retry later");
      problem.setProperty("failedIndex", e.failedIndex());
      problem.setProperty("outcomes", List.copyOf(e.delivered()));
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header(HttpHeaders.RETRY_AFTER, Long.toString(properties.retryAfterSeconds()))
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(problem);
    }
  }

  private ResponseEntity<ProblemDetail> refused(Decision decision) {
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(decision.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
    if (decision.status() == HttpStatus.UNAUTHORIZED) {
      answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
    } else if (decision.status() == HttpStatus.SERVICE_UNAVAILABLE) {
      answer.header(HttpHeaders.RETRY_AFTER, Long.toString(properties.retryAfterSeconds()));
    }
    return answer.body(ProblemDetail.forStatusAndDetail(decision.status(), decision.reason()));
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemDetail.forStatusAndDetail(status, detail));
  }
}
