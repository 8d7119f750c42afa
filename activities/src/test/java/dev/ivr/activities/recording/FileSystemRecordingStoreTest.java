package dev.ivr.activities.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemRecordingStoreTest {
  @TempDir Path tmp;

  @Test
  void recordingIsInvisibleUntilCommitted_thenOwnerOnly() throws Exception {
    var store = new FileSystemRecordingStore(tmp.resolve("deep/er/recordings"));
    try (RecordingStore.Sink sink = store.open("call-1/2")) {
      sink.write(bytes("hello "), 0, 6);
      assertThat(store.find("call-1/2")).isEmpty();
      sink.write(bytes("world"), 0, 5);
      assertThat(sink.commit()).isEqualTo(tmp.resolve("deep/er/recordings/call-1/2.wav").toString());
    }
    RecordingStore.StoredRecording stored = store.find("call-1/2").orElseThrow();
    try (InputStream in = stored.openStream()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("hello world");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(stored.location()))))
        .isEqualTo("rw-------");
    assertThat(Files.list(tmp.resolve("deep/er/recordings/call-1"))).hasSize(1);
  }

  @Test
  void reopenedPartialKeepsItsBytes_untilTruncated() throws Exception {
    var store = new FileSystemRecordingStore(tmp);
    try (RecordingStore.Sink sink = store.open("r")) {
      sink.write(bytes("0123456789"), 0, 10);
    }
    try (RecordingStore.Sink sink = store.open("r")) {
      assertThat(sink.size()).isEqualTo(10);
      sink.truncate(4);
      sink.write(bytes("xy"), 0, 2);
      try (InputStream in = sink.readExisting()) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("0123xy");
      }
      sink.abort();
    }
    assertThat(Files.list(tmp)).isEmpty();
  }

  @Test
  void aSecondWriterOfTheSameRecordingIsRefused() throws Exception {
    var store = new FileSystemRecordingStore(tmp);
    try (RecordingStore.Sink first = store.open("r")) {
      assertThatThrownBy(() -> store.open("r")).isInstanceOf(IOException.class)
          .hasMessageContaining("another attempt");
    }
  }

  @Test
  void idsThatCouldEscapeTheRootAreRejected() {
    var store = new FileSystemRecordingStore(tmp);
    for (String bad : new String[] {"", "../x", "a/../../x", "a/b/c", "/abs", ".hidden", "a\\b", "a/"}) {
      assertThatThrownBy(() -> store.pathOf(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(store.pathOf("call-0a1b/3")).isEqualTo(tmp.resolve("call-0a1b/3.wav"));
  }

  @Test
  void deleteRemovesRecordingAndPartial() throws Exception {
    var store = new FileSystemRecordingStore(tmp);
    try (RecordingStore.Sink sink = store.open("a/b")) {
      sink.write(bytes("x"), 0, 1);
      sink.commit();
    }
    try (RecordingStore.Sink sink = store.open("a/b")) {
      sink.write(bytes("y"), 0, 1);
    }
    store.delete("a/b");
    assertThat(store.find("a/b")).isEmpty();
    assertThat(Files.list(tmp.resolve("a"))).isEmpty();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
