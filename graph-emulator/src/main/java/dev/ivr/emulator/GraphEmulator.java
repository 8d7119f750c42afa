package dev.ivr.emulator;

import dev.ivr.emulator.admin.AdminRoutes;
import dev.ivr.emulator.admin.EmulatorAdmin;
import dev.ivr.emulator.auth.AuthRoutes;
import dev.ivr.emulator.auth.EntraSignIn;
import dev.ivr.emulator.auth.EntraTokens;
import dev.ivr.emulator.auth.NotificationSigner;
import dev.ivr.emulator.auth.TokenService;
import dev.ivr.emulator.graph.CallAdmin;
import dev.ivr.emulator.graph.GraphCalls;
import dev.ivr.emulator.http.HttpServerAdapter;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;
import dev.ivr.emulator.http.Router;
import dev.ivr.emulator.journal.RequestJournal;
import dev.ivr.emulator.media.PromptFetcher;
import dev.ivr.emulator.media.RecordingDownloadHandler;
import dev.ivr.emulator.media.RecordingStore;
import dev.ivr.emulator.notify.NotificationDispatcher;
import dev.ivr.emulator.time.EmulatedClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for the Microsoft Graph cloud-communications calling API, its Entra ID token
 * endpoint and its signed notifications. Start one with {@link #start(EmulatorConfig)}; point the
 * Graph SDK at {@link #graphBaseUrl()} and msal4j's HTTP client at {@link #baseUrl()}.
 */
public final class GraphEmulator implements EmulatorAdmin, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GraphEmulator.class);
  private static final Pattern CALL_PATH = Pattern.compile("^/v1\\.0/communications/calls/([^/]+)(/.*)?$");
  private static final Pattern RECORDING_PATH = Pattern.compile("^/recordings/([^/]+)$");

  private final EmulatorConfig config;
  private final EmulatedClock clock;
  private final RequestJournal journal = new RequestJournal();
  private final TokenService tokens;
  private final NotificationSigner signer;
  private final EntraTokens entra;
  private final EntraSignIn signIn = new EntraSignIn();
  private final NotificationDispatcher notifier;
  private final ExecutorService fetchPool;
  private final PromptFetcher prompts;
  private final RecordingStore recordings = RecordingStore.inMemory(2000);
  private final CallAdmin calls;
  private final Router router = new Router();
  private final HttpServerAdapter server;
  private final String baseUrl;

  private GraphEmulator(EmulatorConfig config) throws IOException {
    this.config = config;
    this.clock = new EmulatedClock(config.timeScale());
    this.tokens = new TokenService(config);
    this.signer = new NotificationSigner(config);
    this.notifier = new NotificationDispatcher(config, clock, signer, journal);
    this.fetchPool = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "graph-emulator-fetch");
      t.setDaemon(true);
      return t;
    });
    this.prompts = new PromptFetcher(config, fetchPool);
    String[] base = new String[1];
    GraphCalls graph = new GraphCalls(config, clock, notifier, prompts, recordings, () -> base[0]);
    this.calls = graph.admin();
    this.entra = new EntraTokens(config, tokens, () -> base[0]);
    AuthRoutes.register(router, config, tokens, entra, signIn, signer, () -> base[0]);
    graph.route(router, tokens, clock, () -> base[0] + "/v1.0");
    router.add("GET", "/recordings/{id}", new RecordingDownloadHandler(recordings, clock, calls::recordingFault));
    AdminRoutes.register(router, this);
    this.server = new HttpServerAdapter(config.host(), config.port(), config.serverThreads(), router, this::journal);
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    this.baseUrl = config.publicBaseUrl() != null ? config.publicBaseUrl() : "http://" + host + ":" + server.port();
    base[0] = baseUrl;
    log.info("Graph emulator listening on {} (time scale {})", baseUrl, config.timeScale());
  }

  /** Starts an emulator; with port 0 it picks a free port. */
  public static GraphEmulator start(EmulatorConfig config) {
    try {
      return new GraphEmulator(config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Graph emulator", e);
    }
  }

  /**
   * {@code http://127.0.0.1:<port>} (or the configured public base URL): the token endpoint, discovery,
   * recordings and admin API live here.
   */
  @Override
  public String baseUrl() {
    return baseUrl;
  }

  /**
   * The Entra ID authority operators sign in at: {@link #baseUrl()}, standing in for
   * {@code https://login.microsoftonline.com}. The tenant's endpoints are under
   * {@code <authority>/<tenant id>/}, its issuer is {@code <authority>/<tenant id>/v2.0}.
   */
  public String entraAuthority() {
    return baseUrl;
  }

  /** The Entra directory operators sign in with: the app, its users, client apps. */
  public EntraDirectory directory() {
    return config.directory();
  }

  /**
   * A delegated access token of the directory's user {@code username} for the directory's app (scope
   * {@code IVR.Access}), made as {@code variant} says: what a script holding a user's token sends.
   */
  public String accessToken(String username, EntraTokenVariant variant) {
    EntraDirectory.User user = config.directory().user(username)
        .orElseThrow(() -> new IllegalArgumentException("no user " + username + " in the directory"));
    return entra.userAccessToken(user, config.directory().app().clientId(), List.of("IVR.Access"), variant);
  }

  /** How the ID tokens of the next sign-ins are made ({@link EntraTokenVariant#VALID} by default). */
  public void signInTokenVariant(EntraTokenVariant variant) {
    signIn.idTokenVariant(variant);
  }

  /** Every sign-out at the end-session endpoint so far: whose (the ID token hint's {@code oid}) and where to. */
  public List<EntraSignOut> signOuts() {
    return signIn.signOuts();
  }

  /** {@code baseUrl() + "/v1.0"}: give this to the Graph SDK's request adapter. */
  public String graphBaseUrl() {
    return baseUrl + "/v1.0";
  }

  /** Entra's authority host stand-in: {@code baseUrl() + "/" + tenantId}. */
  public String tokenEndpoint() {
    return baseUrl + "/" + config.tenantId() + "/oauth2/v2.0/token";
  }

  /** Where the notification signing keys' OpenID configuration is served (stands in for api.aps.skype.com). */
  public String notificationOpenIdConfigurationUrl() {
    return baseUrl + "/v1/.well-known/OpenIdConfiguration";
  }

  public int port() {
    return server.port();
  }

  public EmulatorConfig config() {
    return config;
  }

  /** Raises an incoming call (same as {@code POST /admin/calls}); returns the Graph call id. */
  @Override
  public String raiseIncomingCall(IncomingCallSpec spec) {
    return calls.raiseIncoming(spec);
  }

  /** The call's state, operations, tones, recordings and end reason (same as {@code GET /admin/calls/{id}}). */
  @Override
  public CallView call(String callId) {
    return calls.view(callId);
  }

  /** Every call the emulator knows, oldest first. */
  @Override
  public List<CallView> calls() {
    return calls.views();
  }

  /** The exact WAV bytes generated for a record operation (no token needed, never expires). */
  @Override
  public byte[] recordingBytes(String callId, String operationId) {
    return calls.recordingBytes(callId, operationId)
        .orElseThrow(() -> new IllegalArgumentException("no recording for operation " + operationId));
  }

  /** The remote party presses DTMF keys, 100 ms apart. */
  public void pressKeys(String callId, String keys) {
    pressKeys(callId, keys, 0.1);
  }

  @Override
  public void pressKeys(String callId, String keys, double gapSeconds) {
    if (keys == null || !keys.toUpperCase().matches("[0-9*#A-D]+")) throw new IllegalArgumentException("keys: " + keys);
    calls.pressKeys(callId, keys, gapSeconds);
  }

  /** The remote party hangs up. */
  @Override
  public void hangUp(String callId) {
    calls.hangUp(callId);
  }

  /** Every request the bot made and every notification sent, in order. */
  @Override
  public List<JournalEntry> journal() {
    return journal.entries();
  }

  /** The journal of one call. */
  @Override
  public List<JournalEntry> journal(String callId) {
    return journal.entries(calls.canonicalId(callId));
  }

  /**
   * Heap bytes that the recordings rendered so far hold (the newest 2000 recordings are kept): a
   * benchmark that shares the emulator's JVM subtracts them from the heap it measures.
   */
  public long renderedRecordingBytes() {
    return recordings.renderedBytes();
  }

  /**
   * The bot's turnarounds on every call: for each Graph request on a call, the time since the
   * latest notification sent for that call before it (each notification counted once).
   */
  @Override
  public List<Duration> turnarounds() {
    return journal.turnarounds(null);
  }

  @Override
  public List<Duration> turnarounds(String callId) {
    return journal.turnarounds(calls.canonicalId(callId));
  }

  @Override
  public void clearJournal() {
    journal.clear();
  }

  /**
   * Waits until the call is terminated and its final ({@code deleted}) notification has been
   * delivered (or has failed, or was dropped by a fault); false on timeout.
   */
  public boolean awaitCallEnded(String callId, Duration timeout) {
    return calls.awaitEnded(callId, timeout);
  }

  /** Replaces the global fault plan (same as {@code POST /admin/faults}). */
  @Override
  public void faults(FaultPlan plan) {
    calls.globalFaults(plan);
  }

  @Override
  public FaultPlan faults() {
    return calls.globalFaults();
  }

  /** How an outbound/redirect/transfer target behaves (same as {@code POST /admin/callees}). */
  @Override
  public void registerCallee(String target, Callee callee) {
    calls.registerCallee(target, callee);
  }

  /** Rotates the notification signing key (same as {@code POST /admin/keys/rotate}); returns the new kid. */
  @Override
  public String rotateSigningKey() {
    return signer.rotate();
  }

  /** Makes following notification tokens valid, or broken in one way, to test a bot's validation. */
  @Override
  public void notificationTokenVariant(NotificationTokenVariant variant) {
    notifier.tokenVariant(variant);
  }

  /** How many times a prompt URI was downloaded (resourceId caching makes repeats free). */
  public int promptFetchCount(String uri) {
    return prompts.fetchCount(uri);
  }

  /** The media downloads of prompts and recordings played (up to the last 1,000), oldest first. */
  public List<dev.ivr.emulator.media.PromptFetcher.Fetch> promptFetches() {
    return prompts.fetches();
  }

  /** Current emulated time, seconds since start. */
  @Override
  public double emulatedNow() {
    return clock.now();
  }

  private void journal(Request req, Response resp, long endNanos) {
    String path = req.path();
    if (path.startsWith("/admin")) return;
    String callId = null;
    Matcher m = CALL_PATH.matcher(path);
    if (m.matches()) {
      callId = calls.canonicalId(m.group(1));
    } else if (path.equals("/v1.0/communications/calls") && resp.status() == 201) {
      String loc = resp.headers().get("Location");
      if (loc != null) callId = loc.substring(loc.lastIndexOf('/') + 1);
    } else {
      Matcher r = RECORDING_PATH.matcher(path);
      if (r.matches()) callId = calls.callOfRecording(r.group(1));
    }
    String body = req.bodyText();
    if (path.endsWith("/oauth2/v2.0/token") || path.endsWith("/login")) {
      // secrets, passwords, codes and their PKCE verifiers never reach the journal
      body = body.replaceAll(
          "(^|&)(client_secret|client_assertion|password|code|code_verifier|refresh_token|request)=[^&]*", "$1$2=***");
    }
    journal.add(JournalEntry.Kind.REQUEST, req.method(), path, resp.status(), body, callId,
        req.header("client-request-id"), req.receivedNanos(), endNanos);
  }

  @Override
  public void close() {
    server.close();
    notifier.close();
    fetchPool.shutdownNow();
    clock.close();
  }
}
