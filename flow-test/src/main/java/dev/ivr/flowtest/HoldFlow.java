package dev.ivr.flowtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A flows folder for long calls: the flow {@code hold-line} keeps a silent caller on hold with menus
 * that each wait out a number of 5-minute timeouts (the longest a menu may wait), then says goodbye
 * and hangs up; it is the default route. For tests and recordings of calls that last past Graph's
 * keepAlive window, which no flow test case reaches in reasonable time.
 */
public final class HoldFlow {
  public static final String FLOW_ID = "hold-line";

  private HoldFlow() {}

  /**
   * Writes {@code flows/hold-line/flow.yaml} and {@code flows/routing.yaml} under {@code work}: the
   * call waits {@code menus} × {@code timeoutsEach} × 5 minutes. Returns the api arguments that use
   * them, with the repository's prompts ({@code repositoryRoot}/flows/prompts) and the calls' time scale.
   */
  public static List<String> apiArguments(Path work, Path repositoryRoot, int menus, int timeoutsEach, double timeScale)
      throws IOException {
    Path flows = work.resolve("flows");
    Files.createDirectories(flows.resolve(FLOW_ID));
    Files.writeString(flows.resolve(FLOW_ID).resolve("flow.yaml"), yaml(menus, timeoutsEach));
    Files.writeString(flows.resolve("routing.yaml"), "default: " + FLOW_ID + "\n");
    return List.of("--ivr.flows.dir=" + flows, "--ivr.flows.routing=" + flows.resolve("routing.yaml"),
        "--ivr.prompts.dir=" + repositoryRoot.resolve("flows/prompts").toAbsolutePath(),
        "--ivr.calls.time-scale=" + timeScale);
  }

  static String yaml(int menus, int timeoutsEach) {
    List<String> nodes = new ArrayList<>();
    for (int i = 1; i <= menus; i++) {
      String next = i < menus ? "hold-" + (i + 1) : "goodbye";
      nodes.add("""
            hold-%d:
              type: menu
              greeting: main-menu-short
              choices: {"1": goodbye}
              timeoutPrompt: no-input
              timeoutSeconds: 300
              maxTimeouts: %d
              onMaxTimeouts: %s
              onMaxFailures: goodbye
              onError: goodbye
          """.formatted(i, timeoutsEach, next));
    }
    return """
        id: %s
        description: A silent caller on hold
        locales: [en-US]
        start: hold-1
        nodes:
        %s  goodbye:
            type: play
            prompts: [goodbye]
            next: end
          end:
            type: hangup
        """.formatted(FLOW_ID, String.join("", nodes));
  }
}
