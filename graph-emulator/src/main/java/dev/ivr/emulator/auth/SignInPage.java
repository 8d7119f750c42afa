package dev.ivr.emulator.auth;

import dev.ivr.emulator.http.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The emulator's Entra ID pages, as plain HTML: the sign-in form, the error page that Entra shows
 * instead of redirecting (unknown app, unregistered redirect URI), the {@code form_post} response and
 * the signed-out page. Every value is HTML-escaped; none is cached or framed.
 */
final class SignInPage {

  private SignInPage() {}

  static Response form(String tenant, String pendingId, String appName, String username, String error) {
    String alert = error == null ? "" : "<p id=\"error\" role=\"alert\">" + esc(error) + "</p>\n";
    return page(200, "Sign in to your account", """
        <h1>Sign in</h1>
        <p>to <b id="app">%s</b> (Entra ID emulator, tenant %s)</p>
        %s<form method="post" action="/%s/login">
          <input type="hidden" name="request" value="%s">
          <label for="username">Email or username</label>
          <input id="username" name="username" type="text" autocomplete="username" value="%s" autofocus>
          <label for="password">Password</label>
          <input id="password" name="password" type="password" autocomplete="current-password">
          <button id="sign-in" type="submit">Sign in</button>
        </form>""".formatted(esc(appName), esc(tenant), alert, esc(tenant), esc(pendingId),
        esc(username == null ? "" : username)));
  }

  /** Entra's error page: the request is refused here, never sent back to a redirect URI it cannot trust. */
  static Response error(int status, int aadsts, String description) {
    return page(status, "Sign in: error", """
        <h1>Sorry, but we're having trouble signing you in.</h1>
        <p id="error" role="alert">AADSTS%d: %s</p>
        <p>Request Id: %s<br>Timestamp: %s</p>""".formatted(aadsts, esc(description), UUID.randomUUID(),
        Instant.now()));
  }

  /** {@code response_mode=form_post}: the browser posts the parameters to the redirect URI at once. */
  static Response formPost(String redirectUri, Map<String, String> fields) {
    StringBuilder inputs = new StringBuilder();
    fields.forEach((k, v) -> {
      if (v != null) {
        inputs.append("<input type=\"hidden\" name=\"").append(esc(k)).append("\" value=\"").append(esc(v)).append("\">");
      }
    });
    return page(200, "Working...", """
        <form id="post" method="post" action="%s">%s<noscript><button type="submit">Continue</button></noscript></form>
        <script>document.getElementById('post').submit();</script>""".formatted(esc(redirectUri), inputs));
  }

  static Response signedOut() {
    return page(200, "Signed out", "<h1>You signed out of your account</h1>\n<p>It's a good idea to close all browser windows.</p>");
  }

  private static Response page(int status, String title, String body) {
    String html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>%s</title>
        <style>body{font-family:sans-serif;max-width:28em;margin:3em auto}label,input,button{display:block;margin:.4em 0}
        input{width:100%%;padding:.4em}#error{color:#a4262c}</style></head>
        <body><main>
        %s
        </main></body></html>
        """.formatted(esc(title), body);
    return Response.bytes(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), false)
        .withHeader("Cache-Control", "no-store, no-cache")
        .withHeader("Pragma", "no-cache")
        .withHeader("X-Frame-Options", "DENY");
  }

  static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
