package dev.ivr.workflows.visibility;

import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The call index: a bounded window of the most recent calls ({@link #WINDOW}), each replaced by its
 * later report. After {@link #REPORTS_PER_RUN} reports (or when Temporal suggests it) it continues
 * as new with the window as its input, once no signal handler is running; signals that arrive
 * meanwhile make the server retry the task, so none is lost.
 */
public class CallIndexWorkflowImpl implements CallIndexWorkflow {
  /** How many calls the index keeps (its {@code recent} answers at most this many). */
  public static final int WINDOW = 1_000;
  static final int REPORTS_PER_RUN = 2_000;

  private final int window;
  private final int reportsPerRun;
  /** By call id, in the order calls were first reported (a later report keeps its place). */
  private final Map<String, CallIndexEntry> entries = new LinkedHashMap<>();
  private int reports;

  public CallIndexWorkflowImpl() {
    this(WINDOW, REPORTS_PER_RUN);
  }

  /** Smaller bounds, for tests. */
  CallIndexWorkflowImpl(int window, int reportsPerRun) {
    this.window = window;
    this.reportsPerRun = reportsPerRun;
  }

  @Override
  public void run(List<CallIndexEntry> carried) {
    if (carried != null) {
      carried.forEach(this::put);
    }
    Workflow.await(() -> reports >= reportsPerRun || Workflow.getInfo().isContinueAsNewSuggested());
    Workflow.await(Workflow::isEveryHandlerFinished);
    Workflow.continueAsNew(List.copyOf(entries.values()));
  }

  @Override
  public void report(CallIndexEntry entry) {
    if (entry == null || entry.callId() == null) {
      return;
    }
    put(entry);
    reports++;
  }

  @Override
  public List<CallIndexEntry> recent(int limit) {
    List<CallIndexEntry> all = new ArrayList<>(entries.values());
    all.sort(Comparator.comparingLong(CallIndexEntry::startedAtMillis).reversed()
        .thenComparing(e -> e.outcome() != null));
    return List.copyOf(all.subList(0, Math.max(0, Math.min(limit, all.size()))));
  }

  private void put(CallIndexEntry entry) {
    entries.put(entry.callId(), entry);
    Iterator<String> oldest = entries.keySet().iterator();
    while (entries.size() > window) {
      oldest.next();
      oldest.remove();
    }
  }
}
