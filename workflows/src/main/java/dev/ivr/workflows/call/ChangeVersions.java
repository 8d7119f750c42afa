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
    return versions(new String[] {changeId}, new int[] {max})[0];
  }

  /**
   * The versions of several changes, decided together: one getVersion each, in order, then at most one
   * TemporalChangeVersion upsert for all the new branches taken (one command instead of one per change).
   */
  public int[] versions(String[] changeIds, int[] max) {
    int[] versions = new int[changeIds.length];
    boolean added = false;
    for (int i = 0; i < changeIds.length; i++) {
      versions[i] = Workflow.getVersion(changeIds[i], Workflow.DEFAULT_VERSION, max[i]);
      if (versions[i] != Workflow.DEFAULT_VERSION) {
        added |= taken.add(changeIds[i] + "-" + versions[i]);
      }
    }
    if (added) {
      Workflow.upsertTypedSearchAttributes(CHANGE_VERSION.valueSet(List.copyOf(taken)));
    }
    return versions;
  }
}
