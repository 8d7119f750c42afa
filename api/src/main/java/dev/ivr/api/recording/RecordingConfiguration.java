package dev.ivr.api.recording;

import dev.ivr.recordings.AzureBlobRecordingStore;
import dev.ivr.recordings.FileSystemRecordingStore;
import dev.ivr.recordings.RecordingStore;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The recordings the console plays: the worker's recording store, read only. */
@Configuration(proxyBeanMethods = false)
class RecordingConfiguration {

  @Bean
  @ConditionalOnMissingBean
  RecordingSource recordingSource(RecordingProperties properties) {
    return new StoreRecordingSource(store(properties));
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
