package dev.ivr.embedded.temporal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A Temporal server's Prometheus page (the dev server's {@link DevServer#metricsUrl()}, a cluster
 * service's {@code PROMETHEUS_ENDPOINT}), read by tests and tools: e.g. history's
 * {@code activity_eager_execution}, one per activity handed to a worker eagerly.
 */
public final class ServerMetrics {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ServerMetrics() {}

  /** The page at {@code url}; an error names the URL and the status. */
  public static String fetch(String url) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(url + " answered " + response.statusCode());
    }
    return response.body();
  }

  /**
   * The sum of a counter's samples over all its labels, in the Prometheus text format, named with or
   * without the {@code _total} suffix; 0 when it has none (a counter shows once it first counts).
   */
  public static double sum(String page, String counter) {
    double total = 0;
    for (String line : page.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String name = line.split("[{ ]", 2)[0];
      if (name.equals(counter) || name.equals(counter + "_total")) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  /**
   * The page once {@code counter} reaches {@code atLeast}, within {@code timeout} (a server reports its
   * metrics on an interval, not at once); after that the last page, for the caller's assertion.
   */
  public static String awaitCounter(String url, String counter, double atLeast, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String page = fetch(url);
    while (sum(page, counter) < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(200);
      page = fetch(url);
    }
    return page;
  }
}
