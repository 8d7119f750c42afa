package dev.ivr.recordings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Recordings as files: {@code <root>/<recordingId>.wav}, where the id may hold one {@code /} (a
 * sub-directory per workflow). Bytes are written to {@code <recordingId>.wav.part} and moved into
 * place atomically on commit. Files are readable and writable by their owner only, and directories
 * this store creates are accessible by their owner only (on POSIX file systems).
 *
 * <p>With a retention period, {@link #deleteExpired()} deletes the recordings (and abandoned partial
 * files) last written longer ago than that; without one, recordings are kept until deleted.
 */
public final class FileSystemRecordingStore implements RecordingStore {
  /** The default root: {@code ./recordings/}, relative to the working directory. */
  public static final Path DEFAULT_ROOT = Path.of("recordings");

  private static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwx------");
  private static final String PART = ".part";

  private final Path root;
  private final Duration retention;
  private final Clock clock;

  /** A store under {@link #DEFAULT_ROOT}. */
  public FileSystemRecordingStore() {
    this(DEFAULT_ROOT);
  }

  /** A store that keeps recordings until they are deleted. */
  public FileSystemRecordingStore(Path root) {
    this(root, null, Clock.systemUTC());
  }

  /**
   * @param retention how long a recording is kept after it was written; null keeps it forever
   * @param clock what {@link #deleteExpired()} takes as now
   */
  public FileSystemRecordingStore(Path root, Duration retention, Clock clock) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    if (retention != null && (retention.isNegative() || retention.isZero())) {
      throw new IllegalArgumentException("the recording retention must be positive, got " + retention);
    }
    this.retention = retention;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public Path root() {
    return root;
  }

  @Override
  public Optional<Duration> retention() {
    return Optional.ofNullable(retention);
  }

  /**
   * Deletes every recording, and every partial file, last modified before now minus the retention,
   * then the workflow directories this leaves empty. Nothing happens without a retention.
   *
   * @return the recordings deleted (partial files not counted)
   */
  @Override
  public int deleteExpired() throws IOException {
    if (retention == null || !Files.isDirectory(root)) {
      return 0;
    }
    Instant cutoff = clock.instant().minus(retention);
    List<Path> directories = new ArrayList<>();
    int deleted = 0;
    try (Stream<Path> walk = Files.walk(root, 2)) {
      for (Path path : walk.toList()) {
        if (path.equals(root)) {
          continue;
        }
        if (Files.isDirectory(path)) {
          directories.add(path);
          continue;
        }
        // only what this store writes: an operator's own *.wav beside the recordings is left alone
        String name = root.relativize(path).toString().replace('\\', '/');
        boolean recording = RecordingIds.ofRecordingName(name) != null;
        boolean partial = name.endsWith(PART)
            && RecordingIds.ofRecordingName(name.substring(0, name.length() - PART.length())) != null;
        if ((recording || partial)
            && Files.getLastModifiedTime(path).toInstant().isBefore(cutoff) && Files.deleteIfExists(path)
            && recording) {
          deleted++;
        }
      }
    }
    for (Path directory : directories) {
      try (Stream<Path> left = Files.list(directory)) {
        if (left.findAny().isEmpty()) {
          Files.deleteIfExists(directory);
        }
      } catch (IOException raced) {
        // a recording is being written there right now: keep the directory
      }
    }
    return deleted;
  }

  /** The file of a complete recording; the id must be one or two safe path segments. */
  public Path pathOf(String recordingId) {
    Path file = root.resolve(RecordingIds.check(recordingId) + EXTENSION).normalize();
    if (!file.startsWith(root)) {
      throw new IllegalArgumentException("recording id escapes the store: '" + recordingId + "'");
    }
    return file;
  }

  @Override
  public Optional<StoredRecording> find(String recordingId) {
    Path file = pathOf(recordingId);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(new StoredFile(file));
  }

  @Override
  public Optional<StoredRecording> findByLocation(String location) throws IOException {
    Path file;
    try {
      file = Path.of(location).toAbsolutePath().normalize();
    } catch (RuntimeException notAPath) {
      return Optional.empty();
    }
    if (!file.startsWith(root) || file.equals(root)) {
      return Optional.empty();
    }
    String id = RecordingIds.ofRecordingName(root.relativize(file).toString().replace('\\', '/'));
    if (id == null || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    // a directory on the way may be a link out of the store
    if (!file.toRealPath().startsWith(root.toRealPath())) {
      return Optional.empty();
    }
    return find(id);
  }

  @Override
  public Sink open(String recordingId) throws IOException {
    Path file = pathOf(recordingId);
    createDirectories(file.getParent());
    Path part = file.resolveSibling(file.getFileName() + PART);
    FileChannel channel = openOwnerOnly(part);
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new IOException("recording " + recordingId + " is being written by another process");
      }
      return new FileSink(file, part, channel);
    } catch (OverlappingFileLockException e) {
      channel.close();
      throw new IOException("recording " + recordingId + " is being written by another attempt", e);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public void delete(String recordingId) throws IOException {
    Path file = pathOf(recordingId);
    Files.deleteIfExists(file);
    Files.deleteIfExists(file.resolveSibling(file.getFileName() + PART));
  }

  @Override
  public String toString() {
    return "recordings in " + root;
  }

  private void createDirectories(Path directory) throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    if (directory.equals(root)) {
      Files.createDirectories(root.getParent());
    } else {
      createDirectories(directory.getParent());
    }
    try {
      if (posix(directory.getParent())) {
        Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(DIRECTORY_PERMISSIONS));
      } else {
        Files.createDirectory(directory);
      }
    } catch (FileAlreadyExistsException raced) {
      if (!Files.isDirectory(directory)) {
        throw raced;
      }
    }
  }

  private static FileChannel openOwnerOnly(Path part) throws IOException {
    Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    if (!posix(part.getParent())) {
      return FileChannel.open(part, options);
    }
    FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(FILE_PERMISSIONS);
    FileChannel channel = FileChannel.open(part, options, ownerOnly);
    // A part file left by an older process may have wider permissions; narrow them.
    Files.setPosixFilePermissions(part, FILE_PERMISSIONS);
    return channel;
  }

  private static boolean posix(Path directory) {
    return directory != null && Files.getFileAttributeView(directory,
        java.nio.file.attribute.PosixFileAttributeView.class) != null;
  }

  private record StoredFile(Path file) implements StoredRecording {
    @Override
    public String location() {
      return file.toString();
    }

    @Override
    public long size() throws IOException {
      return Files.size(file);
    }

    @Override
    public InputStream openStream() throws IOException {
      return Files.newInputStream(file);
    }
  }

  private static final class FileSink implements Sink {
    private final Path file;
    private final Path part;
    private final FileChannel channel;
    private boolean closed;

    FileSink(Path file, Path part, FileChannel channel) {
      this.file = file;
      this.part = part;
      this.channel = channel;
    }

    @Override
    public long size() throws IOException {
      return channel.size();
    }

    @Override
    public InputStream readExisting() throws IOException {
      return Files.newInputStream(part);
    }

    @Override
    public void truncate(long size) throws IOException {
      channel.truncate(size);
      channel.position(size);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }

    @Override
    public String commit() throws IOException {
      channel.force(true);
      // Same directory, so the rename is atomic: readers see no file or the whole recording.
      Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      close();
      return file.toString();
    }

    @Override
    public void abort() throws IOException {
      close();
      Files.deleteIfExists(part);
    }

    @Override
    public void close() throws IOException {
      if (!closed) {
        closed = true;
        channel.close();
      }
    }
  }
}
