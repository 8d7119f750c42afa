package dev.ivr.api.console;

import dev.ivr.workflows.visibility.CallIndexEntry;
import dev.ivr.workflows.visibility.CallIndexWorkflow;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/** A call index for tests: keeps what it is told, newest first. */
public class ScriptedCallIndexWorkflow implements CallIndexWorkflow {
  private final List<CallIndexEntry> entries = new ArrayList<>();

  @Override
  public void run(List<CallIndexEntry> carried) {
    entries.addAll(carried);
    Workflow.await(() -> false);
  }

  @Override
  public void report(CallIndexEntry entry) {
    entries.removeIf(e -> e.callId().equals(entry.callId()));
    entries.add(0, entry);
  }

  @Override
  public List<CallIndexEntry> recent(int limit) {
    return List.copyOf(entries.subList(0, Math.min(limit, entries.size())));
  }
}
