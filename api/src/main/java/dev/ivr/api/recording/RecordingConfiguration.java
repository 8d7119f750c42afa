package dev.ivr.api.recording;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The recordings the console plays: files under {@code ivr.recordings.dir} unless another source is supplied. */
@Configuration(proxyBeanMethods = false)
class RecordingConfiguration {

  @Bean
  @ConditionalOnMissingBean
  RecordingSource recordingSource(RecordingProperties properties) {
    return new FileRecordingSource(properties.dir());
  }
}
