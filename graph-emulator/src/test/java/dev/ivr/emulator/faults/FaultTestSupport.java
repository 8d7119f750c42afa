package dev.ivr.emulator.faults;

import dev.ivr.emulator.BotEndpoint;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.FaultPlan;
import dev.ivr.emulator.GraphEmulator;
import dev.ivr.emulator.GraphHttp;
import dev.ivr.emulator.IncomingCallSpec;
import org.junit.jupiter.api.AfterEach;

/** Each fault test raises calls with a per-call fault plan on its own emulator. */
public abstract class FaultTestSupport {

  public final BotEndpoint bot = BotEndpoint.start();
  public final GraphEmulator emulator = GraphEmulator.start(EmulatorConfig.defaults().withTimeScale(20));
  public final GraphHttp http = new GraphHttp(emulator);

  @AfterEach
  public void closeAll() {
    emulator.close();
    bot.close();
  }

  public String raise(FaultPlan faults, CallerScript script) {
    String id = emulator.raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()).withScript(script).withFaults(faults));
    bot.awaitIncoming();
    return id;
  }

  public String established(FaultPlan faults, CallerScript script) {
    String id = raise(faults, script);
    var r = http.post("/communications/calls/" + id + "/answer", GraphHttp.answerBody());
    if (r.statusCode() != 202) throw new AssertionError(r.body());
    bot.await(i -> i.isFor(id) && "established".equalsIgnoreCase(i.state()), java.time.Duration.ofSeconds(10));
    return id;
  }
}
