package dev.ivr.activities.recording;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Where downloaded recordings are kept, by recording id ({@code <workflowId>/<step>}).
 *
 * <p>A recording becomes visible under its id only when {@link Sink#commit()} succeeds, so a
 * recording that {@link #find(String)} returns is always complete. Until then its bytes stay in a
 * partial object that a later attempt can {@link #open(String) reopen} and resume.
 */
public interface RecordingStore {

  /** The complete recording stored under this id, if any. */
  Optional<StoredRecording> find(String recordingId) throws IOException;

  /**
   * Opens the partial object of this id, keeping the bytes an earlier attempt left there; the caller
   * decides with {@link Sink#truncate(long)} how many of them to keep.
   */
  Sink open(String recordingId) throws IOException;

  /** Removes the recording and any partial object of this id; nothing happens if there is none. */
  void delete(String recordingId) throws IOException;

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
