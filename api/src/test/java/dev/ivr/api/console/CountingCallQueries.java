package dev.ivr.api.console;

import java.util.Map;
import java.util.Optional;

/** Test support: call queries whose visibility counts are given per query, for the admission tests. */
public final class CountingCallQueries extends CallQueries {
  private final Map<String, Long> counts;

  public CountingCallQueries(Map<String, Long> counts) {
    super(null, null, null);
    this.counts = Map.copyOf(counts);
  }

  @Override
  public Optional<Long> count(String query) {
    return Optional.of(counts.getOrDefault(query, 0L));
  }

  public CallLiveness liveness() {
    return new CallLiveness(this);
  }
}
