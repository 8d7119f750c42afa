package dev.ivr.activities.graph;

import com.microsoft.graph.communications.calls.item.CallItemRequestBuilder;
import com.microsoft.graph.communications.calls.item.answer.AnswerPostRequestBody;
import com.microsoft.graph.communications.calls.item.playprompt.PlayPromptPostRequestBody;
import com.microsoft.graph.communications.calls.item.recordresponse.RecordResponsePostRequestBody;
import com.microsoft.graph.models.MediaInfo;
import com.microsoft.graph.models.MediaPrompt;
import com.microsoft.graph.models.Modality;
import com.microsoft.graph.models.Prompt;
import com.microsoft.graph.models.ServiceHostedMediaConfig;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParsableFactory;
import dev.ivr.workflows.flow.MediaRef;
import dev.ivr.workflows.flow.RecordSettings;
import dev.ivr.workflows.graph.AnswerCall;
import dev.ivr.workflows.graph.GraphCallActivities;
import dev.ivr.workflows.graph.HangUp;
import dev.ivr.workflows.graph.OperationStarted;
import dev.ivr.workflows.graph.PlayPrompt;
import dev.ivr.workflows.graph.RecordResponse;
import io.temporal.failure.ApplicationFailure;
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

  private final GraphServiceClient graph;

  /** @param graph a client from {@link GraphClients#create(GraphSettings)} */
  public GraphCallActivitiesImpl(GraphServiceClient graph) {
    this.graph = Objects.requireNonNull(graph, "graph");
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
      prompts.add(mediaPrompt(media));
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

  private static <T> T graphRequest(String action, String callId, Supplier<T> send) {
    try {
      return send.get();
    } catch (RuntimeException e) {
      ApplicationFailure failure = GraphFailureMapping.toFailure(action, callId, e);
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

  private static void requireCallId(String callId) {
    if (callId == null || callId.isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure("the Graph call id is missing", BAD_REQUEST);
    }
  }
}
