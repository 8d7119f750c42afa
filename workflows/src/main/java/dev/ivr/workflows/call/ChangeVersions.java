package dev.ivr.workflows.call;

import io.temporal.common.SearchAttributeKey;
import io.temporal.workflow.Workflow;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
    return versions(Map.of(changeId, max)).get(changeId);
  }

  /**
   * The versions of several changes taken at one point, in the map's order, with a single upsert of
   * {@code TemporalChangeVersion} for all the new branches among them: a call that takes none
   * upserts nothing, so adding a change id here replays every call recorded before it.
   */
  public Map<String, Integer> versions(Map<String, Integer> maxByChangeId) {
    Map<String, Integer> versions = new LinkedHashMap<>();
    boolean added = false;
    for (Map.Entry<String, Integer> change : maxByChangeId.entrySet()) {
      int version = Workflow.getVersion(change.getKey(), Workflow.DEFAULT_VERSION, change.getValue());
      versions.put(change.getKey(), version);
      added |= version != Workflow.DEFAULT_VERSION && taken.add(change.getKey() + "-" + version);
    }
    if (added) {
      Workflow.upsertTypedSearchAttributes(CHANGE_VERSION.valueSet(List.copyOf(taken)));
    }
    return versions;
  }
}
