package dev.ivr.bench;

/** The floor as the benchmark's bot. */
record FloorBot(Floor floor) implements LoadStep.Bot {

  @Override
  public String callbackUri() {
    return floor.callbackUri();
  }

  @Override
  public LoadStep.Verdict verify(String callId) {
    Floor.FloorCall call = floor.call(callId);
    if (call.error != null) {
      return new LoadStep.Verdict(false, call.stored, call.sha256, call.error);
    }
    return new LoadStep.Verdict(call.stored != null, call.stored, call.sha256,
        call.stored == null ? "no recording stored" : null);
  }
}
