package dev.ivr.api.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivr.api.callback.NotificationParser.MalformedNotificationException;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.event.CallStateChanged;
import dev.ivr.workflows.event.IncomingCall;
import dev.ivr.workflows.event.OperationCompleted;
import dev.ivr.workflows.event.ResultInfo;
import dev.ivr.workflows.event.ToneReceived;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The notification records and their mapping to GraphEvents, on Graph's own sample payloads. */
class NotificationMapperTest {

  private static final String CALL_ID = "521f0b00-ffff-4bc9-a43e-b226498ec22a";

  private final NotificationParser parser = new NotificationParser();
  private final NotificationMapper mapper = new NotificationMapper();

  @Test
  void recordCompletion_fromGraphDocs_becomesOperationCompletedWithRecording() throws Exception {
    CommsNotifications parsed = parse("record-completed.json");
    ResourceData data = parsed.value().get(0).entity();
    assertThat(data.status()).isEqualTo("completed");
    assertThat(data.recordingAccessToken()).isEqualTo("<access-token>");
    assertThat(data.toString()).doesNotContain("<access-token>");

    MappedNotification mapped = mapper.map(parsed.value().get(0));

    assertThat(CallIds.workflowId(mapped.callId())).isEqualTo("call-57dab8b1894c409ab240bd8beae78896");
    assertThat(mapped.startsCall()).isFalse();
    assertThat(mapped.events())
        .containsExactly(
            new OperationCompleted(
                "0fe0623f-d628-42ed-b4bd-8ac290072cc5",
                "recordOperation",
                "d45324c1-fcb5-430a-902c-f20af696537c",
                "completed",
                new ResultInfo(200, 8515, "Action completed, max record duration reached."),
                null,
                "https://file.location/17e3b46c-f61d-4f4d-9635-c626ef18e6ad",
                "<access-token>"));
  }

  @Test
  void incomingCallFromPhone_startsTheCallWithWhoCalledWhom() throws Exception {
    MappedNotification mapped = mapOne("incoming-phone.json");

    assertThat(mapped.startsCall()).isTrue();
    assertThat(mapped.callId()).isEqualTo(CALL_ID);
    assertThat(mapped.tenantId()).isEqualTo("2a6c3c4e-0f8c-4d5a-9c8e-0e3a3c2e1f00");
    assertThat(mapped.direction()).isEqualTo("incoming");
    assertThat(mapped.events())
        .containsExactly(
            new CallStateChanged(
                "incoming",
                null,
                new IncomingCall(
                    "+12345678901",
                    "phone",
                    "a87c2f57-0aa2-4e35-b1ba-e1e8b0f1f1c1",
                    "applicationInstance",
                    "2a6c3c4e-0f8c-4d5a-9c8e-0e3a3c2e1f00",
                    "2c7a3e0e-5d1b-4f0a-8e7e-3f9f4c6a1b22")));
  }

  @Test
  void establishedWithoutId_takesTheCallFromResourceUrl() throws Exception {
    MappedNotification mapped = mapOne("established-without-id.json");

    assertThat(mapped.callId()).isEqualTo("521F0B00FFFF4BC9A43EB226498EC22A");
    assertThat(CallIds.workflowId(mapped.callId())).isEqualTo(CallIds.workflowId(CALL_ID));
    assertThat(mapped.events()).containsExactly(CallStateChanged.of("established"));
  }

  @Test
  void toneInfo_becomesStateThenToneReceived() throws Exception {
    MappedNotification mapped = mapOne("tone.json");

    assertThat(mapped.events()).containsExactly(CallStateChanged.of("established"), new ToneReceived(1, "tone1"));
  }

  @Test
  void terminatedWithStringResultInfo_isParsedAsNumbers() throws Exception {
    MappedNotification mapped = mapOne("terminated-string-resultinfo.json");

    assertThat(mapped.events())
        .containsExactly(new CallStateChanged("terminated", new ResultInfo(200, 5001, "The conversation has ended."), null));
  }

  @Test
  void pascalCaseEnumsAndLegacyResourceOnly_areUnderstood() throws Exception {
    CommsNotifications parsed = parse("pascal-case-incoming.json");
    assertThat(parsed.value().get(0).changeType()).isEqualTo(ChangeType.CREATED);

    MappedNotification mapped = mapper.map(parsed.value().get(0));

    assertThat(mapped.startsCall()).isTrue();
    assertThat(mapped.callId()).isEqualTo("4d1f0b00-1f11-4bc9-a43e-b226498ec22a");
    assertThat(mapped.direction()).isEqualTo("incoming");
    CallStateChanged incoming = (CallStateChanged) mapped.events().get(0);
    assertThat(incoming.state()).isEqualTo("incoming");
    assertThat(incoming.incoming().callerKind()).isEqualTo("user");
    assertThat(incoming.incoming().targetKind()).isEqualTo("application");
  }

  @Test
  void batchedValueArray_mapsEachNotificationInOrder_andIgnoresTheRoster() throws Exception {
    CommsNotifications parsed = parse("batched.json");
    assertThat(parsed.value()).hasSize(3);

    List<MappedNotification> mapped = parsed.value().stream().map(mapper::map).toList();

    assertThat(mapped.get(0).events()).containsExactly(CallStateChanged.of("establishing"));
    assertThat(mapped.get(1).events()).containsExactly(CallStateChanged.of("established"));
    assertThat(mapped.get(2).isIgnored()).isTrue();
    assertThat(mapped.get(2).events()).isEmpty();
  }

