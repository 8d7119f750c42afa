package dev.ivr.workflows.call;

import io.temporal.common.SearchAttributeKey;
import io.temporal.workflow.Workflow;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Guards a change of the interpreter's behaviour: {@code version(changeId, max)} is
 * {@link Workflow#getVersion} (calls that started before the change replay the old branch) and,
 * for a call that takes a new branch, tags it with {@code TemporalChangeVersion = <changeId>-<v>}
 * so operators can filter calls by version. The Java SDK does not upsert that attribute itself.
 *
 * <p>The upsert happens only on a new branch, because it is a command: an unconditional one would
 * itself break the replay of old calls. See docs/replay.md.
 */
public final class ChangeVersions {
  private static final SearchAttributeKey<List<String>> CHANGE_VERSION =
      SearchAttributeKey.forKeywordList("TemporalChangeVersion");

  private final Set<String> taken = new LinkedHashSet<>();

  /** The version of {@code changeId} this call runs: {@link Workflow#DEFAULT_VERSION} or 1..max. */
  public int version(String changeId, int max) {
    int version = Workflow.getVersion(changeId, Workflow.DEFAULT_VERSION, max);
    if (version != Workflow.DEFAULT_VERSION && taken.add(changeId + "-" + version)) {
      Workflow.upsertTypedSearchAttributes(CHANGE_VERSION.valueSet(List.copyOf(taken)));
    }
    return version;
  }
}
