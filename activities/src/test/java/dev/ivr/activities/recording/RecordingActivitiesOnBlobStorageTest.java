package dev.ivr.activities.recording;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import dev.ivr.recordings.AzureBlobRecordingStore;
import dev.ivr.recordings.RecordingStore;
import dev.ivr.recordings.azurite.Azurite;
import dev.ivr.recordings.azurite.AzuriteExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The download activity's tests (download, Range resume after a failed attempt, retries) with the
 * recordings in Azure Blob Storage (Azurite), in 64 KiB blocks so that a download spans several.
 */
@ExtendWith(AzuriteExtension.class)
class RecordingActivitiesOnBlobStorageTest extends RecordingActivitiesImplTest {
  private final BlobContainerClient container;

  RecordingActivitiesOnBlobStorageTest(Azurite azurite) {
    container = new BlobServiceClientBuilder().connectionString(azurite.connectionString())
        .httpClient(new JdkHttpClientBuilder().build()).buildClient()
        .getBlobContainerClient("act-" + UUID.randomUUID().toString().substring(0, 8));
  }

  @Override
  protected RecordingStore newStore(Path root) {
    return new AzureBlobRecordingStore(container, null, Clock.systemUTC(), 64 * 1024);
  }

  @Override
  protected boolean partialLeft(String recordingId) {
    return container.exists() && container.getBlobClient(recordingId + ".wav.part").exists();
  }
}
