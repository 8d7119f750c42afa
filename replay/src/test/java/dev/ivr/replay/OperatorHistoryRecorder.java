package dev.ivr.replay;

import dev.ivr.emulator.Callee;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.embedded.EmbeddedSystem;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.call.CallSnapshot;
import dev.ivr.workflows.operator.OperatorAction;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records the corpus histories of operator actions, which flow test cases cannot express: calls on
 * the embedded system (emulator, api, worker, port-bound test server) that an operator hangs up,
 * transfers or announces to mid-menu, plus a plain voicemail call, all with the current code. Run
 * on purpose only, from the repository root:
 *
 * <pre>mvn -B -o -pl replay -am verify -Dtest=OperatorHistoryRecorder -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Divr.record-operator-histories=$PWD/replay/src/test/resources/histories/operator-visibility</pre>
 */
@EnabledIfSystemProperty(named = "ivr.record-operator-histories", matches = ".+")
class OperatorHistoryRecorder {
  private static final String AGENT = "+15550100299";

  @Test
  void record(@TempDir Path dir) throws Exception {
    Path out = Path.of(System.getProperty("ivr.record-operator-histories"));
    Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    while (!Files.isRegularFile(root.resolve("flows/routing.yaml"))) {
      root = root.getParent();
    }
    Path flows = root.resolve("flows");
    Path routing = dir.resolve("routing.yaml");
    Files.writeString(routing, "default: main-menu\nroutes:\n  - {identity: voicemail-line, flow: voicemail}\n");
    System.setProperty("ivr.flows.dir", flows.toString());
    System.setProperty("ivr.prompts.dir", flows.resolve("prompts").toString());
    System.setProperty("ivr.flows.routing", routing.toString());
    System.setProperty("ivr.calls.time-scale", "10");
    try (EmbeddedSystem system = EmbeddedSystem.start(EmbeddedSystem.Options.defaults()
        .withRecordingsDir(dir.resolve("recordings")).withEmulatorTimeScale(10)
        // plain payloads, like the corpus histories it records
        .withPayloadKeys(dev.ivr.codec.PayloadKeys.NONE))) {
      system.emulator().registerCallee(AGENT, Callee.of(Callee.Outcome.ANSWER));

      String voicemail = system.emulator().raiseIncomingCall(IncomingCallSpec.to(system.endpoints().callbackUri())
          .withTarget("voicemail-line")
          .withScript(CallerScript.of(new CallerScript.WaitFor("beep"), new CallerScript.Speak(1.0),
              new CallerScript.Press("#", 0))));
      export(system, voicemail, out.resolve("voicemail-leaves-a-message.json"));

      menuCall(system, OperatorAction.hangup("alice", Instant.now().toString(), "test call"),
          out.resolve("operator-hangs-up-mid-menu.json"));
      menuCall(system, OperatorAction.transfer("bob", Instant.now().toString(), "billing", AGENT, OperatorAction.PHONE),
          out.resolve("operator-transfers-mid-menu.json"));
      menuCall(system, OperatorAction.announce("carol", Instant.now().toString(), null, "transferring"),
          out.resolve("operator-announces-mid-menu.json"));
    } finally {
      for (String name : new String[] {"ivr.flows.dir", "ivr.prompts.dir", "ivr.flows.routing", "ivr.calls.time-scale"}) {
        System.clearProperty(name);
      }
    }
  }

  /** A main-menu caller who listens and presses nothing; the operator acts once the menu plays. */
  private static void menuCall(EmbeddedSystem system, OperatorAction action, Path file) throws Exception {
    String callId = system.emulator().raiseIncomingCall(IncomingCallSpec.to(system.endpoints().callbackUri())
        .withScript(CallerScript.of(new CallerScript.Wait(60))));
    WorkflowStub call = awaitStub(system, callId);
    awaitSnapshot(call, s -> "menu".equals(s.currentNode()));
    Thread.sleep(100);
    call.signal(CallIds.OPERATOR_ACTION_SIGNAL, action);
    export(system, callId, file);
  }

  private static void export(EmbeddedSystem system, String callId, Path file) throws Exception {
    CallResult result = awaitStub(system, callId).getResult(60, TimeUnit.SECONDS, CallResult.class);
    HistoryExport.exportTo(system.client(), CallIds.workflowId(callId), file);
    System.out.println(file.getFileName() + ": " + result.outcome() + " " + result.path().stream()
        .map(s -> s.nodeId() + "=" + s.outcome()).toList());
  }

  private static WorkflowStub awaitStub(EmbeddedSystem system, String callId) throws InterruptedException {
    while (true) {
      WorkflowStub stub = system.client().newUntypedWorkflowStub(CallIds.workflowId(callId));
      try {
        stub.describe();
        return stub;
      } catch (WorkflowNotFoundException notYet) {
        Thread.sleep(20);
      }
    }
  }

  private static void awaitSnapshot(WorkflowStub call, Predicate<CallSnapshot> condition) throws InterruptedException {
    while (!condition.test(call.query("snapshot", CallSnapshot.class))) {
      Thread.sleep(20);
    }
  }
}
