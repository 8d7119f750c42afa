package dev.ivr.bench;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The Temporal floor as the benchmark's bot: its webhook, and its call workflow's result. */
record TemporalFloorBot(TemporalFloor floor) implements LoadStep.Bot {
  static final String SYSTEM = "temporal floor";

  @Override
  public String callbackUri() {
    return floor.callbackUri();
  }

  @Override
  public Map<String, Integer> historyShape(String callId) {
    return OurBot.shape(floor.client(), TemporalFloor.workflowId(callId));
  }

  @Override
  public LoadStep.Verdict verify(String callId) {
    try {
      TemporalFloor.Stored stored = floor.client().newUntypedWorkflowStub(TemporalFloor.workflowId(callId))
          .getResult(30, TimeUnit.SECONDS, TemporalFloor.Stored.class);
      return new LoadStep.Verdict(true, Path.of(stored.path()), stored.sha256(), null);
    } catch (Exception e) {
      return new LoadStep.Verdict(false, null, null, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
