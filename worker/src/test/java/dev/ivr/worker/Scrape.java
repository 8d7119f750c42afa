package dev.ivr.worker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** Scrapes a metrics endpoint over real HTTP. */
final class Scrape {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Scrape() {}

  static HttpResponse<String> send(String method, String url) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody())
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Scrapes until the page shows what the test waits for (Temporal's metrics reach the registry when
   * the tally scope reports, once a second), or returns the last page after 30 s for the assertions
   * to explain.
   */
  static String until(String url, Predicate<String> ready) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String page = send("GET", url).body();
    while (!ready.test(page) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      page = send("GET", url).body();
    }
    return page;
  }

  /** The value of the first sample line that starts with {@code prefix} (a metric name and its labels). */
  static double value(String page, String name, String... labels) {
    return page.lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .filter(line -> {
          for (String label : labels) {
            if (!line.contains(label)) {
              return false;
            }
          }
          return true;
        })
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(Double.NaN);
  }
}
