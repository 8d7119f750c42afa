package dev.ivr.emulator.graph;

import dev.ivr.emulator.auth.TokenService;
import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Router;
import dev.ivr.emulator.time.EmulatedClock;
import java.util.function.Supplier;

/**
 * The Graph calling surface under {@code /v1.0}. Actions are also routed under their
 * namespace-qualified alias ({@code …/microsoft.graph.answer}), as the .NET SDK posts them.
 */
public final class GraphRoutes {

  private static final String CALLS = "/v1.0/communications/calls";
  private static final String CALL = CALLS + "/{id}";

  private GraphRoutes() {}

  public static void register(Router router, CallEngine engine, TokenService tokens, EmulatedClock clock,
      Supplier<String> graphBaseUrl) {
    GraphSurface s = new GraphSurface(tokens, engine, clock);
    router
        .add("POST", CALLS, s.wrap("create", new CreateCallHandler(engine, graphBaseUrl)))
        .add("GET", CALL, s.wrap("get", new GetCallHandler(engine)))
        .add("DELETE", CALL, s.wrap("delete", new DeleteCallHandler(engine)))
        .add("GET", CALL + "/operations/{opId}", s.wrap("getOperation", new GetOperationHandler(engine)));
    action(router, s, "answer", new AnswerHandler(engine));
    action(router, s, "reject", new RejectHandler(engine));
    action(router, s, "redirect", new RedirectHandler(engine));
    action(router, s, "transfer", new TransferHandler(engine));
    action(router, s, "keepAlive", new KeepAliveHandler(engine));
    action(router, s, "playPrompt", new PlayPromptHandler(engine, graphBaseUrl));
    action(router, s, "recordResponse", new RecordResponseHandler(engine, graphBaseUrl));
    action(router, s, "cancelMediaProcessing", new CancelMediaProcessingHandler(engine, graphBaseUrl));
    action(router, s, "subscribeToTone", new SubscribeToToneHandler(engine, graphBaseUrl));
  }

  private static void action(Router router, GraphSurface s, String name, Handler h) {
    Handler wrapped = s.wrap(name, h);
    router.add("POST", CALL + "/" + name, wrapped);
    router.add("POST", CALL + "/microsoft.graph." + name, wrapped);
  }
}
