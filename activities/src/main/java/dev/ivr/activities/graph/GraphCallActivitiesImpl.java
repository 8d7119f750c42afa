package dev.ivr.activities.graph;

import com.microsoft.graph.communications.calls.item.CallItemRequestBuilder;
import com.microsoft.graph.communications.calls.item.answer.AnswerPostRequestBody;
import com.microsoft.graph.communications.calls.item.cancelmediaprocessing.CancelMediaProcessingPostRequestBody;
import com.microsoft.graph.communications.calls.item.playprompt.PlayPromptPostRequestBody;
import com.microsoft.graph.communications.calls.item.recordresponse.RecordResponsePostRequestBody;
import com.microsoft.graph.communications.calls.item.redirect.RedirectPostRequestBody;
import com.microsoft.graph.communications.calls.item.reject.RejectPostRequestBody;
import com.microsoft.graph.communications.calls.item.subscribetotone.SubscribeToTonePostRequestBody;
import com.microsoft.graph.communications.calls.item.transfer.TransferPostRequestBody;
import com.microsoft.graph.models.Call;
import com.microsoft.graph.models.CommunicationsIdentitySet;
import com.microsoft.graph.models.Identity;
import com.microsoft.graph.models.InvitationParticipantInfo;
import com.microsoft.graph.models.MediaInfo;
import com.microsoft.graph.models.MediaPrompt;
import com.microsoft.graph.models.Modality;
import com.microsoft.graph.models.ParticipantInfo;
import com.microsoft.graph.models.Prompt;
import com.microsoft.graph.models.RejectReason;
import com.microsoft.graph.models.ServiceHostedMediaConfig;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.http.middleware.options.HeadersInspectionOption;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParsableFactory;
import dev.ivr.activities.recording.RecordingUrls;
import dev.ivr.workflows.flow.MediaRef;
import dev.ivr.workflows.flow.RecordSettings;
import dev.ivr.workflows.graph.AnswerCall;
import dev.ivr.workflows.graph.CancelMediaProcessing;
import dev.ivr.workflows.graph.CreateCall;
import dev.ivr.workflows.graph.GraphCallActivities;
import dev.ivr.workflows.graph.HangUp;
import dev.ivr.workflows.graph.KeepAlive;
import dev.ivr.workflows.graph.OperationStarted;
import dev.ivr.workflows.graph.PlayPrompt;
import dev.ivr.workflows.graph.RecordResponse;
import dev.ivr.workflows.graph.RejectCall;
import dev.ivr.workflows.graph.SubscribeToTone;
import dev.ivr.workflows.graph.RedirectCall;
import dev.ivr.workflows.graph.TransferCall;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Graph calling requests of a call, one SDK request per activity attempt.
 *
 * <p>Media actions are sent with the SDK's request builders but parsed with
 * {@link CommsOperationResponse}, because the SDK's status enum loses {@code running} and
 * {@code completed}. Errors become the failure types of {@link GraphCallActivities} (see
 * {@link GraphFailureMapping}); the SDK's own retry handler is off (see {@link GraphClients}).
 */
public final class GraphCallActivitiesImpl implements GraphCallActivities {
  private static final Logger log = LoggerFactory.getLogger(GraphCallActivitiesImpl.class);
  /** A phone number in E.164 form: {@code +}, a country code and at most 15 digits in all. */
  /** Graph's limit on {@code clientContext}. */
  private static final int MAX_CLIENT_CONTEXT = 256;

  private final GraphServiceClient graph;
  private final GraphMetrics metrics;
  /** Signs the URLs of recordings played back; the same for activities and local activities. */
  private final RecordingUrls recordings;

  /** @param graph a client from {@link GraphClients#create(GraphSettings)} */
  public GraphCallActivitiesImpl(GraphServiceClient graph) {
    this(graph, new CompositeMeterRegistry());
  }

