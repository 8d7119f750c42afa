package dev.ivr.recordings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RecordingStore} does, run against each implementation by a subclass: atomic
 * publication, resumable partial objects, one writer at a time, safe ids and locations, deletion and
 * retention (against a clock the test moves).
 */
public abstract class RecordingStoreContract {
  protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  protected final MovableClock clock = new MovableClock(T0);

  /** A new store over the test's (initially empty) storage. */
  protected abstract RecordingStore newStore(Duration retention, Clock clock) throws IOException;

  /** The names of every object in the test's storage, recordings and partial ones: {@code call-1/2.wav}. */
  protected abstract List<String> objectNames() throws IOException;

  /** Makes the object look written at {@code when}, if writing it with the store's clock there was not enough. */
  protected abstract void writtenAt(String objectName, Instant when) throws IOException;

  /** Puts an object that is not the store's own (an operator's note) next to the recordings. */
  protected abstract void putForeignObject(String name, Instant writtenAt) throws IOException;

  /** Locations of this recording's name outside this store: another directory, container or account. */
  protected abstract List<String> foreignLocations(String location);

  private RecordingStore newStore() throws IOException {
    return newStore(null, clock);
  }

  @Test
  void recordingIsInvisibleUntilCommitted_thenReadable() throws Exception {
    RecordingStore store = newStore();
    String location;
    try (RecordingStore.Sink sink = store.open("call-1/2")) {
      sink.write(bytes("hello "), 0, 6);
      assertThat(store.find("call-1/2")).isEmpty();
      sink.write(bytes("world"), 0, 5);
      assertThat(store.find("call-1/2")).isEmpty();
      location = sink.commit();
    }
    RecordingStore.StoredRecording stored = store.find("call-1/2").orElseThrow();
    assertThat(stored.location()).isEqualTo(location).endsWith("call-1/2.wav");
    assertThat(stored.size()).isEqualTo(11);
    assertThat(read(stored)).isEqualTo("hello world");
    assertThat(objectNames()).containsExactly("call-1/2.wav");
  }

