package dev.ivr.emulator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Faults and races to inject, per call ({@link IncomingCallSpec#faults()}) or globally
 * ({@link EmulatorConfig#withFaults}, {@code POST /admin/faults}). A per-call plan replaces the
 * global one for that call. Every random decision is drawn from a generator seeded with the
 * emulator seed and the call id, so a run is reproducible. All fields default to "no fault".
 *
 * @param completionBeforeResponse an operation's completion notification is delivered before the
 *     HTTP response of the playPrompt/recordResponse POST that started it
 * @param duplicateProbability chance that a notification POST is sent twice with the same Message-ID
 * @param establishedBeforeEstablishing {@code established} is delivered before {@code establishing}
 * @param establishedTwice {@code established} is delivered twice (distinct Message-IDs)
 * @param delayProbability chance that a notification is held back {@code delaySeconds} (emulated)
 * @param delaySeconds the delay of a delayed notification, emulated seconds
 * @param dropProbability chance that a notification (other than the incoming {@code created}) is never sent
 * @param batchNotifications notifications queued for one call are sent together in one {@code value} array
 * @param parallelDelivery a call's notifications are posted concurrently (so they can arrive out of order)
 * @param pascalCaseEnums {@code changeType}, {@code state}, {@code direction}, {@code status} in PascalCase
 * @param resultInfoAsStrings resultInfo {@code code}/{@code subcode} as JSON strings
 * @param omitResourceDataId {@code resourceData.id} is left out of call {@code updated} notifications
 * @param omitMediaState {@code mediaState} is left out of {@code established}
 * @param graphErrors error responses injected on Graph requests (429, 500, 503, 504)
 * @param slowResponseSeconds every Graph response is delayed this many emulated seconds
 * @param recordingFault {@code none}, {@code notFound} (404) or {@code unauthorized} (401) on recording download,
 *     or {@code failFirst:N}: the first N downloads of each recording answer 503, later ones succeed
 * @param dropCallAfterSeconds emulated seconds after {@code established} at which the server drops the call (0 = never)
 * @param dropCallCode resultInfo code of the drop (default 500)
 * @param dropCallSubcode resultInfo subcode of the drop (default 7106)
 * @param lateOperationNotifications when the call ends with media running or queued, their (failed
 *     8508) completion notifications still arrive, after {@code terminated}
 * @param squashedResourceUrlIds {@code resourceUrl} and {@code @odata.id} carry ids upper-cased
 *     without dashes, as in Graph's doc examples; {@code resourceData.id} stays as is (the emulator's
 *     default already squashes them: {@link EmulatorConfig#withSquashedResourceUrlIds})
 * @param recordCompletions subcodes that the call's recordResponse operations end with, in order (one per
 *     operation; 0 = as the caller's script makes it): any of 8508-8515, 8588, 8589, 9999, each with its
 *     status, code, completionReason and recording as the README's table says
 * @param transferAcceptedAfterMediaInactive a successful transfer's {@code transferAccepted} arrives after
 *     the {@code mediaState} audio {@code inactive} update instead of before (the docs allow both)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FaultPlan(
    boolean completionBeforeResponse,
    double duplicateProbability,
    boolean establishedBeforeEstablishing,
    boolean establishedTwice,
    double delayProbability,
    double delaySeconds,
    double dropProbability,
    boolean batchNotifications,
    boolean parallelDelivery,
    boolean pascalCaseEnums,
    boolean resultInfoAsStrings,
    boolean omitResourceDataId,
    boolean omitMediaState,
    List<GraphError> graphErrors,
    double slowResponseSeconds,
    String recordingFault,
    double dropCallAfterSeconds,
    int dropCallCode,
    int dropCallSubcode,
    boolean lateOperationNotifications,
    boolean squashedResourceUrlIds,
    List<Integer> recordCompletions,
    boolean transferAcceptedAfterMediaInactive) {

  /** The record completion subcodes the emulator can produce. */
  public static final List<Integer> RECORD_SUBCODES =
      List.of(0, 8508, 8509, 8510, 8511, 8512, 8513, 8514, 8515, 8588, 8589, 9999);

  public FaultPlan {
    graphErrors = graphErrors == null ? List.of() : List.copyOf(graphErrors);
    recordCompletions = recordCompletions == null ? List.of() : List.copyOf(recordCompletions);
    for (Integer subcode : recordCompletions) {
      if (subcode == null || !RECORD_SUBCODES.contains(subcode)) {
        throw new IllegalArgumentException("recordCompletions may hold " + RECORD_SUBCODES + ", got " + subcode);
      }
    }
    recordingFault = recordingFault == null || recordingFault.isBlank() ? "none" : recordingFault;
    if (!List.of("none", "notFound", "unauthorized").contains(recordingFault)
        && !recordingFault.matches("failFirst:[1-9][0-9]{0,2}")) {
      throw new IllegalArgumentException("recordingFault must be none, notFound, unauthorized or failFirst:N");
    }
    dropCallCode = dropCallCode == 0 ? 500 : dropCallCode;
    dropCallSubcode = dropCallSubcode == 0 ? 7106 : dropCallSubcode;
  }

  /**
   * One injected Graph error.
   *
   * @param status 429, 500, 503 or 504 (any 4xx/5xx is accepted)
   * @param action the action it applies to ({@code playPrompt}, {@code answer}, {@code create},
   *     {@code get}, {@code delete}, ...), or null/"any" for every Graph request
   * @param times how many matching requests fail before it stops (0 = no limit, use probability)
   * @param probability chance per matching request when {@code times} is 0 (0 means 1.0)
   * @param retryAfterSeconds the {@code Retry-After} header value (fractional allowed; 0 = none)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record GraphError(int status, String action, int times, double probability, double retryAfterSeconds) {
    public static GraphError of(int status, String action, int times) {
      return new GraphError(status, action, times, 0, status == 429 ? 2.128 : 0);
    }
  }

  /** No fault at all. */
  public static FaultPlan none() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.completionBeforeResponse = completionBeforeResponse;
    b.duplicateProbability = duplicateProbability;
    b.establishedBeforeEstablishing = establishedBeforeEstablishing;
    b.establishedTwice = establishedTwice;
    b.delayProbability = delayProbability;
    b.delaySeconds = delaySeconds;
    b.dropProbability = dropProbability;
    b.batchNotifications = batchNotifications;
    b.parallelDelivery = parallelDelivery;
    b.pascalCaseEnums = pascalCaseEnums;
    b.resultInfoAsStrings = resultInfoAsStrings;
    b.omitResourceDataId = omitResourceDataId;
    b.omitMediaState = omitMediaState;
    b.graphErrors = graphErrors;
    b.slowResponseSeconds = slowResponseSeconds;
    b.recordingFault = recordingFault;
    b.dropCallAfterSeconds = dropCallAfterSeconds;
    b.dropCallCode = dropCallCode;
    b.dropCallSubcode = dropCallSubcode;
    b.lateOperationNotifications = lateOperationNotifications;
    b.squashedResourceUrlIds = squashedResourceUrlIds;
    b.recordCompletions = recordCompletions;
    b.transferAcceptedAfterMediaInactive = transferAcceptedAfterMediaInactive;
    return b;
  }

  /** Fluent builder; unset fields mean "no fault". */
  public static final class Builder {
    private boolean completionBeforeResponse;
    private double duplicateProbability;
    private boolean establishedBeforeEstablishing;
    private boolean establishedTwice;
    private double delayProbability;
    private double delaySeconds;
    private double dropProbability;
    private boolean batchNotifications;
    private boolean parallelDelivery;
    private boolean pascalCaseEnums;
    private boolean resultInfoAsStrings;
    private boolean omitResourceDataId;
    private boolean omitMediaState;
    private List<GraphError> graphErrors = List.of();
    private double slowResponseSeconds;
    private String recordingFault = "none";
    private double dropCallAfterSeconds;
    private int dropCallCode = 500;
    private int dropCallSubcode = 7106;
    private boolean lateOperationNotifications;
    private boolean squashedResourceUrlIds;
    private List<Integer> recordCompletions = List.of();
    private boolean transferAcceptedAfterMediaInactive;

    private Builder() {}

    public Builder completionBeforeResponse(boolean v) { completionBeforeResponse = v; return this; }
    public Builder duplicateProbability(double v) { duplicateProbability = v; return this; }
    public Builder establishedBeforeEstablishing(boolean v) { establishedBeforeEstablishing = v; return this; }
    public Builder establishedTwice(boolean v) { establishedTwice = v; return this; }
    public Builder delay(double probability, double seconds) { delayProbability = probability; delaySeconds = seconds; return this; }
    public Builder dropProbability(double v) { dropProbability = v; return this; }
    public Builder batchNotifications(boolean v) { batchNotifications = v; return this; }
    public Builder parallelDelivery(boolean v) { parallelDelivery = v; return this; }
    public Builder pascalCaseEnums(boolean v) { pascalCaseEnums = v; return this; }
    public Builder resultInfoAsStrings(boolean v) { resultInfoAsStrings = v; return this; }
    public Builder omitResourceDataId(boolean v) { omitResourceDataId = v; return this; }
    public Builder omitMediaState(boolean v) { omitMediaState = v; return this; }
    public Builder graphErrors(List<GraphError> v) { graphErrors = List.copyOf(v); return this; }
    public Builder graphError(GraphError v) {
      var l = new java.util.ArrayList<>(graphErrors); l.add(v); graphErrors = List.copyOf(l); return this;
    }
    public Builder slowResponseSeconds(double v) { slowResponseSeconds = v; return this; }
    public Builder recordingFault(String v) { recordingFault = v; return this; }
    public Builder dropCallAfterSeconds(double seconds) { dropCallAfterSeconds = seconds; return this; }
    public Builder dropCall(double afterSeconds, int code, int subcode) {
      dropCallAfterSeconds = afterSeconds; dropCallCode = code; dropCallSubcode = subcode; return this;
    }

    public Builder lateOperationNotifications(boolean v) { lateOperationNotifications = v; return this; }
    public Builder squashedResourceUrlIds(boolean v) { squashedResourceUrlIds = v; return this; }
    public Builder recordCompletions(Integer... subcodes) { recordCompletions = List.of(subcodes); return this; }
    public Builder transferAcceptedAfterMediaInactive(boolean v) { transferAcceptedAfterMediaInactive = v; return this; }

    public FaultPlan build() {
      return new FaultPlan(completionBeforeResponse, duplicateProbability, establishedBeforeEstablishing,
          establishedTwice, delayProbability, delaySeconds, dropProbability, batchNotifications,
          parallelDelivery, pascalCaseEnums, resultInfoAsStrings, omitResourceDataId, omitMediaState,
          graphErrors, slowResponseSeconds, recordingFault, dropCallAfterSeconds, dropCallCode, dropCallSubcode,
          lateOperationNotifications, squashedResourceUrlIds, recordCompletions, transferAcceptedAfterMediaInactive);
    }
  }
}
