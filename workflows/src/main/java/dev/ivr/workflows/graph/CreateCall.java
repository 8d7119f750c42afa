package dev.ivr.workflows.graph;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ivr.workflows.flow.MediaRef;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Place an outbound call ({@code POST /communications/calls}) with service-hosted media, from the
 * bot's application instance ({@code sourceApplicationInstance}, required for PSTN targets) to
 * exactly one of a phone number (E.164) or a Teams user (AAD object id). {@code callbackUri} tags
 * the call's notifications with its workflow id, because the workflow exists before Graph names
 * the call.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateCall(
    String callbackUri,
    String tenantId,
    String sourceApplicationInstance,
    String targetPhone,
    String targetUser,
    List<MediaRef> preFetchMedia) {
  /**
   * An E.164 phone number: {@code +}, a country code not starting with 0, at most 15 digits in all.
   * Graph's PSTN calls need one; the api and the Graph activity both check with this rule.
   */
  public static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

  public CreateCall {
    preFetchMedia = preFetchMedia == null ? List.of() : List.copyOf(preFetchMedia);
  }

  /** The target's phone number or user id is personal data: never printed. */
  @Override
  public String toString() {
    return "CreateCall[callbackUri=" + callbackUri + ", tenantId=" + tenantId + ", sourceApplicationInstance="
        + sourceApplicationInstance + ", target=" + (targetPhone != null ? "phone <redacted>" : "user <redacted>")
        + ", preFetchMedia=" + preFetchMedia.size() + "]";
  }
}
