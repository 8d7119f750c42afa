package dev.ivr.replay;

import dev.ivr.codec.PayloadKeys;
import dev.ivr.worker.CallWorker;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Replays a whole corpus against workflow implementations in one batch: one test environment and
 * one worker for every history, so a hundred histories cost one environment boot.
 */
public final class CorpusReplay {
  private static final String TASK_QUEUE = "corpus-replay";
  private static final String NON_DETERMINISTIC = "NonDeterministicException";

  private CorpusReplay() {}

  /** A history that no longer replays, and why (usually the non-determinism message). */
  public record Failure(String name, String workflowId, String reason) {
    @Override
    public String toString() {
      return name + " (" + workflowId + "): " + reason;
    }
  }

  /** The outcome of one replay run. */
  public record Report(int replayed, List<Failure> failures) {
    public Report {
      failures = List.copyOf(failures);
    }

    public boolean passed() {
      return failures.isEmpty();
    }

    /** One line per failing history, or a one-line summary when all replayed. */
    public String describe() {
      if (passed()) {
        return replayed + " histories replayed";
      }
      StringBuilder out = new StringBuilder();
      out.append(failures.size()).append(" of ").append(replayed).append(" histories no longer replay:\n");
      failures.forEach(f -> out.append("  ").append(f).append('\n'));
      return out.toString();
    }
  }

  /** Replays every entry against the given implementation classes (registered on one worker). */
  public static Report replay(List<HistoryCorpus.Entry> corpus, Class<?>... workflowImplementations) {
    return replay(corpus, ReplayKeys.fromEnvironment(), workflowImplementations);
  }

  /** The same, the worker decrypting encrypted histories with {@code keys} (plain ones need none). */
  public static Report replay(List<HistoryCorpus.Entry> corpus, PayloadKeys keys, Class<?>... workflowImplementations) {
    List<Failure> failures = new ArrayList<>();
    // CEL's first use loads classes for ~350 ms (more on a busy machine): pay it here, not inside the first
    // history's workflow task, where the deadlock detector (1 s) failed it once under load
    dev.ivr.workflows.flow.expr.CelExpressions.check("true", java.util.Set.of());
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setWorkflowClientOptions(CallWorker.clientOptions("default", keys)).build())) {
      Worker worker = env.newWorker(TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(workflowImplementations);
      for (HistoryCorpus.Entry entry : corpus) {
        try {
          WorkflowReplayer.replayWorkflowExecution(entry.history(), worker);
        } catch (Exception e) {
          failures.add(new Failure(entry.name(), entry.history().getWorkflowExecution().getWorkflowId(), reason(e)));
        }
      }
    }
    return new Report(corpus.size(), failures);
  }

  /**
   * The non-determinism message when there is one (the SDK wraps it, stack trace included, in the
   * message of a query failure), on one line; else the distinct messages of the cause chain.
   */
  static String reason(Throwable failure) {
    Set<String> messages = new LinkedHashSet<>();
    for (Throwable t = failure; t != null && messages.size() < 8; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage();
      int at = message.indexOf(NON_DETERMINISTIC);
      if (t.getClass().getSimpleName().equals(NON_DETERMINISTIC)) {
        return oneLine(NON_DETERMINISTIC + ": " + message);
      }
      if (at >= 0) {
        String text = message.substring(at);
        int trace = text.indexOf("\n\tat ");
        return oneLine(trace < 0 ? text : text.substring(0, trace));
      }
      messages.add(t.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message));
    }
    return oneLine(String.join(" <- ", messages));
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\{WorkflowTaskStartedEventId=[^}]*}", "").replaceAll("\\s+", " ").trim();
  }
}
