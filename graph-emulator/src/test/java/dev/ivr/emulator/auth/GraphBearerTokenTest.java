package dev.ivr.emulator.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.GraphEmulatorExtension;
import dev.ivr.emulator.GraphHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GraphBearerTokenTest {

  @RegisterExtension
  static GraphEmulatorExtension graph = new GraphEmulatorExtension();

  @Test
  void graphRequestWithoutToken_is401WithGraphErrorBody() {
    GraphEmulator emulator = graph.emulator();
    var http = new GraphHttp(emulator);
    var r = http.send(HttpRequest.newBuilder(URI.create(emulator.graphBaseUrl() + "/communications/calls/x")).GET().build());
    assertThat(r.statusCode()).isEqualTo(401);
    var err = GraphHttp.json(r.body()).get("error");
    assertThat(err.get("code").asText()).isEqualTo("InvalidAuthenticationToken");
    assertThat(err.get("innerError").has("request-id")).isTrue();
  }

  @Test
  void graphRequestWithForeignToken_is401() {
    GraphEmulator emulator = graph.emulator();
    var http = new GraphHttp(emulator);
    var r = http.send(HttpRequest.newBuilder(URI.create(emulator.graphBaseUrl() + "/communications/calls/x"))
        .header("Authorization", "Bearer eyJhbGciOiJub25lIn0.e30.").GET().build());
    assertThat(r.statusCode()).isEqualTo(401);
  }

  @Test
  void tokenEndpoint_answersInEntrasShape() {
    GraphEmulator emulator = graph.emulator();
    var http = new GraphHttp(emulator);
    var r = http.form(emulator.tokenEndpoint(), "grant_type=client_credentials&client_id=" + emulator.config().clientId()
        + "&client_secret=" + emulator.config().clientSecret() + "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default");
    assertThat(r.statusCode()).isEqualTo(200);
    var body = GraphHttp.json(r.body());
    assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(body.get("expires_in").asInt()).isEqualTo(3599);
    assertThat(body.get("access_token").asText()).contains(".");
  }

  @Test
  void tokenEndpoint_rejectsUnknownClientAndWrongScope() {
    GraphEmulator emulator = graph.emulator();
    var http = new GraphHttp(emulator);
    var unknown = http.form(emulator.tokenEndpoint(), "grant_type=client_credentials&client_id=nope&client_secret=x&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(GraphHttp.json(unknown.body()).get("error").asText()).isEqualTo("unauthorized_client");
    var scope = http.form(emulator.tokenEndpoint(), "grant_type=client_credentials&client_id=" + emulator.config().clientId()
        + "&client_secret=" + emulator.config().clientSecret() + "&scope=User.Read");
    assertThat(scope.statusCode()).isEqualTo(400);
    assertThat(GraphHttp.json(scope.body()).get("error_codes").get(0).asInt()).isEqualTo(1002012);
  }

  @Test
  void discoveryDocuments_areServed() {
    GraphEmulator emulator = graph.emulator();
    var http = new GraphHttp(emulator);
    var inst = http.admin("GET", "/common/discovery/instance?api-version=1.1&authorization_endpoint=https://login.microsoftonline.com/"
        + emulator.config().tenantId() + "/oauth2/v2.0/authorize", null);
    assertThat(GraphHttp.json(inst.body()).get("metadata").get(0).get("aliases").toString()).contains("login.microsoftonline.com");
    var oidc = http.admin("GET", "/" + emulator.config().tenantId() + "/v2.0/.well-known/openid-configuration", null);
    assertThat(GraphHttp.json(oidc.body()).get("token_endpoint").asText()).isEqualTo(emulator.tokenEndpoint());
  }
}
