package dev.ivr.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The development system's state folder ({@code .state/dev} by default, git-ignored): the dev server's
 * SQLite database, its log and pid file, the ports the last run listened on, reused when they are
 * still free so that the Web UI and the console keep their addresses and the calls in flight their
 * prompt URLs, and the development payload key ({@value #PAYLOAD_KEYS}, owner-only). One run at a time
 * holds it (a lock file).
 */
final class DevState implements AutoCloseable {
  static final String PAYLOAD_KEYS = "payload-keys";

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Properties ports = new Properties();

  private DevState(Path dir, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Takes the folder ({@code fresh}: emptied first), or fails if another run holds it. */
  static DevState open(Path dir, boolean fresh) {
    try {
      Files.createDirectories(dir);
      FileChannel channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new IllegalStateException("another ./ivr-dev.sh runs with the state folder " + dir.toAbsolutePath()
            + ": stop it first (Ctrl-C), or give this one --state-dir=<another folder>");
      }
      DevState state = new DevState(dir, channel, lock);
      if (fresh) {
        state.wipe();
      }
      state.readPorts();
      return state;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use the state folder " + dir.toAbsolutePath(), e);
    }
  }

  Path dir() {
    return dir;
  }

  Path temporalDatabase() {
    return dir.resolve("temporal.db");
  }

  /** Whether an earlier run left a database (so calls may resume). */
  boolean hasDatabase() {
    return Files.exists(temporalDatabase());
  }

  /**
   * The development payload keys: the file {@value #PAYLOAD_KEYS} of this folder, created with one new
   * random key ({@code dev-1}) on first use and kept by {@code --fresh}, so that histories exported
   * from earlier runs still decode. Its path is what a tool is given as {@code IVR_PAYLOAD_KEYS_FILE}.
   */
  Path payloadKeysFile() {
    Path file = dir.resolve(PAYLOAD_KEYS);
    if (!Files.exists(file)) {
      try {
        Path temp = Files.createTempFile(dir, PAYLOAD_KEYS, ".tmp",
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, "# development payload key of ./ivr-dev.sh (newest first): never use it in production\n"
            + dev.ivr.codec.PayloadKeys.generateEntry("dev-1") + "\n");
        Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the development payload key " + file.toAbsolutePath(), e);
      }
    }
    return file;
  }

  /** The port {@code name} had last time, 0 if none. */
  int port(String name) {
    return Integer.parseInt(ports.getProperty(name, "0"));
  }

  void rememberPort(String name, int port) {
    ports.setProperty(name, String.valueOf(port));
    try (Writer out = Files.newBufferedWriter(dir.resolve("ports.properties"))) {
      ports.store(out, "ports of the last ./ivr-dev.sh run, reused when free");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void readPorts() throws IOException {
    Path file = dir.resolve("ports.properties");
    if (Files.exists(file)) {
      try (Reader in = Files.newBufferedReader(file)) {
        ports.load(in);
      }
    }
  }

  /**
   * Deletes the database, its log and the ports; keeps the lock, the payload key, and the dev server's
   * pid file, so that a server left running by a killed run is still found and stopped.
   */
  private void wipe() throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(dir) && !p.getFileName().toString().equals("lock")
            && !p.getFileName().toString().equals("temporal.pid")
            && !p.getFileName().toString().equals(PAYLOAD_KEYS)) {
          Files.delete(p);
        }
      }
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      // released when the process ends anyway
    }
  }
}
