package dev.ivr.flowtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.media.PromptFetcher;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole path of a recording played back, over real sockets: the caller records, the worker
 * signs the recording's URL when it sends playPrompt, the emulator downloads it from the api like
 * Graph's media platform, and gets the very bytes the worker stored; the delivery hook's download
 * link works too (the runner fetches it). Then every voicemail-review flow test case.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RecordingPlaybackFlowTest {
  private static final Path FLOWS = Path.of("flows");
  private static FlowTestRunner runner;

  @BeforeAll
  static void start() {
    runner = new FlowTestRunner(FLOWS, 10.0);
  }

  @AfterAll
  static void stop() {
    runner.close();
  }

  @Test
  void theEmulator_fetchesTheRecordedBytes_fromTheApi_atTheSignedUrl() {
    FlowTestCase listen = cases().stream().filter(c -> c.file().getFileName().toString().equals("listen-then-save.yaml"))
        .findFirst().orElseThrow();

    FlowTestResult result = runner.run(listen);

    assertThat(result.mismatches()).as(result.report()).isEmpty();
    @SuppressWarnings("unchecked")
    String sha256 = (String) ((Map<String, Object>) result.variables().get("message")).get("sha256");
    List<PromptFetcher.Fetch> recordings = runner.emulator().promptFetches().stream()
        .filter(f -> f.uri().contains("/media/recordings/")).toList();
    // the case's own call played the last one (the other test's cases may have run first)
    assertThat(recordings).isNotEmpty();
    assertThat(recordings.get(recordings.size() - 1)).satisfies(fetch -> {
      assertThat(fetch.uri()).matches("http://127\\.0\\.0\\.1:\\d+/media/recordings/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.wav");
      assertThat(fetch.status()).isEqualTo(200);
      assertThat(fetch.sha256()).isEqualTo(sha256);
    });
  }

  @Test
  void everyVoicemailReviewCase_passes() {
    List<FlowTestCase> cases = cases();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(4);
    for (FlowTestCase c : cases) {
      FlowTestResult result = runner.run(c);
      assertThat(result.passed()).as(result.report()).isTrue();
    }
  }

  private static List<FlowTestCase> cases() {
    return FlowTestCase.discover(FLOWS).stream().filter(c -> c.flowId().equals("voicemail-review")).toList();
  }
}
