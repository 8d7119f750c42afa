package dev.ivr.embedded;

import dev.ivr.activities.graph.GraphSettings;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.EntraDirectory;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.worker.WorkerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How the embedded parts point at the emulator: the development-only configuration, in one place. */
public final class EmulatorWiring {
  private EmulatorWiring() {}

  /** Worker settings that reach Graph and its token endpoint at the emulator. */
  public static WorkerSettings workerSettings(GraphEmulator emulator, String temporalTarget, Path recordingsDir) {
    EmulatorConfig graph = emulator.config();
    return new WorkerSettings(temporalTarget, "default",
        new GraphSettings(emulator.graphBaseUrl(), null, graph.tenantId(), graph.clientId(), graph.clientSecret(),
            emulator.baseUrl(), null),
        recordingsDir).withMetrics(WorkerSettings.MetricsEndpoint.loopback());
  }

  /** The development operator of the embedded api's HTTP Basic fallback (role operator); its password is new every run. */
  public static final String DEV_OPERATOR = "operator";

  /** Where Entra sends a signed-in browser back to, under the api's base URL (Spring's login endpoint). */
  public static final String SIGN_IN_REDIRECT_PATH = "/login/oauth2/code/entra";
  /** Where Entra sends the browser back to after sign-out. */
  public static final String SIGNED_OUT_PATH = "/console/signed-out";

  /** The emulator's Entra directory with the api's redirect URIs registered, as an administrator registers them. */
  public static EmulatorConfig signInAt(EmulatorConfig config, String apiBaseUrl) {
    return config.withDirectory(config.directory().withRedirectUris(
        List.of(apiBaseUrl + SIGN_IN_REDIRECT_PATH, apiBaseUrl + SIGNED_OUT_PATH)));
  }

  /**
   * What the api needs to trust the emulator: notification tokens are validated against the
   * emulator's OpenID configuration and keys, its app id and tenant; operators sign in with the
   * emulator's Entra ID (its directory's app), and bearer tokens are checked against its keys. HTTP
   * Basic stays as a development fallback, with one operator account (the api warns loudly).
   */
  public static List<String> apiArguments(GraphEmulator emulator, String operatorPassword) {
    EntraDirectory.App app = emulator.directory().app();
    return List.of(
        "--ivr.notifications.auth.openid-configuration-url=" + emulator.notificationOpenIdConfigurationUrl(),
        "--ivr.notifications.auth.audience=" + emulator.config().clientId(),
        "--ivr.notifications.auth.allowed-tenants=" + emulator.config().tenantId(),
        "--ivr.security.entra.authority=" + emulator.entraAuthority(),
        "--ivr.security.entra.tenant-id=" + emulator.config().tenantId(),
        "--ivr.security.entra.client-id=" + app.clientId(),
        "--ivr.security.entra.client-secret=" + app.clientSecret(),
        "--ivr.security.entra.groups.operator=" + EntraDirectory.OPERATORS_GROUP,
        "--ivr.security.basic=enabled-for-development",
        "--ivr.security.users." + DEV_OPERATOR + ".password={noop}" + operatorPassword,
        "--ivr.security.users." + DEV_OPERATOR + ".roles=operator");
  }

  /**
   * The client-credentials request a script sends for an access token to the api (the directory's
   * script client, scope {@code api://<app>/.default}): a {@code curl} line, and the token it gets.
   */
  public static String scriptTokenCommand(GraphEmulator emulator) {
    EntraDirectory.Client client = emulator.directory().clients().get(0);
    return "curl -s " + emulator.tokenEndpoint() + " -d grant_type=client_credentials -d client_id="
        + client.clientId() + " -d client_secret=" + client.clientSecret() + " -d scope="
        + emulator.directory().app().appIdUri() + "/.default";
  }

  static String scriptAccessToken(GraphEmulator emulator) {
    EntraDirectory.Client client = emulator.directory().clients().get(0);
    String form = "grant_type=client_credentials&client_id=" + client.clientId() + "&client_secret="
        + URLEncoder.encode(client.clientSecret(), StandardCharsets.UTF_8) + "&scope="
        + URLEncoder.encode(emulator.directory().app().appIdUri() + "/.default", StandardCharsets.UTF_8);
    try {
      HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create(emulator.tokenEndpoint())).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
      Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(answer.body());
      if (answer.statusCode() != 200 || !token.find()) {
        throw new IllegalStateException("the emulator's token endpoint answered " + answer.statusCode());
      }
      return token.group(1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A random password for the development operator. */
  public static String newPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static int freePort() {
    return LoopbackPorts.free();
  }

  /**
   * The key worker and api share to sign recording URLs: {@code IVR_MEDIA_SIGNING_KEY} (or its
   * {@code _FILE}) when given, else a new random one, good for this run only (links die with it).
   */
  public static String mediaSigningKey(java.util.Map<String, String> env) {
    String given = WorkerSettings.secret(env, dev.ivr.recordings.RecordingLinks.ENV);
    return given == null || given.isBlank() ? dev.ivr.recordings.RecordingLinks.generateKey() : given;
  }

  /** Gives an api context the signing key as {@code ivr.media.signing-key}, in memory (no argument, no file). */
  public static void shareMediaSigningKey(org.springframework.context.ConfigurableApplicationContext api, String key) {
    api.getEnvironment().getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource(
        "ivr-media-signing-key", java.util.Map.of("ivr.media.signing-key", key)));
  }
}
