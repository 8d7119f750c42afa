package dev.ivr.recordings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@link RecordingStoreContract} on the file system, plus what only files have: permissions and paths. */
class FileSystemRecordingStoreTest extends RecordingStoreContract {
  @TempDir Path tmp;

  @Override
  protected RecordingStore newStore(Duration retention, Clock clock) {
    return new FileSystemRecordingStore(tmp, retention, clock);
  }

  @Override
  protected List<String> objectNames() throws IOException {
    try (Stream<Path> walk = Files.walk(tmp)) {
      return walk.filter(Files::isRegularFile).map(p -> tmp.relativize(p).toString().replace('\\', '/')).sorted()
          .toList();
    }
  }

  @Override
  protected void writtenAt(String objectName, Instant when) throws IOException {
    Files.setLastModifiedTime(tmp.resolve(objectName), FileTime.from(when));
  }

  @Override
  protected void putForeignObject(String name, Instant writtenAt) throws IOException {
    Path file = tmp.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "operator notes");
    writtenAt(name, writtenAt);
  }

  @Override
  protected List<String> foreignLocations(String location) {
    Path other = tmp.resolveSibling(tmp.getFileName() + "-other").resolve("call-9/1.wav");
    return List.of(other.toString(), "file://" + location, tmp.relativize(Path.of(location)).toString());
  }

  @Test
  void recordingsAndTheirDirectoriesAreOwnerOnly() throws Exception {
    var store = new FileSystemRecordingStore(tmp.resolve("deep/er/recordings"));
    try (RecordingStore.Sink sink = store.open("call-1/2")) {
      sink.write(bytes("hello"), 0, 5);
      assertThat(sink.commit()).isEqualTo(tmp.resolve("deep/er/recordings/call-1/2.wav").toString());
    }
    Path file = Path.of(store.find("call-1/2").orElseThrow().location());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
  }

  @Test
  void pathsFollowTheIds() {
    var store = new FileSystemRecordingStore(tmp);
    assertThat(store.pathOf("call-0a1b/3")).isEqualTo(tmp.resolve("call-0a1b/3.wav"));
    assertThatThrownBy(() -> store.pathOf("../x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLocationThroughALinkOutOfTheStore_isRefused() throws Exception {
    Path outside = Files.createDirectories(tmp.resolveSibling(tmp.getFileName() + "-outside").resolve("call-l"));
    Files.writeString(outside.resolve("1.wav"), "not ours");
    Path root = Files.createDirectories(tmp.resolve("root"));
    Files.createSymbolicLink(root.resolve("call-l"), outside);
    var store = new FileSystemRecordingStore(root);

    assertThat(store.findByLocation(root.resolve("call-l/1.wav").toString())).isEmpty();
  }

  @Test
  void aMissingRoot_isNotAnError() throws Exception {
    var store = new FileSystemRecordingStore(tmp.resolve("not-yet"), Duration.ofMinutes(1), clock);
    assertThat(store.deleteExpired()).isZero();
    assertThat(store.findByLocation(tmp.resolve("not-yet/a/1.wav").toString())).isEmpty();
  }
}
