package dev.ivr.workflows.call;

import dev.ivr.workflows.event.IncomingCall;
import dev.ivr.workflows.flow.Flow;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who called whom, as the flow variables {@value Flow#CALLER} and {@value Flow#CALLED}: maps with the
 * keys {@code kind} ({@code phone}, {@code user}, {@code applicationInstance}, {@code application},
 * {@code guest}, … or {@code unknown}), {@code id}, {@code phone}, {@code userId},
 * {@code applicationInstance}, {@code application} and {@code tenantId}, each a string (empty when
 * Graph did not say), so that {@code caller.phone} never fails in CEL.
 *
 * <p>An incoming call's parties come from its notification (the caller's source identity, the
 * bot's target identity); an outbound call's caller is the bot's {@code sourceApplicationInstance}
 * and whom it rings is the called party. They are personal data, treated as phone numbers are:
 * always redacted in results, queries and the console, never in search attributes, logs or metrics.
 */
public final class CallParties {
  private CallParties() {}

  /** {@code caller} and {@code called} of the call, in that order. */
  public static Map<String, Object> of(CallInput input) {
    Map<String, Object> parties = new LinkedHashMap<>();
    IncomingCall incoming = input.incomingCall();
    OutboundTarget outbound = input.outbound();
    if (input.isOutgoing() && outbound != null) {
      parties.put(Flow.CALLER, party("applicationInstance", outbound.sourceApplicationInstance(), input.tenantId()));
      parties.put(Flow.CALLED, outbound.phone() != null && !outbound.phone().isBlank()
          ? party("phone", outbound.phone(), null)
          : party("user", outbound.user(), input.tenantId()));
    } else if (incoming != null) {
      parties.put(Flow.CALLER, party(incoming.callerKind(), incoming.callerId(), incoming.tenantId()));
      parties.put(Flow.CALLED, party(incoming.targetKind(), incoming.targetId(), incoming.tenantId()));
    } else {
      parties.put(Flow.CALLER, party(null, null, null));
      parties.put(Flow.CALLED, party(null, null, null));
    }
    return parties;
  }

  private static Map<String, Object> party(String kind, String id, String tenantId) {
    String k = kind == null || kind.isBlank() ? "unknown" : kind;
    String value = id == null ? "" : id;
    Map<String, Object> party = new LinkedHashMap<>();
    party.put("kind", k);
    party.put("id", value);
    party.put("phone", "phone".equals(k) ? value : "");
    party.put("userId", "user".equals(k) ? value : "");
    party.put("applicationInstance", "applicationInstance".equals(k) ? value : "");
    party.put("application", "application".equals(k) ? value : "");
    party.put("tenantId", tenantId == null ? "" : tenantId);
    return party;
  }
}
