package dev.ivr.api.recording;

import java.util.Optional;
import org.springframework.core.io.Resource;

/**
 * Opens a stored recording by the {@code location} its {@code RecordingStored} names. Empty when
 * there is no such recording, or the location is not one this source serves (outside its store).
 * The resource must know its length so that HTTP Range requests can be served.
 */
public interface RecordingSource {
  Optional<Resource> open(String location);
}
