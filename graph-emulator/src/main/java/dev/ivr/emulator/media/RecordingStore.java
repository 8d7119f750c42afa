package dev.ivr.emulator.media;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Where generated recordings live until they expire. */
public interface RecordingStore {

  /**
   * One recording.
   *
   * @param id the id in {@code recordingLocation}
   * @param callId the call
   * @param operationId the record operation
   * @param audio the WAV bytes, rendered when first needed (off the emulator loop)
   * @param accessToken the recordingAccessToken
   * @param tokenExpiresAt emulated time the token stops working
   * @param durationSeconds audio length
   */
  record Recording(String id, String callId, String operationId, java.util.function.Supplier<byte[]> audio,
      String accessToken, double tokenExpiresAt, double durationSeconds) {

    /** The WAV bytes. */
    public byte[] wav() {
      return audio.get();
    }

    /** Size of the WAV file, without rendering it. */
    public int size() {
      return 44 + 2 * (int) Math.round(durationSeconds * Wav.SAMPLE_RATE);
    }
  }

  /** Memoizes a rendering, so every download serves the same bytes. */
  static java.util.function.Supplier<byte[]> lazy(java.util.function.Supplier<byte[]> render) {
    return new Rendering(render);
  }

  /** A memoized rendering; {@link #renderedBytes()} tells how much heap it holds. */
  final class Rendering implements java.util.function.Supplier<byte[]> {
    private final java.util.function.Supplier<byte[]> render;
    private byte[] bytes;

    private Rendering(java.util.function.Supplier<byte[]> render) {
      this.render = render;
    }

    @Override
    public synchronized byte[] get() {
      if (bytes == null) bytes = render.get();
      return bytes;
    }

    /** Bytes held once rendered, 0 before. */
    public synchronized long renderedBytes() {
      return bytes == null ? 0 : bytes.length;
    }
  }

  /**
   * Heap bytes held by recordings rendered so far (benchmarks subtract them from the heap they
   * measure, since the emulator shares the JVM).
   */
  default long renderedBytes() {
    return 0;
  }

  void put(Recording recording);

  Optional<Recording> byId(String id);

  Optional<Recording> byOperation(String callId, String operationId);

  /** Makes a recording unavailable (expired after its call ended). */
  void expire(String id);

  boolean expired(String id);

  /** The default in-memory store; it keeps the newest {@code maxRecordings} recordings. */
  static RecordingStore inMemory(int maxRecordings) {
    return new RecordingStore() {
      private final Map<String, Recording> byId = new ConcurrentHashMap<>();
      private final Map<String, Boolean> expired = new ConcurrentHashMap<>();
      private final java.util.Deque<String> order = new java.util.ArrayDeque<>();

      @Override
      public synchronized void put(Recording r) {
        byId.put(r.id(), r);
        order.add(r.id());
        while (order.size() > maxRecordings) {
          String old = order.poll();
          byId.remove(old);
          expired.remove(old);
        }
      }

      @Override
      public Optional<Recording> byId(String id) {
        return Optional.ofNullable(byId.get(id));
      }

      @Override
      public Optional<Recording> byOperation(String callId, String operationId) {
        return byId.values().stream()
            .filter(r -> r.callId().equals(callId) && r.operationId().equals(operationId)).findFirst();
      }

      @Override
      public long renderedBytes() {
        long sum = 0;
        for (Recording r : byId.values()) {
          if (r.audio() instanceof Rendering rendering) sum += rendering.renderedBytes();
        }
        return sum;
      }

      @Override
      public void expire(String id) {
        expired.put(id, true);
      }

      @Override
      public boolean expired(String id) {
        return expired.containsKey(id);
      }
    };
  }
}
