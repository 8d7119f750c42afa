package dev.ivr.api.recording;

import dev.ivr.recordings.RecordingStore;
import dev.ivr.recordings.RecordingStore.StoredRecording;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.Resource;

/**
 * Recordings read from the worker's recording store (files or Azure Blob Storage), by the location
 * the store gave them. The store refuses any location outside itself (paths with {@code ..},
 * symbolic links out of the directory, other containers or accounts), so those are unknown here.
 */
final class StoreRecordingSource implements RecordingSource {
  private static final Logger log = LoggerFactory.getLogger(StoreRecordingSource.class);

  private final RecordingStore store;

  StoreRecordingSource(RecordingStore store) {
    this.store = store;
  }

  @Override
  public Optional<Resource> open(String location) {
    if (location == null || location.isBlank() || location.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    try {
      return store.findByLocation(location).map(StoredResource::new);
    } catch (IOException e) {
      log.warn("recording store unreadable: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /** A stored recording as a Spring resource that knows its length, so Range requests get 206. */
  private static final class StoredResource extends AbstractResource {
    private final StoredRecording recording;

    StoredResource(StoredRecording recording) {
      this.recording = recording;
    }

    @Override
    public String getDescription() {
      return "stored recording";
    }

    @Override
    public InputStream getInputStream() throws IOException {
      return recording.openStream();
    }

    @Override
    public long contentLength() throws IOException {
      return recording.size();
    }

    @Override
    public boolean exists() {
      return true;
    }

    @Override
    public String getFilename() {
      return "recording.wav";
    }
  }
}
