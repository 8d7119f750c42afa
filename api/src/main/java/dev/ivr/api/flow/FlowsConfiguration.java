package dev.ivr.api.flow;

import dev.ivr.api.prompt.PromptProperties;
import dev.ivr.flowtools.FlowRepository;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The flow repository, loaded and validated at start-up: a broken flow, routing table or prompt
 * stops the api with every problem listed (file, line, node), instead of failing a caller later.
 */
@Configuration(proxyBeanMethods = false)
class FlowsConfiguration {

  @Bean
  FlowRepository flowRepository(FlowProperties flows, PromptProperties prompts) {
    return FlowRepository.open(new FlowRepository.Settings(
        Path.of(flows.dir()), Path.of(flows.routing()), Path.of(prompts.dir()), null));
  }
}
