package dev.ivr.workflows.flow;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * An IVR flow: its id, its version (the content hash of its definition) and its nodes by id. The
 * whole definition travels in the workflow input, so a call is pinned to the version it started with.
 *
 * @param locales the locales the flow's prompts exist in; the first is the default
 * @param localeVariable the variable holding the caller's locale (fallback chain: that locale, its
 *     language, then the flow's locales in order)
 * @param variables declared variables and their initial values (CEL sees exactly these names)
 * @param redact variables whose values operators never see (queries, consoles)
 * @param secure variables holding a secret the caller gives (a PIN, an account number): redacted like
 *     {@code redact}, and a request that sends one is never shown decrypted (see
 *     {@link #secureVariables()}); a {@code collectDigits} node with {@code secure: true} adds its variable
 * @param onHangup the node to run when the caller hangs up (only non-media nodes run there)
 * @param outbound options of the outbound calls placed for this flow (retries by schedule); null when
 *     none, and then absent from the JSON, so that inputs of flows without it stay as they were
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Flow(
    String id,
    String version,
    String description,
    List<String> locales,
    String localeVariable,
    Map<String, Object> variables,
    List<String> redact,
    List<String> secure,
    String start,
    String onHangup,
    Map<String, FlowNode> nodes,
    @JsonInclude(JsonInclude.Include.NON_NULL) OutboundOptions outbound) {

  /** The successor that ends a subflow and returns to its caller. */
  public static final String RETURN = "return";
  /** Who called: a variable every flow has, set by the call (see {@code CallParties}); never shown. */
  public static final String CALLER = "caller";
  /** Whom the caller called (the bot's identity, or an outbound call's target). */
  public static final String CALLED = "called";
  /** The variables every flow (and subflow) sees without declaring them; a flow may not declare them. */
  public static final List<String> BUILT_IN_VARIABLES = List.of(CALLER, CALLED);

  public Flow {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("flow id is required");
    }
    locales = locales == null || locales.isEmpty() ? List.of("en-US") : List.copyOf(locales);
    variables = variables == null ? Map.of() : FlowMaps.ordered(variables);
    redact = redact == null ? List.of() : List.copyOf(redact);
    secure = secure == null ? List.of() : List.copyOf(secure);
    nodes = FlowMaps.ordered(nodes);
    if (!nodes.containsKey(start)) {
      throw new IllegalArgumentException("flow " + id + ": start node '" + start + "' does not exist");
    }
  }

  /** A flow without outbound options. */
  public Flow(String id, String version, String description, List<String> locales, String localeVariable,
      Map<String, Object> variables, List<String> redact, List<String> secure, String start, String onHangup,
      Map<String, FlowNode> nodes) {
    this(id, version, description, locales, localeVariable, variables, redact, secure, start, onHangup, nodes, null);
  }

  /** The same flow with {@code outbound} options. */
  public Flow withOutbound(OutboundOptions options) {
    return new Flow(id, version, description, locales, localeVariable, variables, redact, secure, start, onHangup, nodes,
        options);
  }

  /** The retry schedule of outbound calls placed for this flow; null when they are not retried. */
  @JsonIgnore
  public OutboundOptions.Retry outboundRetry() {
    return outbound == null ? null : outbound.retry();
  }

  public Flow(String id, String version, String start, Map<String, FlowNode> nodes) {
    this(id, version, null, null, null, null, null, null, start, null, nodes);
  }

  /** A flow without secure variables. */
  public Flow(String id, String version, String description, List<String> locales, String localeVariable,
      Map<String, Object> variables, List<String> redact, String start, String onHangup, Map<String, FlowNode> nodes) {
    this(id, version, description, locales, localeVariable, variables, redact, null, start, onHangup, nodes);
  }

  /**
   * The variables whose values are secret: those of {@code secure}, and each {@code collectDigits}
   * node's variable when the node says {@code secure: true}. In insertion order.
   */
  public java.util.Set<String> secureVariables() {
    java.util.Set<String> names = new java.util.LinkedHashSet<>(secure);
    nodes.values().forEach(node -> {
      if (node instanceof CollectDigitsNode digits && digits.secure()) {
        names.add(digits.variable());
      }
    });
    return names;
  }

  /** What operators never see: {@code redact} and {@link #secureVariables()}. */
  public List<String> hiddenVariables() {
    java.util.Set<String> names = new java.util.LinkedHashSet<>(redact);
    names.addAll(secureVariables());
    return List.copyOf(names);
  }

  public FlowNode node(String nodeId) {
    FlowNode node = nodes.get(nodeId);
    if (node == null) {
      throw new IllegalArgumentException("flow " + id + ": no node '" + nodeId + "'");
    }
    return node;
  }
}
