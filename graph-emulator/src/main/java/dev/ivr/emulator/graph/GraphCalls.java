package dev.ivr.emulator.graph;

import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.auth.TokenService;
import dev.ivr.emulator.http.Router;
import dev.ivr.emulator.media.PromptFetcher;
import dev.ivr.emulator.media.RecordingStore;
import dev.ivr.emulator.notify.Delivery;
import dev.ivr.emulator.notify.NotificationDispatcher;
import dev.ivr.emulator.time.EmulatedClock;
import java.util.function.Supplier;

/**
 * The Graph calling emulation, wired: the calls ({@link CallRegistry}), their lifecycle
 * ({@link CallEngine}), outbound placement ({@link OutboundCalls}), media ({@link MediaRequests},
 * {@link MediaEngine}), the routes under {@code /v1.0}, and the admin and test operations
 * ({@link CallAdmin}) that {@code GraphEmulator} offers.
 */
public final class GraphCalls {

  private final CallRegistry calls;
  private final CallEngine lifecycle;
  private final OutboundCalls outbound;
  private final MediaRequests mediaRequests;
  private final CallAdmin admin;

  public GraphCalls(EmulatorConfig config, EmulatedClock clock, NotificationDispatcher notifier, PromptFetcher prompts,
      RecordingStore recordings, Supplier<String> baseUrl) {
    Ids ids = new Ids(config.seed(), config.deterministicIds());
    MediaEngine.Notifier send =
        (c, item) -> notifier.send(new Delivery(c.id, c.callChainId, c.tenantId, c.callbackUri, c.dice), item);
    Callees callees = new Callees();
    Notifications notifications = new Notifications(config);
    MediaEngine media = new MediaEngine(config, clock, prompts, recordings, ids, baseUrl, send, notifications);
    this.calls = new CallRegistry(config);
    this.lifecycle = new CallEngine(config, clock, recordings, ids, calls, callees, media, send, notifications);
    this.outbound = new OutboundCalls(config, clock, ids, calls, callees, media, lifecycle);
    this.mediaRequests = new MediaRequests(config, clock, ids, calls, media);
    this.admin = new CallAdmin(clock, calls, callees, lifecycle, media, recordings);
    notifier.onCallbackMoved((callId, uri) -> clock.execute(() -> {
      Call c = calls.get(callId);
      if (c != null) c.callbackUri = uri;
    }));
  }

  /** The admin and test operations on calls. */
  public CallAdmin admin() {
    return admin;
  }

  /** Routes the Graph calling surface under {@code /v1.0}. */
  public void route(Router router, TokenService tokens, EmulatedClock clock, Supplier<String> graphBaseUrl) {
    GraphRoutes.register(router, new GraphSurface(tokens, calls, clock), lifecycle, outbound, mediaRequests, graphBaseUrl);
  }
}
