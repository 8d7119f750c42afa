package dev.ivr.bench;

import java.util.Map;

/**
 * What one step measured for one system ({@code ours} or {@code floor}).
 *
 * @param calls calls raised
 * @param failed calls that did not end COMPLETED with an intact stored recording (timeouts included),
 *     refused ones excepted
 * @param refused calls the bot refused deliberately past its live-call limit (Graph's reject, reason
 *     busy), each ended within the step: admission control at work, not a failure
 * @param lost calls whose generated recording was not stored byte for byte
 * @param callsPerSecond calls / (ramp-up until all parked + first key press until the last call ended)
 * @param turnaroundMillis the emulator's turnarounds (notification sent → next request received)
 * @param turnaroundByRequestMillis the same, by the request that ended each turnaround
 * @param availableToStoredMillis record completion notification sent → stored file's mtime
 * @param cpuNanos CPU per part of the JVM over the step
 * @param cpuByThread CPU per thread name (digits folded), for the method's evidence
 * @param heapPerCallBytes (heap after GC with every call parked in the menu − before) / calls
 * @param streamingHeapBytes peak heap after GC while calls ran, minus the baseline and the emulator's
 *     rendered recordings; -1 when not sampled
 * @param errors distinct errors and how often, or null
 * @param historyShape what the last call's Temporal history holds (events, workflow tasks, upserts…); empty for the floor
 */
record Figures(String system, int calls, int failed, int refused, int lost, double callsPerSecond, Percentiles turnaroundMillis,
    Map<String, Percentiles> turnaroundByRequestMillis, Percentiles availableToStoredMillis, Map<ThreadCpu.Part, Long> cpuNanos, Map<String, Long> cpuByThread,
    double heapPerCallBytes, long streamingHeapBytes, String errors, Map<String, Integer> historyShape) {

  /** CPU seconds per call of one part. */
  double cpuPerCall(ThreadCpu.Part part) {
    return cpuNanos.getOrDefault(part, 0L) / 1e9 / calls;
  }
}
