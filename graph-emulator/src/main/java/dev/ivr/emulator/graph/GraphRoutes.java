package dev.ivr.emulator.graph;

import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Router;
import java.util.function.Supplier;

/**
 * The Graph calling surface under {@code /v1.0}. Actions are also routed under their
 * namespace-qualified alias ({@code …/microsoft.graph.answer}), as the .NET SDK posts them.
 */
final class GraphRoutes {

  private static final String CALLS = "/v1.0/communications/calls";
  private static final String CALL = CALLS + "/{id}";

  private GraphRoutes() {}

  static void register(Router router, GraphSurface s, CallEngine engine, OutboundCalls outbound, MediaRequests media,
      Supplier<String> graphBaseUrl) {
    router
        .add("POST", CALLS, s.wrap("create", new CreateCallHandler(outbound, graphBaseUrl)))
        .add("GET", CALL, s.wrap("get", new GetCallHandler(engine)))
        .add("DELETE", CALL, s.wrap("delete", new DeleteCallHandler(engine)))
        .add("GET", CALL + "/operations/{opId}", s.wrap("getOperation", new GetOperationHandler(media)));
    action(router, s, "answer", new AnswerHandler(engine));
    action(router, s, "reject", new RejectHandler(engine));
    action(router, s, "redirect", new RedirectHandler(engine));
    action(router, s, "transfer", new TransferHandler(engine));
    action(router, s, "keepAlive", new KeepAliveHandler(engine));
    action(router, s, "playPrompt", new PlayPromptHandler(media, graphBaseUrl));
    action(router, s, "recordResponse", new RecordResponseHandler(media, graphBaseUrl));
    action(router, s, "cancelMediaProcessing", new CancelMediaProcessingHandler(media, graphBaseUrl));
    action(router, s, "subscribeToTone", new SubscribeToToneHandler(media, graphBaseUrl));
  }

  private static void action(Router router, GraphSurface s, String name, Handler h) {
    Handler wrapped = s.wrap(name, h);
    router.add("POST", CALL + "/" + name, wrapped);
    router.add("POST", CALL + "/microsoft.graph." + name, wrapped);
  }
}
