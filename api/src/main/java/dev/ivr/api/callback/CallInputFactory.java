package dev.ivr.api.callback;

import dev.ivr.api.CallProperties;
import dev.ivr.api.PublicUrls;
import dev.ivr.api.flow.CallFlows;
import dev.ivr.api.temporal.CallWorkflows;
import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.event.CallStateChanged;
import dev.ivr.workflows.event.GraphEvent;
import dev.ivr.workflows.event.IncomingCall;
import org.springframework.stereotype.Component;

/**
 * The input of a new incoming call's workflow: the Graph call, this webhook as its callbackUri,
 * and the flow the routing table picks for the called identity (the target application instance,
 * application or phone number; the default flow otherwise), with its subflows, prompts and the
 * route's initial variables, the timeouts ({@code ivr.calls.time-scale}), and who called whom (the
 * flow's {@code caller} and {@code called}). A split alias picks by the call's workflow id, the same
 * whichever form of Graph's id a notification spells.
 */
@Component
class CallInputFactory {

  private final CallFlows flows;
  private final PublicUrls urls;
  private final CallbackProperties properties;
  private final CallProperties calls;

  CallInputFactory(CallFlows flows, PublicUrls urls, CallbackProperties properties, CallProperties calls) {
    this.flows = flows;
    this.urls = urls;
    this.properties = properties;
    this.calls = calls;
  }

  /** The input of a new incoming call; its tenant is the notification's, else {@code tokenTenant}. */
  CallInput incoming(MappedNotification notification, String tokenTenant) {
    return input(notification, tokenTenant, flows.forCalledIdentity(calledIdentity(notification),
        CallWorkflows.workflowIdOf(notification.callId()), urls.baseUrl()));
  }

  /** The input of a new incoming call that runs the busy flow {@code busyFlow}; null when it is unknown. */
  CallInput busy(MappedNotification notification, String tokenTenant, String busyFlow) {
    return flows.named(busyFlow, CallWorkflows.workflowIdOf(notification.callId()), urls.baseUrl()).map(pinned -> input(notification, tokenTenant, pinned)).orElse(null);
  }

  private CallInput input(MappedNotification notification, String tokenTenant, CallFlows.PinnedFlow pinned) {
    return new CallInput(
        guidForm(notification.callId()),
        notification.tenantId() != null ? notification.tenantId() : tokenTenant,
        notification.direction(),
        urls.resolve(properties.path()),
        pinned.flow(),
        pinned.subflows(),
        pinned.prompts(),
        pinned.variables(),
        calls.timeouts()).withIncomingCall(incomingCall(notification))
        .withSplit(pinned.split());
  }

  /**
   * The call id in the GUID form of Graph's bodies ({@code 57dab8b1-894c-409a-b240-bd8beae78896}) when
   * the notification only spelled it as its {@code resourceUrl} does, upper case without dashes
   * ({@code 57DAB8B1894C409AB240BD8BEAE78896}, the docs' incoming call has no {@code resourceData.id}):
   * operators find the call by the same id whichever form Graph sent, and Graph accepts both. Any
   * other id is kept as sent.
   */
  static String guidForm(String callId) {
    if (callId == null || !callId.matches("[0-9a-fA-F]{32}")) {
      return callId;
    }
    String id = callId.toLowerCase(java.util.Locale.ROOT);
    return id.substring(0, 8) + "-" + id.substring(8, 12) + "-" + id.substring(12, 16) + "-" + id.substring(16, 20)
        + "-" + id.substring(20);
  }

  /** Whom the caller called: the incoming event's target identity, or null when Graph did not say. */
  static String calledIdentity(MappedNotification notification) {
    IncomingCall incoming = incomingCall(notification);
    return incoming == null ? null : incoming.targetId();
  }

  /** Who called whom (the flow's {@code caller} and {@code called}), or null when Graph did not say. */
  static IncomingCall incomingCall(MappedNotification notification) {
    for (GraphEvent event : notification.events()) {
      if (event instanceof CallStateChanged changed && changed.incoming() != null) {
        return changed.incoming();
      }
    }
    return null;
  }
}