  /**
   * @param meters where Graph request latency ({@value GraphMetrics#REQUEST}) and errors
   *     ({@value GraphMetrics#ERRORS}) are recorded
   */
  public GraphCallActivitiesImpl(GraphServiceClient graph, MeterRegistry meters) {
    this(graph, meters, RecordingUrls.none());
  }

  /** @param recordings signs the URL of each recording a playPrompt plays back, when it is sent */
  public GraphCallActivitiesImpl(GraphServiceClient graph, MeterRegistry meters, RecordingUrls recordings) {
    this.graph = Objects.requireNonNull(graph, "graph");
    this.metrics = new GraphMetrics(meters);
    this.recordings = Objects.requireNonNull(recordings, "recordings");
  }

  /**
   * {@inheritDoc}
   *
   * <p>Not idempotent on Graph's side: an attempt that times out after Graph accepted the request
   * leaves a call behind, and a retry places a second one. The call id is read from the body's
   * {@code id}, else from the last segment of the {@code Location} header.
   */
  @Override
  public String createCall(CreateCall request) {
    InvitationParticipantInfo target = createTarget(request);
    if (request.callbackUri() == null || request.callbackUri().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "createCall: the callbackUri is missing (it tags the call's notifications)", BAD_REQUEST);
    }
    var call = new Call();
    call.setCallbackUri(request.callbackUri());
    if (present(request.sourceApplicationInstance())) {
      var identity = new CommunicationsIdentitySet();
      identity.setApplicationInstance(identity(request.sourceApplicationInstance()));
      var source = new ParticipantInfo();
      source.setIdentity(identity);
      call.setSource(source);
    }
    call.setTargets(new ArrayList<>(List.of(target)));
    call.setRequestedModalities(new ArrayList<>(List.of(Modality.Audio)));
    var mediaConfig = new ServiceHostedMediaConfig();
    List<MediaInfo> preFetch = new ArrayList<>();
    for (MediaRef media : request.preFetchMedia()) {
      preFetch.add(mediaInfo(media));
    }
    mediaConfig.setPreFetchMedia(preFetch);
    call.setMediaConfig(mediaConfig);
    if (present(request.tenantId())) {
      call.setTenantId(request.tenantId());
    }
    var headers = new HeadersInspectionOption(false, true);
    Call created = graphRequest("createCall", "(new call)",
        () -> graph.communications().calls().post(call, config -> config.options.add(headers)));
    String callId = created == null ? null : created.getId();
    if (!present(callId)) {
      callId = headers.getResponseHeaders().entrySet().stream()
          .filter(header -> "location".equalsIgnoreCase(header.getKey()))
          .flatMap(header -> header.getValue().stream())
          .map(GraphCallActivitiesImpl::lastPathSegment)
          .filter(GraphCallActivitiesImpl::present)
          .findFirst().orElse(null);
    }
    if (!present(callId)) {
      // Graph created a call we cannot name: retrying would place a second call.
      throw ApplicationFailure.newNonRetryableFailure(
          "createCall: Graph accepted the call but named it neither in the body nor in Location", GRAPH_UNAVAILABLE);
    }
    log.info("created call {} to a {} ({} prompt(s) to pre-fetch)", callId,
        present(request.targetPhone()) ? "phone number" : "Teams user", preFetch.size());
    return callId;
  }

  @Override
  public void answer(AnswerCall request) {
    requireCallId(request.callId());
    var mediaConfig = new ServiceHostedMediaConfig();
    List<MediaInfo> preFetch = new ArrayList<>();
    for (MediaRef media : request.preFetchMedia()) {
      preFetch.add(mediaInfo(media));
    }
    mediaConfig.setPreFetchMedia(preFetch);
    var body = new AnswerPostRequestBody();
    body.setAcceptedModalities(List.of(Modality.Audio));
    body.setMediaConfig(mediaConfig);
    if (request.callbackUri() != null && !request.callbackUri().isBlank()) {
      body.setCallbackUri(request.callbackUri());
    }
    graphRequest("answer", request.callId(), () -> {
      callItem(request.callId()).answer().post(body);
      return null;
    });
    log.info("answered call {} ({} prompt(s) to pre-fetch)", request.callId(), preFetch.size());
  }

  @Override
  public OperationStarted playPrompt(PlayPrompt request) {
    requireCallId(request.callId());
    var body = new PlayPromptPostRequestBody();
    body.setClientContext(request.clientContext());
    List<Prompt> prompts = new ArrayList<>();
    for (MediaRef media : request.prompts()) {
      // a recording's URL is signed here, at send time: the workflow only knows its location
      prompts.add(mediaPrompt(recordings.forGraph(media)));
    }
    body.setPrompts(prompts);
    OperationStarted started = graphRequest("playPrompt", request.callId(),
        () -> sendOperation(callItem(request.callId()).playPrompt().toPostRequestInformation(body)));
    log.info("playPrompt on call {} [{}]: operation {} {}", request.callId(), request.clientContext(),
        started.operationId(), started.status());
    return started;
  }

  @Override
  public OperationStarted recordResponse(RecordResponse request) {
    requireCallId(request.callId());
    RecordSettings settings = request.settings() == null ? RecordSettings.defaults() : request.settings();
    var body = new RecordResponsePostRequestBody();
    body.setClientContext(request.clientContext());
    body.setInitialSilenceTimeoutInSeconds(settings.initialSilenceTimeoutInSeconds());
    body.setMaxSilenceTimeoutInSeconds(settings.maxSilenceTimeoutInSeconds());
    body.setMaxRecordDurationInSeconds(settings.maxRecordDurationInSeconds());
    body.setPlayBeep(settings.playBeep());
    body.setBargeInAllowed(settings.bargeInAllowed());
    body.setStopTones(new ArrayList<>(settings.stopTones()));
    if (request.prompt() != null) {
      body.setPrompts(new ArrayList<>(List.of(mediaPrompt(request.prompt()))));
    }
    OperationStarted started = graphRequest("recordResponse", request.callId(),
        () -> sendOperation(callItem(request.callId()).recordResponse().toPostRequestInformation(body)));
    log.info("recordResponse on call {} [{}]: operation {} {}", request.callId(), request.clientContext(),
        started.operationId(), started.status());
    return started;
  }

  @Override
  public OperationStarted subscribeToTone(SubscribeToTone request) {
    requireCallId(request.callId());
    var body = new SubscribeToTonePostRequestBody();
    body.setClientContext(clientContext(request.clientContext()));
    OperationStarted started = graphRequest("subscribeToTone", request.callId(),
        () -> sendOperation(callItem(request.callId()).subscribeToTone().toPostRequestInformation(body)));
    log.info("subscribeToTone on call {} [{}]: operation {} {}", request.callId(), request.clientContext(),
        started.operationId(), started.status());
    return started;
  }

  @Override
  public OperationStarted cancelMediaProcessing(CancelMediaProcessing request) {
    requireCallId(request.callId());
    var body = new CancelMediaProcessingPostRequestBody();
    body.setClientContext(clientContext(request.clientContext()));
    OperationStarted started = graphRequest("cancelMediaProcessing", request.callId(),
        () -> sendOperation(callItem(request.callId()).cancelMediaProcessing().toPostRequestInformation(body)));
    log.info("cancelMediaProcessing on call {} [{}]: operation {} {}", request.callId(), request.clientContext(),
        started.operationId(), started.status());
    return started;
  }

  @Override
  public void transfer(TransferCall request) {
    requireCallId(request.callId());
    String kind = exactlyOne("transfer", request.phone(), request.user(), request.applicationInstance(),
        "phone, user or applicationInstance");
    var target = new InvitationParticipantInfo();
    target.setIdentity(targetIdentity("transfer", kind, request.phone(), request.user(), request.applicationInstance()));
    var body = new TransferPostRequestBody();
    if (present(request.replacesCallId())) {
      // consultative: the caller replaces the bot in the call it holds with the target
      target.setReplacesCallId(request.replacesCallId().trim());
      if (present(request.transfereePhone()) || present(request.transfereeUser())) {
        var transferee = new ParticipantInfo();
        var who = new CommunicationsIdentitySet();
        if (present(request.transfereePhone())) {
          who.setPhone(identity(e164("transferee", request.transfereePhone())));
        } else {
          who.setUser(identity(request.transfereeUser().trim()));
        }
        transferee.setIdentity(who);
        body.setTransferee(transferee);
      }
    }
    body.setTransferTarget(target);
    if (present(request.clientContext())) {
      // The SDK's v1.0 model has no clientContext; Graph accepts it (the PSTN transfer example sends it).
      body.getAdditionalData().put("clientContext", clientContext(request.clientContext()));
    }
    graphRequest("transfer", request.callId(), () -> {
      callItem(request.callId()).transfer().post(body);
      return null;
    });
    log.info("{} transfer of call {} [{}] to a {} accepted", present(request.replacesCallId()) ? "consultative" : "blind",
        request.callId(), request.clientContext(), describeKind(kind));
  }

  @Override
  public void redirect(RedirectCall request) {
    requireCallId(request.callId());
    String kind = exactlyOne("redirect", request.phone(), request.user(), request.applicationInstance(),
        "phone, user or applicationInstance");
    var target = new InvitationParticipantInfo();
    target.setIdentity(targetIdentity("redirect", kind, request.phone(), request.user(), request.applicationInstance()));
    var body = new RedirectPostRequestBody();
    body.setTargets(List.of(target));
    body.setTimeout(Math.max(15, Math.min(90, request.timeoutSeconds())));
    if (present(request.callbackUri())) {
      body.setCallbackUri(request.callbackUri());
    }
    graphRequest("redirect", request.callId(), () -> {
      callItem(request.callId()).redirect().post(body);
      return null;
    });
    log.info("redirect of call {} to a {} accepted", request.callId(), describeKind(kind));
  }

  private CommunicationsIdentitySet targetIdentity(String action, String kind, String phone, String user,
      String applicationInstance) {
    var identity = new CommunicationsIdentitySet();
    switch (kind) {
      case "phone" -> identity.setPhone(identity(e164(action, phone)));
      case "user" -> identity.setUser(identity(user.trim()));
      default -> identity.setApplicationInstance(identity(applicationInstance.trim()));
    }
    return identity;
  }

  private static String describeKind(String kind) {
    return kind.equals("phone") ? "phone number" : kind.equals("user") ? "Teams user" : "application instance";
  }

  @Override
  public void keepAlive(KeepAlive request) {
    requireCallId(request.callId());
    graphRequest("keepAlive", request.callId(), () -> {
      callItem(request.callId()).keepAlive().post();
      return null;
    });
    log.info("kept call {} alive", request.callId());
  }

  @Override
  public void hangUp(HangUp request) {
    requireCallId(request.callId());
    try {
      graphRequest("hangUp", request.callId(), () -> {
        callItem(request.callId()).delete();
        return null;
      });
      log.info("hung up call {}", request.callId());
    } catch (ApplicationFailure failure) {
      if (!CALL_GONE.equals(failure.getType())) {
        throw failure;
      }
      log.info("call {} was already gone when hanging up", request.callId());
    }
  }

  @Override
  public void reject(RejectCall request) {
    requireCallId(request.callId());
    var body = new RejectPostRequestBody();
    body.setReason(RejectReason.forValue(request.reason()));
    try {
      graphRequest("reject", request.callId(), () -> {
        callItem(request.callId()).reject().post(body);
        return null;
      });
      log.info("rejected call {} ({})", request.callId(), request.reason());
    } catch (ApplicationFailure failure) {
      if (!CALL_GONE.equals(failure.getType())) {
        throw failure;
      }
      log.info("call {} was already gone when rejecting it", request.callId());
    }
  }

  private CallItemRequestBuilder callItem(String callId) {
    return graph.communications().calls().byCallId(callId);
  }

  private OperationStarted sendOperation(RequestInformation request) {
    HashMap<String, ParsableFactory<? extends Parsable>> errors = new HashMap<>();
    errors.put("XXX", ODataError::createFromDiscriminatorValue);
    CommsOperationResponse response =
        graph.getRequestAdapter().send(request, errors, CommsOperationResponse::create);
    // Graph may answer with an empty body; the completion then arrives only as a notification.
    return response == null ? new OperationStarted(null, null, null) : response.toOperationStarted();
  }

  private <T> T graphRequest(String action, String callId, Supplier<T> send) {
    long started = System.nanoTime();
    try {
      T result = send.get();
      metrics.succeeded(action, System.nanoTime() - started);
      return result;
    } catch (RuntimeException e) {
      ApplicationFailure failure = GraphFailureMapping.toFailure(action, callId, e);
      metrics.failed(action, System.nanoTime() - started, GraphFailureMapping.httpStatus(e), failure.getType());
      if (CALL_GONE.equals(failure.getType())) {
        log.info("{} found call {} gone: {}", action, callId, failure.getOriginalMessage());
      } else {
        log.warn("{} failed: {} ({}{})", action, failure.getOriginalMessage(), failure.getType(),
            failure.isNonRetryable() ? ", final" : ", will be retried");
      }
      throw failure;
    }
  }

  private static MediaPrompt mediaPrompt(MediaRef media) {
    var prompt = new MediaPrompt();
    prompt.setMediaInfo(mediaInfo(media));
    return prompt;
  }

  private static MediaInfo mediaInfo(MediaRef media) {
    var info = new MediaInfo();
    info.setUri(media.uri());
    if (media.resourceId() != null && !media.resourceId().isBlank()) {
      info.setResourceId(media.resourceId());
    }
    return info;
  }

  /** The one target of an outbound call: a phone number (E.164) or a Teams user. */
  private static InvitationParticipantInfo createTarget(CreateCall request) {
    var identity = new CommunicationsIdentitySet();
    String kind = exactlyOne("createCall", request.targetPhone(), request.targetUser(), null,
        "targetPhone or targetUser");
    if (kind.equals("phone")) {
      identity.setPhone(identity(e164("createCall", request.targetPhone())));
    } else {
      identity.setUser(identity(request.targetUser().trim()));
    }
    var target = new InvitationParticipantInfo();
    target.setIdentity(identity);
    return target;
  }

  /** Which one of phone, user and applicationInstance is given; exactly one must be. */
  private static String exactlyOne(String action, String phone, String user, String applicationInstance,
      String names) {
    int given = (present(phone) ? 1 : 0) + (present(user) ? 1 : 0) + (present(applicationInstance) ? 1 : 0);
    if (given != 1) {
      throw ApplicationFailure.newNonRetryableFailure(
          action + " needs exactly one target (" + names + "), got " + given, BAD_REQUEST);
    }
    return present(phone) ? "phone" : present(user) ? "user" : "applicationInstance";
  }

  private static String e164(String action, String phone) {
    String number = phone.trim();
    if (!CreateCall.E164.matcher(number).matches()) {
      // the number itself is not echoed: it is personal data
      throw ApplicationFailure.newNonRetryableFailure(
          action + ": the phone number is not in E.164 form (+ and 2 to 15 digits)", BAD_REQUEST);
    }
    return number;
  }

  private static Identity identity(String id) {
    var identity = new Identity();
    identity.setId(id);
    return identity;
  }

  private static String clientContext(String clientContext) {
    if (clientContext != null && clientContext.length() > MAX_CLIENT_CONTEXT) {
      throw ApplicationFailure.newNonRetryableFailure(
          "clientContext is longer than Graph's " + MAX_CLIENT_CONTEXT + " characters", BAD_REQUEST);
    }
    return clientContext;
  }

  private static String lastPathSegment(String location) {
    try {
      String path = URI.create(location.trim()).getPath();
      if (path == null) {
        return null;
      }
      String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
      return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static void requireCallId(String callId) {
    if (callId == null || callId.isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure("the Graph call id is missing", BAD_REQUEST);
    }
  }
}
