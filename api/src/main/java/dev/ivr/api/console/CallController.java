package dev.ivr.api.console;

import dev.ivr.api.temporal.TemporalUnavailableException;
import dev.ivr.api.callback.CallbackProperties;
import dev.ivr.api.console.CallQueries.UnknownCallException;
import dev.ivr.api.metrics.ApiMetrics;
import dev.ivr.api.recording.RecordingSource;
import dev.ivr.api.security.Operators;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallSnapshot;
import dev.ivr.workflows.event.RecordingStored;
import dev.ivr.workflows.operator.OperatorAction;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Calls for the operator console, under {@code /api/calls} (viewer or operator; actions operator only):
 *
 * <ul>
 *   <li>{@code GET /api/calls?limit=}: live and recent calls from the call index, live first;
 *   <li>{@code GET /api/calls/{callId}}: the call's snapshot (ended calls too);
 *   <li>{@code GET /api/calls/{callId}/timeline}: steps, recordings and operator actions, in time order;
 *   <li>{@code GET /api/calls/{callId}/recordings/{index}}: the WAV, with HTTP Range;
 *   <li>{@code POST /api/calls/{callId}/actions}: hang up, transfer or announce (202 once signalled);
 *   <li>{@code GET /api/calls/stream}, {@code GET /api/calls/{callId}/stream}: the same list or
 *       snapshot as Server-Sent Events, whenever it changes.
 * </ul>
 *
 * {@code callId} is a workflow id ({@code call-<32 hex>}) or a Graph call id. 400 for a malformed
 * id, 404 for an unknown call, 503 + {@code Retry-After} when Temporal cannot be reached.
 */
@RestController
@RequestMapping("/api/calls")
class CallController {

  private static final Logger log = LoggerFactory.getLogger(CallController.class);
  private static final Pattern PROMPT_KEY = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final MediaType WAV = MediaType.parseMediaType("audio/wav");

  private final CallQueries queries;
  private final CallList list;
  private final CallStreams streams;
  private final RecordingSource recordings;
  private final ConsoleProperties properties;
  private final ApiMetrics metrics;
  private final long retryAfterSeconds;
  private final Clock clock = Clock.systemUTC();

  CallController(CallQueries queries, CallList list, CallStreams streams, RecordingSource recordings,
      ConsoleProperties properties, ApiMetrics metrics, CallbackProperties callback) {
    this.queries = queries;
    this.list = list;
    this.streams = streams;
    this.recordings = recordings;
    this.properties = properties;
    this.metrics = metrics;
    this.retryAfterSeconds = Math.max(1, callback.retryAfter().toSeconds());
  }

  /** A malformed call id or request: 400 (or 422 for an action that cannot be used). */
  static final class BadRequestException extends RuntimeException {
    final HttpStatus status;

    BadRequestException(HttpStatus status, String message) {
      super(message);
      this.status = status;
    }
  }

  /** What an operator asks: {@code type} hangup | transfer | announce, and its fields. */
  record ActionRequest(String type, String reason, String target, String targetKind, String promptKey) {}

  record ActionAccepted(String workflowId, String type, String operator, String requestedAt) {}

  @GetMapping
  CallList.Calls calls(@RequestParam(name = "limit", required = false) Integer limit) {
    return list.recent(limit(limit));
  }

  @GetMapping("/{callId}")
  CallSnapshot call(@PathVariable String callId) {
    return queries.snapshot(workflowId(callId));
  }

  @GetMapping("/{callId}/timeline")
  Timeline timeline(@PathVariable String callId) {
    return Timeline.of(queries.snapshot(workflowId(callId)));
  }

  @GetMapping("/{callId}/recordings/{index}")
  ResponseEntity<Resource> recording(@PathVariable String callId, @PathVariable int index) {
    String workflowId = workflowId(callId);
    List<RecordingStored> stored = queries.snapshot(workflowId).recordings();
    if (stored == null || index < 0 || index >= stored.size()) {
      throw new NotFound("call " + workflowId + " has no recording " + index);
    }
    Resource wav = recordings.open(stored.get(index).location())
        .orElseThrow(() -> new NotFound("recording " + index + " of call " + workflowId + " is not in the store"));
    // a Resource body: Spring MVC answers Range requests with 206 and the asked bytes
    return ResponseEntity.ok()
        .contentType(WAV)
        .header(HttpHeaders.ACCEPT_RANGES, "bytes")
        .cacheControl(CacheControl.noStore().cachePrivate())
        .body(wav);
  }

