package dev.ivr.embedded.temporal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the pinned Temporal CLI, whose {@code server start-dev} is the project's default Temporal.
 * {@code IVR_TEMPORAL_CLI} names one explicitly; otherwise {@code deploy/temporal/install-cli.sh}
 * (found from the working directory up) decides: a {@code temporal} on PATH at the pinned minor
 * version, the one built earlier into {@code .tools/}, or a fresh build from its Go module.
 */
public final class TemporalCli {
  /** The environment variable that names a CLI binary to use as it is. */
  public static final String ENV = "IVR_TEMPORAL_CLI";
  static final String INSTALL_SCRIPT = "deploy/temporal/install-cli.sh";

  private TemporalCli() {}

  /** Why the CLI cannot be used here: the install script's own words (no Go, a failed build…). */
  public static final class UnavailableException extends RuntimeException {
    UnavailableException(String message) {
      super(message);
    }
  }

  /**
   * The CLI to run, installing it if it is missing ({@code install}); progress of a build goes to this
   * process's stderr.
   *
   * @throws UnavailableException with the cause when it cannot be installed
   */
  public static Path locate(boolean install) {
    String explicit = System.getenv(ENV);
    if (explicit != null && !explicit.isBlank()) {
      Path cli = Path.of(explicit);
      if (!Files.isExecutable(cli)) {
        throw new UnavailableException(ENV + "=" + explicit + " is not an executable file");
      }
      return cli;
    }
    Path script = repositoryRoot().map(root -> root.resolve(INSTALL_SCRIPT)).orElseThrow(() ->
        new UnavailableException("cannot find " + INSTALL_SCRIPT + " from " + Path.of("").toAbsolutePath()
            + ": run from the repository, or set " + ENV + " to a temporal " + "CLI binary"));
    List<String> command = install ? List.of("bash", script.toString()) : List.of("bash", script.toString(), "--check");
    try {
      Process process = new ProcessBuilder(command)
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      int status = process.waitFor();
      String last = out.isEmpty() ? "" : out.substring(out.lastIndexOf('\n') + 1).trim();
      if (status != 0 || last.isEmpty() || !Files.isExecutable(Path.of(last))) {
        throw new UnavailableException("the Temporal CLI is not available (" + INSTALL_SCRIPT + " exit " + status
            + "; its message is above)");
      }
      return Path.of(last);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while installing the Temporal CLI");
    }
  }

  /** The nearest directory, from the working directory up, that holds the install script. */
  public static Optional<Path> repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(INSTALL_SCRIPT))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }
}
