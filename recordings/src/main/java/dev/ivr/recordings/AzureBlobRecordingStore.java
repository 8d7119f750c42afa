package dev.ivr.recordings;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.Block;
import com.azure.storage.blob.models.BlockListType;
import com.azure.storage.blob.models.DeleteSnapshotsOptionType;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlockBlobCommitBlockListOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.blob.options.BlockBlobStageBlockOptions;
import com.azure.storage.blob.specialized.BlobLeaseClient;
import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import com.azure.storage.blob.specialized.BlockBlobClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Recordings as block blobs in one Azure Blob Storage container: {@code <recordingId>.wav}.
 *
 * <ul>
 *   <li>Bytes go to a partial blob {@code <recordingId>.wav.part}: buffered into blocks of
 *       {@code blockSize} bytes, each staged and committed to the partial blob, so a later attempt
 *       reopens it and resumes after its last committed block. {@link Sink#truncate(long)} keeps the
 *       whole blocks below the cut and re-stages the head of the block it falls in.
 *   <li>{@link Sink#commit()} uploads the partial blob's bytes as the recording in one Put Blob, so
 *       the recording appears whole or not at all under its final name, then deletes the partial blob.
 *   <li>One writer at a time: an attempt holds a {@value #LEASE_SECONDS} s lease on the partial blob,
 *       renewed while it writes. An attempt that died leaves a lease that expires by itself.
 *   <li>Retention: every blob carries {@value #WRITTEN_AT} metadata (when it was last written, from
 *       the store's clock; the blob's last-modified time when it is missing).
 * </ul>
 *
 * A recording's location is its blob URL without any query string; the account key or SAS of the
 * connection string is never logged nor put into a location or an exception message.
 */
public final class AzureBlobRecordingStore implements RecordingStore {
  /** 4 MiB: a block per 2 minutes of 16 kHz 16-bit mono audio. */
  public static final int DEFAULT_BLOCK_SIZE = 4 * 1024 * 1024;
  static final String WRITTEN_AT = "ivrwrittenat";
  static final String PART = ".part";
  static final int LEASE_SECONDS = 60;
  private static final Duration RENEW_AFTER = Duration.ofSeconds(LEASE_SECONDS / 4);

  private final BlobContainerClient container;
  private final String containerUrl;
  private final Duration retention;
  private final Clock clock;
  private final int blockSize;
  private volatile boolean containerChecked;

  /**
   * @param retention how long a recording is kept after it was written; null keeps it forever
   * @param clock when blobs are written, and what {@link #deleteExpired()} takes as now
   * @param blockSize how many bytes are buffered before they are staged as one block
   */
  public AzureBlobRecordingStore(BlobContainerClient container, Duration retention, Clock clock, int blockSize) {
    this.container = Objects.requireNonNull(container, "container");
    this.containerUrl = withoutQuery(container.getBlobContainerUrl());
    if (retention != null && (retention.isNegative() || retention.isZero())) {
      throw new IllegalArgumentException("the recording retention must be positive, got " + retention);
    }
    if (blockSize < 1) {
      throw new IllegalArgumentException("the block size must be positive, got " + blockSize);
    }
    this.retention = retention;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.blockSize = blockSize;
  }

  /**
   * A store in {@code containerName}, reached with an Azure Storage connection string (an account key
   * or a {@code SharedAccessSignature}), over the JDK's HTTP client.
   */
  public static AzureBlobRecordingStore connect(String connectionString, String containerName, Duration retention,
      Clock clock) {
    if (connectionString == null || connectionString.isBlank()) {
      throw new IllegalArgumentException("an Azure Storage connection string is required");
    }
    if (containerName == null || !containerName.matches("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]")) {
      throw new IllegalArgumentException("an Azure Blob container name has 3-63 lower-case letters, digits and "
          + "single hyphens, got '" + containerName + "'");
    }
    BlobServiceClientBuilder builder;
    try {
      builder = new BlobServiceClientBuilder().connectionString(connectionString.strip());
    } catch (RuntimeException e) {
      // the cause's message may quote the connection string, and with it the key: leave it out
      throw new IllegalArgumentException("the Azure Storage connection string is not valid ("
          + e.getClass().getSimpleName() + ")");
    }
    BlobContainerClient container = builder.httpClient(new JdkHttpClientBuilder().build()).buildClient()
        .getBlobContainerClient(containerName);
    return new AzureBlobRecordingStore(container, retention, clock, DEFAULT_BLOCK_SIZE);
  }

  @Override
  public Optional<Duration> retention() {
    return Optional.ofNullable(retention);
  }

  @Override
  public Optional<StoredRecording> find(String recordingId) throws IOException {
    BlobClient blob = container.getBlobClient(RecordingIds.check(recordingId) + EXTENSION);
    Optional<BlobProperties> properties = remote("find recording " + recordingId, () -> {
      try {
        return Optional.of(blob.getProperties());
      } catch (BlobStorageException e) {
        if (e.getStatusCode() == 404) {
          return Optional.empty();
        }
        throw e;
      }
    });
    return properties.map(p -> new StoredBlob(blob, locationOf(recordingId), p.getBlobSize()));
  }

  @Override
  public Optional<StoredRecording> findByLocation(String location) throws IOException {
    if (location == null || location.contains("?") || location.contains("#")
        || !location.startsWith(containerUrl + "/")) {
      return Optional.empty();
    }
    // ids need no percent-encoding, so only the exact form locationOf wrote is accepted
    String id = RecordingIds.ofRecordingName(location.substring(containerUrl.length() + 1));
    return id == null ? Optional.empty() : find(id);
  }

  @Override
  public Sink open(String recordingId) throws IOException {
    String partName = RecordingIds.check(recordingId) + EXTENSION + PART;
    ensureContainer();
    BlockBlobClient partial = container.getBlobClient(partName).getBlockBlobClient();
    return remote("open recording " + recordingId, () -> {
      try {
        partial.commitBlockListWithResponse(new BlockBlobCommitBlockListOptions(List.of())
            .setMetadata(writtenNow())
            .setRequestConditions(new BlobRequestConditions().setIfNoneMatch("*")), null, Context.NONE);
      } catch (BlobStorageException exists) {
        if (exists.getStatusCode() != 409 && exists.getStatusCode() != 412) {
          throw exists;
        }
      }
      BlobLeaseClient lease = new BlobLeaseClientBuilder().blobClient(partial).buildClient();
      String leaseId;
      try {
        leaseId = lease.acquireLease(LEASE_SECONDS);
      } catch (BlobStorageException leased) {
        if (leased.getStatusCode() == 409) {
          throw new UncheckedIOException(new IOException("recording " + recordingId
              + " is being written by another attempt (its partial blob is leased)"));
        }
        throw leased;
      }
      List<Block> blocks = partial.listBlocks(BlockListType.COMMITTED).getCommittedBlocks();
      return new BlobSink(recordingId, partial, lease, leaseId, blocks);
    });
  }

  @Override
  public void delete(String recordingId) throws IOException {
    String name = RecordingIds.check(recordingId) + EXTENSION;
    remote("delete recording " + recordingId, () -> {
      deleteBlob(container.getBlobClient(name));
      deleteBlob(container.getBlobClient(name + PART));
      return null;
    });
  }

  @Override
  public int deleteExpired() throws IOException {
    if (retention == null) {
      return 0;
    }
    Instant cutoff = clock.instant().minus(retention);
    return remote("delete expired recordings", () -> {
      int deleted = 0;
      ListBlobsOptions options = new ListBlobsOptions().setDetails(new BlobListDetails().setRetrieveMetadata(true));
      try {
        for (BlobItem item : container.listBlobs(options, null)) {
          String name = item.getName();
          boolean recording = RecordingIds.ofRecordingName(name) != null;
          boolean partial = name.endsWith(PART)
              && RecordingIds.ofRecordingName(name.substring(0, name.length() - PART.length())) != null;
          if ((recording || partial) && writtenAt(item).isBefore(cutoff)
              && deleteBlob(container.getBlobClient(name)) && recording) {
            deleted++;
          }
        }
      } catch (BlobStorageException e) {
        if (e.getStatusCode() != 404) {
          throw e;
        }
      }
      return deleted;
    });
  }

  @Override
  public String toString() {
    return "recordings in " + containerUrl;
  }

  private static Instant writtenAt(BlobItem item) {
    Map<String, String> metadata = item.getMetadata();
    String written = metadata == null ? null : metadata.get(WRITTEN_AT);
    if (written != null) {
      try {
        return Instant.parse(written);
      } catch (DateTimeParseException ignored) {
        // not ours: fall back to the blob's own time
      }
    }
    return item.getProperties().getLastModified().toInstant();
  }

  /** Deletes a blob, breaking the lease an abandoned writer left on it; false if there was none. */
  private static boolean deleteBlob(BlobClient blob) {
    try {
      return blob.deleteIfExists();
    } catch (BlobStorageException e) {
      if (e.getStatusCode() != 412 && e.getStatusCode() != 409) {
        throw e;
      }
      new BlobLeaseClientBuilder().blobClient(blob).buildClient().breakLease();
      return blob.deleteIfExistsWithResponse(DeleteSnapshotsOptionType.INCLUDE, null, null, Context.NONE)
          .getValue();
    }
  }

  private void ensureContainer() throws IOException {
    if (containerChecked) {
      return;
    }
    remote("create container", () -> {
      try {
        container.createIfNotExists();
      } catch (BlobStorageException e) {
        // a SAS scoped to the container may not create it; writing tells whether it exists
        if (e.getStatusCode() != 403) {
          throw e;
        }
      }
      return null;
    });
    containerChecked = true;
  }

  private Map<String, String> writtenNow() {
    return Map.of(WRITTEN_AT, clock.instant().toString());
  }

  /** The blob's URL, with the id's {@code /} as a path separator and without any SAS. */
  private String locationOf(String recordingId) {
    return containerUrl + "/" + recordingId + EXTENSION;
  }

  private static String withoutQuery(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  /** Runs a storage call; its failures become IOExceptions naming the status and error code only. */
  private static <T> T remote(String what, Supplier<T> call) throws IOException {
    try {
      return call.get();
    } catch (BlobStorageException e) {
      throw new IOException(what + ": Azure Blob Storage answered " + e.getStatusCode() + " " + e.getErrorCode());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (RuntimeException e) {
      throw new IOException(what + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  private record StoredBlob(BlobClient blob, String location, long size) implements StoredRecording {
    @Override
    public InputStream openStream() throws IOException {
      if (size == 0) {
        return InputStream.nullInputStream();
      }
      return remote("read recording", blob::openInputStream);
    }
  }

  private final class BlobSink implements Sink {
    private final String recordingId;
    private final BlockBlobClient partial;
    private final BlobLeaseClient lease;
    private final String leaseId;
    private final List<Block> blocks;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private long committedSize;
    private Instant renewed;
    private boolean closed;

    BlobSink(String recordingId, BlockBlobClient partial, BlobLeaseClient lease, String leaseId, List<Block> blocks) {
      this.recordingId = recordingId;
      this.partial = partial;
      this.lease = lease;
      this.leaseId = leaseId;
      this.blocks = new ArrayList<>(blocks);
      this.committedSize = blocks.stream().mapToLong(Block::getSizeLong).sum();
      this.renewed = Instant.now();
    }

    @Override
    public long size() {
      return committedSize + buffer.size();
    }

    @Override
    public InputStream readExisting() throws IOException {
      flush();
      if (committedSize == 0) {
        return InputStream.nullInputStream();
      }
      return remote("read partial recording " + recordingId, partial::openInputStream);
    }

    @Override
    public void truncate(long size) throws IOException {
      if (size < 0) {
        throw new IllegalArgumentException("a size cannot be negative: " + size);
      }
      flush();
      if (size >= committedSize) {
        return;
      }
      remote("truncate partial recording " + recordingId, () -> {
        List<Block> kept = new ArrayList<>();
        long start = 0;
        for (Block block : blocks) {
          if (start + block.getSizeLong() > size) {
            break;
          }
          kept.add(block);
          start += block.getSizeLong();
        }
        if (start < size) {
          ByteArrayOutputStream head = new ByteArrayOutputStream();
          partial.downloadStreamWithResponse(head, new BlobRange(start, size - start), null, null, false, null,
              Context.NONE);
          kept.add(stage(head.toByteArray()));
        }
        commitBlocks(kept);
        return null;
      });
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      // a download slower than the lease must keep it, even before its first block is staged
      if (Duration.between(renewed, Instant.now()).compareTo(RENEW_AFTER) > 0) {
        remote("renew the lease of partial recording " + recordingId, () -> {
          renewIfDue();
          return null;
        });
      }
      buffer.write(bytes, offset, length);
      if (buffer.size() >= blockSize) {
        flush();
      }
    }

    @Override
    public String commit() throws IOException {
      flush();
      BlockBlobClient recording = container.getBlobClient(recordingId + EXTENSION).getBlockBlobClient();
      remote("commit recording " + recordingId, () -> {
        // one Put Blob: readers see no recording or the whole of it
        try (InputStream bytes = committedSize == 0 ? new ByteArrayInputStream(new byte[0]) : partial.openInputStream()) {
          recording.uploadWithResponse(new BlockBlobSimpleUploadOptions(bytes, committedSize).setMetadata(writtenNow()),
              null, Context.NONE);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        partial.deleteWithResponse(null, new BlobRequestConditions().setLeaseId(leaseId), null, Context.NONE);
        return null;
      });
      closed = true;
      return locationOf(recordingId);
    }

    @Override
    public void abort() throws IOException {
      if (closed) {
        return;
      }
      buffer.reset();
      remote("discard partial recording " + recordingId, () ->
          partial.deleteWithResponse(null, new BlobRequestConditions().setLeaseId(leaseId), null, Context.NONE));
      closed = true;
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        flush();
      } finally {
        remote("release partial recording " + recordingId, () -> {
          lease.releaseLease();
          return null;
        });
      }
    }

    private void flush() throws IOException {
      if (buffer.size() == 0) {
        return;
      }
      byte[] bytes = buffer.toByteArray();
      remote("write partial recording " + recordingId, () -> {
        List<Block> next = new ArrayList<>(blocks);
        next.add(stage(bytes));
        commitBlocks(next);
        return null;
      });
      buffer.reset();
    }

    /** Stages one block; the returned block (id and size) is not part of the blob until committed. */
    private Block stage(byte[] bytes) {
      String id = Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));
      partial.stageBlockWithResponse(new BlockBlobStageBlockOptions(id, BinaryData.fromBytes(bytes)).setLeaseId(leaseId),
          null, Context.NONE);
      return new Block().setName(id).setSizeLong(bytes.length);
    }

    /**
     * Commits these blocks as the partial blob. What it now holds is known from the list itself:
     * only {@link #open} reads the block list back, to resume an earlier attempt.
     */
    private void commitBlocks(List<Block> committed) {
      partial.commitBlockListWithResponse(new BlockBlobCommitBlockListOptions(
              committed.stream().map(Block::getName).toList())
          .setMetadata(writtenNow())
          .setRequestConditions(new BlobRequestConditions().setLeaseId(leaseId)), null, Context.NONE);
      blocks.clear();
      blocks.addAll(committed);
      committedSize = blocks.stream().mapToLong(Block::getSizeLong).sum();
      renewIfDue();
    }

    private void renewIfDue() {
      Instant now = Instant.now();
      if (Duration.between(renewed, now).compareTo(RENEW_AFTER) > 0) {
        lease.renewLease();
        renewed = now;
      }
    }
  }
}
