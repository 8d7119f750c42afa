package dev.ivr.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports on 127.0.0.1: a free one, or the one wanted unless another process has it. */
public final class LoopbackPorts {
  private LoopbackPorts() {}

  /** A port nothing listens on at this moment. */
  public static int free() {
    return orFree(0);
  }

  /** {@code port} if it is free on loopback, else (or for 0) any free port. */
  public static int orFree(int port) {
    if (port > 0 && bindable(port)) {
      return port;
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  /** Whether {@code port} can be bound on loopback now. */
  public static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException taken) {
      return false;
    }
  }
}
