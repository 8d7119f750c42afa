package dev.ivr.api.callback;

import dev.ivr.api.CallProperties;
import dev.ivr.api.PublicUrls;
import dev.ivr.api.flow.CallFlows;
import dev.ivr.workflows.call.CallInput;
import dev.ivr.workflows.event.CallStateChanged;
import dev.ivr.workflows.event.GraphEvent;
import org.springframework.stereotype.Component;

/**
 * The input of a new incoming call's workflow: the Graph call, this webhook as its callbackUri,
 * and the flow the routing table picks for the called identity (the target application instance,
 * application or phone number; the default flow otherwise), with its subflows, prompts and the
 * route's initial variables, and the timeouts ({@code ivr.calls.time-scale}).
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
    CallFlows.PinnedFlow pinned = flows.forCalledIdentity(calledIdentity(notification), urls.baseUrl());
    return new CallInput(
        notification.callId(),
        notification.tenantId() != null ? notification.tenantId() : tokenTenant,
        notification.direction(),
        urls.resolve(properties.path()),
        pinned.flow(),
        pinned.subflows(),
        pinned.prompts(),
        pinned.variables(),
        calls.timeouts());
  }

  /** Whom the caller called: the incoming event's target identity, or null when Graph did not say. */
  static String calledIdentity(MappedNotification notification) {
    for (GraphEvent event : notification.events()) {
      if (event instanceof CallStateChanged changed && changed.incoming() != null) {
        return changed.incoming().targetId();
      }
    }
    return null;
  }
}
