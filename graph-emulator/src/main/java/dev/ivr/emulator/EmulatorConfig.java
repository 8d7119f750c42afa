package dev.ivr.emulator;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Immutable configuration of a {@link GraphEmulator}. Every {@code withX} returns a copy.
 *
 * <p>Emulated durations (deadlines, prompt playback, record timers, script waits) are given in
 * emulated seconds and divided by {@link #timeScale()} to get real time. Network timeouts
 * ({@link #notificationTimeout()}) and bearer-token lifetimes stay in real time.
 */
public final class EmulatorConfig {

  /** Issuer of notification JWTs as Graph uses it. */
  public static final String ISSUER_GRAPH = "https://graph.microsoft.com";
  /** Issuer of notification JWTs as the Bot Framework uses it. */
  public static final String ISSUER_BOT_FRAMEWORK = "https://api.botframework.com";

  private final V v;

  private EmulatorConfig(V v) {
    this.v = v;
  }

  /** Port 0 (random), time scale 1.0, the documented tenant and client ids. */
  public static EmulatorConfig defaults() {
    return new EmulatorConfig(new V());
  }

  private EmulatorConfig with(Consumer<V> change) {
    V copy = v.copy();
    change.accept(copy);
    return new EmulatorConfig(copy);
  }

  public EmulatorConfig withPort(int port) {
    if (port < 0 || port > 65535) throw new IllegalArgumentException("port " + port);
    return with(c -> c.port = port);
  }

  public EmulatorConfig withHost(String host) {
    return with(c -> c.host = Objects.requireNonNull(host));
  }

  /**
   * How bots reach the emulator, when that is not the address it binds to (a container bound to
   * {@code 0.0.0.0}, reached as {@code http://graph-emulator:8089}): the base of the URLs it hands out
   * (notification keys, token endpoint, recording locations). {@code null}: its own address.
   */
  public EmulatorConfig withPublicBaseUrl(String url) {
    if (url == null || url.isBlank()) return with(c -> c.publicBaseUrl = null);
    java.net.URI uri = java.net.URI.create(url.strip());
    if (!uri.isAbsolute() || uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())
        || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("publicBaseUrl must be an http(s) base URL with a host, got " + url);
    }
    String base = url.strip().replaceAll("/+$", "");
    return with(c -> c.publicBaseUrl = base);
  }

  /** Emulated seconds per real second, e.g. 20 makes a 15 s deadline take 0.75 s. */
  public EmulatorConfig withTimeScale(double timeScale) {
    if (!(timeScale > 0)) throw new IllegalArgumentException("timeScale must be > 0");
    return with(c -> c.timeScale = timeScale);
  }

  public EmulatorConfig withTenantId(String tenantId) {
    return with(c -> c.tenantId = Objects.requireNonNull(tenantId));
  }

  public EmulatorConfig withClientId(String clientId) {
    return with(c -> c.clientId = Objects.requireNonNull(clientId));
  }

  public EmulatorConfig withClientSecret(String clientSecret) {
    return with(c -> c.clientSecret = Objects.requireNonNull(clientSecret));
  }

  /** Seed for the synthetic voice, fault decisions and (with {@link #withDeterministicIds}) ids. */
  public EmulatorConfig withSeed(long seed) {
    return with(c -> c.seed = seed);
  }

  /**
   * Derive call, operation and recording ids from the seed (same requests, same ids). Off by
   * default, so that two emulators (or two runs) never hand out the same call id to one orchestrator.
   */
  public EmulatorConfig withDeterministicIds(boolean deterministic) {
    return with(c -> c.deterministicIds = deterministic);
  }

  /** {@link #ISSUER_GRAPH} (default) or {@link #ISSUER_BOT_FRAMEWORK}. */
  public EmulatorConfig withNotificationIssuer(String issuer) {
    return with(c -> c.notificationIssuer = Objects.requireNonNull(issuer));
  }

  /** How many times a non-2xx (or failed) notification POST is retried, same Message-ID. */
  public EmulatorConfig withNotificationRetries(int retries) {
    if (retries < 0) throw new IllegalArgumentException("retries");
    return with(c -> c.notificationRetries = retries);
  }

  /** Real-time limit for the bot to answer one notification POST (default 5 s). */
  public EmulatorConfig withNotificationTimeout(Duration timeout) {
    return with(c -> c.notificationTimeout = Objects.requireNonNull(timeout));
  }

  /** Emulated seconds to answer, reject or redirect an incoming call (default 15). */
  public EmulatorConfig withAnswerDeadlineSeconds(double seconds) {
    return with(c -> c.answerDeadlineSeconds = seconds);
  }

  /** Emulated seconds without a keepAlive before the call is dropped (default 2700 = 45 min). */
  public EmulatorConfig withKeepAliveTimeoutSeconds(double seconds) {
    return with(c -> c.keepAliveTimeoutSeconds = seconds);
  }

  /** Emulated seconds between establishing and established (default 0.5) [inferred]. */
  public EmulatorConfig withEstablishDelaySeconds(double seconds) {
    return with(c -> c.establishDelaySeconds = seconds);
  }

  /** Emulated seconds an outbound callee rings before answering (default 2) [inferred]. */
  public EmulatorConfig withRingSeconds(double seconds) {
    return with(c -> c.ringSeconds = seconds);
  }

  /** Emulated length of the record beep (default 0.5 s) [inferred]. */
  public EmulatorConfig withBeepSeconds(double seconds) {
    return with(c -> c.beepSeconds = seconds);
  }

  /** Emulated seconds a recording stays downloadable after its call ended (default 120) [inferred]. */
  public EmulatorConfig withRecordingRetentionSeconds(double seconds) {
    return with(c -> c.recordingRetentionSeconds = seconds);
  }

  /** Emulated lifetime of a recordingAccessToken (default 600) [inferred]. */
  public EmulatorConfig withRecordingTokenTtlSeconds(double seconds) {
    return with(c -> c.recordingTokenTtlSeconds = seconds);
  }

  /** Accept http callback and prompt URIs on loopback hosts (default true; Graph itself needs https). */
  public EmulatorConfig withLoopbackHttpAllowed(boolean allowed) {
    return with(c -> c.loopbackHttpAllowed = allowed);
  }

  /**
   * Extra host names whose plain-http callback and prompt URIs are accepted (e.g. a compose service
   * name like {@code api}); Graph itself accepts https only.
   */
  public EmulatorConfig withHttpAllowedHosts(java.util.Set<String> hosts) {
    java.util.Set<String> lower = new java.util.HashSet<>();
    for (String h : hosts) lower.add(h.toLowerCase(java.util.Locale.ROOT));
    return with(c -> c.httpAllowedHosts = java.util.Set.copyOf(lower));
  }

  /** Whether a plain-http URI on this host is accepted (loopback when allowed, or a listed host). */
  public boolean httpAllowedFor(String host) {
    if (host == null) return false;
    String h = host.toLowerCase(java.util.Locale.ROOT);
    boolean loopback = h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    return (loopback && v.loopbackHttpAllowed) || v.httpAllowedHosts.contains(h);
  }

  /** A stop tone pressed while subscribed also yields a toneInfo update (default true) [inferred]. */
  public EmulatorConfig withStopToneNotifiesToneInfo(boolean notify) {
    return with(c -> c.stopToneNotifiesToneInfo = notify);
  }

  /**
   * Caller hang-up mid-record sends no completion (default, comms-samples#376). When true, a
   * failed completion (8508-style) is sent instead.
   */
  public EmulatorConfig withRecordCompletionOnHangup(boolean send) {
    return with(c -> c.recordCompletionOnHangup = send);
  }

  /** Unsupported or unreachable prompt WAVs fail the operation (default) or, false, "complete" anyway (issue #58). */
  public EmulatorConfig withStrictPromptFormat(boolean strict) {
    return with(c -> c.strictPromptFormat = strict);
  }

  /**
   * Reject unknown body properties and wrongly typed values with 400, as OData does
   * (comms-samples#546; default true) [inferred].
   */
  public EmulatorConfig withStrictJson(boolean strict) {
    return with(c -> c.strictJson = strict);
  }

  /**
   * Subcode of the {@code terminated} notification after the bot's DELETE: 5001 "The conversation has
   * ended." (default, call-delete's example) or 7000 "ended by bot" (the end-reason table).
   */
  public EmulatorConfig withBotHangupSubcode(int subcode) {
    return with(c -> c.botHangupSubcode = subcode);
  }

  /** {@link PayloadStyle#DOCS} (default): notifications shaped like Graph's v1.0 doc examples; or {@link PayloadStyle#RICH}. */
  public EmulatorConfig withPayloadStyle(PayloadStyle style) {
    return with(c -> c.payloadStyle = Objects.requireNonNull(style));
  }

  /**
   * Call and operation ids in {@code resourceUrl} and {@code @odata.id} upper-cased without dashes
   * ({@code /communications/calls/57DAB8B1894C409AB240BD8BEAE78896}), as in the docs' examples
   * (default true); false sends them as the ids are ({@code 57dab8b1-894c-…}).
   */
  public EmulatorConfig withSquashedResourceUrlIds(boolean squashed) {
    return with(c -> c.squashedResourceUrlIds = squashed);
  }

  /**
   * How an incoming call the bot never acknowledges or answers ends: 480/10076 "callee could not be
   * reached" (default; call-delete's table and comms-samples#191), or, when true, with the Azure
   * Communication Services subcodes [inferred for Graph]: 408/8610 (no response to the notification),
   * 408/8586 (notification answered non-2xx) and 408/8587 (not answered within the deadline).
   */
  public EmulatorConfig withAcsIncomingDeadlineCodes(boolean acs) {
    return with(c -> c.acsIncomingDeadlineCodes = acs);
  }

  /** Concurrent calls per app before outbound creates answer 429 (default 100, Graph's limit) [inferred status]. */
  public EmulatorConfig withMaxConcurrentCalls(int max) {
    return with(c -> c.maxConcurrentCalls = max);
  }

  /** Fault plan applied to every call (a per-call plan replaces it). */
  public EmulatorConfig withFaults(FaultPlan faults) {
    return with(c -> c.faults = Objects.requireNonNull(faults));
  }

  /**
   * With {@code seconds > 0}, the caller's speech repeats its first {@code seconds} (rendered once)
   * instead of being synthesized sample by sample: a 2-minute recording then renders in
   * milliseconds instead of about a second of CPU. For benchmarks; 0 (the default) synthesizes all.
   */
  public EmulatorConfig withVoiceLoopSeconds(double seconds) {
    if (seconds < 0) throw new IllegalArgumentException("voiceLoopSeconds must be >= 0");
    return with(c -> c.voiceLoopSeconds = seconds);
  }

  /**
   * The Entra ID directory operators sign in with (the app, its users and client apps); default
   * {@link EntraDirectory#development()}.
   */
  public EmulatorConfig withDirectory(EntraDirectory directory) {
    return with(c -> c.directory = Objects.requireNonNull(directory));
  }

  /** Size of the HTTP server's thread pool. */
  public EmulatorConfig withServerThreads(int threads) {
    return with(c -> c.serverThreads = Math.max(2, threads));
  }

  public int port() { return v.port; }
  public String host() { return v.host; }
  /** The public base URL, or null when it is the emulator's own address. */
  public String publicBaseUrl() { return v.publicBaseUrl; }
  public double timeScale() { return v.timeScale; }
  public String tenantId() { return v.tenantId; }
  public String clientId() { return v.clientId; }
  public String clientSecret() { return v.clientSecret; }
  public long seed() { return v.seed; }
  public String notificationIssuer() { return v.notificationIssuer; }
  public int notificationRetries() { return v.notificationRetries; }
  public Duration notificationTimeout() { return v.notificationTimeout; }
  public double answerDeadlineSeconds() { return v.answerDeadlineSeconds; }
  public double keepAliveTimeoutSeconds() { return v.keepAliveTimeoutSeconds; }
  public double establishDelaySeconds() { return v.establishDelaySeconds; }
  public double ringSeconds() { return v.ringSeconds; }
  public double beepSeconds() { return v.beepSeconds; }
  public double recordingRetentionSeconds() { return v.recordingRetentionSeconds; }
  public double recordingTokenTtlSeconds() { return v.recordingTokenTtlSeconds; }
  public boolean loopbackHttpAllowed() { return v.loopbackHttpAllowed; }
  public boolean stopToneNotifiesToneInfo() { return v.stopToneNotifiesToneInfo; }
  public boolean recordCompletionOnHangup() { return v.recordCompletionOnHangup; }
  public boolean strictPromptFormat() { return v.strictPromptFormat; }
  public boolean strictJson() { return v.strictJson; }
  public int maxConcurrentCalls() { return v.maxConcurrentCalls; }
  public boolean deterministicIds() { return v.deterministicIds; }
  public java.util.Set<String> httpAllowedHosts() { return v.httpAllowedHosts; }
  public int botHangupSubcode() { return v.botHangupSubcode; }
  public PayloadStyle payloadStyle() { return v.payloadStyle; }
  public boolean squashedResourceUrlIds() { return v.squashedResourceUrlIds; }
  public boolean acsIncomingDeadlineCodes() { return v.acsIncomingDeadlineCodes; }
  public FaultPlan faults() { return v.faults; }
  public int serverThreads() { return v.serverThreads; }
  public double voiceLoopSeconds() { return v.voiceLoopSeconds; }
  public EntraDirectory directory() { return v.directory; }

  @Override
  public String toString() {
    return "EmulatorConfig[port=" + v.port + ", timeScale=" + v.timeScale + ", tenantId=" + v.tenantId
        + ", clientId=" + v.clientId + ", seed=" + v.seed + "]";
  }

  private static final class V {
    int port = 0;
    String host = "127.0.0.1";
    String publicBaseUrl = null;
    double timeScale = 1.0;
    String tenantId = "e1f2a3b4-0000-4000-8000-00000000cafe";
    String clientId = "b0760000-0000-4000-8000-000000000001";
    String clientSecret = "dev-only-secret";
    long seed = 42L;
    String notificationIssuer = ISSUER_GRAPH;
    int notificationRetries = 2;
    Duration notificationTimeout = Duration.ofSeconds(5);
    double answerDeadlineSeconds = 15;
    double keepAliveTimeoutSeconds = 45 * 60;
    double establishDelaySeconds = 0.5;
    double ringSeconds = 2;
    double beepSeconds = 0.5;
    double recordingRetentionSeconds = 120;
    double recordingTokenTtlSeconds = 600;
    boolean loopbackHttpAllowed = true;
    boolean stopToneNotifiesToneInfo = true;
    boolean recordCompletionOnHangup = false;
    boolean strictPromptFormat = true;
    FaultPlan faults = FaultPlan.none();
    int serverThreads = 16;
    double voiceLoopSeconds = 0;
    boolean strictJson = true;
    int maxConcurrentCalls = 100;
    boolean deterministicIds = false;
    java.util.Set<String> httpAllowedHosts = java.util.Set.of();
    int botHangupSubcode = 5001;
    EntraDirectory directory = EntraDirectory.development();
    PayloadStyle payloadStyle = PayloadStyle.DOCS;
    boolean squashedResourceUrlIds = true;
    boolean acsIncomingDeadlineCodes = false;

    V copy() {
      V c = new V();
      c.port = port; c.host = host; c.publicBaseUrl = publicBaseUrl; c.timeScale = timeScale; c.tenantId = tenantId;
      c.clientId = clientId; c.clientSecret = clientSecret; c.seed = seed;
      c.notificationIssuer = notificationIssuer; c.notificationRetries = notificationRetries;
      c.notificationTimeout = notificationTimeout; c.answerDeadlineSeconds = answerDeadlineSeconds;
      c.keepAliveTimeoutSeconds = keepAliveTimeoutSeconds; c.establishDelaySeconds = establishDelaySeconds;
      c.ringSeconds = ringSeconds; c.beepSeconds = beepSeconds;
      c.recordingRetentionSeconds = recordingRetentionSeconds;
      c.recordingTokenTtlSeconds = recordingTokenTtlSeconds; c.loopbackHttpAllowed = loopbackHttpAllowed;
      c.stopToneNotifiesToneInfo = stopToneNotifiesToneInfo;
      c.recordCompletionOnHangup = recordCompletionOnHangup; c.strictPromptFormat = strictPromptFormat;
      c.faults = faults; c.serverThreads = serverThreads; c.voiceLoopSeconds = voiceLoopSeconds;
      c.strictJson = strictJson; c.botHangupSubcode = botHangupSubcode;
      c.httpAllowedHosts = httpAllowedHosts; c.deterministicIds = deterministicIds;
      c.maxConcurrentCalls = maxConcurrentCalls;
      c.directory = directory;
      c.payloadStyle = payloadStyle; c.squashedResourceUrlIds = squashedResourceUrlIds;
      c.acsIncomingDeadlineCodes = acsIncomingDeadlineCodes;
      return c;
    }
  }
}
