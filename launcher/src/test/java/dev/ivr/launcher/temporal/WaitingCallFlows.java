package dev.ivr.embedded.temporal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A flows folder for tests that need calls to wait where they can be looked at, or broken, for a while:
 * the example {@code main-menu} with a 5-minute menu timeout (the longest a flow may have; reached by
 * calling {@link #MENU_TARGET}), the example {@code account-lookup} with a 30 s http timeout against a
 * CRM the test runs ({@link #LOOKUP_TARGET}), and the example {@code voicemail} as the default route.
 * Prompts come from the repository's {@code flows/prompts}.
 */
final class WaitingCallFlows {
  static final String MENU_TARGET = "waiting-main-menu";
  static final String LOOKUP_TARGET = "waiting-account-lookup";

  private WaitingCallFlows() {}

  /** Writes the folder under {@code work} and returns the api arguments that use it (no CRM: no lookup route). */
  static List<String> apiArguments(Path work) throws IOException {
    return apiArguments(work, null);
  }

  /** The same, with {@link #LOOKUP_TARGET} routed to account-lookup, its CRM at {@code crmBaseUrl}. */
  static List<String> apiArguments(Path work, String crmBaseUrl) throws IOException {
    Path flows = work.resolve("flows");
    copy(flows, "main-menu", "timeoutSeconds: 5\n", "timeoutSeconds: 300\n");
    copy(flows, "voicemail", null, null);
    List<String> routes = new ArrayList<>(List.of("  - {identity: \"" + MENU_TARGET + "\", flow: main-menu}"));
    if (crmBaseUrl != null) {
      copy(flows, "account-lookup", "timeoutSeconds: 3\n", "timeoutSeconds: 30\n");
      routes.add("  - {identity: \"" + LOOKUP_TARGET + "\", flow: account-lookup, variables: {crmBaseUrl: \""
          + crmBaseUrl + "\"}}");
    }
    Files.writeString(flows.resolve("routing.yaml"), "default: voicemail\nroutes:\n" + String.join("\n", routes) + "\n");
    return List.of("--ivr.flows.dir=" + flows, "--ivr.flows.routing=" + flows.resolve("routing.yaml"),
        "--ivr.prompts.dir=" + Path.of("flows/prompts").toAbsolutePath());
  }

  /** Waits until the call {@code workflowId} runs node {@code node} (its CurrentNode search attribute). */
  static void awaitNode(io.temporal.client.WorkflowClient client, String workflowId, String node)
      throws InterruptedException {
    dev.ivr.launcher.browser.HeadlessChromium.awaitCondition(workflowId + " at node " + node, () -> {
      try {
        return node.equals(client.newUntypedWorkflowStub(workflowId).describe().getTypedSearchAttributes()
            .get(dev.ivr.workflows.visibility.CallSearchAttributes.CURRENT_NODE));
      } catch (io.temporal.client.WorkflowNotFoundException notStartedYet) {
        return false;
      }
    }, java.time.Duration.ofSeconds(60));
  }

  private static void copy(Path flows, String flow, String from, String to) throws IOException {
    String yaml = Files.readString(Path.of("flows", flow, "flow.yaml"));
    if (from != null) {
      if (!yaml.contains(from)) {
        throw new IllegalStateException("flows/" + flow + "/flow.yaml changed: it no longer has '" + from.trim() + "'");
      }
      yaml = yaml.replace(from, to);
    }
    Files.createDirectories(flows.resolve(flow));
    Files.writeString(flows.resolve(flow).resolve("flow.yaml"), yaml);
  }
}
