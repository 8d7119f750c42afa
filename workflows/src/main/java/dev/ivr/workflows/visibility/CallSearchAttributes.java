package dev.ivr.workflows.visibility;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The search attributes of a call, all Keyword, none a phone number: operators filter calls by them
 * in the Temporal Web UI and CLI ({@code CallState = 'established' AND FlowId = 'main-menu'}). A
 * namespace must have them registered before a call upserts them: {@code
 * deploy/temporal/setup-namespace.sh} on a cluster, {@code CallSearchAttributeRegistration} in the
 * worker module on the test server, {@link #ALL} in tests.
 */
public final class CallSearchAttributes {
  /** The Graph call id (normalised), as in the workflow id. */
  public static final SearchAttributeKey<String> CALL_ID = SearchAttributeKey.forKeyword("CallId");
  public static final SearchAttributeKey<String> FLOW_ID = SearchAttributeKey.forKeyword("FlowId");
  public static final SearchAttributeKey<String> FLOW_VERSION = SearchAttributeKey.forKeyword("FlowVersion");
  /** Graph's call state as last seen: incoming, establishing, established, transferring, terminated… */
  public static final SearchAttributeKey<String> CALL_STATE = SearchAttributeKey.forKeyword("CallState");
  /** The node the call is at; nodes of a subflow as {@code <flow>/<node>}. */
  public static final SearchAttributeKey<String> CURRENT_NODE = SearchAttributeKey.forKeyword("CurrentNode");
  /** incoming or outgoing. */
  public static final SearchAttributeKey<String> DIRECTION = SearchAttributeKey.forKeyword("Direction");
  public static final SearchAttributeKey<String> TENANT = SearchAttributeKey.forKeyword("Tenant");
  /**
   * How the call ended ({@code CallOutcome}: COMPLETED, TRANSFERRED, CALLER_HUNG_UP…), set in its last
   * workflow task; unset while it runs, and on calls that started before it existed.
   */
  public static final SearchAttributeKey<String> CALL_OUTCOME = SearchAttributeKey.forKeyword("CallOutcome");

  /**
   * Set at start, by the api, only on a call it refused at the app's limit of live calls:
   * {@code busy-reject} or {@code busy-prompt} ({@code CallInput.admission}). The api's count of live
   * calls leaves these out; operators find refused calls with {@code Admission IS NOT NULL}.
   */
  public static final SearchAttributeKey<String> ADMISSION = SearchAttributeKey.forKeyword("Admission");

  /**
   * Set at start, by the api, on a call whose flow a split alias chose (a gradual rollout):
   * {@code <alias>:<target>}, e.g. {@code support:main-menu@3fa2c1d4e5f6}. Unset otherwise.
   */
  public static final SearchAttributeKey<String> FLOW_SPLIT = SearchAttributeKey.forKeyword("FlowSplit");

  /** Every attribute by name, with its type, for registration. */
  public static final Map<String, IndexedValueType> ALL = all();

  private CallSearchAttributes() {}

  private static Map<String, IndexedValueType> all() {
    Map<String, IndexedValueType> all = new LinkedHashMap<>();
    for (SearchAttributeKey<?> key :
        new SearchAttributeKey<?>[] {CALL_ID, FLOW_ID, FLOW_VERSION, CALL_STATE, CURRENT_NODE, DIRECTION, TENANT,
            CALL_OUTCOME, ADMISSION, FLOW_SPLIT}) {
      all.put(key.getName(), key.getValueType());
    }
    return java.util.Collections.unmodifiableMap(all);
  }
}
