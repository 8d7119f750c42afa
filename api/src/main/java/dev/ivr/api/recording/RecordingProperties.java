package dev.ivr.api.recording;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the worker stores recordings, so the console can play them: {@code ivr.recordings.store}
 * is {@code filesystem} (files under {@code ivr.recordings.dir}, default {@code recordings}) or
 * {@code azure-blob} ({@code ivr.recordings.azure.connection-string} and {@code .container}, as the
 * worker's {@code IVR_RECORDINGS_AZURE_*}). The api only reads; retention is the worker's job.
 */
@ConfigurationProperties("ivr.recordings")
record RecordingProperties(@DefaultValue("filesystem") String store, @DefaultValue("recordings") Path dir, Azure azure) {

  record Azure(String connectionString, @DefaultValue("recordings") String container) {
    @Override
    public String toString() {
      return "Azure[container=" + container + "]";
    }
  }
}
