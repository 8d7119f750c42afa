package dev.ivr.flowtools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flows directory ({@code <dir>/<id>/flow.yaml}, or {@code flow.json}) and its routing table,
 * as an immutable {@link FlowCatalog} snapshot. A flow is never registered without passing
 * {@link FlowLoader} and {@link FlowValidator}, with its subflows and prompts.
 *
 * <p>{@link #reload()} re-reads everything, validates it whole, and swaps the snapshot atomically;
 * if anything is wrong the previous snapshot stays in place and the problems are returned. Every
 * version loaded since start is kept, so an alias can pin (or roll back to) an earlier version.
 */
public final class FlowRepository {

  private static final Logger log = LoggerFactory.getLogger(FlowRepository.class);
  private static final Set<String> FLOW_FILES = new LinkedHashSet<>(List.of("flow.yaml", "flow.yml", "flow.json"));

  /**
   * Where the flows are.
   *
   * @param flowsDir {@code <flowsDir>/<id>/flow.yaml}
   * @param routingFile the routing table, usually {@code <flowsDir>/routing.yaml}
   * @param promptsDir the prompt catalog {@code <dir>/<locale>/<key>.wav}; null skips prompt checks
   * @param expressions the CEL checker (null: the interpreter's)
   */
  public record Settings(Path flowsDir, Path routingFile, Path promptsDir, ExpressionChecker expressions) {
    public Settings {
      if (flowsDir == null || routingFile == null) {
        throw new IllegalArgumentException("flowsDir and routingFile are required");
      }
      flowsDir = flowsDir.normalize();
      routingFile = routingFile.normalize();
      promptsDir = promptsDir == null ? null : promptsDir.normalize();
      expressions = expressions == null ? ExpressionChecker.cel() : expressions;
    }

    public Settings(Path flowsDir, Path promptsDir) {
      this(flowsDir, flowsDir.resolve("routing.yaml"), promptsDir, null);
    }
  }

  /** What a reload did: applied (the new snapshot is current) or not (the old one stays). */
  public record ReloadResult(boolean applied, FlowCatalog catalog, List<FlowProblem> problems) {
    public ReloadResult {
      problems = List.copyOf(problems);
    }
  }

  private final Settings settings;
  private final Clock clock;
  private final AtomicReference<FlowCatalog> snapshot = new AtomicReference<>();

  private FlowRepository(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** Loads the directory; throws {@link FlowException} with every problem if any flow fails. */
  public static FlowRepository open(Settings settings) {
    FlowRepository repository = new FlowRepository(settings, Clock.systemUTC());
    repository.snapshot.set(repository.build(null));
    FlowCatalog catalog = repository.snapshot.get();
    log.info("Loaded {} flows from {} (aliases {}, {} routes, default '{}')", catalog.flows().size(),
        settings.flowsDir(), catalog.aliases().keySet(), catalog.routing().routes().size(),
        catalog.routing().defaultTarget());
    return repository;
  }

  public Settings settings() {
    return settings;
  }

  /** The current snapshot: resolve everything a call needs from this one object. */
  public FlowCatalog snapshot() {
    return snapshot.get();
  }

  /** Re-reads the directory; applies it only if all of it passes. Safe to call concurrently. */
  public synchronized ReloadResult reload() {
    FlowCatalog previous = snapshot.get();
    try {
      FlowCatalog next = build(previous);
      snapshot.set(next);
      log.info("Reloaded flows: generation {} ({} flows, versions {})", next.generation(), next.flows().size(),
          next.flows().values().stream().map(f -> f.id() + "@" + f.version()).toList());
      return new ReloadResult(true, next, List.of());
    } catch (FlowException e) {
      log.warn("Flow reload rejected, generation {} stays in place:\n{}", previous.generation(), e.getMessage());
      return new ReloadResult(false, previous, e.problems());
    }
  }

  /**
   * Validates a candidate flow file against the current snapshot (its subflows, the prompts) without
   * registering it: for {@code POST /api/flows/validate} and editors. {@code return} is allowed
   * unless the routing table sends calls to a flow of that id.
   */
  public LoadedFlow check(byte[] content, String name) {
    LoadedFlow loaded = FlowLoader.parse(content, name);
    FlowCatalog catalog = snapshot.get();
    boolean routed = catalog != null && entryFlowIds(catalog.routing(), catalog).contains(loaded.id());
    return FlowValidator.require(loaded, context(catalog == null ? Map.of() : catalog.flows(),
        catalog == null ? Map.of() : catalog.aliases(), catalog == null ? Map.of() : catalog.versions(), !routed));
  }

  private FlowCatalog build(FlowCatalog previous) {
    List<FlowProblem> problems = new ArrayList<>();
    Set<String> failed = new LinkedHashSet<>();
    Map<String, LoadedFlow> current = loadFlows(problems, failed);
    RoutingFile routing = RoutingFile.read(settings.routingFile(), problems);
    Map<String, Map<String, LoadedFlow>> versions = new LinkedHashMap<>();
    if (previous != null) {
      previous.versions().forEach((id, byVersion) -> versions.put(id, new LinkedHashMap<>(byVersion)));
    }
    current.forEach((id, flow) -> versions.computeIfAbsent(id, k -> new LinkedHashMap<>()).putIfAbsent(flow.version(), flow));
    Map<String, FlowCatalog.AliasTarget> aliases = new LinkedHashMap<>();
    Map<String, List<FlowCatalog.Arm>> splits = new LinkedHashMap<>();
    if (routing != null) {
      routing.table().aliases().forEach((alias, target) -> {
        FlowCatalog.AliasTarget parsed = FlowCatalog.AliasTarget.parse(target);
        if (failed.contains(parsed.flowId())) {
          return; // that flow's own problems say it all
        }
        if (current.containsKey(alias)) {
          problems.add(routing.problem("alias '" + alias + "' is also a flow id", "aliases", alias));
        } else if (!current.containsKey(parsed.flowId())) {
          problems.add(routing.problem("alias '" + alias + "' points to flow '" + parsed.flowId()
              + "', which is not in the flows directory", "aliases", alias));
        } else if (parsed.version() != null && !versions.get(parsed.flowId()).containsKey(parsed.version())) {
          problems.add(routing.problem("alias '" + alias + "' pins version " + parsed.version() + " of '"
              + parsed.flowId() + "', which this process has not loaded (known: "
              + versions.get(parsed.flowId()).keySet() + ")", "aliases", alias));
        } else {
          aliases.put(alias, parsed);
        }
      });
      routing.table().splits().forEach((alias, arms) -> {
        List<FlowCatalog.Arm> checked = new ArrayList<>();
        arms.forEach((target, percent) -> {
          FlowCatalog.AliasTarget parsed = FlowCatalog.AliasTarget.parse(target);
          if (!current.containsKey(parsed.flowId())) {
            problems.add(routing.problem("split alias '" + alias + "' points to flow '" + parsed.flowId()
                + "', which is not in the flows directory", "aliases", alias, "split", target));
          } else if (parsed.version() != null && !versions.get(parsed.flowId()).containsKey(parsed.version())) {
            problems.add(routing.problem("split alias '" + alias + "' pins version " + parsed.version() + " of '"
                + parsed.flowId() + "', which this process has not loaded (known: "
                + versions.get(parsed.flowId()).keySet() + ")", "aliases", alias, "split", target));
          } else {
            checked.add(new FlowCatalog.Arm(parsed, percent));
          }
        });
        if (current.containsKey(alias)) {
          problems.add(routing.problem("alias '" + alias + "' is also a flow id", "aliases", alias));
        } else if (checked.size() == arms.size()) {
          splits.put(alias, List.copyOf(checked));
          aliases.put(alias, checked.get(0).target()); // a reference without a call (a subflow node) takes the first
        }
      });
      Set<String> unusable = new LinkedHashSet<>(failed);
      routing.table().aliases().forEach((alias, target) -> {
        if (failed.contains(FlowCatalog.AliasTarget.parse(target).flowId())) {
          unusable.add(alias);
        }
      });
      checkTarget(routing, routing.table().defaultTarget(), current, aliases, unusable, problems, "default");
      routing.rawRoutes().forEach((identity, route) ->
          checkTarget(routing, route.flow(), current, aliases, unusable, problems, route.path().toArray()));
    }
    FlowCatalog candidate = new FlowCatalog(previous == null ? 1 : previous.generation() + 1, clock.instant(), current,
        versions, aliases, routing == null ? new RoutingTable(null, null, null) : routing.table(), splits);
    Set<String> entries = routing == null ? Set.of() : entryFlowIds(routing.table(), candidate);
    for (LoadedFlow flow : current.values()) {
      problems.addAll(FlowValidator.validate(flow, context(current, aliases, versions, !entries.contains(flow.id()))));
    }
    if (!problems.isEmpty()) {
      throw new FlowException(problems);
    }
    return candidate;
  }

  private FlowValidator.Context context(Map<String, LoadedFlow> current, Map<String, FlowCatalog.AliasTarget> aliases,
      Map<String, Map<String, LoadedFlow>> versions, boolean returnAllowed) {
    return new FlowValidator.Context(settings.promptsDir(), ref -> {
      LoadedFlow flow = current.get(ref);
      if (flow != null) {
        return flow;
      }
      FlowCatalog.AliasTarget alias = aliases.get(ref);
      if (alias == null) {
        return null;
      }
      return alias.version() == null ? current.get(alias.flowId())
          : versions.getOrDefault(alias.flowId(), Map.of()).get(alias.version());
    }, returnAllowed, settings.expressions(), SecretNames.read(settings.flowsDir()));
  }

  /** The flows calls are routed to (the default and every route target): they cannot {@code return}. */
  private static Set<String> entryFlowIds(RoutingTable routing, FlowCatalog catalog) {
    Set<String> ids = new LinkedHashSet<>();
    catalog.resolve(routing.defaultTarget()).ifPresent(f -> ids.add(f.id()));
    routing.routes().values().forEach(route -> catalog.resolve(route.flow()).ifPresent(f -> ids.add(f.id())));
    return ids;
  }

  private static void checkTarget(RoutingFile routing, String target, Map<String, LoadedFlow> current,
      Map<String, FlowCatalog.AliasTarget> aliases, Set<String> unusable, List<FlowProblem> problems, Object... path) {
    if (target != null && !current.containsKey(target) && !aliases.containsKey(target) && !unusable.contains(target)) {
      problems.add(routing.problem("'" + target + "' is neither a flow id nor an alias (flows: " + current.keySet()
          + ", aliases: " + aliases.keySet() + ")", path));
    }
  }

  private Map<String, LoadedFlow> loadFlows(List<FlowProblem> problems, Set<String> failed) {
    Map<String, LoadedFlow> flows = new LinkedHashMap<>();
    if (!Files.isDirectory(settings.flowsDir())) {
      problems.add(new FlowProblem(settings.flowsDir().toString(), 0, 0, null, "the flows directory does not exist"));
      return flows;
    }
    List<Path> dirs;
    try (Stream<Path> list = Files.list(settings.flowsDir())) {
      dirs = list.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      problems.add(new FlowProblem(settings.flowsDir().toString(), 0, 0, null, "cannot be listed: " + e));
      return flows;
    }
    for (Path dir : dirs) {
      List<Path> files = FLOW_FILES.stream().map(dir::resolve).filter(Files::isRegularFile).toList();
      if (files.size() > 1) {
        failed.add(dir.getFileName().toString());
        problems.add(new FlowProblem(dir.toString(), 0, 0, null, "holds more than one flow file: " + files));
        continue;
      }
      if (files.isEmpty()) {
        continue; // prompts/, schema/, and other folders without a flow
      }
      try {
        LoadedFlow flow = FlowLoader.load(files.get(0));
        String expected = dir.getFileName().toString();
        if (!flow.id().equals(expected)) {
          failed.add(expected);
          problems.add(flow.problem(null, "id '" + flow.id() + "' must equal its directory name '" + expected + "'", "id"));
        } else {
          flows.put(flow.id(), flow);
        }
      } catch (FlowException e) {
        failed.add(dir.getFileName().toString());
        problems.addAll(e.problems());
      }
    }
    if (flows.isEmpty() && problems.isEmpty()) {
      problems.add(new FlowProblem(settings.flowsDir().toString(), 0, 0, null, "holds no flow (<id>/flow.yaml)"));
    }
    return flows;
  }
}
