package dev.ivr.recordings;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * Where downloaded recordings are kept, by recording id ({@code <workflowId>/<step>}).
 *
 * <p>A recording becomes visible under its id only when {@link Sink#commit()} succeeds, so a
 * recording that {@link #find(String)} returns is always complete. Until then its bytes stay in a
 * partial object that a later attempt can {@link #open(String) reopen} and resume.
 *
 * <p>Implementations: {@link FileSystemRecordingStore} (the default) and {@link AzureBlobRecordingStore}.
 * Both pass the same contract tests.
 */
public interface RecordingStore {
  /** Every complete recording is stored as {@code <recordingId>.wav}. */
  String EXTENSION = ".wav";

  /** The complete recording stored under this id, if any. */
  Optional<StoredRecording> find(String recordingId) throws IOException;

  /**
   * Opens the partial object of this id, keeping the bytes an earlier attempt left there; the caller
   * decides with {@link Sink#truncate(long)} how many of them to keep.
   */
  Sink open(String recordingId) throws IOException;

  /** Removes the recording and any partial object of this id; nothing happens if there is none. */
  void delete(String recordingId) throws IOException;

  /**
   * The complete recording at this location: what {@link Sink#commit()} returned and what a
   * {@code RecordingStored} event holds, for playing a recording back. Empty for anything that is
   * not a complete recording of this store (another directory, container or account, a path that
   * escapes the store, a partial object), never an exception for a malformed location.
   */
  Optional<StoredRecording> findByLocation(String location) throws IOException;

  /** How long recordings are kept after they were written; empty: until deleted. */
  Optional<Duration> retention();

  /**
   * Deletes every recording, and every abandoned partial object, written before now minus the
   * {@link #retention()}. Nothing happens without a retention. Idempotent: several workers may sweep
   * the same store.
   *
   * @return the recordings deleted (partial objects not counted)
   */
  int deleteExpired() throws IOException;

  /** A complete recording: where it is and how to read it. */
  interface StoredRecording {
    /** A name of the recording that people and other programs can use (a file path by default). */
    String location();

    long size() throws IOException;

    InputStream openStream() throws IOException;
  }

  /** The partial object of one recording, written sequentially by one attempt at a time. */
  interface Sink extends Closeable {
    /** How many bytes the partial object holds. */
    long size() throws IOException;

    /** Reads the bytes held so far, from the start. */
    InputStream readExisting() throws IOException;

    /** Keeps only the first {@code size} bytes; further writes append after them. */
    void truncate(long size) throws IOException;

    void write(byte[] bytes, int offset, int length) throws IOException;

    /** Makes the bytes durable and publishes them atomically under the id; returns the location. */
    String commit() throws IOException;

    /** Discards the partial object. */
    void abort() throws IOException;
  }
}
