package dev.ivr.api.recording;

import dev.ivr.recordings.AzureBlobRecordingStore;
import dev.ivr.recordings.FileSystemRecordingStore;
import dev.ivr.recordings.RecordingStore;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The recordings the console plays: the worker's recording store, read only. Playback is not worth
 * the webhook: a store the api cannot open (settings missing or wrong) is logged as an error and
 * the console answers 404 for recordings, while calls go on.
 */
@Configuration(proxyBeanMethods = false)
class RecordingConfiguration {
  private static final Logger log = LoggerFactory.getLogger(RecordingConfiguration.class);

  @Bean
  @ConditionalOnMissingBean
  RecordingSource recordingSource(RecordingProperties properties) {
    try {
      return new StoreRecordingSource(store(properties));
    } catch (RuntimeException e) {
      log.error("the console cannot play recordings: the recording store ({}) cannot be opened: {}",
          properties.store(), e.getMessage());
      return location -> Optional.empty();
    }
  }

  static RecordingStore store(RecordingProperties properties) {
    return switch (properties.store()) {
      case "filesystem" -> new FileSystemRecordingStore(properties.dir(), null, Clock.systemUTC());
      case "azure-blob" -> {
        if (properties.azure() == null || properties.azure().connectionString() == null
            || properties.azure().connectionString().isBlank()) {
          throw new IllegalArgumentException(
              "ivr.recordings.store=azure-blob needs ivr.recordings.azure.connection-string");
        }
        yield AzureBlobRecordingStore.connect(properties.azure().connectionString(), properties.azure().container(),
            null, Clock.systemUTC());
      }
      default -> throw new IllegalArgumentException(
          "ivr.recordings.store must be filesystem or azure-blob, got '" + properties.store() + "'");
    };
  }
}
