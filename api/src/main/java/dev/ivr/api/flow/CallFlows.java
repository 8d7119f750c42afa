package dev.ivr.api.flow;

import dev.ivr.api.prompt.PromptLibrary;
import dev.ivr.flowtools.FlowCatalog;
import dev.ivr.flowtools.FlowRepository;
import dev.ivr.flowtools.LoadedFlow;
import dev.ivr.flowtools.RoutingTable;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.MediaRef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What a new call runs, resolved from one snapshot of the flow repository: the flow (by routing or
 * by name), the subflows it calls and every prompt of every declared locale as media that Graph
 * fetches from this api. All of it goes into the call's workflow input, so the call is pinned:
 * a later reload never changes it.
 */
@Component
public class CallFlows {

  /**
   * A flow as a call starts with it. {@code prompts} keys are {@code <locale>/<key>};
   * {@code variables} are the initial variables its route gives (empty when named directly);
   * {@code split} is {@code <alias>:<target>} when a split alias chose the flow, else null.
   */
  public record PinnedFlow(Flow flow, Map<String, Flow> subflows, Map<String, MediaRef> prompts,
      Map<String, Object> variables, String split) {
    public PinnedFlow {
      subflows = Map.copyOf(subflows);
      prompts = Collections.unmodifiableMap(new LinkedHashMap<>(prompts));
      variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }
  }

  private final FlowRepository repository;
  private final PromptLibrary library;

  CallFlows(FlowRepository repository, PromptLibrary library) {
    this.repository = repository;
    this.library = library;
  }

  /**
   * The flow for the call {@code callKey} (its call id) to {@code calledIdentity} (application instance,
   * application or phone); a split alias picks its target by {@code callKey}.
   */
  public PinnedFlow forCalledIdentity(String calledIdentity, String callKey, String baseUrl) {
    FlowCatalog catalog = repository.snapshot();
    RoutingTable.Route route = catalog.routing().routeFor(calledIdentity);
    FlowCatalog.Resolved flow = catalog.resolve(route.flow(), callKey)
        .orElseThrow(() -> new IllegalStateException("routing target '" + route.flow() + "' is unknown"));
    return pin(catalog, flow, route.variables(), baseUrl);
  }

  /** The flow a flow id or alias names for the call {@code callKey} (a split alias picks by it), if any. */
  public Optional<PinnedFlow> named(String idOrAlias, String callKey, String baseUrl) {
    FlowCatalog catalog = repository.snapshot();
    return catalog.resolve(idOrAlias, callKey).map(flow -> pin(catalog, flow, Map.of(), baseUrl));
  }

  private PinnedFlow pin(FlowCatalog catalog, FlowCatalog.Resolved resolved, Map<String, Object> variables,
      String baseUrl) {
    LoadedFlow loaded = resolved.flow();
    Flow flow = loaded.flow();
    Map<String, MediaRef> prompts = new LinkedHashMap<>();
    for (String locale : catalog.locales(flow)) {
      for (String key : catalog.promptKeys(flow)) {
        library.find(locale, key).ifPresent(file -> prompts.put(locale + "/" + key,
            new MediaRef(baseUrl + file.urlPath(), file.resourceId(), file.durationMillis())));
      }
    }
    return new PinnedFlow(flow, catalog.subflowsOf(flow), prompts, variables, resolved.split());
  }
}
