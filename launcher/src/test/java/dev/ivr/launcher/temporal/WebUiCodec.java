package dev.ivr.embedded.temporal;

import dev.ivr.embedded.EmbeddedSystem;
import dev.ivr.launcher.browser.HeadlessChromium;
import dev.ivr.emulator.EntraDirectory;
import java.time.Duration;

/**
 * What a viewer or operator does once so that the dev server's Web UI shows decoded payloads: sign in to
 * the api's console in the same browser (Entra ID, here the emulator's sign-in form; the session cookie
 * then rides on the Web UI's codec calls), and in the UI's own codec setting ({@code localStorage}: what
 * its "Codec Server" dialog saves) point at the api's codec server with "include cross-origin
 * credentials". The dev server's {@code --ui-codec-endpoint} alone cannot ask for credentials (UI 2.42.1
 * takes {@code includeCredentials} from its configuration file, which the CLI does not write), so without
 * this the codec server answers 401 and the UI shows ciphertext under "Codec Server could not connect".
 */
final class WebUiCodec {
  private WebUiCodec() {}

  /** Signs in as the development user of {@code role} ({@code viewer} or {@code operator}). */
  static void signIn(HeadlessChromium browser, EmbeddedSystem system, String role, Duration timeout) throws Exception {
    EntraDirectory.User user = system.devUser(role);
    String console = system.endpoints().apiBaseUrl() + "/console/";
    browser.navigate(console);
    browser.await("Entra's sign-in form", "document.querySelector('#username') && document.querySelector('#password')",
        timeout);
    browser.evaluate("document.querySelector('#username').value = " + JSON.writeValueAsString(user.username()) + ";"
        + " document.querySelector('#password').value = " + JSON.writeValueAsString(user.password()) + ";"
        + " document.querySelector('#sign-in').click(); true");
    browser.await("the console, signed in as " + user.displayName(),
        "window.consoleReady && document.querySelector('#who').textContent.startsWith("
            + JSON.writeValueAsString(user.displayName()) + ")", timeout);
    browser.navigate(system.endpoints().webUiUrl() + "/namespaces/default/workflows");
    browser.await("the Web UI", "document.readyState === 'complete'", timeout);
    browser.evaluate("localStorage.setItem('endpoint', JSON.stringify('" + system.endpoints().apiBaseUrl()
        + "/codec')); localStorage.setItem('includeCredentials', 'true');"
        + " localStorage.setItem('overrideRemoteCodecConfiguration', 'true'); true");
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
}
