package dev.ivr.replay;

import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.embedded.EmbeddedSystem;
import dev.ivr.flowtest.HoldFlow;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallResult;
import io.temporal.client.WorkflowNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records the corpus history of a call that takes the {@code graph-keep-alive} change and sends a
 * keepAlive: a caller on hold for 20 minutes (a menu that waits out four 5-minute timeouts), which
 * flow test cases cannot express in reasonable time. On the embedded system, 60 times faster. Run on
 * purpose only, from the repository root:
 *
 * <pre>mvn -B -o -pl replay -am verify -Dtest=KeepAliveHistoryRecorder -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Divr.record-keep-alive-history=$PWD/replay/src/test/resources/histories/keep-alive/twenty-minutes-on-hold.json</pre>
 */
@EnabledIfSystemProperty(named = "ivr.record-keep-alive-history", matches = ".+")
class KeepAliveHistoryRecorder {
  private static final double TIME_SCALE = 60;
  @Test
  void record(@TempDir Path dir) throws Exception {
    Path out = Path.of(System.getProperty("ivr.record-keep-alive-history"));
    Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    while (!Files.isRegularFile(root.resolve("flows/routing.yaml"))) {
      root = root.getParent();
    }
    // one menu that waits out four 5-minute timeouts: 20 minutes, one keepAlive
    try (EmbeddedSystem system = EmbeddedSystem.start(EmbeddedSystem.Options.defaults()
        .withRecordingsDir(dir.resolve("recordings")).withEmulatorTimeScale(TIME_SCALE)
        .withEmulatorConfig(c -> c.withAnswerDeadlineSeconds(10 * TIME_SCALE))
        .withApiArguments(HoldFlow.apiArguments(dir, root, 1, 4, TIME_SCALE)))) {
      String callId = system.emulator().raiseIncomingCall(IncomingCallSpec.to(system.endpoints().callbackUri())
          .withScript(CallerScript.silent()));
      CallResult result = null;
      while (result == null) {
        try {
          result = system.client().newUntypedWorkflowStub(CallIds.workflowId(callId))
              .getResult(120, TimeUnit.SECONDS, CallResult.class);
        } catch (WorkflowNotFoundException notYet) {
          Thread.sleep(20);
        }
      }
      long keepAlives = system.emulator().journal(callId).stream()
          .filter(e -> e.isRequest() && e.path().endsWith("/keepAlive")).count();
      if (keepAlives == 0) {
        throw new AssertionError("the call sent no keepAlive: nothing to record");
      }
      Files.createDirectories(out.getParent());
      HistoryExport.exportTo(system.client(), CallIds.workflowId(callId), out);
      System.out.println(out.getFileName() + ": " + result.outcome() + ", " + keepAlives + " keepAlive(s), "
          + result.path().stream().map(s -> s.nodeId() + "=" + s.outcome()).toList());
    }
  }
}
