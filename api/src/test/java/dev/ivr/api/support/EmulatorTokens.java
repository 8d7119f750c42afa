package dev.ivr.api.support;

import com.sun.net.httpserver.HttpServer;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.emulator.NotificationTokenVariant;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Notification tokens signed by the Graph emulator, for tests that post their own notification
 * bodies: raises an incoming call at a tiny capturing endpoint and keeps the {@code Authorization}
 * header of its {@code created} notification. Valid tokens last an hour, so each variant is fetched
 * once. The JWKS that verifies them is the emulator's.
 */
public final class EmulatorTokens implements AutoCloseable {

  private static final long WAIT_MILLIS = 30_000;

  private final GraphEmulator emulator;
  private final HttpServer capture;
  private final List<String[]> seen = new CopyOnWriteArrayList<>();
  private final Map<NotificationTokenVariant, String> tokens = new EnumMap<>(NotificationTokenVariant.class);

  public EmulatorTokens(GraphEmulator emulator) {
    this.emulator = emulator;
    try {
      capture = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    capture.createContext("/", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        seen.add(new String[] {body, authorization == null ? "" : authorization});
      }
      exchange.sendResponseHeaders(202, -1);
      exchange.close();
    });
    capture.start();
  }

  /** The whole {@code Authorization} header value ({@code Bearer …}), or null for {@link NotificationTokenVariant#NONE}. */
  public synchronized String authorization(NotificationTokenVariant variant) {
    if (variant == NotificationTokenVariant.NONE) {
      return null;
    }
    return tokens.computeIfAbsent(variant, this::capture);
  }

  /** A valid {@code Authorization} header value. */
  public String valid() {
    return authorization(NotificationTokenVariant.VALID);
  }

  private String capture(NotificationTokenVariant variant) {
    emulator.notificationTokenVariant(variant);
    try {
      String callId = emulator.raiseIncomingCall(
          IncomingCallSpec.to("http://127.0.0.1:" + capture.getAddress().getPort() + "/capture"));
      // the resourceUrl names the call as Graph's docs do: upper case, no dashes
      String squashed = callId.replace("-", "").toUpperCase(java.util.Locale.ROOT);
      long deadline = System.currentTimeMillis() + WAIT_MILLIS;
      while (System.currentTimeMillis() < deadline) {
        for (String[] entry : seen) {
          if ((entry[0].contains(callId) || entry[0].contains(squashed)) && entry[0].contains("\"created\"")) {
            return entry[1];
          }
        }
        Thread.sleep(10);
      }
      throw new IllegalStateException("the emulator sent no notification for " + callId);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      emulator.notificationTokenVariant(NotificationTokenVariant.VALID);
    }
  }

  @Override
  public void close() {
    capture.stop(0);
  }
}
