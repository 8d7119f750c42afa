package dev.ivr.workflows.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivr.workflows.flow.FlowNode;
import dev.ivr.workflows.flow.HangupNode;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** CallInput as Temporal's default JSON converter writes and reads it, before and after the typed target. */
class CallInputTest {
  private static final String WORKFLOW_ID = "call-0b1e2c3d4e5f40718293a4b5c6d7e8f9";

  @Test
  void anOutboundInputRecordedBeforeTheTypedTarget_decodesWithTheTargetFromItsVariables() {
    String legacy = "{\"callId\":\"" + WORKFLOW_ID + "\",\"tenantId\":\"t\",\"direction\":\"outgoing\","
        + "\"callbackUri\":\"https://bot.example/callbacks/calling?workflowId=" + WORKFLOW_ID + "\","
        + "\"flow\":{\"id\":\"f\",\"version\":\"v1\",\"start\":\"end\",\"nodes\":{\"end\":{\"type\":\"hangup\"}}},"
        + "\"variables\":{\"targetPhone\":\"+15550000001\",\"sourceApplicationInstance\":\"app-1\",\"campaign\":\"x\"}}";

    CallInput input = decode(legacy);

    assertThat(input.outbound()).isEqualTo(OutboundTarget.phone("+15550000001", "app-1"));
    assertThat(input.variables()).as("kept as recorded, so the call replays")
        .containsEntry("targetPhone", "+15550000001").containsEntry("campaign", "x");
  }

  @Test
  void aLegacyUserTarget_decodesToo() {
    CallInput input = new CallInput(WORKFLOW_ID, "t", "outgoing", "https://bot.example/cb", flow(), null, null,
        Map.of("targetUser", "8b2c6f1e-0000-4000-8000-0000000000a1"), null);

    assertThat(input.outbound()).isEqualTo(OutboundTarget.user("8b2c6f1e-0000-4000-8000-0000000000a1", null));
  }

  @Test
  void aTypedTarget_roundTripsAndLeavesTheVariablesAlone() {
    CallInput sent = CallInput.outgoing(WORKFLOW_ID, "t", "https://bot.example/cb", flow(),
        OutboundTarget.phone("+15550000001", "app-1")).withVariables(Map.of("campaign", "x"));

    CallInput received = decode(encode(sent));

    assertThat(received).isEqualTo(sent);
    assertThat(received.outbound().phone()).isEqualTo("+15550000001");
    assertThat(received.variables()).containsOnlyKeys("campaign");
  }

  @Test
  void anIncomingCall_hasNoTarget_andOutgoingNeedsOne() {
    CallInput incoming = CallInput.incoming("7d6e1f00-1111-4bc9-a43e-b226498ec22a", "t", "https://bot.example/cb", flow())
        .withVariables(Map.of("targetPhone", "+15550000001"));

    assertThat(incoming.outbound()).isNull();
    assertThat(incoming.isOutgoing()).isFalse();
    assertThatThrownBy(() -> CallInput.outgoing(WORKFLOW_ID, "t", "https://bot.example/cb", flow(), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OutboundTarget("+15550000001", "8b2c6f1e-0000-4000-8000-0000000000a1", null))
        .hasMessageContaining("exactly one");
  }

  @Test
  void theTargetsPhoneNumber_isNeverPrinted() {
    assertThat(OutboundTarget.phone("+15550000001", "app-1").toString()).doesNotContain("5550000001");
  }

  private static dev.ivr.workflows.flow.Flow flow() {
    return CallHarness.flow("end", Map.<String, FlowNode>of("end", new HangupNode()));
  }

  private static String encode(CallInput input) {
    Optional<Payload> payload = DefaultDataConverter.STANDARD_INSTANCE.toPayload(input);
    return payload.orElseThrow().getData().toString(StandardCharsets.UTF_8);
  }

  private static CallInput decode(String json) {
    Payload payload = DefaultDataConverter.STANDARD_INSTANCE.toPayload(json).orElseThrow().toBuilder()
        .setData(com.google.protobuf.ByteString.copyFromUtf8(json))
        .putMetadata("encoding", com.google.protobuf.ByteString.copyFromUtf8("json/plain")).build();
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, CallInput.class, CallInput.class);
  }
}
