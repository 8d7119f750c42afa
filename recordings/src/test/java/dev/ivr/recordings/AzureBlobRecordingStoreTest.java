package dev.ivr.recordings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import dev.ivr.recordings.azurite.Azurite;
import dev.ivr.recordings.azurite.AzuriteExtension;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@link RecordingStoreContract} on Azure Blob Storage (Azurite), with 4-byte blocks so that
 * resuming and truncating cross block boundaries; one container per test.
 */
@ExtendWith(AzuriteExtension.class)
class AzureBlobRecordingStoreTest extends RecordingStoreContract {
  private final Azurite azurite;
  private final BlobServiceClient service;
  private final String containerName = "rec-" + UUID.randomUUID().toString().substring(0, 8);
  private final BlobContainerClient container;

  AzureBlobRecordingStoreTest(Azurite azurite) {
    this.azurite = azurite;
    this.service = new BlobServiceClientBuilder().connectionString(azurite.connectionString())
        .httpClient(new JdkHttpClientBuilder().build()).buildClient();
    this.container = service.getBlobContainerClient(containerName);
  }

  @Override
  protected RecordingStore newStore(Duration retention, Clock clock) {
    return new AzureBlobRecordingStore(container, retention, clock, 4);
  }

  @Override
  protected List<String> objectNames() {
    if (!container.exists()) {
      return List.of();
    }
    return container.listBlobs().stream().map(BlobItem::getName).sorted().toList();
  }

  @Override
  protected void writtenAt(String objectName, Instant when) {
    // the store wrote the object with the test's clock already
    assertThat(container.getBlobClient(objectName).getProperties().getMetadata())
        .containsEntry(AzureBlobRecordingStore.WRITTEN_AT, when.toString());
  }

  @Override
  protected void putForeignObject(String name, Instant writtenAt) {
    container.createIfNotExists();
    container.getBlobClient(name).uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromString("notes"))
        .setMetadata(Map.of(AzureBlobRecordingStore.WRITTEN_AT, writtenAt.toString())), null, null);
  }

  @Override
  protected List<String> foreignLocations(String location) {
    return List.of(
        location.replace("/" + containerName + "/", "/other-container/"),
        location.replace("/devstoreaccount1/", "/otheraccount/"),
        location.replace("127.0.0.1", "localhost"),
        location.replace("/" + containerName + "/", "/" + containerName + "/../" + containerName + "/"),
        location.replace("/" + containerName + "/", "/" + containerName + "x/"));
  }

  @Test
  void connectsWithAConnectionString_andLocationsCarryNoKey() throws IOException {
    var store = AzureBlobRecordingStore.connect(azurite.connectionString(), containerName, null, Clock.systemUTC());
    String location;
    try (RecordingStore.Sink sink = store.open("call-c/1")) {
      sink.write(bytes("RIFF....WAVE"), 0, 12);
      location = sink.commit();
    }
    assertThat(location).isEqualTo(azurite.blobEndpoint() + "/" + containerName + "/call-c/1.wav");
    assertThat(store.toString()).doesNotContain("AccountKey").doesNotContain("Eby8");
    assertThat(read(store.findByLocation(location).orElseThrow())).isEqualTo("RIFF....WAVE");
  }

  @Test
  void aBadConnectionStringOrContainer_isRejectedWithoutQuotingIt() {
    assertThatThrownBy(() -> AzureBlobRecordingStore.connect("AccountKey=secret-value;nonsense", "recordings", null,
        Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connection string")
        .hasMessageNotContaining("secret-value");
    assertThatThrownBy(() -> AzureBlobRecordingStore.connect(azurite.connectionString(), "Bad_Name", null,
        Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("container name");
  }

  @Test
  void aMissingContainer_isEmpty_notAnError() throws IOException {
    var store = newStore(Duration.ofMinutes(1), clock);
    assertThat(store.find("a/1")).isEmpty();
    assertThat(store.deleteExpired()).isZero();
    assertThat(objectNames()).isEmpty();
  }

  @Test
  void largeWrites_areSplitIntoBlocks_andResumeAfterTheLastCommittedOne() throws IOException {
    var store = new AzureBlobRecordingStore(container, null, clock, 1024);
    byte[] audio = new byte[10_000];
    new java.util.Random(7).nextBytes(audio);
    try (RecordingStore.Sink sink = store.open("call-big/1")) {
      sink.write(audio, 0, 6000);
    }
    try (RecordingStore.Sink sink = store.open("call-big/1")) {
      assertThat(sink.size()).isEqualTo(6000);
      sink.truncate(5000);
      sink.write(audio, 5000, 5000);
      sink.commit();
    }
    var stored = store.find("call-big/1").orElseThrow();
    try (var in = stored.openStream()) {
      assertThat(in.readAllBytes()).isEqualTo(audio);
    }
  }
}
