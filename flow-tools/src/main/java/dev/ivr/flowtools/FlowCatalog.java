package dev.ivr.flowtools;

import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.FlowNode;
import dev.ivr.workflows.flow.SubflowNode;
import dev.ivr.workflows.flow.say.SayGrammars;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One immutable, validated snapshot of the flows directory: every flow's current version, every
 * version loaded since start, the aliases and the routing table. {@link FlowRepository#reload()}
 * swaps snapshots atomically; a call resolves its flow and subflows from one snapshot and carries
 * them in its workflow input, so nothing a later reload does can change it.
 */
public final class FlowCatalog {

  /** Where an alias points: a flow id and a pinned version, or null to follow the current one. */
  public record AliasTarget(String flowId, String version) {
    static AliasTarget parse(String text) {
      int at = text.indexOf('@');
      return at < 0 ? new AliasTarget(text, null) : new AliasTarget(text.substring(0, at), text.substring(at + 1));
    }

    @Override
    public String toString() {
      return version == null ? flowId : flowId + "@" + version;
    }
  }

  /** One target of a split alias and its share of new calls, in percent. */
  public record Arm(AliasTarget target, int percent) {}

  /** A flow as resolved for one call, and the split that chose it ({@code <alias>:<target>}), or null. */
  public record Resolved(LoadedFlow flow, String split) {}

  private final long generation;
  private final Instant loadedAt;
  private final Map<String, LoadedFlow> current;
  private final Map<String, Map<String, LoadedFlow>> versions;
  private final Map<String, AliasTarget> aliases;
  private final RoutingTable routing;
  private final Map<String, List<Arm>> splits;

  FlowCatalog(long generation, Instant loadedAt, Map<String, LoadedFlow> current,
      Map<String, Map<String, LoadedFlow>> versions, Map<String, AliasTarget> aliases, RoutingTable routing) {
    this(generation, loadedAt, current, versions, aliases, routing, Map.of());
  }

  FlowCatalog(long generation, Instant loadedAt, Map<String, LoadedFlow> current,
      Map<String, Map<String, LoadedFlow>> versions, Map<String, AliasTarget> aliases, RoutingTable routing,
      Map<String, List<Arm>> splits) {
    this.splits = Collections.unmodifiableMap(new LinkedHashMap<>(splits));
    this.generation = generation;
    this.loadedAt = loadedAt;
    this.current = Collections.unmodifiableMap(new LinkedHashMap<>(current));
    Map<String, Map<String, LoadedFlow>> copy = new LinkedHashMap<>();
    versions.forEach((id, byVersion) -> copy.put(id, Collections.unmodifiableMap(new LinkedHashMap<>(byVersion))));
    this.versions = Collections.unmodifiableMap(copy);
    this.aliases = Collections.unmodifiableMap(new LinkedHashMap<>(aliases));
    this.routing = routing;
  }

  /** Increases by one with every reload that was applied. */
  public long generation() {
    return generation;
  }

  public Instant loadedAt() {
    return loadedAt;
  }

  /** Flow id → its current version. */
  public Map<String, LoadedFlow> flows() {
    return current;
  }

  /** Flow id → every version loaded since start (oldest first), by version. */
  public Map<String, Map<String, LoadedFlow>> versions() {
    return versions;
  }

  public Map<String, AliasTarget> aliases() {
    return aliases;
  }

  public RoutingTable routing() {
    return routing;
  }

  /** Split aliases: alias → its targets and their shares, in the routing file's order. */
  public Map<String, List<Arm>> splits() {
    return splits;
  }

  /**
   * The flow a flow id or an alias names for the call {@code callKey} (its call or workflow id): a
   * split alias picks one target by the call's bucket ({@link #bucket}), so the same call always gets
   * the same target and, over many calls, each target its share.
   */
  public Optional<Resolved> resolve(String idOrAlias, String callKey) {
    List<Arm> arms = idOrAlias == null ? null : splits.get(idOrAlias);
    if (arms == null || callKey == null) {
      return resolve(idOrAlias).map(flow -> new Resolved(flow, null));
    }
    int bucket = bucket(callKey);
    int upTo = 0;
    for (Arm arm : arms) {
      upTo += arm.percent();
      if (bucket < upTo) {
        return target(arm.target()).map(flow -> new Resolved(flow, idOrAlias + ":" + arm.target()));
      }
    }
    throw new IllegalStateException("split alias '" + idOrAlias + "' does not add up to 100");
  }

  /** A call's bucket, 0 to 99: the first 8 bytes of the SHA-256 of its key, modulo 100. */
  public static int bucket(String callKey) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(callKey.getBytes(StandardCharsets.UTF_8));
      return (int) Long.remainderUnsigned(ByteBuffer.wrap(hash).getLong(), 100);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Optional<LoadedFlow> target(AliasTarget alias) {
    return alias.version() == null
        ? Optional.ofNullable(current.get(alias.flowId()))
        : Optional.ofNullable(versions.getOrDefault(alias.flowId(), Map.of()).get(alias.version()));
  }

  /** The flow a flow id or an alias names (an alias may pin an older version; a split alias gives its first target). */
  public Optional<LoadedFlow> resolve(String idOrAlias) {
    if (idOrAlias == null) {
      return Optional.empty();
    }
    LoadedFlow flow = current.get(idOrAlias);
    if (flow != null) {
      return Optional.of(flow);
    }
    AliasTarget alias = aliases.get(idOrAlias);
    if (alias == null) {
      return Optional.empty();
    }
    return target(alias);
  }

  /** The flow a call to {@code calledIdentity} runs: its route, else the default. */
  public LoadedFlow route(String calledIdentity) {
    String target = routing.targetFor(calledIdentity);
    return resolve(target).orElseThrow(() -> new IllegalStateException("routing target '" + target + "' is unknown"));
  }

  /**
   * The subflows {@code flow} calls, transitively, keyed by the reference their subflow nodes
   * write (an id or an alias): what a call's workflow input carries next to its flow.
   */
  public Map<String, Flow> subflowsOf(Flow flow) {
    Map<String, Flow> found = new LinkedHashMap<>();
    Deque<Flow> todo = new ArrayDeque<>(List.of(flow));
    while (!todo.isEmpty()) {
      for (FlowNode node : todo.pop().nodes().values()) {
        if (node instanceof SubflowNode subflow && !found.containsKey(subflow.flow())) {
          resolve(subflow.flow()).ifPresent(child -> {
            found.put(subflow.flow(), child.flow());
            todo.push(child.flow());
          });
        }
      }
    }
    return found;
  }

  /**
   * Every prompt key {@code flow} and its subflows play; where one of them says something
   * ({@code say}), also the fragments of the say grammar of each of their locales (a locale pins
   * those of its fragments that exist for it).
   */
  public Set<String> promptKeys(Flow flow) {
    Set<String> keys = new LinkedHashSet<>(FlowGraph.promptKeys(flow));
    Collection<Flow> subflows = subflowsOf(flow).values();
    subflows.forEach(child -> keys.addAll(FlowGraph.promptKeys(child)));
    if (FlowGraph.says(flow) || subflows.stream().anyMatch(FlowGraph::says)) {
      locales(flow).forEach(locale -> SayGrammars.of(locale).ifPresent(grammar -> keys.addAll(grammar.fragments())));
    }
    return keys;
  }

  /** Every locale {@code flow} and its subflows declare, the flow's own first. */
  public Set<String> locales(Flow flow) {
    Set<String> locales = new LinkedHashSet<>(flow.locales());
    subflowsOf(flow).values().forEach(child -> locales.addAll(child.locales()));
    return locales;
  }
}
