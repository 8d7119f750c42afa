package dev.ivr.activities.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The host and scheme rules that Kiota leaves to custom token providers. */
class MsalAccessTokenProviderTest {
  private FakeGraph fake;

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeGraph();
  }

  @AfterEach
  void tearDown() {
    fake.close();
  }

  @Test
  void loopbackGraph_getsATokenFromTheAuthorityStandIn() {
    var provider = new MsalAccessTokenProvider(fake.settings());

    String token = provider.getAuthorizationToken(URI.create(fake.baseUrl() + "/v1.0/communications/calls/1"), Map.of());

    assertThat(token).isEqualTo(FakeGraph.TOKEN);
    assertThat(fake.tokenRequests.get()).isEqualTo(1);
  }

  @Test
  void otherHosts_getNoToken() {
    var provider = new MsalAccessTokenProvider(fake.settings());

    assertThat(provider.getAuthorizationToken(URI.create("https://evil.example/v1.0/x"), Map.of())).isEmpty();
    assertThat(provider.getAuthorizationToken(URI.create("http://localhost:1/v1.0/x"), Map.of())).isEmpty();
    assertThat(fake.tokenRequests.get()).isZero();
  }

  @Test
  void httpsGraph_refusesPlainHttpEvenOnItsOwnHost() {
    var settings = new GraphSettings("https://127.0.0.1:8443/v1.0", null, FakeGraph.TENANT, FakeGraph.CLIENT_ID,
        FakeGraph.SECRET, fake.baseUrl(), null);
    var provider = new MsalAccessTokenProvider(settings);

    assertThatThrownBy(() -> provider.getAuthorizationToken(URI.create("http://127.0.0.1:8443/v1.0/x"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Only https");
    assertThat(fake.tokenRequests.get()).isZero();
  }

  @Test
  void productionGraph_allowsOnlyGraphsHostOverHttps() {
    var provider = new MsalAccessTokenProvider(GraphSettings.of("t", "c", "s"));

    assertThat(provider.getAllowedHostsValidator().getAllowedHosts()).containsExactly("graph.microsoft.com");
    assertThat(provider.getAuthorizationToken(URI.create("https://graph.microsoft.com.evil.example/x"), Map.of()))
        .isEmpty();
    assertThatThrownBy(() -> provider.getAuthorizationToken(URI.create("http://graph.microsoft.com/v1.0/x"), Map.of()))
        .hasMessageContaining("Only https");
  }
}
