package dev.ivr.launcher.temporal;

import dev.ivr.launcher.EmbeddedSystem;
import dev.ivr.launcher.browser.HeadlessChromium;
import java.net.URI;
import java.time.Duration;

/**
 * What a viewer or operator does once so that the dev server's Web UI shows decoded payloads: sign in to
 * the api in the same browser (HTTP Basic, which the browser then remembers for the api's origin), and
 * in the UI's own codec setting ({@code localStorage}: what its "Codec Server" dialog saves) point at the
 * api's codec server with "include cross-origin credentials". The dev server's {@code --ui-codec-endpoint}
 * alone cannot ask for credentials (UI 2.42.1 takes {@code includeCredentials} from its configuration
 * file, which the CLI does not write), so without this the codec server answers 401 and the UI shows
 * ciphertext under "Codec Server could not connect".
 */
final class WebUiCodec {
  private WebUiCodec() {}

  static void signIn(HeadlessChromium browser, EmbeddedSystem system, String user, String password,
      Duration timeout) throws Exception {
    URI api = URI.create(system.endpoints().apiBaseUrl());
    browser.navigate("http://" + user + ":" + password + "@" + api.getHost() + ":" + api.getPort() + "/console/");
    browser.await("the console", "document.readyState === 'complete' && location.pathname.startsWith('/console')",
        timeout);
    browser.navigate(system.endpoints().webUiUrl() + "/namespaces/default/workflows");
    browser.await("the Web UI", "document.readyState === 'complete'", timeout);
    browser.evaluate("localStorage.setItem('endpoint', JSON.stringify('" + system.endpoints().apiBaseUrl()
        + "/codec')); localStorage.setItem('includeCredentials', 'true');"
        + " localStorage.setItem('overrideRemoteCodecConfiguration', 'true'); true");
  }
}