  @Test
  void reopenedPartialKeepsItsBytes_untilTruncated() throws Exception {
    RecordingStore store = newStore();
    try (RecordingStore.Sink sink = store.open("r")) {
      sink.write(bytes("0123456789"), 0, 10);
    }
    try (RecordingStore.Sink sink = store.open("r")) {
      assertThat(sink.size()).isEqualTo(10);
      sink.truncate(5);
      sink.write(bytes("xy"), 0, 2);
      assertThat(sink.size()).isEqualTo(7);
      try (InputStream in = sink.readExisting()) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("01234xy");
      }
    }
    try (RecordingStore.Sink sink = store.open("r")) {
      assertThat(sink.size()).isEqualTo(7);
      sink.truncate(4);
      sink.write(bytes("!"), 0, 1);
      assertThat(sink.commit()).endsWith("r.wav");
    }
    assertThat(read(store.find("r").orElseThrow())).isEqualTo("0123!");
    try (RecordingStore.Sink sink = store.open("s")) {
      sink.write(bytes("gone"), 0, 4);
      sink.abort();
    }
    assertThat(store.find("s")).isEmpty();
    assertThat(objectNames()).containsExactly("r.wav");
  }

  @Test
  void anEmptyRecordingCanBeCommitted() throws Exception {
    RecordingStore store = newStore();
    try (RecordingStore.Sink sink = store.open("call-e/1")) {
      assertThat(sink.size()).isZero();
      sink.commit();
    }
    RecordingStore.StoredRecording stored = store.find("call-e/1").orElseThrow();
    assertThat(stored.size()).isZero();
    assertThat(read(stored)).isEmpty();
  }

  @Test
  void aSecondWriterOfTheSameRecordingIsRefused_untilTheFirstCloses() throws Exception {
    RecordingStore store = newStore();
    try (RecordingStore.Sink first = store.open("r")) {
      first.write(bytes("ab"), 0, 2);
      assertThatThrownBy(() -> store.open("r")).isInstanceOf(IOException.class)
          .hasMessageContaining("another attempt");
    }
    try (RecordingStore.Sink again = store.open("r")) {
      assertThat(again.size()).isEqualTo(2);
    }
  }

  @Test
  void idsThatCouldEscapeTheStoreAreRejected() throws Exception {
    RecordingStore store = newStore();
    for (String bad : new String[] {"", "../x", "a/../../x", "a/b/c", "/abs", ".hidden", "a\\b", "a/", "-x", null}) {
      assertThatThrownBy(() -> store.open(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.find(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.delete(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(objectNames()).isEmpty();
  }

  @Test
  void deleteRemovesRecordingAndPartial() throws Exception {
    RecordingStore store = newStore();
    try (RecordingStore.Sink sink = store.open("a/b")) {
      sink.write(bytes("x"), 0, 1);
      sink.commit();
    }
    try (RecordingStore.Sink sink = store.open("a/b")) {
      sink.write(bytes("y"), 0, 1);
    }
    store.delete("a/b");
    store.delete("never/stored");
    assertThat(store.find("a/b")).isEmpty();
    assertThat(objectNames()).isEmpty();
  }

  @Test
  void findByLocation_findsWhatCommitReturned_andNothingElse() throws Exception {
    RecordingStore store = newStore();
    String location;
    try (RecordingStore.Sink sink = store.open("call-9/1")) {
      sink.write(bytes("audio"), 0, 5);
      location = sink.commit();
    }
    try (RecordingStore.Sink sink = store.open("call-9/2")) {
      sink.write(bytes("half"), 0, 4);
    }
    assertThat(read(store.findByLocation(location).orElseThrow())).isEqualTo("audio");
    assertThat(store.findByLocation(location).orElseThrow().location()).isEqualTo(location);

    List<String> refused = new ArrayList<>(Arrays.asList(null, "", " ", "call-9/1.wav", "%zz", location + "?x=1",
        location + "/..", location.replace(".wav", ""),
        location.replace("call-9/1.wav", "call-9/2.wav.part"),
        location.replace("call-9/1.wav", "call-9/2.wav"),
        location.replace("call-9/1.wav", "call-9/../../call-9/1.wav"),
        location.replace("call-9/1.wav", "call-9/%2E%2E/call-9/1.wav")));
    refused.addAll(foreignLocations(location));
    for (String bad : refused) {
      assertThat(store.findByLocation(bad)).as(String.valueOf(bad)).isEmpty();
    }
  }

  @Test
  void recordingsOlderThanTheRetention_areDeleted_youngerOnesKept() throws Exception {
    RecordingStore store = newStore(Duration.ofDays(30), clock);
    store(store, "call-old/2", T0);
    store(store, "call-young/2", T0.plus(Duration.ofDays(20)));

    clock.set(T0.plus(Duration.ofDays(30)).minusSeconds(1));
    assertThat(store.deleteExpired()).isZero();
    assertThat(store.find("call-old/2")).isPresent();

    clock.set(T0.plus(Duration.ofDays(31)));
    assertThat(store.deleteExpired()).isEqualTo(1);
    assertThat(store.deleteExpired()).isZero();
    assertThat(store.find("call-old/2")).isEmpty();
    assertThat(store.find("call-young/2")).isPresent();
    assertThat(objectNames()).containsExactly("call-young/2.wav");
  }

  @Test
  void abandonedPartialObjects_expireToo_butAreNotCountedAsRecordings() throws Exception {
    RecordingStore store = newStore(Duration.ofHours(1), clock);
    try (RecordingStore.Sink sink = store.open("call-a/2")) {
      sink.write(new byte[] {1, 2, 3}, 0, 3);
    }
    writtenAt("call-a/2.wav.part", T0);
    assertThat(objectNames()).containsExactly("call-a/2.wav.part");

    clock.set(T0.plus(Duration.ofHours(2)));
    assertThat(store.deleteExpired()).isZero();
    assertThat(objectNames()).isEmpty();
  }

  @Test
  void withoutRetention_nothingIsEverDeleted() throws Exception {
    RecordingStore store = newStore(null, clock);
    store(store, "call-x/1", T0);
    clock.set(T0.plus(Duration.ofDays(10_000)));

    assertThat(store.deleteExpired()).isZero();
    assertThat(store.find("call-x/1")).isPresent();
    assertThat(store.retention()).isEmpty();
    assertThat(newStore(Duration.ofDays(2), clock).retention()).contains(Duration.ofDays(2));
  }

  @Test
  void otherObjectsInTheStore_areLeftAlone() throws Exception {
    RecordingStore store = newStore(Duration.ofMinutes(1), clock);
    putForeignObject("README.txt", T0);
    putForeignObject("notes/.hidden.wav", T0);
    clock.set(T0.plus(Duration.ofDays(1)));

    assertThat(store.deleteExpired()).isZero();
    assertThat(objectNames()).containsExactlyInAnyOrder("README.txt", "notes/.hidden.wav");
  }

  @Test
  void zeroOrNegativeRetention_isRejected() {
    assertThatThrownBy(() -> newStore(Duration.ZERO, clock)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> newStore(Duration.ofSeconds(-1), clock)).isInstanceOf(IllegalArgumentException.class);
  }

  private void store(RecordingStore store, String id, Instant when) throws IOException {
    clock.set(when);
    try (RecordingStore.Sink sink = store.open(id)) {
      sink.write(new byte[] {'R', 'I', 'F', 'F'}, 0, 4);
      sink.commit();
    }
    writtenAt(id + ".wav", when);
  }

  protected static String read(RecordingStore.StoredRecording stored) throws IOException {
    try (InputStream in = stored.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  protected static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** A clock that stands still until the test moves it. */
  public static final class MovableClock extends Clock {
    private volatile Instant now;

    public MovableClock(Instant now) {
      this.now = now;
    }

    public void set(Instant instant) {
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
