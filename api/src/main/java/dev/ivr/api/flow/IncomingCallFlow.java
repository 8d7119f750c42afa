package dev.ivr.api.flow;

import dev.ivr.api.prompt.PromptFile;
import dev.ivr.api.prompt.PromptLibrary;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.MediaRef;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The flow that incoming calls run, loaded and checked once at start-up together with its prompts:
 * a missing node, a missing prompt or a prompt in a format Graph cannot play stops the api with a
 * message naming the file, instead of failing a caller later.
 */
@Component
public class IncomingCallFlow {

  private static final Logger log = LoggerFactory.getLogger(IncomingCallFlow.class);

  private final Flow flow;
  private final Map<String, PromptFile> prompts;

  IncomingCallFlow(FlowProperties properties, PromptLibrary library) {
    Path file = Path.of(properties.defaultFlow()).toAbsolutePath().normalize();
    this.flow = FlowFiles.load(file);
    Map<String, PromptFile> resolved = new LinkedHashMap<>();
    for (String key : FlowFiles.promptKeys(flow)) {
      try {
        resolved.put(key, library.require(library.defaultLocale(), key));
      } catch (IllegalStateException e) {
        throw new IllegalStateException("flow file " + file + ": " + e.getMessage(), e);
      }
    }
    this.prompts = Map.copyOf(resolved);
    log.info("Incoming calls run flow '{}' version {} from {} ({} nodes, prompts {} in {})",
        flow.id(), flow.version(), file, flow.nodes().size(), resolved.keySet(), library.defaultLocale());
  }

  public Flow flow() {
    return flow;
  }

  /** The flow's prompt keys resolved to media that Graph fetches from {@code baseUrl}. */
  public Map<String, MediaRef> prompts(String baseUrl) {
    Map<String, MediaRef> media = new LinkedHashMap<>();
    prompts.forEach(
        (key, file) -> media.put(key, new MediaRef(baseUrl + file.urlPath(), file.resourceId(), file.durationMillis())));
    return media;
  }
}
