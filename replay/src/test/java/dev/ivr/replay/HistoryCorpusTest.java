package dev.ivr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.WorkflowExecutionHistory;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryCorpusTest {
  private static final String SAMPLE = "voicemail/stop-tone.json";

  @Test
  void bothEnumStyles_loadToTheSameHistory() throws Exception {
    WorkflowExecutionHistory current = sample();
    String legacy = current.toJson(true, true);
    assertThat(legacy).contains("\"WorkflowExecutionStarted\"").doesNotContain("EVENT_TYPE_");
    assertThat(current.toJson(true)).contains("EVENT_TYPE_WORKFLOW_EXECUTION_STARTED");

    WorkflowExecutionHistory reloaded =
        HistoryCorpus.parse(new ByteArrayInputStream(legacy.getBytes(StandardCharsets.UTF_8)), "legacy");

    assertThat(reloaded.getEvents()).isEqualTo(current.getEvents());
    assertThat(reloaded.getWorkflowExecution().getWorkflowId()).isEqualTo(current.getWorkflowExecution().getWorkflowId());
  }

  @Test
  void aLegacyStyleHistory_stillReplays(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("legacy/" + SAMPLE);
    Files.createDirectories(file.getParent());
    Files.writeString(file, sample().toJson(true, true));

    CorpusReplay.Report report =
        CorpusReplay.replay(HistoryCorpus.fromDirectory(dir), dev.ivr.workflows.call.CallWorkflowImpl.class);

    assertThat(report.replayed()).isEqualTo(1);
    assertThat(report.failures()).isEmpty();
  }

  @Test
  void historiesInsideAJar_areReadAsStreams(@TempDir Path dir) throws Exception {
    Path jar = dir.resolve("corpus.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("jarred/"));
      out.putNextEntry(new JarEntry("jarred/a/one.json"));
      out.write(sample().toJson(true).getBytes(StandardCharsets.UTF_8));
      out.putNextEntry(new JarEntry("jarred/readme.txt"));
      out.write("not a history".getBytes(StandardCharsets.UTF_8));
    }
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      Thread.currentThread().setContextClassLoader(loader);
      List<HistoryCorpus.Entry> corpus = HistoryCorpus.fromClasspath("jarred");
      assertThat(corpus).extracting(HistoryCorpus.Entry::name).containsExactly("a/one.json");
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  private static WorkflowExecutionHistory sample() {
    return HistoryCorpus.fromClasspath("histories", CorpusKeys.KEYS).stream().filter(e -> e.name().equals(SAMPLE)).findFirst()
        .orElseThrow().history();
  }
}
