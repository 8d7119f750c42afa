package dev.ivr.bench;

import dev.ivr.emulator.EntraDirectory;
import dev.ivr.embedded.EmbeddedSystem;
import dev.ivr.embedded.temporal.TemporalChoice;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What operator authentication costs, on the embedded system (the Java test server, the emulator's
 * Entra ID, the api), one client thread over loopback: a whole console sign-in (the api's redirect,
 * Entra's authorize and form, the code redeemed for tokens, the ID token checked, the session made),
 * and one {@code GET /api/me} authenticated by a session, an Entra bearer token (RS256 signature and
 * claims checked each time) and, for comparison, HTTP Basic with a {@code {noop}} password.
 *
 * <p>{@code java -cp bench/target/ivr-bench-exec.jar -Dloader.main=dev.ivr.bench.SignInBenchmark
 * org.springframework.boot.loader.launch.PropertiesLauncher [sign-ins] [requests]}
 */
public final class SignInBenchmark {
  private static final Pattern REQUEST = Pattern.compile("name=\"request\" value=\"([^\"]+)\"");

  private SignInBenchmark() {}

  public static void main(String[] args) throws Exception {
    run(args.length > 0 ? Integer.parseInt(args[0]) : 200, args.length > 1 ? Integer.parseInt(args[1]) : 2000,
        System.out);
    System.exit(0);
  }

  /** The four series, printed as a table: sign-ins, then requests by session, bearer token and Basic. */
  static List<Percentiles> run(int signIns, int requests, PrintStream out) throws Exception {
    try (EmbeddedSystem system = EmbeddedSystem.start(EmbeddedSystem.Options.defaults()
        .withRecordingsDir(Files.createTempDirectory("ivr-bench-sign-in"))
        .withTemporal(TemporalChoice.testServer()))) {
      String api = system.endpoints().apiBaseUrl();
      EntraDirectory.User olivia = system.devUser("operator");
      List<Double> signInMillis = new ArrayList<>();
      HttpClient session = null;
      for (int i = 0; i < signIns + signIns / 10; i++) {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
        long start = System.nanoTime();
        signIn(browser, api, system.emulator().entraAuthority() + "/" + system.emulator().config().tenantId(), olivia);
        if (i >= signIns / 10) { // the first tenth warms up
          signInMillis.add((System.nanoTime() - start) / 1e6);
        }
        session = browser;
      }
      String bearer = "Bearer " + system.scriptAccessToken();
      String basic = "Basic " + Base64.getEncoder().encodeToString(
          system.operatorCredentials().getBytes(StandardCharsets.UTF_8));
      HttpClient plain = HttpClient.newHttpClient();
      Percentiles bySession = requests(session, api, null, requests);
      Percentiles byBearer = requests(plain, api, bearer, requests);
      Percentiles byBasic = requests(plain, api, basic, requests);
      out.printf("%nOperator authentication on the embedded system, one client thread, loopback (ms)%n");
      out.printf("  %-44s %6s %8s %8s %8s %8s%n", "", "n", "p50", "p90", "p99", "max");
      row(out, "console sign-in (5 hops, code + ID token)", Percentiles.of(signInMillis));
      row(out, "GET /api/me, session cookie", bySession);
      row(out, "GET /api/me, Entra bearer token", byBearer);
      row(out, "GET /api/me, HTTP Basic {noop} (development)", byBasic);
      return List.of(Percentiles.of(signInMillis), bySession, byBearer, byBasic);
    }
  }

  private static void row(PrintStream out, String what, Percentiles p) {
    out.printf("  %-44s %6d %8.2f %8.2f %8.2f %8.2f%n", what, p.count(), p.p50(), p.p90(), p.p99(), p.max());
  }

  /** The browser's hops: console → sign-in → Entra's form → credentials → the code back → console. */
  private static void signIn(HttpClient browser, String api, String tenant, EntraDirectory.User user)
      throws Exception {
    HttpResponse<String> page = follow(browser, send(browser, HttpRequest.newBuilder(URI.create(api + "/console/"))));
    Matcher request = REQUEST.matcher(page.body());
    if (!request.find()) {
      throw new IllegalStateException("no sign-in form: " + page.statusCode());
    }
    HttpResponse<String> console = follow(browser, send(browser, HttpRequest.newBuilder(URI.create(tenant + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("request=" + enc(request.group(1)) + "&username="
            + enc(user.username()) + "&password=" + enc(user.password())))));
    if (console.statusCode() != 200 || !console.uri().getPath().equals("/console/")) {
      throw new IllegalStateException("sign-in ended at " + console.uri() + " with " + console.statusCode());
    }
  }

  private static Percentiles requests(HttpClient client, String api, String authorization, int n) throws Exception {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < n + n / 10; i++) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + "/api/me"));
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      long start = System.nanoTime();
      HttpResponse<String> me = send(client, request);
      double elapsed = (System.nanoTime() - start) / 1e6;
      if (me.statusCode() != 200) {
        throw new IllegalStateException("GET /api/me answered " + me.statusCode());
      }
      if (i >= n / 10) {
        millis.add(elapsed);
      }
    }
    return Percentiles.of(millis);
  }

  private static HttpResponse<String> follow(HttpClient client, HttpResponse<String> response) throws Exception {
    for (int hops = 0; hops < 10 && response.statusCode() / 100 == 3; hops++) {
      URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
      response = send(client, HttpRequest.newBuilder(next));
    }
    return response;
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
