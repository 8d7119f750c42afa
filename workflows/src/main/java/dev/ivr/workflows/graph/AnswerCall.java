package dev.ivr.workflows.graph;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.ivr.workflows.flow.MediaRef;
import java.util.List;

/**
 * Answer a call with {@code serviceHostedMediaConfig}, asking Graph to pre-fetch these prompts and to
 * send the call's notifications to {@code callbackUri}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AnswerCall(String callId, String callbackUri, List<MediaRef> preFetchMedia) {
  public AnswerCall {
    preFetchMedia = preFetchMedia == null ? List.of() : List.copyOf(preFetchMedia);
  }
}
