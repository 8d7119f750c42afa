package dev.ivr.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Thread names map to the part of the system they work for. */
class ThreadCpuTest {

  @Test
  void threadNames_mapToTheirPart() {
    assertThat(ThreadCpu.partOf("http-nio-127.0.0.1-41000-exec-3")).isEqualTo(ThreadCpu.Part.API);
    assertThat(ThreadCpu.partOf("workflow-thread-12")).isEqualTo(ThreadCpu.Part.WORKER);
    assertThat(ThreadCpu.partOf("Workflow Executor taskQueue=\"ivr-calls\", namespace=\"default\": 3"))
        .isEqualTo(ThreadCpu.Part.WORKER);
    assertThat(ThreadCpu.partOf("OkHttp TaskRunner")).isEqualTo(ThreadCpu.Part.WORKER);
    assertThat(ThreadCpu.partOf("graph-emulator-notify-4")).isEqualTo(ThreadCpu.Part.EMULATOR);
    assertThat(ThreadCpu.partOf("grpc-default-executor-2")).isEqualTo(ThreadCpu.Part.GRPC);
    assertThat(ThreadCpu.partOf("floor-7")).isEqualTo(ThreadCpu.Part.FLOOR);
    assertThat(ThreadCpu.partOf("Reference Handler")).isEqualTo(ThreadCpu.Part.JVM);
  }
}
