package dev.ivr.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivr.api.security.ApiUsersProperties.Basic;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the api accepts as its sign-in settings at start-up, and the messages that stop it. */
class SecurityPropertiesTest {

  static final String TENANT = "e1f2a3b4-0000-4000-8000-00000000cafe";
  static final String APP = "c0a50000-0000-4000-8000-00000000c0de";

  @Test
  void basicUsers_whileBasicIsDisabled_stopTheApi_sayingHowToSignInInstead() {
    Map<String, ApiUsersProperties.User> users = Map.of("alice",
        new ApiUsersProperties.User("{noop}pw", List.of("operator")));
    assertThatThrownBy(() -> new ApiUsersProperties(null, users))
        .hasMessageContaining("ivr.security.users.alice").hasMessageContaining("Entra ID")
        .hasMessageContaining("ivr.security.basic=enabled-for-development");
    assertThat(new ApiUsersProperties(Basic.ENABLED_FOR_DEVELOPMENT, users).users()).containsOnlyKeys("alice");
  }

  @Test
  void aUserWithAnEmptyPassword_isNoUser() {
    ApiUsersProperties none = new ApiUsersProperties(Basic.DISABLED,
        Map.of("operator", new ApiUsersProperties.User("", List.of("operator"))));
    assertThat(none.users()).isEmpty();
    assertThat(none.basicEnabled()).isFalse();
  }

  @Test
  void entra_isOffWithoutAClientId_andChecksEverythingWithOne(@TempDir Path dir) throws Exception {
    assertThat(entra(null, TENANT, "s", null, null).enabled()).isFalse();
    assertThat(entra(" ", TENANT, "s", null, null).enabled()).isFalse();

    EntraProperties on = entra(APP, TENANT.toUpperCase(), "s3cret", null, null);
    assertThat(on.enabled()).isTrue();
    assertThat(on.tenantId()).isEqualTo(TENANT);
    assertThat(on.appIdUri()).isEqualTo("api://" + APP);
    assertThat(on.endpoints()).isEqualTo(new EntraEndpoints("https://login.microsoftonline.com/" + TENANT + "/v2.0",
        "https://login.microsoftonline.com/" + TENANT + "/oauth2/v2.0/authorize",
        "https://login.microsoftonline.com/" + TENANT + "/oauth2/v2.0/token",
        "https://login.microsoftonline.com/" + TENANT + "/discovery/v2.0/keys",
        "https://login.microsoftonline.com/" + TENANT + "/oauth2/v2.0/logout"));
    assertThat(on.toString()).doesNotContain("s3cret");

    assertThatThrownBy(() -> entra(APP, "contoso.onmicrosoft.com", "s", null, null))
        .hasMessageContaining("tenant-id must be a GUID");
    assertThatThrownBy(() -> entra("my-app", TENANT, "s", null, null)).hasMessageContaining("client-id must be a GUID");
    assertThatThrownBy(() -> entra(APP, TENANT, null, null, null)).hasMessageContaining("client-secret");
    assertThatThrownBy(() -> entra(APP, TENANT, "s", null, URI.create("http://login.example.com")))
        .hasMessageContaining("https");
    assertThat(entra(APP, TENANT, "s", null, URI.create("http://127.0.0.1:8089")).endpoints().issuer())
        .isEqualTo("http://127.0.0.1:8089/" + TENANT + "/v2.0");

    Path secret = Files.writeString(dir.resolve("secret"), "from-a-file\n");
    assertThat(entra(APP, TENANT, null, secret, null).clientSecret()).isEqualTo("from-a-file");
    assertThatThrownBy(() -> entra(APP, TENANT, "s", secret, null)).hasMessageContaining("use one");
    assertThatThrownBy(() -> new EntraProperties(TENANT, APP, "s", null, null, null, null,
        new EntraProperties.Groups(List.of("operators"), null), null, null)).hasMessageContaining("groups.viewer");
  }

  private static EntraProperties entra(String clientId, String tenant, String secret, Path secretFile, URI authority) {
    return new EntraProperties(tenant, clientId, secret, secretFile, authority, null, null, null, null, null);
  }
}
