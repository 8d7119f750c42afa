package dev.ivr.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * An emulator bound to one address and reached through another (a container: bound to 0.0.0.0,
 * reached as http://graph-emulator:8089) hands out URLs of the public one.
 */
class PublicBaseUrlTest {

  @Test
  void publicBaseUrl_isTheBaseOfTheUrlsHandedOut_whileTheEmulatorListensWhereItBinds() throws Exception {
    try (GraphEmulator emulator = GraphEmulator.start(
        EmulatorConfig.defaults().withPublicBaseUrl("http://graph-emulator:8089/"))) {
      assertThat(emulator.baseUrl()).isEqualTo("http://graph-emulator:8089");
      assertThat(emulator.graphBaseUrl()).isEqualTo("http://graph-emulator:8089/v1.0");
      HttpResponse<String> openId = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + emulator.port() + "/v1/.well-known/OpenIdConfiguration"))
              .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(openId.statusCode()).isEqualTo(200);
      assertThat(openId.body()).contains("\"http://graph-emulator:8089/v1/.well-known/keys\"");
    }
  }

  @Test
  void commandLine_publicBaseUrl_andBadOnesRejected() {
    assertThat(GraphEmulatorMain.parse(new String[] {"--public-base-url", "http://graph-emulator:8089"}).publicBaseUrl())
        .isEqualTo("http://graph-emulator:8089");
    assertThat(EmulatorConfig.defaults().publicBaseUrl()).isNull();
    assertThatThrownBy(() -> EmulatorConfig.defaults().withPublicBaseUrl("graph-emulator:8089"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EmulatorConfig.defaults().withPublicBaseUrl("ftp://graph-emulator"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
