package dev.ivr.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A flows directory of a test's own, so that it can edit and reload flows: the shipped voicemail
 * flow and its prompts, a second flow {@code other}, and a routing table that sends calls to the
 * sample notifications' application instance to {@code other} (with the initial variable
 * {@code vip: true}) and everything else to voicemail.
 */
public final class TestFlowsDir {

  /** The called application instance of {@code notifications/incoming-phone.json}. */
  public static final String ROUTED_APP_INSTANCE = "a87c2f57-0aa2-4e35-b1ba-e1e8b0f1f1c1";

  public static final String OTHER_FLOW =
      "id: other\nstart: bye\nnodes:\n  bye: {type: play, prompts: [goodbye], next: end}\n  end: {type: hangup}\n";

  private TestFlowsDir() {}

  public static Path create() {
    try {
      Path root = Files.createTempDirectory("ivr-flows-");
      Path flows = root.resolve("flows");
      copy(Path.of("../flows/voicemail/flow.yaml"), flows.resolve("voicemail/flow.yaml"));
      write(flows.resolve("other/flow.yaml"), OTHER_FLOW);
      write(flows.resolve("routing.yaml"), "default: voicemail\naliases:\n  goodbye-only: other\nroutes:\n"
          + "  - identity: \"" + ROUTED_APP_INSTANCE + "\"\n    flow: goodbye-only\n    variables: {vip: true}\n");
      for (String key : new String[] {"voicemail-greeting", "goodbye"}) {
        copy(Path.of("../flows/prompts/en-US/" + key + ".wav"), flows.resolve("prompts/en-US/" + key + ".wav"));
      }
      return flows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
  }
}
