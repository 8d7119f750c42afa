package dev.ivr.emulator.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.graph.models.odataerrors.ODataError;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.GraphEmulatorExtension;
import dev.ivr.emulator.SdkClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MsalTokenEndpointTest {

  @RegisterExtension
  static GraphEmulatorExtension graph = new GraphEmulatorExtension(EmulatorConfig.defaults().withTimeScale(20));

  @Test
  void msalWithRealAuthorityAndRewritingHttpClient_getsATokenTheGraphSurfaceAccepts() throws Exception {
    GraphEmulator emulator = graph.emulator();
    var app = SdkClients.msal(emulator, emulator.config().clientSecret());
    String token = SdkClients.acquireToken(app);
    assertThat(token).isNotBlank();

    var client = SdkClients.graph(emulator, () -> token);
    assertThatThrownBy(() -> client.communications().calls().byCallId("00000000-0000-4000-8000-000000000000").get())
        .isInstanceOfSatisfying(ODataError.class, e -> {
          assertThat(e.getResponseStatusCode()).isEqualTo(404);
          assertThat(e.getError().getCode()).isEqualTo("NotFound");
        });
  }

  @Test
  void msalSecondAcquire_isServedFromItsCache() throws Exception {
    GraphEmulator emulator = graph.emulator();
    var app = SdkClients.msal(emulator, emulator.config().clientSecret());
    long before = tokenRequests(emulator);
    String first = SdkClients.acquireToken(app);
    String second = SdkClients.acquireToken(app);
    assertThat(second).isEqualTo(first);
    assertThat(tokenRequests(emulator) - before).isEqualTo(1);
  }

  @Test
  void msalWithWrongSecret_failsWithInvalidClient() throws Exception {
    var app = SdkClients.msal(graph.emulator(), "not-the-secret");
    assertThatThrownBy(() -> SdkClients.acquireToken(app))
        .hasCauseInstanceOf(MsalServiceException.class)
        .hasMessageContaining("AADSTS7000215");
  }

  @Test
  void tokenRequestBody_isJournaledWithoutTheSecret() throws Exception {
    GraphEmulator emulator = graph.emulator();
    SdkClients.acquireToken(SdkClients.msal(emulator, emulator.config().clientSecret()));
    assertThat(emulator.journal()).filteredOn(e -> e.path().endsWith("/oauth2/v2.0/token"))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.body()).doesNotContain(emulator.config().clientSecret()).contains("client_secret=***"));
  }

  private static long tokenRequests(GraphEmulator emulator) {
    return emulator.journal().stream().filter(e -> e.path().endsWith("/oauth2/v2.0/token")).count();
  }
}
