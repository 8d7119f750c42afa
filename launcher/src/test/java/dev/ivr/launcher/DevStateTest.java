package dev.ivr.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state folder of {@code ./ivr-dev.sh}: one run at a time, ports remembered, --fresh. */
class DevStateTest {
  @TempDir Path dir;

  @Test
  void aSecondRun_onTheSameFolder_isRefusedWithWhatToDo() {
    try (DevState first = DevState.open(dir, false)) {
      assertThatThrownBy(() -> DevState.open(dir, false))
          .hasMessageContaining("another ./ivr-dev.sh runs with the state folder")
          .hasMessageContaining("--state-dir");
    }
    DevState.open(dir, false).close();
  }

  @Test
  void portsAreRemembered_forTheNextRun() {
    try (DevState state = DevState.open(dir, false)) {
      assertThat(state.port("ui")).isZero();
      state.rememberPort("ui", 41234);
      state.rememberPort("temporal", 41235);
    }
    try (DevState state = DevState.open(dir, false)) {
      assertThat(state.port("ui")).isEqualTo(41234);
      assertThat(state.port("temporal")).isEqualTo(41235);
    }
  }

  @Test
  void fresh_wipesTheDatabaseAndPorts_butKeepsThePidFileOfALeftoverServer() throws Exception {
    try (DevState state = DevState.open(dir, false)) {
      Files.writeString(state.temporalDatabase(), "calls");
      Files.writeString(dir.resolve("temporal.pid"), "12345\n");
      state.rememberPort("api", 40000);
      assertThat(state.hasDatabase()).isTrue();
    }
    try (DevState state = DevState.open(dir, true)) {
      assertThat(state.hasDatabase()).isFalse();
      assertThat(state.port("api")).isZero();
      assertThat(dir.resolve("temporal.pid")).exists();
    }
  }
}
