package dev.ivr.activities.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GraphSettingsTest {

  @Test
  void productionDefaults() {
    GraphSettings settings = GraphSettings.of("contoso.onmicrosoft.com", "app-1", "secret-1");
    assertThat(settings.graphBaseUrl()).isEqualTo("https://graph.microsoft.com/v1.0");
    assertThat(settings.tenantAuthority()).isEqualTo("https://login.microsoftonline.com/contoso.onmicrosoft.com/");
    assertThat(settings.authorityHostOverride()).isNull();
    assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(8));
    assertThat(settings.graphIsLoopbackHttp()).isFalse();
  }

  @Test
  void secretIsNeverShown() {
    GraphSettings settings = GraphSettings.of("t", "app-1", "super-secret-value");
    assertThat(settings.toString()).doesNotContain("super-secret-value").contains("<redacted>");
  }

  @Test
  void plainHttpGraphOnlyOnLoopback() {
    assertThat(new GraphSettings("http://127.0.0.1:8080/v1.0/", null, "t", "c", "s", null, null).graphBaseUrl())
        .isEqualTo("http://127.0.0.1:8080/v1.0");
    assertThat(new GraphSettings("http://localhost:8080/v1.0", null, "t", "c", "s", null, null).graphIsLoopbackHttp())
        .isTrue();
    assertThatThrownBy(() -> new GraphSettings("http://graph.example.com/v1.0", null, "t", "c", "s", null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("graphBaseUrl must use https");
  }

  @Test
  void plainHttpOnAnotherHost_onlyWithTheExplicitAllowance() {
    GraphSettings compose = new GraphSettings("http://graph-emulator:8089/v1.0", null, "t", "c", "s",
        "http://Graph-Emulator:8089", null, java.util.Set.of("Graph-Emulator"));
    assertThat(compose.graphIsLoopbackHttp()).isTrue();
    assertThat(compose.httpAllowedHosts()).containsExactly("graph-emulator");
    assertThat(compose.toString()).contains("httpAllowedHosts=[graph-emulator]");
    assertThatThrownBy(() -> new GraphSettings("http://graph-emulator:8089/v1.0", null, "t", "c", "s", null, null,
        java.util.Set.of("api")))
        .hasMessageContaining("graphBaseUrl must use https");
    assertThatThrownBy(() -> new GraphSettings(null, null, "t", "c", "s", "http://graph-emulator:8089", null))
        .hasMessageContaining("authorityHostOverride must use https");
  }

  @Test
  void authorityMustBeHttps_theOverrideCarriesTheLocalAddress() {
    assertThatThrownBy(() -> new GraphSettings(null, "http://127.0.0.1:1/", "t", "c", "s", null, null))
        .hasMessageContaining("authority must use https");
    assertThatThrownBy(() -> new GraphSettings(null, null, "t", "c", "s", "http://10.0.0.5:9000", null))
        .hasMessageContaining("authorityHostOverride must use https");
    assertThat(new GraphSettings(null, null, "t", "c", "s", "http://127.0.0.1:9000/", null).authorityHostOverride())
        .isEqualTo("http://127.0.0.1:9000");
  }

  @Test
  void requiredValuesHaveClearMessages() {
    assertThatThrownBy(() -> GraphSettings.of(null, "c", "s")).hasMessageContaining("tenantId is required");
    assertThatThrownBy(() -> GraphSettings.of("t/../x", "c", "s")).hasMessageContaining("tenantId");
    assertThatThrownBy(() -> GraphSettings.of("t", " ", "s")).hasMessageContaining("clientId is required");
    assertThatThrownBy(() -> GraphSettings.of("t", "c", "")).hasMessageContaining("clientSecret is required");
    assertThatThrownBy(() -> new GraphSettings(null, null, "t", "c", "s", null, Duration.ZERO))
        .hasMessageContaining("requestTimeout");
  }
}
