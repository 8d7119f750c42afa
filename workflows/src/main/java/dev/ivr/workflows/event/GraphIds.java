package dev.ivr.workflows.event;

import java.util.Locale;

/** Graph's ids (calls, operations) as keys: Graph is not consistent about their case and dashes. */
public final class GraphIds {
  private GraphIds() {}

  /**
   * Graph sometimes upper-cases ids and strips their dashes (in {@code resourceUrl}); the id in the
   * body stays lower-case with dashes. Both forms normalise to the same key.
   */
  public static String normalise(String graphId) {
    if (graphId == null || graphId.isBlank()) {
      throw new IllegalArgumentException("graph call id is missing");
    }
    return graphId.trim().replace("-", "").toLowerCase(Locale.ROOT);
  }
}
