package dev.ivr.bench;

import java.util.List;

/** Nearest-rank percentiles of a sample, in milliseconds; NaN when the sample is empty. */
record Percentiles(int count, double p50, double p90, double p99, double max) {

  static Percentiles of(List<Double> sample) {
    double[] v = sample.stream().filter(d -> !d.isNaN()).mapToDouble(Double::doubleValue).sorted().toArray();
    if (v.length == 0) {
      return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    return new Percentiles(v.length, rank(v, 0.50), rank(v, 0.90), rank(v, 0.99), v[v.length - 1]);
  }

  private static double rank(double[] sorted, double p) {
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
