package dev.ivr.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GraphEmulatorMainTest {

  @Test
  void commandLine_setsPortTimeScaleTenantClientSecretAndSeed() {
    var c = GraphEmulatorMain.parse(new String[] {"--port", "8089", "--time-scale", "20", "--tenant", "t-1",
        "--client-id", "c-1", "--client-secret=s-1", "--seed", "9", "--issuer", EmulatorConfig.ISSUER_BOT_FRAMEWORK});
    assertThat(c.port()).isEqualTo(8089);
    assertThat(c.timeScale()).isEqualTo(20.0);
    assertThat(c.tenantId()).isEqualTo("t-1");
    assertThat(c.clientId()).isEqualTo("c-1");
    assertThat(c.clientSecret()).isEqualTo("s-1");
    assertThat(c.seed()).isEqualTo(9);
    assertThat(c.notificationIssuer()).isEqualTo(EmulatorConfig.ISSUER_BOT_FRAMEWORK);
  }

  @Test
  void badArguments_areRejected() {
    assertThatThrownBy(() -> GraphEmulatorMain.parse(new String[] {"--port"})).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GraphEmulatorMain.parse(new String[] {"--nope", "1"})).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GraphEmulatorMain.parse(new String[] {"--time-scale", "x"})).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void defaults_areTheDocumentedOnes() {
    var c = EmulatorConfig.defaults();
    assertThat(c.port()).isZero();
    assertThat(c.timeScale()).isEqualTo(1.0);
    assertThat(c.tenantId()).isEqualTo("e1f2a3b4-0000-4000-8000-00000000cafe");
    assertThat(c.clientId()).isEqualTo("b0760000-0000-4000-8000-000000000001");
    assertThat(c.clientSecret()).isEqualTo("dev-only-secret");
  }
}
