package dev.ivr.api.codec;

import dev.ivr.api.temporal.TemporalConnectionProperties;
import dev.ivr.codec.CodecProtocol;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Temporal's remote codec protocol for the Web UI and {@code temporal --codec-endpoint}:
 * {@code POST /codec/encode} and {@code POST /codec/decode} with {@code {"payloads":[…]}}. Only
 * viewers and operators may call it (a path rule of the api's security configuration). A body that is
 * not that, or an {@code X-Namespace} other than the api's, gets 400 without echoing anything. Answers
 * are never cached.
 */
@RestController
class CodecController {
  static final String PATH = "/codec";

  private final CodecProtocol protocol;
  private final String namespace;

  CodecController(CodecProtocol protocol, TemporalConnectionProperties connection) {
    this.protocol = protocol;
    this.namespace = connection.namespace();
  }

  @PostMapping(path = PATH + "/encode", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> encode(@RequestBody(required = false) String body,
      @RequestHeader(name = "X-Namespace", required = false) String requestNamespace) {
    checkNamespace(requestNamespace);
    return answer(protocol.encode(body));
  }

  @PostMapping(path = PATH + "/decode", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> decode(@RequestBody(required = false) String body,
      @RequestHeader(name = "X-Namespace", required = false) String requestNamespace) {
    checkNamespace(requestNamespace);
    return answer(protocol.decode(body));
  }

  private void checkNamespace(String requested) {
    if (requested != null && !requested.isBlank() && !requested.equals(namespace)) {
      throw new CodecProtocol.MalformedRequest("this codec serves the namespace " + namespace + " only");
    }
  }

  private static ResponseEntity<String> answer(String json) {
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.APPLICATION_JSON).body(json);
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail malformed(IllegalArgumentException e) {
    ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
    problem.setTitle("Malformed codec request");
    problem.setDetail(e instanceof CodecProtocol.MalformedRequest ? e.getMessage()
        : "the body must be {\"payloads\":[…]} in protobuf JSON");
    return problem;
  }
}
