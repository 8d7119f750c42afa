package dev.ivr.emulator;

import org.junit.jupiter.api.AfterEach;

/** Each fault test raises calls with a per-call fault plan on its own emulator. */
abstract class FaultTestSupport {

  final BotEndpoint bot = IncomingCallNotificationTest.newBot();
  final GraphEmulator emulator = GraphEmulator.start(EmulatorConfig.defaults().withTimeScale(20));
  final GraphHttp http = new GraphHttp(emulator);

  @AfterEach
  void closeAll() {
    emulator.close();
    bot.close();
  }

  String raise(FaultPlan faults, CallerScript script) {
    String id = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()).withScript(script).withFaults(faults));
    bot.awaitIncoming();
    return id;
  }

  String established(FaultPlan faults, CallerScript script) {
    String id = raise(faults, script);
    var r = http.post("/communications/calls/" + id + "/answer", GraphHttp.answerBody());
    if (r.statusCode() != 202) throw new AssertionError(r.body());
    bot.await(i -> id.equals(i.callId()) && "established".equalsIgnoreCase(i.state()), java.time.Duration.ofSeconds(10));
    return id;
  }
}
