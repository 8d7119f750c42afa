package dev.ivr.emulator.graph;

import java.util.SplittableRandom;
import java.util.UUID;

/**
 * GUID-like ids. Deterministic ids come from the seed (same seed and order of requests, same ids);
 * otherwise the seed is mixed with a random value so ids are unique across emulators and runs.
 */
final class Ids {

  private final SplittableRandom random;

  Ids(long seed, boolean deterministic) {
    this.random = new SplittableRandom(deterministic ? seed : seed ^ new java.security.SecureRandom().nextLong());
  }

  synchronized String next() {
    long hi = random.nextLong();
    long lo = random.nextLong();
    hi = (hi & ~0xF000L) | 0x4000L;
    lo = (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(hi, lo).toString();
  }

  synchronized String token() {
    StringBuilder sb = new StringBuilder("emu.");
    for (int i = 0; i < 4; i++) sb.append(Long.toHexString(random.nextLong() | Long.MIN_VALUE));
    return sb.toString();
  }

  synchronized long nextLong() {
    return random.nextLong();
  }
}
