package dev.ivr.api.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * Recordings as files under one directory ({@code ivr.recordings.dir}). A location is a file path,
 * relative to the working directory or absolute, as the worker's file store writes it; anything that
 * resolves outside the directory (by {@code ..} or a symbolic link) is refused as unknown.
 */
final class FileRecordingSource implements RecordingSource {
  private final Path root;

  FileRecordingSource(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public Optional<Resource> open(String location) {
    if (location == null || location.isBlank() || location.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    try {
      Path file = Path.of(location).toAbsolutePath().normalize();
      if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        return Optional.empty();
      }
      Path real = file.toRealPath();
      if (!real.startsWith(root.toRealPath())) {
        return Optional.empty();
      }
      return Optional.of(new FileSystemResource(real));
    } catch (InvalidPathException | IOException e) {
      return Optional.empty();
    }
  }
}
