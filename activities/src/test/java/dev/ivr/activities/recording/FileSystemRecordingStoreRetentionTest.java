package dev.ivr.activities.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recording retention: {@link FileSystemRecordingStore#deleteExpired()} against a clock the test moves. */
class FileSystemRecordingStoreRetentionTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path tmp;
  private final MovableClock clock = new MovableClock(T0);

  @Test
  void recordingsOlderThanTheRetention_areDeleted_youngerOnesKept() throws Exception {
    var store = new FileSystemRecordingStore(tmp, Duration.ofDays(30), clock);
    Path old = store(store, "call-old/2", T0);
    Path young = store(store, "call-young/2", T0.plus(Duration.ofDays(20)));

    clock.set(T0.plus(Duration.ofDays(30)).minusSeconds(1));
    assertThat(store.deleteExpired()).isZero();
    assertThat(old).exists();

    clock.set(T0.plus(Duration.ofDays(31)));
    assertThat(store.deleteExpired()).isEqualTo(1);
    assertThat(old).doesNotExist();
    assertThat(old.getParent()).as("the emptied workflow directory").doesNotExist();
    assertThat(young).exists();
    assertThat(store.find("call-young/2")).isPresent();
    assertThat(tmp).as("the store's root stays").isDirectory();
  }

  @Test
  void abandonedPartialFiles_expireToo_butAreNotCountedAsRecordings() throws Exception {
    var store = new FileSystemRecordingStore(tmp, Duration.ofHours(1), clock);
    try (RecordingStore.Sink sink = store.open("call-a/2")) {
      sink.write(new byte[] {1, 2, 3}, 0, 3);
    }
    Path part = tmp.resolve("call-a/2.wav.part");
    Files.setLastModifiedTime(part, FileTime.from(T0));

    clock.set(T0.plus(Duration.ofHours(2)));
    assertThat(store.deleteExpired()).isZero();
    assertThat(part).doesNotExist();
  }

  @Test
  void withoutRetention_nothingIsEverDeleted() throws Exception {
    var store = new FileSystemRecordingStore(tmp, null, clock);
    Path file = store(store, "call-x/1", T0);
    clock.set(T0.plus(Duration.ofDays(10_000)));

    assertThat(store.deleteExpired()).isZero();
    assertThat(file).exists();
    assertThat(store.retention()).isEmpty();
    assertThat(new FileSystemRecordingStore(tmp).retention()).isEmpty();
  }

  @Test
  void otherFilesInTheRoot_areLeftAlone() throws Exception {
    var store = new FileSystemRecordingStore(tmp, Duration.ofMinutes(1), clock);
    Path notes = Files.writeString(tmp.resolve("README.txt"), "operator notes");
    Files.setLastModifiedTime(notes, FileTime.from(T0));
    clock.set(T0.plus(Duration.ofDays(1)));

    assertThat(store.deleteExpired()).isZero();
    assertThat(notes).exists();
  }

  @Test
  void aMissingRoot_isNotAnError() throws Exception {
    var store = new FileSystemRecordingStore(tmp.resolve("not-yet"), Duration.ofMinutes(1), clock);
    assertThat(store.deleteExpired()).isZero();
  }

  @Test
  void zeroOrNegativeRetention_isRejected() {
    assertThatThrownBy(() -> new FileSystemRecordingStore(tmp, Duration.ZERO, clock))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FileSystemRecordingStore(tmp, Duration.ofSeconds(-1), clock))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Path store(FileSystemRecordingStore store, String id, Instant writtenAt) throws IOException {
    try (RecordingStore.Sink sink = store.open(id)) {
      sink.write(new byte[] {'R', 'I', 'F', 'F'}, 0, 4);
      Path file = Path.of(sink.commit());
      Files.setLastModifiedTime(file, FileTime.from(writtenAt));
      return file;
    }
  }

  /** A clock that stands still until the test moves it. */
  private static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
