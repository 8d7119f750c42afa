package dev.ivr.emulator;

import java.util.List;

/**
 * A snapshot of one call as the emulator sees it (also {@code GET /admin/calls/{id}}).
 *
 * @param id the Graph call id
 * @param callChainId the call chain id
 * @param state the Graph call state ({@code incoming}, {@code establishing}, ... {@code terminated})
 * @param direction {@code incoming} or {@code outgoing}
 * @param callbackUri where the call's notifications currently go
 * @param toneSubscribed whether subscribeToTone was called
 * @param endCode the end resultInfo code, null while the call is alive
 * @param endSubcode the end resultInfo subcode, null while the call is alive
 * @param endMessage the end resultInfo message, null while the call is alive
 * @param operations every operation, in creation order
 * @param tones every DTMF key the remote party pressed
 * @param recordings every recording generated
 */
public record CallView(
    String id,
    String callChainId,
    String state,
    String direction,
    String callbackUri,
    boolean toneSubscribed,
    Integer endCode,
    Integer endSubcode,
    String endMessage,
    List<OperationView> operations,
    List<ToneView> tones,
    List<RecordingView> recordings) {

  public CallView {
    operations = List.copyOf(operations);
    tones = List.copyOf(tones);
    recordings = List.copyOf(recordings);
  }

  public boolean ended() {
    return "terminated".equals(state);
  }

  /** The operation with this id, or null. */
  public OperationView operation(String operationId) {
    return operations.stream().filter(o -> o.id().equals(operationId)).findFirst().orElse(null);
  }

  /**
   * One media or control operation.
   *
   * @param id operation id
   * @param type {@code playPrompt}, {@code recordResponse}, {@code cancelMediaProcessing} or {@code subscribeToTone}
   * @param status {@code notStarted}, {@code running}, {@code completed} or {@code failed}
   * @param clientContext the bot's clientContext
   * @param code resultInfo code once finished
   * @param subcode resultInfo subcode once finished
   * @param completionReason the record completionReason once finished
   * @param recordingLocation the recording URL of a completed record operation
   * @param notified whether a completion notification was (or will be) sent
   */
  public record OperationView(
      String id, String type, String status, String clientContext, Integer code, Integer subcode,
      String completionReason, String recordingLocation, boolean notified) {}

  /**
   * One DTMF key press of the remote party.
   *
   * @param tone the Graph tone name ({@code tone1}, {@code pound}, ...)
   * @param atSeconds emulated seconds since the call was raised
   * @param sequenceId the toneInfo sequenceId delivered, 0 when not delivered (not subscribed)
   */
  public record ToneView(String tone, double atSeconds, long sequenceId) {}

  /**
   * One generated recording.
   *
   * @param operationId the record operation
   * @param recordingId the id in {@code recordingLocation}
   * @param bytes size of the WAV file
   * @param durationSeconds length of the audio (emulated seconds)
   */
  public record RecordingView(String operationId, String recordingId, int bytes, double durationSeconds) {}
}
