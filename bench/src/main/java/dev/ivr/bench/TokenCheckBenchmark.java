package dev.ivr.bench;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ivr.api.callback.NotificationAuthenticator;
import dev.ivr.api.callback.token.GraphNotificationTokens;
import dev.ivr.api.callback.token.NotificationAuthProperties;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * What the webhook's check of Graph's notification token costs, one thread, in process: RS256
 * signature and claims for every notification (the token cache off, or a token never seen before),
 * against a token Graph sends again (the cache on). CPU time of the checking thread and wall time
 * per check, after a warm-up of the same size.
 *
 * <p>{@code java -cp bench/target/ivr-bench-exec.jar -Dloader.main=dev.ivr.bench.TokenCheckBenchmark
 * org.springframework.boot.loader.launch.PropertiesLauncher [checks]}
 */
public final class TokenCheckBenchmark {
  private static final String APP = "b0760000-0000-4000-8000-000000000001";
  private static final String TENANT = "e1f2a3b4-0000-4000-8000-00000000cafe";

  private TokenCheckBenchmark() {}

  public static void main(String[] args) throws Exception {
    run(args.length > 0 ? Integer.parseInt(args[0]) : 5_000, System.out);
  }

  record Row(String series, double cpuMicrosPerCheck, Percentiles wallMicros) {}

  static List<Row> run(int checks, PrintStream out) throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
    List<String> fresh = new ArrayList<>();
    for (int i = 0; i < checks * 2; i++) {
      fresh.add(sign(key, Instant.now().plusSeconds(3600 + i)));
    }
    String again = fresh.get(0);
    List<Row> rows = List.of(
        measure("cache off: every token verified", tokens(key, 0), fresh, checks),
        measure("cache on, a new token each time (a miss)", tokens(key, 10_000), fresh, checks),
        measure("cache on, the same token again (a hit)", tokens(key, 10_000), List.of(again), checks));
    out.printf("%-44s %10s %10s %10s %10s%n", "series (" + checks + " checks each)", "CPU µs", "p50 µs", "p99 µs",
        "max µs");
    for (Row r : rows) {
      out.printf("%-44s %10.1f %10.1f %10.1f %10.1f%n", r.series(), r.cpuMicrosPerCheck(), r.wallMicros().p50(),
          r.wallMicros().p99(), r.wallMicros().max());
    }
    return rows;
  }

  private static Row measure(String series, NotificationAuthenticator tokens, List<String> pool, int checks) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < checks; i++) { // warm-up (the first half of the fresh tokens)
      check(tokens, pool.get(i % pool.size()));
    }
    List<Double> wall = new ArrayList<>(checks);
    long cpuStart = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < checks; i++) {
      String token = pool.get(pool.size() == 1 ? 0 : checks + i);
      long start = System.nanoTime();
      check(tokens, token);
      wall.add((System.nanoTime() - start) / 1e3);
    }
    double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e3 / checks;
    return new Row(series, cpu, Percentiles.of(wall));
  }

  private static void check(NotificationAuthenticator tokens, String token) {
    if (!tokens.authenticate("Bearer " + token).accepted()) {
      throw new IllegalStateException("a genuine token was refused");
    }
  }

  private static NotificationAuthenticator tokens(RSAKey key, int cacheSize) {
    NotificationAuthProperties properties = new NotificationAuthProperties(NotificationAuthProperties.Mode.VALIDATE,
        URI.create("https://keys.invalid/v1/.well-known/OpenIdConfiguration"), List.of("https://graph.microsoft.com"),
        APP, List.of(TENANT), Duration.ofSeconds(60), Duration.ofHours(2), Duration.ofSeconds(30), cacheSize,
        Duration.ofMinutes(5));
    return new GraphNotificationTokens(properties, new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())), Clock.systemUTC());
  }

  private static String sign(RSAKey key, Instant expires) throws Exception {
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("https://graph.microsoft.com").audience(APP)
        .issueTime(new Date()).expirationTime(Date.from(expires)).claim("tid", TENANT).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }
}
