package dev.ivr.emulator;

import java.util.Objects;

/**
 * An incoming call to raise: who calls, which bot (resource account) they reach, where the
 * {@code created} notification goes, what the caller does and which faults to inject.
 *
 * @param callbackUri the bot's calling webhook (https; http is accepted on loopback hosts)
 * @param callerPhone the caller's E.164 number, or null for a Teams user caller
 * @param targetApplicationInstanceId the resource account's object id; null: a generated one for a
 *     phone caller (who dials the resource account's number), and the bot's application itself
 *     ({@code identity.application}, id = the client id) for a Teams user caller
 * @param script what the caller does (null = {@link CallerScript#defaults()})
 * @param faults faults for this call (null = the global plan)
 */
public record IncomingCallSpec(
    String callbackUri,
    String callerPhone,
    String targetApplicationInstanceId,
    CallerScript script,
    FaultPlan faults) {

  public IncomingCallSpec {
    Objects.requireNonNull(callbackUri, "callbackUri");
  }

  /** A PSTN caller (+14255550100) with the default script and no per-call faults. */
  public static IncomingCallSpec to(String callbackUri) {
    return new IncomingCallSpec(callbackUri, "+14255550100", null, null, null);
  }

  public IncomingCallSpec withCallbackUri(String uri) {
    return new IncomingCallSpec(uri, callerPhone, targetApplicationInstanceId, script, faults);
  }

  /** A PSTN caller with this E.164 number. */
  public IncomingCallSpec withCallerPhone(String phone) {
    return new IncomingCallSpec(callbackUri, phone, targetApplicationInstanceId, script, faults);
  }

  /** A Teams user caller instead of a phone. */
  public IncomingCallSpec fromTeamsUser() {
    return new IncomingCallSpec(callbackUri, null, targetApplicationInstanceId, script, faults);
  }

  public IncomingCallSpec withTarget(String applicationInstanceId) {
    return new IncomingCallSpec(callbackUri, callerPhone, applicationInstanceId, script, faults);
  }

  public IncomingCallSpec withScript(CallerScript s) {
    return new IncomingCallSpec(callbackUri, callerPhone, targetApplicationInstanceId, s, faults);
  }

  public IncomingCallSpec withFaults(FaultPlan f) {
    return new IncomingCallSpec(callbackUri, callerPhone, targetApplicationInstanceId, script, f);
  }
}
