package dev.ivr.workflows.visibility;

import dev.ivr.workflows.call.CallInput;

/**
 * The static summary and details of a call workflow, set by whoever starts it (the webhook for an
 * incoming call, the REST api for an outbound one): the Web UI shows them in the workflow list and
 * on the call's page. Markdown, and never a phone number or a variable: only ids and the flow.
 */
public final class CallMetadata {
  private CallMetadata() {}

  /** One line: {@code incoming call · main-menu v3}. */
  public static String staticSummary(CallInput input) {
    return input.direction() + " call · " + input.flow().id() + " " + input.flow().version();
  }

  /** A few markdown lines: call id, flow and version, subflows, direction, tenant. */
  public static String staticDetails(CallInput input) {
    StringBuilder md = new StringBuilder()
        .append("**Call** `").append(input.callId()).append("`\n")
        .append("**Flow** `").append(input.flow().id()).append("` version `").append(input.flow().version())
        .append("`\n");
    if (!input.subflows().isEmpty()) {
      md.append("**Subflows** ");
      input.subflows().forEach((id, flow) -> md.append('`').append(id).append("` ").append(flow.version()).append(' '));
      md.append('\n');
    }
    return md.append("**Direction** ").append(input.direction()).append(" · **Tenant** `").append(input.tenantId())
        .append("`\n").toString();
  }
}
