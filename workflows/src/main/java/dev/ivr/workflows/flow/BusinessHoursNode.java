package dev.ivr.workflows.flow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * Goes to {@code open} or {@code closed}, decided with workflow time (so replay is deterministic)
 * in {@code timeZone} (an IANA zone id).
 *
 * <p>{@code weekly} maps {@code mon..sun} to ranges {@code "HH:mm-HH:mm"} (end exclusive; a day
 * without ranges is closed). {@code holidays} are ISO dates that are closed all day.
 * {@code overrides} map an ISO date to the ranges of that day instead (an empty list = closed);
 * an override wins over a holiday.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BusinessHoursNode(
    String timeZone,
    Map<String, List<String>> weekly,
    List<String> holidays,
    Map<String, List<String>> overrides,
    String open,
    String closed,
    String onError)
    implements FlowNode {
  public BusinessHoursNode {
    if (timeZone == null || timeZone.isBlank()) {
      throw new IllegalArgumentException("businessHours needs a timeZone");
    }
    weekly = weekly == null ? Map.of() : FlowMaps.ordered(weekly);
    holidays = holidays == null ? List.of() : List.copyOf(holidays);
    overrides = overrides == null ? Map.of() : FlowMaps.ordered(overrides);
  }
}