  @Test
  void playPromptCompletionWithoutId_takesTheOperationFromResourceUrl() throws Exception {
    MappedNotification mapped = mapOne("playprompt-completed.json");

    assertThat(mapped.events())
        .containsExactly(
            new OperationCompleted(
                "ab1f0b00-0000-4bc9-a43e-b226498ec22a",
                "playPromptOperation",
                "call-521f0b00ffff4bc9a43eb226498ec22a:1",
                "completed",
                new ResultInfo(200, 0, "Action completed successfully."),
                null,
                null,
                null));
  }

  @Test
  void runningOperation_isIgnored() throws Exception {
    MappedNotification mapped =
        mapJson("{\"value\":[{\"changeType\":\"updated\",\"resourceUrl\":\"/communications/calls/" + CALL_ID
            + "/operations/op-1\",\"resourceData\":{\"@odata.type\":\"#microsoft.graph.recordOperation\","
            + "\"status\":\"Running\"}}]}");

    assertThat(mapped.isIgnored()).isTrue();
  }

  @Test
  void cancelledRecording_withEmptyLocation_isFailedWithoutRecording() throws Exception {
    MappedNotification mapped =
        mapJson("{\"value\":[{\"changeType\":\"deleted\",\"resourceUrl\":\"/communications/calls/" + CALL_ID
            + "/operations/op-2\",\"resourceData\":{\"@odata.type\":\"#microsoft.graph.recordOperation\","
            + "\"id\":\"op-2\",\"status\":\"failed\",\"resultInfo\":{\"code\":400,\"subCode\":8508,\"message\":\"cancelled\"},"
            + "\"recordingLocation\":\"\",\"recordingAccessToken\":\"\",\"completionReason\":\"operationCanceled\"}}]}");

    OperationCompleted op = (OperationCompleted) mapped.events().get(0);
    assertThat(op.status()).isEqualTo("failed");
    assertThat(op.resultInfo()).isEqualTo(new ResultInfo(400, 8508, "cancelled"));
    assertThat(op.completionReason()).isEqualTo("operationCanceled");
    assertThat(op.recordingLocation()).isNull();
    assertThat(op.recordingAccessToken()).isNull();
  }

  @Test
  void deletedCallWithBareResourceData_isTerminated() throws Exception {
    MappedNotification mapped =
        mapJson("{\"value\":[{\"changeType\":\"Deleted\",\"resource\":\"/app/calls/" + CALL_ID + "\",\"resourceData\":{}}]}");

    assertThat(mapped.events()).containsExactly(CallStateChanged.of("terminated"));
  }

  @Test
  void unknownChangeTypeAndResource_areIgnoredNotRejected() throws Exception {
    assertThat(mapJson("{\"value\":[{\"changeType\":\"renamed\",\"resourceUrl\":\"/communications/calls/" + CALL_ID + "\"}]}")
            .isIgnored())
        .isTrue();
    assertThat(mapJson("{\"value\":[{\"changeType\":\"updated\",\"resourceUrl\":\"/teams/x\"}]}").isIgnored()).isTrue();
  }

  @Test
  void malformedBodies_areRejectedWithoutEchoingThem() {
    assertThatThrownBy(() -> parser.parse(bytes("{\"value\":[{\"changeType\":\"+12345678901"), null))
        .isInstanceOf(MalformedNotificationException.class)
        .hasMessageNotContaining("+12345678901");
    assertThatThrownBy(() -> parser.parse(bytes("{\"@odata.type\":\"#microsoft.graph.commsNotifications\"}"), null))
        .isInstanceOf(MalformedNotificationException.class)
        .hasMessageContaining("value");
    assertThatThrownBy(() -> parser.parse(bytes("[]"), null)).isInstanceOf(MalformedNotificationException.class);
    assertThatThrownBy(() -> parser.parse(new byte[0], null)).isInstanceOf(MalformedNotificationException.class);
  }

  @Test
  void windows1252Body_isDecodedWithItsCharset() throws Exception {
    Charset cp1252 = Charset.forName("windows-1252");
    byte[] body = ("{\"value\":[{\"changeType\":\"updated\",\"resourceUrl\":\"/communications/calls/" + CALL_ID
            + "\",\"resourceData\":{\"state\":\"terminating\",\"resultInfo\":{\"message\":\"Gr\u00fc\u00dfe\"}}}]}")
        .getBytes(cp1252);

    CommsNotifications parsed = parser.parse(body, cp1252);

    assertThat(parsed.value().get(0).entity().resultInfo().message()).isEqualTo("Gr\u00fc\u00dfe");
  }

  private MappedNotification mapOne(String resource) throws Exception {
    CommsNotifications parsed = parse(resource);
    assertThat(parsed.value()).hasSize(1);
    return mapper.map(parsed.value().get(0));
  }

  private MappedNotification mapJson(String json) throws Exception {
    return mapper.map(parser.parse(bytes(json), null).value().get(0));
  }

  static CommsNotifications parse(String resource) throws IOException, MalformedNotificationException {
    return new NotificationParser().parse(resource(resource), StandardCharsets.UTF_8);
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = NotificationMapperTest.class.getResourceAsStream("/notifications/" + name)) {
      if (in == null) {
        throw new IOException("no test resource " + name);
      }
      return in.readAllBytes();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
