package dev.ivr.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.api.support.EntraBrowser;
import dev.ivr.api.support.EntraTestSetup;
import dev.ivr.api.support.ReverseProxy;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Production's shape: the api behind an ingress, reached at {@code ivr.public-base-url} (the proxy's
 * address, where the redirect URIs are registered), seeing requests at its own address. Sign-in,
 * the console and sign-out all go through the public address, never the api's own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(ScriptedCalls.class)
@Timeout(90)
class EntraBehindAProxyTest {

  static final EntraTestSetup ENTRA = EntraTestSetup.behindAProxy();
  static final ReverseProxy PROXY = new ReverseProxy(ENTRA.publicPort, "http://127.0.0.1:" + ENTRA.apiPort);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    ENTRA.register(registry);
    registry.add("ivr.public-base-url", () -> "http://127.0.0.1:" + ENTRA.publicPort);
  }

  @AfterAll
  static void stop() {
    PROXY.close();
    ENTRA.emulator.close();
  }

  @Test
  void signIn_andSignOut_throughTheIngress_stayOnThePublicAddress() {
    EntraBrowser browser = ENTRA.browser();
    HttpResponse<String> console = browser.signIn(ENTRA.user("olivia@ivr.test"));
    assertThat(console.statusCode()).as(String.join("\n", browser.visited())).isEqualTo(200);
    assertThat(console.uri().toString()).as(String.join("\n", browser.visited())).startsWith("http://127.0.0.1:" + ENTRA.publicPort + "/console/");
    assertThat(browser.visited()).as("every hop at the api went to its public address")
        .noneMatch(hop -> hop.contains(":" + ENTRA.apiPort + "/"));
    assertThat(EntraBrowser.json(browser.get("/api/me")).path("user").asText()).isEqualTo("Olivia Operator");

    String[] csrf = browser.csrf();
    HttpResponse<String> back = browser.follow(browser.post("/logout", "application/x-www-form-urlencoded", "",
        csrf[0], csrf[1]));
    assertThat(back.uri().toString()).isEqualTo("http://127.0.0.1:" + ENTRA.publicPort + "/console/signed-out");
    assertThat(back.statusCode()).isEqualTo(200);
  }
}
