package dev.ivr.workflows.interpreter;

import static dev.ivr.workflows.call.CallHarness.outcomes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivr.workflows.call.CallHarness;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.external.OutboundHttpRequest;
import dev.ivr.workflows.flow.expr.DownloadPlaceholders;
import dev.ivr.workflows.flow.Flow;
import dev.ivr.workflows.flow.FlowNode;
import dev.ivr.workflows.flow.HangupNode;
import dev.ivr.workflows.flow.HttpNode;
import dev.ivr.workflows.flow.MediaRef;
import dev.ivr.workflows.flow.PlayNode;
import dev.ivr.workflows.flow.RecordNode;
import dev.ivr.workflows.flow.SetNode;
import dev.ivr.workflows.flow.expr.CelExpressions;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A play node's {@code recording}: the message recorded earlier in the call, played back through the api. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RecordingPlaybackTest {
  private CallHarness harness;

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void theRecording_playsAfterThePrompts_asALocationTheWorkerSigns_neverASignedUrl() {
    harness = new CallHarness(true);

    CallResult result = harness.run(flow("message", List.of("short", "greeting")));

    assertThat(outcomes(result)).contains("listen=completed");
    List<MediaRef> played = harness.graph.playedMedia.get(harness.graph.playedMedia.size() - 1);
    assertThat(played).hasSize(3);
    assertThat(played.subList(0, 2)).noneMatch(MediaRef::isRecording);
    MediaRef recording = played.get(2);
    String location = result.recordings().get(0).location();
    assertThat(recording.recordingLocation()).isEqualTo(location);
    // the api's base URL is the one the prompts are served under
    assertThat(recording.uri()).isEqualTo("https://bot.example/media/recordings/" + MediaRef.TOKEN + ".wav");
    assertThat(recording.durationMillis()).isEqualTo(result.recordings().get(0).durationMillis());
    assertThat(recording.resourceId()).matches("[0-9a-f-]{36}");
  }

  @Test
  void twoRecordings_haveTwoResourceIds() {
    harness = new CallHarness(true);
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("first", new RecordNode(null, null, "one", null, "second", null, null));
    nodes.put("second", new RecordNode(null, null, "two", null, "play-one", null, null));
    nodes.put("play-one", PlayNode.playingBack(List.of(), "one", false, "play-two", null));
    nodes.put("play-two", PlayNode.playingBack(List.of(), "two", false, "end", null));
    nodes.put("end", new HangupNode());

    harness.run(new Flow("two", "v1", "first", nodes));

    List<List<MediaRef>> played = harness.graph.playedMedia;
    assertThat(played).hasSize(2);
    assertThat(played.get(0).get(0).resourceId()).isNotEqualTo(played.get(1).get(0).resourceId());
  }

  @Test
  void aVariableWithoutARecording_takesOnError() {
    harness = new CallHarness(true);

    CallResult result = harness.run(flow("nothing", List.of()));

    assertThat(outcomes(result)).contains("listen=error");
    assertThat(harness.played()).containsExactly("sorry");
  }

  @Test
  void aLocationThatIsNotOneOfTheCallsRecordings_isNeverPlayed() {
    harness = new CallHarness(true);
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("forge", new SetNode(Map.of("other", "{'location': 'recordings/another-call.wav'}"), "listen", null));
    nodes.put("listen", PlayNode.playingBack(List.of(), "other", false, "end", "sorry"));
    nodes.put("sorry", new PlayNode(List.of("sorry"), "end"));
    nodes.put("end", new HangupNode());

    CallResult result = harness.run(new Flow("forged", "v1", "forge", nodes));

    assertThat(outcomes(result)).contains("listen=error");
    assertThat(harness.played()).containsExactly("sorry");
  }

  @Test
  void recordingDownloadUrl_isAPlaceholder_andTheRequestListsTheCallsRecordings() {
    harness = new CallHarness(true);
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("record", new RecordNode(null, null, "message", null, "deliver", null, null));
    nodes.put("deliver", new HttpNode("POST", "'https://hooks.example/voicemail'", null,
        "{'url': recordingDownloadUrl(message), 'seconds': message.durationMillis / 1000}", 5, null, null, "end", null));
    nodes.put("end", new HangupNode());

    CallResult result = harness.run(new Flow("deliver", "v1", "record", nodes));

    String location = result.recordings().get(0).location();
    OutboundHttpRequest sent = harness.http.requests.get(0);
    Matcher placeholder = DownloadPlaceholders.PLACEHOLDER.matcher(sent.jsonBody());
    assertThat(placeholder.find()).isTrue();
    assertThat(DownloadPlaceholders.location(placeholder)).isEqualTo(location);
    assertThat(sent.downloads().apiBaseUrl()).isEqualTo("https://bot.example");
    assertThat(sent.downloads().locations()).containsExactly(location);
    assertThat(history()).doesNotContain("/media/downloads/");
  }

  @Test
  void aRequestWithoutPlaceholder_carriesNoDownloads() {
    assertThat(new OutboundHttpRequest("GET", "https://x.example", null, null, 1000).downloads()).isNull();
    assertThatThrownBy(() -> CelExpressions.evaluate("recordingDownloadUrl(m)", Map.of("m", Map.of("reason", "x"))))
        .hasMessageContaining("holds no recording");
    assertThat(CelExpressions.check("recordingDownloadUrl(m, 1)", java.util.Set.of("m"))).isNotEmpty();
  }

  private String history() {
    StringBuilder all = new StringBuilder();
    for (HistoryEvent event : harness.env.getWorkflowClient()
        .fetchHistory(CallIds.workflowId(CallHarness.CALL_ID)).getHistory().getEventsList()) {
      all.append(event);
    }
    return all.toString();
  }

  private static Flow flow(String variable, List<String> prompts) {
    Map<String, FlowNode> nodes = new LinkedHashMap<>();
    nodes.put("record", new RecordNode(null, null, "message", null, "listen", null, null));
    nodes.put("listen", PlayNode.playingBack(prompts, variable, false, "end", "sorry"));
    nodes.put("sorry", new PlayNode(List.of("sorry"), "end"));
    nodes.put("end", new HangupNode());
    return new Flow("playback", "v1", "record", nodes);
  }
}
