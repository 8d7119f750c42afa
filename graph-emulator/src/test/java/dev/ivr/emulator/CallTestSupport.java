package dev.ivr.emulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Shared set-up: an emulator at 20x and a bot endpoint. */
public abstract class CallTestSupport {

  @RegisterExtension
  public static GraphEmulatorExtension graph = new GraphEmulatorExtension(EmulatorConfig.defaults().withTimeScale(20));

  public final BotEndpoint bot = BotEndpoint.start();

  @AfterEach
  public void closeBot() {
    bot.close();
  }

  public GraphEmulator emulator() {
    return graph.emulator();
  }

  public GraphHttp http() {
    return new GraphHttp(graph.emulator());
  }

  public String raise(CallerScript script) {
    String id = emulator().raiseIncomingCall(IncomingCallSpec.to(bot.callbackUri()).withScript(script));
    bot.awaitIncoming();
    return id;
  }

  public String established(CallerScript script) {
    String id = raise(script);
    GraphHttp.answerAndEstablish(http(), bot, id);
    return id;
  }

  public String post(String callId, String action, String body, int expectedStatus) {
    var r = http().post("/communications/calls/" + callId + "/" + action, body);
    if (r.statusCode() != expectedStatus) {
      throw new AssertionError(action + ": expected " + expectedStatus + " but was " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  public String opId(String responseBody) {
    return GraphHttp.json(responseBody).get("id").asText();
  }
}
