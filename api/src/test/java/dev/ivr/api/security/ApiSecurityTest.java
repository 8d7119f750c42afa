package dev.ivr.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.api.support.ApiHttp;
import dev.ivr.api.support.TestFlowsDir;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The operator and management endpoints need HTTP Basic credentials: a viewer reads and validates
 * flows, an operator also reloads them and places calls. Graph's side (webhook, prompts) needs none.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Timeout(60)
class ApiSecurityTest {

  static final Path FLOWS = TestFlowsDir.create();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("ivr.flows.dir", FLOWS::toString);
    registry.add("ivr.flows.routing", () -> FLOWS.resolve("routing.yaml").toString());
    registry.add("ivr.prompts.dir", () -> FLOWS.resolve("prompts").toString());
    registry.add("ivr.notifications.auth.audience", () -> "b0760000-0000-4000-8000-000000000001");
    registry.add("ivr.notifications.auth.allowed-tenants", () -> "e1f2a3b4-0000-4000-8000-00000000cafe");
    registry.add("ivr.security.basic", () -> "enabled-for-development");
    registry.add("ivr.security.users.vera.password", () -> "{noop}vera-pw");
    registry.add("ivr.security.users.vera.roles", () -> "viewer");
    registry.add("ivr.security.users.otto.password", () -> "{bcrypt}" + new BCryptPasswordEncoder().encode("otto-pw"));
    registry.add("ivr.security.users.otto.roles", () -> "operator");
  }

  @Value("${local.server.port}")
  int port;

  @Autowired
  FilterChainProxy filters;

  ApiHttp anonymous;
  ApiHttp viewer;
  ApiHttp operator;

  @BeforeEach
  void setUp() {
    anonymous = new ApiHttp(port, Duration.ofSeconds(30));
    viewer = anonymous.withBasicAuth("vera", "vera-pw");
    operator = anonymous.withBasicAuth("otto", "otto-pw");
  }

  @Test
  void withoutCredentials_everyOperatorAndManagementEndpointIs401() {
    for (HttpResponse<byte[]> response : new HttpResponse[] {
        anonymous.get("/api/flows"), anonymous.get("/api/flows/schema"),
        anonymous.post("/api/flows/validate", "application/yaml", TestFlowsDir.OTHER_FLOW),
        anonymous.post("/api/flows/reload", null, ""), anonymous.post("/api/calls", "application/json", "{}"),
        anonymous.post("/api/operator/anything", "application/json", "{}")}) {
      assertThat(response.statusCode()).as(response.uri().getPath()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Basic"));
    }
  }

  @Test
  void wrongPassword_is401() {
    assertThat(anonymous.withBasicAuth("otto", "guess").get("/api/flows").statusCode()).isEqualTo(401);
    assertThat(anonymous.withBasicAuth("nobody", "x").get("/api/flows").statusCode()).isEqualTo(401);
  }

  @Test
  void aViewer_readsAndValidatesFlows_butCannotChangeAnything() {
    assertThat(viewer.get("/api/flows").statusCode()).isEqualTo(200);
    assertThat(viewer.get("/api/flows/schema").statusCode()).isEqualTo(200);
    assertThat(viewer.post("/api/flows/validate", "application/yaml", TestFlowsDir.OTHER_FLOW).statusCode()).isEqualTo(200);

    assertThat(viewer.post("/api/flows/reload", null, "").statusCode()).isEqualTo(403);
    assertThat(viewer.post("/api/calls", "application/json", "{}").statusCode()).isEqualTo(403);
    assertThat(viewer.post("/api/operator/anything", "application/json", "{}").statusCode()).isEqualTo(403);
  }

  @Test
  void anOperator_canDoWhatAViewerCan_andReloadAndPlaceCalls() {
    assertThat(operator.get("/api/flows").statusCode()).isEqualTo(200);
    assertThat(operator.post("/api/flows/validate", "application/yaml", TestFlowsDir.OTHER_FLOW).statusCode()).isEqualTo(200);
    assertThat(operator.post("/api/flows/reload", null, "").statusCode()).isEqualTo(200);
    // an invalid call request: refused for what it says, not for who sent it
    assertThat(operator.post("/api/calls", "application/json", "{}").statusCode()).isNotIn(401, 403).isLessThan(500);
    assertThat(operator.post("/api/operator/anything", "application/json", "{}").statusCode()).isEqualTo(404);
  }

  @Test
  void graphsSide_needsNoCredentials_andIgnoresCsrf() {
    HttpResponse<byte[]> prompt = anonymous.get("/prompts/en-US/goodbye.wav");
    assertThat(prompt.statusCode()).isEqualTo(200);
    // the prompt's own caching survives Spring Security's default no-cache headers
    assertThat(prompt.headers().firstValue("Cache-Control")).hasValueSatisfying(h -> assertThat(h).contains("max-age=3600"));
    assertThat(prompt.headers().firstValue("Pragma")).isEmpty();
    // the webhook answers for itself: Graph's JWT is missing, so 401 from the webhook, with a problem body
    HttpResponse<byte[]> webhook = anonymous.post("/callbacks/calling", "application/json", "{\"value\":[]}");
    assertThat(webhook.statusCode()).isEqualTo(401);
    assertThat(webhook.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
    assertThat(ApiHttp.json(webhook).path("detail").asText()).contains("bearer token");
  }

  @Test
  void graphsSide_passesOnlyTheFiltersItNeeds_andIgnoresOperatorCredentials() {
    List<String> webhook = filterNames("POST", "/callbacks/calling");
    List<String> prompt = filterNames("GET", "/prompts/en-US/goodbye.wav");
    List<String> browser = filterNames("GET", "/console/");
    for (List<String> graph : List.of(webhook, prompt)) {
      assertThat(graph).contains("AuthorizationFilter", "HeaderWriterFilter")
          .doesNotContain("CsrfFilter", "LogoutFilter", "BasicAuthenticationFilter", "RequestCacheAwareFilter",
              "SecurityContextHolderAwareRequestFilter");
      assertThat(graph.size()).isLessThan(browser.size());
    }
    assertThat(browser).contains("CsrfFilter", "BasicAuthenticationFilter");
    // an operator's credentials on the webhook sign nobody in: Graph's JWT is still what it wants
    HttpResponse<byte[]> response = operator.post("/callbacks/calling", "application/json", "{\"value\":[]}");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
    assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    // other methods on the webhook's path are the browser chain's: no open door
    assertThat(anonymous.get("/callbacks/calling").statusCode()).isIn(401, 405);
  }

  private List<String> filterNames(String method, String path) {
    MockHttpServletRequest request = new MockHttpServletRequest(method, path);
    request.setServletPath(path);
    return filters.getFilterChains().stream().filter(chain -> chain.matches(request)).findFirst().orElseThrow()
        .getFilters().stream().map(f -> f.getClass().getSimpleName()).toList();
  }

  @Test
  void noSessionCookie_isEverHandedOut() {
    assertThat(viewer.get("/api/flows").headers().allValues("Set-Cookie")).isEmpty();
  }
}