  @PostMapping(path = "/{callId}/actions", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ActionAccepted> act(@PathVariable String callId, @RequestBody ActionRequest request,
      Authentication authentication) {
    String workflowId = workflowId(callId);
    String type = request.type();
    OperatorAction action;
    try {
      // the audit names the person: from an Entra token, their name and object id
      action = action(request, Operators.of(authentication).audit(), Instant.now(clock).toString());
    } catch (BadRequestException e) {
      metrics.operatorAction(type, "invalid");
      throw e;
    }
    try {
      queries.act(workflowId, action);
    } catch (UnknownCallException e) {
      metrics.operatorAction(type, "unknown-call");
      throw e;
    } catch (TemporalUnavailableException e) {
      metrics.operatorAction(type, "unavailable");
      throw e;
    }
    metrics.operatorAction(type, "accepted");
    // OperatorAction.toString leaves the target out
    log.info("Operator action on {}: {}", workflowId, action);
    return ResponseEntity.accepted()
        .body(new ActionAccepted(workflowId, action.type(), action.operator(), action.requestedAt()));
  }

  @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter streamCalls(@RequestParam(name = "limit", required = false) Integer limit) {
    int n = limit(limit);
    return streams.subscribe("calls:" + n, "calls", () -> list.recent(n), calls -> false);
  }

  @GetMapping(path = "/{callId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter streamCall(@PathVariable String callId) {
    String workflowId = workflowId(callId);
    queries.snapshot(workflowId); // 404 now rather than an empty stream
    return streams.subscribe("call:" + workflowId, "snapshot", () -> queries.snapshot(workflowId),
        snapshot -> snapshot.outcome() != null);
  }

  /**
   * The action asked for, checked with the call's own rules ({@link OperatorAction#problem()}: 422
   * with the same reason the call would reject it with), plus two limits of the api's own: the
   * reason's length and the shape of a prompt key. Whether the call can take it now (connected, the
   * prompt in its catalog) only the call knows: that lands in its audit.
   */
  static OperatorAction action(ActionRequest request, String operator, String requestedAt) {
    String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().trim();
    if (reason != null && reason.length() > 500) {
      throw new BadRequestException(HttpStatus.UNPROCESSABLE_CONTENT, "reason is longer than 500 characters");
    }
    String type = request.type() == null ? null : request.type().trim().toLowerCase(Locale.ROOT);
    String target = request.target() == null ? null : request.target().trim();
    OperatorAction asked = new OperatorAction(type, operator, requestedAt, reason, target, request.targetKind(),
        request.promptKey());
    asked.problem().ifPresent(why -> {
      throw new BadRequestException(HttpStatus.UNPROCESSABLE_CONTENT, why);
    });
    return switch (type) {
      case OperatorAction.HANGUP -> OperatorAction.hangup(operator, requestedAt, reason);
      case OperatorAction.TRANSFER -> OperatorAction.transfer(operator, requestedAt, reason, target, request.targetKind());
      default -> {
        if (!PROMPT_KEY.matcher(request.promptKey()).matches()) {
          throw new BadRequestException(HttpStatus.UNPROCESSABLE_CONTENT,
              "promptKey must name one of the flow's prompts (letters, digits, '.', '_', '-')");
        }
        yield OperatorAction.announce(operator, requestedAt, reason, request.promptKey());
      }
    };
  }

  private int limit(Integer limit) {
    int n = limit == null ? properties.listLimit() : limit;
    if (n < 1 || n > 1000) {
      throw new BadRequestException(HttpStatus.BAD_REQUEST, "limit must be between 1 and 1000");
    }
    return n;
  }

  /** A workflow id, or a Graph call id (any case, with or without dashes) turned into one. */
  static String workflowId(String callId) {
    if (CallIds.isWorkflowId(callId)) {
      return callId;
    }
    String id;
    try {
      id = CallIds.workflowId(callId);
    } catch (IllegalArgumentException e) {
      id = null;
    }
    if (!CallIds.isWorkflowId(id)) {
      throw new BadRequestException(HttpStatus.BAD_REQUEST,
          "a call id is a workflow id (call-<32 hex digits>) or a Graph call id (a GUID)");
    }
    return id;
  }

  private static final class NotFound extends RuntimeException {
    NotFound(String message) {
      super(message);
    }
  }

  @ExceptionHandler(BadRequestException.class)
  ResponseEntity<ProblemDetail> badRequest(BadRequestException e) {
    return problem(e.status, e.getMessage());
  }

  @ExceptionHandler({UnknownCallException.class, NotFound.class})
  ResponseEntity<ProblemDetail> notFound(RuntimeException e) {
    String detail = e instanceof UnknownCallException ? e.getMessage() + " (unknown, or it has already ended)"
        : e.getMessage();
    return problem(HttpStatus.NOT_FOUND, detail);
  }

  /** 502: the call exists but its worker cannot answer for it (its workflow task keeps failing): why, visibly. */
  @ExceptionHandler(CallQueries.CallStuckException.class)
  ResponseEntity<ProblemDetail> stuck(CallQueries.CallStuckException e) {
    log.warn("{}", e.getMessage());
    return problem(HttpStatus.BAD_GATEWAY, e.getMessage());
  }

  @ExceptionHandler(TemporalUnavailableException.class)
  ResponseEntity<ProblemDetail> unavailable(TemporalUnavailableException e) {
    log.warn("Temporal cannot be reached for the console: {}", e.getMessage());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
            "the workflow service cannot be reached; retry later"));
  }

  @ExceptionHandler(CallStreams.TooManyStreamsException.class)
  ResponseEntity<ProblemDetail> tooManyStreams(CallStreams.TooManyStreamsException e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemDetail.forStatusAndDetail(status, detail));
  }
}
