package dev.ivr.flowtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ivr.workflows.flow.OutboundOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The flow option {@code outbound.retry}: read, checked by the schema and the validator, with file and line. */
class OutboundRetryOptionTest {

  private static final String NODES = """
      start: hello
      nodes:
        hello: {type: play, prompts: [hi], next: end}
        end: {type: hangup}
      """;

  @Test
  void aValidSchedule_isRead_withTheDefaultReasons() {
    LoadedFlow loaded = parse("""
        id: f
        outbound:
          retry: {attempts: 4, delays: [PT5M, PT30M]}
        """ + NODES);

    OutboundOptions.Retry retry = loaded.flow().outboundRetry();
    assertThat(retry.attempts()).isEqualTo(4);
    assertThat(retry.on()).containsExactly("noAnswer", "busy", "unreachable");
    assertThat(retry.delayBefore(2)).isEqualTo(Duration.ofMinutes(5));
    assertThat(retry.delayBefore(4)).as("the last delay repeats").isEqualTo(Duration.ofMinutes(30));
    assertThat(FlowValidator.validate(loaded, FlowValidator.Context.standalone())).isEmpty();
  }

  @Test
  void theSchema_refusesAttemptsOutOfRange_unknownReasons_andDurationsThatAreNotIsoHoursMinutesSeconds() {
    assertThat(schemaProblems("""
        id: f
        outbound:
          retry: {attempts: 11, delays: [5m], on: [noAnswer, hungUp]}
        """ + NODES))
        .containsExactly("flows/f/flow.yaml:3: attempts must be within 1..10, got 11",
            "flows/f/flow.yaml:3: outbound.retry.delays[0] must be an ISO-8601 duration in hours, minutes and seconds"
                + " (PT5M, PT1H30M), got '5m'",
            "flows/f/flow.yaml:3: outbound.retry.on[1] does not have a value in the enumeration [\"noAnswer\", \"busy\","
                + " \"declined\", \"unreachable\", \"failed\"], got 'hungUp'");
  }

  @Test
  void theValidator_boundsEachDelay_theTotal_andTheNumberOfDelays() {
    assertThat(validate("""
        id: f
        outbound:
          retry:
            attempts: 3
            delays: [PT30S, PT7H, PT1M]
        """ + NODES)).containsExactly(
        "flows/f/flow.yaml:5: outbound.retry.delays lists 3 delays, but 3 attempts wait only 2 times",
        "flows/f/flow.yaml:5: outbound.retry.delays[0] must be an ISO-8601 duration of 1 minute to 6 hours (e.g. PT5M, PT1H30M), got 'PT30S'",
        "flows/f/flow.yaml:5: outbound.retry.delays[1] must be an ISO-8601 duration of 1 minute to 6 hours (e.g. PT5M, PT1H30M), got 'PT7H'");

    assertThat(validate("""
        id: f
        outbound:
          retry: {attempts: 4, delays: [PT6H]}
        """ + NODES)).containsExactly("flows/f/flow.yaml:3: outbound.retry waits PT18H in all over 4 attempts, more than"
        + " 12 hours (the call's whole run must end within its 24 h run timeout)");
  }

  @Test
  void aFlowThatCannotBePlacedAsAnOutboundCall_mayNotRetry() {
    assertThat(validate("""
        id: f
        outbound:
          retry: {attempts: 2, delays: [PT5M]}
        start: hello
        nodes:
          hello: {type: play, prompts: [hi], next: return}
        """)).containsExactly("flows/f/flow.yaml:2: outbound.retry on a flow that ends with 'return': it runs as a"
        + " subflow, and POST /api/calls never places a call with it");

    assertThat(validate("""
        id: f
        outbound:
          retry: {attempts: 2, delays: [PT5M]}
        start: forward
        nodes:
          forward: {type: transfer, mode: redirect, phone: "+15550100400"}
        """)).containsExactly("flows/f/flow.yaml:2: outbound.retry on a flow whose start node redirects: a redirect"
        + " forwards an incoming call before it is answered, so the flow cannot be placed as an outbound call");
  }

  private static LoadedFlow parse(String yaml) {
    return FlowLoader.parse(yaml.getBytes(StandardCharsets.UTF_8), "flows/f/flow.yaml");
  }

  private static List<String> validate(String yaml) {
    return FlowValidator.validate(parse(yaml), FlowValidator.Context.standalone()).stream()
        .map(FlowProblem::toString).toList();
  }

  private static List<String> schemaProblems(String yaml) {
    FlowException e = catchThrowableOfType(FlowException.class, () -> parse(yaml));
    assertThat(e).as("refused by the schema").isNotNull();
    return e.problems().stream().map(FlowProblem::toString).toList();
  }
}
