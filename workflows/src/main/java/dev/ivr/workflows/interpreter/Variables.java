package dev.ivr.workflows.interpreter;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flow's variables: one insertion-ordered scope for the call's flow, and one more for each
 * subflow in progress. Expressions see the current scope only.
 */
public final class Variables {
  static final String REDACTED = "***";

  private final Deque<Map<String, Object>> scopes = new ArrayDeque<>();

  public Variables(Map<String, Object> root) {
    scopes.push(new LinkedHashMap<>(root));
  }

  /** The current scope, read-only. */
  public Map<String, Object> current() {
    return Collections.unmodifiableMap(scopes.peek());
  }

  public Object get(String name) {
    return scopes.peek().get(name);
  }

  public void set(String name, Object value) {
    scopes.peek().put(name, value);
  }

  public void enter(Map<String, Object> scope) {
    scopes.push(new LinkedHashMap<>(scope));
  }

  /** Leaves the current subflow's scope and returns its final values. */
  public Map<String, Object> leave() {
    if (scopes.size() == 1) {
      throw new IllegalStateException("the call's own scope cannot be left");
    }
    return scopes.pop();
  }

  public Object rootValue(String name) {
    return scopes.peekLast().get(name);
  }

  /**
   * Variables that carry personal data whatever the flow says: an outbound call's target (a phone
   * number or a user id) and who called whom ({@code caller}, {@code called}) are never shown to operators.
   */
  static final List<String> ALWAYS_REDACTED = List.of("targetPhone", "targetUser", "caller", "called");

  /** The call's own variables at the end, with the names in {@code redact} (and the targets) hidden. */
  public Map<String, Object> redacted(List<String> redact) {
    Map<String, Object> out = new LinkedHashMap<>(scopes.peekLast());
    for (String name : java.util.stream.Stream.concat(ALWAYS_REDACTED.stream(), redact.stream()).toList()) {
      if (out.containsKey(name)) {
        out.put(name, REDACTED);
      }
    }
    return out;
  }
}
