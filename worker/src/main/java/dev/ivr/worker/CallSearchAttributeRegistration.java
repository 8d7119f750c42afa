package dev.ivr.worker;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the call search attributes in a namespace, from the one list that
 * {@code deploy/temporal/setup-namespace.sh} reads too ({@code deploy/temporal/search-attributes.txt},
 * packaged into this jar; a test keeps it equal to what the call workflow upserts). Needed where a
 * server does not have them yet: the embedded test server forgets them on every restart, and the CLI's
 * dev server registers its {@code --search-attribute}s only when it creates a database, so attributes
 * added later must be added to an older one. A workflow task that upserts an unregistered attribute
 * fails. Idempotent: {@code ALREADY_EXISTS} is success.
 */
public final class CallSearchAttributeRegistration {
  private static final Logger log = LoggerFactory.getLogger(CallSearchAttributeRegistration.class);
  private static final String LIST = "search-attributes.txt";

  /** The call search attributes by name, with their type, in the list's order. */
  public static final Map<String, IndexedValueType> LISTED = read();

  private CallSearchAttributeRegistration() {}

  /** Registers every listed attribute in {@code namespace}, over the channel of {@code service}. */
  public static void register(WorkflowServiceStubs service, String namespace) {
    OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder().setChannel(service.getRawChannel()).validateAndBuildWithDefaults());
    try {
      // one request per attribute: a server may refuse a whole request because one of them exists
      LISTED.forEach((name, type) -> {
        try {
          operator.blockingStub().addSearchAttributes(AddSearchAttributesRequest.newBuilder()
              .setNamespace(namespace).putSearchAttributes(name, type).build());
        } catch (StatusRuntimeException e) {
          if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
            throw e;
          }
        }
      });
      log.info("search attributes {} registered in namespace {}", LISTED.keySet(), namespace);
    } finally {
      operator.shutdown();
    }
  }

  /**
   * The listed attributes that {@code namespace} does not have, by the server's own list
   * ({@code ListSearchAttributes}); empty when it has them all, or when the server cannot say (the Java
   * test server has no such RPC). A worker checks this at start: a call that upserts an unregistered
   * attribute fails its workflow task again and again.
   */
  public static java.util.List<String> missing(WorkflowServiceStubs service, String namespace) {
    OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder().setChannel(service.getRawChannel()).validateAndBuildWithDefaults());
    try {
      var known = operator.blockingStub().withDeadlineAfter(10, java.util.concurrent.TimeUnit.SECONDS)
          .listSearchAttributes(io.temporal.api.operatorservice.v1.ListSearchAttributesRequest.newBuilder()
              .setNamespace(namespace).build())
          .getCustomAttributesMap();
      return LISTED.keySet().stream().filter(name -> !known.containsKey(name)).toList();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return java.util.List.of();
      }
      throw e;
    } finally {
      operator.shutdown();
    }
  }

  /** {@code name type} per line; {@code #} starts a comment. */
  static Map<String, IndexedValueType> parse(InputStream in) throws IOException {
    Map<String, IndexedValueType> listed = new LinkedHashMap<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    int lineNumber = 0;
    for (String line; (line = reader.readLine()) != null; ) {
      lineNumber++;
      String text = line.replaceFirst("#.*", "").trim();
      if (text.isEmpty()) {
        continue;
      }
      String[] parts = text.split("\\s+");
      if (parts.length != 2) {
        throw new IllegalArgumentException(LIST + " line " + lineNumber + ": expected 'Name Type', got '" + line + "'");
      }
      String type = "INDEXED_VALUE_TYPE_" + parts[1].replaceAll("(?<=[a-z])(?=[A-Z])", "_").toUpperCase(Locale.ROOT);
      try {
        listed.put(parts[0], IndexedValueType.valueOf(type));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(LIST + " line " + lineNumber + ": unknown type '" + parts[1] + "'", e);
      }
    }
    return Collections.unmodifiableMap(listed);
  }

  private static Map<String, IndexedValueType> read() {
    try (InputStream in = CallSearchAttributeRegistration.class.getResourceAsStream(LIST)) {
      if (in == null) {
        throw new IllegalStateException(LIST + " is missing from the worker's classpath");
      }
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
