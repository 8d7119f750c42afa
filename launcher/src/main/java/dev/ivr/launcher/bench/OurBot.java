package dev.ivr.launcher.bench;

import dev.ivr.launcher.EmbeddedSystem;
import dev.ivr.workflows.call.CallOutcome;
import dev.ivr.workflows.call.CallIds;
import dev.ivr.workflows.call.CallResult;
import dev.ivr.workflows.event.RecordingStored;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Our system as the benchmark's bot: the api's webhook, and the call workflow's result. */
record OurBot(EmbeddedSystem system) implements LoadStep.Bot {

  @Override
  public String callbackUri() {
    return system.endpoints().callbackUri();
  }

  @Override
  public LoadStep.Verdict verify(String callId) {
    try {
      CallResult result = system.client().newUntypedWorkflowStub(CallIds.workflowId(callId))
          .getResult(30, TimeUnit.SECONDS, CallResult.class);
      if (result.outcome() != CallOutcome.COMPLETED || result.recordings().size() != 1) {
        return new LoadStep.Verdict(false, null, null,
            "outcome " + result.outcome() + " with " + result.recordings().size() + " recordings");
      }
      RecordingStored recording = result.recordings().get(0);
      return new LoadStep.Verdict(true, Path.of(recording.location()), recording.sha256(), null);
    } catch (Exception e) {
      return new LoadStep.Verdict(false, null, null, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
