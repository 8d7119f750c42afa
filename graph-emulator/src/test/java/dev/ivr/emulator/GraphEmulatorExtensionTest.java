package dev.ivr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GraphEmulatorExtensionTest {

  @RegisterExtension
  static GraphEmulatorExtension graph = new GraphEmulatorExtension(EmulatorConfig.defaults().withPort(8089));

  @Test
  void extension_startsOnARandomPort_andInjectsTheEmulator(GraphEmulator emulator) {
    assertThat(emulator).isSameAs(graph.emulator());
    assertThat(emulator.port()).isPositive();
    assertThat(emulator.baseUrl()).isEqualTo("http://127.0.0.1:" + emulator.port());
    assertThat(emulator.graphBaseUrl()).isEqualTo(emulator.baseUrl() + "/v1.0");
  }
}
