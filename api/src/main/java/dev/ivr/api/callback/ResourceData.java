package dev.ivr.api.callback;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A notification's {@code resourceData}: the fields we use of Graph's {@code call} and of its
 * {@code commsOperation}s (playPromptOperation, recordOperation…), in one record. One record rather
 * than a type hierarchy because Graph does not always send {@code @odata.type} (a bare deleted call,
 * a partial {@code established}); what the entity is follows from {@code resourceUrl} instead.
 *
 * <p>Enum-like values (state, direction, status) stay strings, normalised by the mapper, so an
 * unexpected value is carried, not rejected. {@code recordingAccessToken} is a secret and is
 * redacted from {@link #toString()}; {@code source} and {@code targets} may hold phone numbers.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResourceData(
    @JsonProperty("@odata.type") String odataType,
    String id,
    // call
    String state,
    String direction,
    String tenantId,
    String callChainId,
    ParticipantInfo source,
    List<ParticipantInfo> targets,
    ToneInfo toneInfo,
    MediaState mediaState,
    // call and commsOperation
    ResultInfo resultInfo,
    String terminationReason,
    // commsOperation
    String clientContext,
    String status,
    String completionReason,
    String recordingLocation,
    String recordingAccessToken) {

  public ResourceData {
    targets = targets == null ? List.of() : targets.stream().filter(t -> t != null).toList();
  }

  @Override
  public String toString() {
    return "ResourceData[@odata.type=" + odataType + ", id=" + id + ", state=" + state + ", status=" + status
        + ", clientContext=" + clientContext + ", resultInfo=" + resultInfo + ", terminationReason=" + terminationReason
        + ", toneInfo=" + toneInfo
        + ", recordingAccessToken=" + (recordingAccessToken == null ? "null" : "<redacted>") + "]";
  }

  /** Graph's {@code participantInfo} / {@code invitationParticipantInfo}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ParticipantInfo(String id, IdentitySet identity) {}

  /**
   * Graph's {@code identitySet}: a caller is a {@code user} or, over PSTN, a {@code phone}; the bot
   * is an {@code application} or an {@code applicationInstance}. Without Calls.* permissions the
   * source arrives as {@code encrypted}.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record IdentitySet(
      Identity user,
      Identity phone,
      Identity guest,
      Identity application,
      Identity applicationInstance,
      Identity device,
      Identity encrypted) {}

  /** Graph's {@code identity}. {@code id} of a phone identity is an E.164 number: personal data. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Identity(String id, String displayName, String tenantId) {
    @Override
    public String toString() {
      return "Identity[<redacted>]";
    }
  }

  /** Graph's {@code toneInfo}: one DTMF press; {@code sequenceId} increases per call from 1. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ToneInfo(Long sequenceId, String tone) {}

  /** Graph's {@code mediaState}: whether the call's audio is active. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record MediaState(String audio) {}

  /**
   * Graph's {@code resultInfo}. Code and subcode arrive as numbers or as strings ("200"), and the
   * subcode once as {@code subCode}; both are accepted.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ResultInfo(Integer code, @JsonAlias("subCode") Integer subcode, String message) {}
}
