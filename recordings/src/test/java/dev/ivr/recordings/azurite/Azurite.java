package dev.ivr.recordings.azurite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Azurite blob server for tests, installed from npm on first use into a git-ignored directory
 * ({@code .ci/tools/azurite} of the repository, or {@code IVR_AZURITE_DIR}), started with {@code node}
 * directly so that the process held here is the server itself, on a free loopback port, in memory.
 */
public final class Azurite implements AutoCloseable {
  public static final String VERSION = "3.35.0";
  /** Azurite's documented development account; its key is public and serves only the local emulator. */
  private static final String ACCOUNT = "devstoreaccount1";
  private static final String KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
  private static final Logger log = LoggerFactory.getLogger(Azurite.class);

  private final Process process;
  private final int port;

  private Azurite(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public String connectionString() {
    return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY
        + ";BlobEndpoint=" + blobEndpoint() + ";";
  }

  public String blobEndpoint() {
    return "http://127.0.0.1:" + port + "/" + ACCOUNT;
  }

  public long pid() {
    return process.pid();
  }

  /** Installs Azurite if needed and starts it. */
  public static Azurite start() {
    Path dir = installDirectory();
    Path server = install(dir);
    try {
      Path work = Files.createTempDirectory("azurite");
      int port = freePort();
      long started = System.nanoTime();
      Process process = new ProcessBuilder(node(), server.toString(), "--blobHost", "127.0.0.1",
          "--blobPort", String.valueOf(port), "--skipApiVersionCheck", "--disableTelemetry", "--inMemoryPersistence")
          .directory(work.toFile())
          .redirectErrorStream(true)
          .redirectOutput(work.resolve("azurite.log").toFile())
          .start();
      Azurite azurite = new Azurite(process, port);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!listening(port)) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          azurite.close();
          throw new IllegalStateException("Azurite did not start on port " + port + "; its log: "
              + Files.readString(work.resolve("azurite.log")));
        }
        Thread.sleep(50);
      }
      log.info("Azurite {} listening on port {} after {} ms (pid {})", VERSION, port,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), process.pid());
      return azurite;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Azurite", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting Azurite", e);
    }
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** {@code IVR_AZURITE_DIR}, else {@code .ci/tools/azurite} of the enclosing repository. */
  static Path installDirectory() {
    String configured = System.getenv("IVR_AZURITE_DIR");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve(".ci")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir.resolve(".ci/tools/azurite");
      }
    }
    return Path.of("target/azurite").toAbsolutePath();
  }

  /** The azurite-blob script, installed with npm unless the pinned version is already there. */
  static Path install(Path dir) {
    Path server = dir.resolve("node_modules/.bin/azurite-blob");
    Path packageJson = dir.resolve("node_modules/azurite/package.json");
    try {
      Files.createDirectories(dir);
      try (FileChannel lockFile = FileChannel.open(dir.resolve(".install.lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
        if (Files.isRegularFile(server) && Files.readString(packageJson).contains("\"version\": \"" + VERSION + "\"")) {
          return server;
        }
        String npm = executable("npm");
        long started = System.nanoTime();
        log.info("installing azurite@{} into {} (once)", VERSION, dir);
        Path output = Files.createTempFile("npm-install", ".log");
        Process install = new ProcessBuilder(npm, "install", "--no-save", "--no-package-lock", "--no-audit",
            "--no-fund", "azurite@" + VERSION, "--prefix", dir.toString())
            .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!install.waitFor(10, TimeUnit.MINUTES) || install.exitValue() != 0 || !Files.isRegularFile(server)) {
          install.destroyForcibly();
          throw new IllegalStateException("npm install azurite@" + VERSION + " into " + dir + " failed: "
              + Files.readString(output));
        }
        log.info("installed azurite@{} in {} ms", VERSION, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return server;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install Azurite into " + dir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while installing Azurite", e);
    }
  }

  private static String node() {
    return executable("node");
  }

  /** The command if it runs; otherwise a failure that says what to install. */
  private static String executable(String command) {
    try {
      Process probe = new ProcessBuilder(List.of(command, "--version")).redirectErrorStream(true).start();
      probe.getInputStream().readAllBytes();
      if (probe.waitFor() == 0) {
        return command;
      }
    } catch (IOException e) {
      // reported below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new IllegalStateException("the Azure Blob Storage tests run Azurite " + VERSION + " and need Node.js 20 "
        + "and npm on the PATH ('" + command + "' was not found): install them (Debian: apt-get install nodejs npm) "
        + "and run the build again");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
