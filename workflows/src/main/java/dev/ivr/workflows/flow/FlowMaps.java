package dev.ivr.workflows.flow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Insertion-ordered, unmodifiable copies: flows are walked deterministically, in declared order. */
final class FlowMaps {
  private FlowMaps() {}

  static <K, V> Map<K, V> ordered(Map<K, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
