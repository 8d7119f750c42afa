package dev.ivr.api.flow;

import dev.ivr.flowtools.FlowCatalog;
import dev.ivr.flowtools.FlowDiagram;
import dev.ivr.flowtools.FlowException;
import dev.ivr.flowtools.FlowProblem;
import dev.ivr.flowtools.FlowRepository;
import dev.ivr.flowtools.FlowSchema;
import dev.ivr.flowtools.LoadedFlow;
import dev.ivr.flowtools.RoutingTable;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Flows over REST:
 *
 * <ul>
 *   <li>{@code GET /api/flows}: ids, current versions, every version loaded, aliases, routing;
 *   <li>{@code GET /api/flows/schema}: the flow JSON Schema, for editors
 *       ({@code # yaml-language-server: $schema=<api>/api/flows/schema});
 *   <li>{@code POST /api/flows/validate}: a flow file (YAML or JSON) checked exactly as a load
 *       would, against the current flows and prompts, without registering it: 200
 *       {@code {valid:true,id,version}} or 422 {@code {valid:false,errors:[...]}};
 *   <li>{@code POST /api/flows/reload}: re-reads the flows directory and swaps it in whole, or
 *       keeps the current one and answers 422 with the errors. Calls in progress are untouched:
 *       their flow is in their workflow input;
 *   <li>{@code GET /api/flows/{flowId}/graph?version=}: the flow's nodes and labelled edges, and its
 *       prompt keys, for the operator console's diagram.
 * </ul>
 */
@RestController
@RequestMapping("/api/flows")
class FlowController {

  private final FlowRepository repository;
  private final FlowProperties properties;

  FlowController(FlowRepository repository, FlowProperties properties) {
    this.properties = properties;
    this.repository = repository;
  }

  /** A flow as listed. */
  record FlowSummary(String id, String version, String description, String file, List<String> versions) {}

  record FlowList(long generation, String loadedAt, List<FlowSummary> flows, Map<String, String> aliases,
      String defaultFlow, Map<String, RoutingTable.Route> routes) {}

  record Validated(boolean valid, String id, String version) {}

  record Invalid(boolean valid, List<String> errors, List<FlowProblem> problems) {}

  record Reloaded(boolean reloaded, long generation, Map<String, String> flows, List<String> errors) {}

  @GetMapping
  FlowList list() {
    FlowCatalog catalog = repository.snapshot();
    List<FlowSummary> flows = catalog.flows().values().stream()
        .map(f -> new FlowSummary(f.id(), f.version(), f.flow().description(), f.file(),
            List.copyOf(catalog.versions().get(f.id()).keySet())))
        .toList();
    Map<String, String> aliases = new LinkedHashMap<>();
    catalog.aliases().forEach((alias, target) -> aliases.put(alias, target.toString()));
    return new FlowList(catalog.generation(), catalog.loadedAt().toString(), flows, aliases,
        catalog.routing().defaultTarget(), catalog.routing().routes());
  }

  /** A flow as a diagram for the console, with the prompt keys an operator may announce. */
  record FlowGraphView(FlowDiagram diagram, List<String> prompts) {}

  /**
   * {@code GET /api/flows/{flowId}/graph?version=}: nodes and labelled edges of the flow (an id or
   * alias; the current version, or the loaded {@code version} a call is pinned to). 404 otherwise.
   */
  @GetMapping("/{flowId}/graph")
  ResponseEntity<?> graph(@PathVariable String flowId, @RequestParam(name = "version", required = false) String version) {
    FlowCatalog catalog = repository.snapshot();
    LoadedFlow flow = version == null ? catalog.resolve(flowId).orElse(null)
        : catalog.versions().getOrDefault(flowId, Map.of()).get(version);
    if (flow == null) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no flow '" + flowId + "'"
              + (version == null ? "" : " in version " + version) + " is loaded"));
    }
    return ResponseEntity.ok(new FlowGraphView(FlowDiagram.of(flow.flow()), List.copyOf(catalog.promptKeys(flow.flow()))));
  }

  @GetMapping("/schema")
  ResponseEntity<byte[]> schema() {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(FlowSchema.get().content());
  }

  @PostMapping(path = "/validate", consumes = "*/*")
  ResponseEntity<?> validate(HttpServletRequest request,
      @RequestParam(name = "name", defaultValue = "request") String name) throws IOException {
    long max = properties.maxFileSize().toBytes();
    byte[] body = new byte[0];
    if (request.getContentLengthLong() <= max) {
      try (InputStream in = request.getInputStream()) {
        body = in.readNBytes((int) max + 1);
      }
    }
    if (request.getContentLengthLong() > max || body.length > max) {
      return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
              "the flow file is larger than " + max + " bytes (ivr.flows.max-file-size)"));
    }
    try {
      LoadedFlow flow = repository.check(body, name);
      return ResponseEntity.ok(new Validated(true, flow.id(), flow.version()));
    } catch (FlowException e) {
      return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(
          new Invalid(false, e.problems().stream().map(FlowProblem::toString).toList(), e.problems()));
    }
  }

  @PostMapping("/reload")
  ResponseEntity<Reloaded> reload() {
    FlowRepository.ReloadResult result = repository.reload();
    Map<String, String> versions = new LinkedHashMap<>();
    result.catalog().flows().forEach((id, flow) -> versions.put(id, flow.version()));
    Reloaded body = new Reloaded(result.applied(), result.catalog().generation(), versions,
        result.problems().stream().map(FlowProblem::toString).toList());
    return ResponseEntity.status(result.applied() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT).body(body);
  }
}
