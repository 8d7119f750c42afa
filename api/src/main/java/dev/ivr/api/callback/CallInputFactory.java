package dev.ivr.api.callback;

import dev.ivr.api.PublicUrls;
import dev.ivr.api.flow.IncomingCallFlow;
import dev.ivr.workflows.call.CallInput;
import org.springframework.stereotype.Component;

/**
 * The input of a new call's workflow: the Graph call, this webhook as its callbackUri, and the
 * incoming-call flow with its prompts as media that Graph fetches from this api.
 */
@Component
class CallInputFactory {

  private final IncomingCallFlow flow;
  private final PublicUrls urls;
  private final CallbackProperties properties;

  CallInputFactory(IncomingCallFlow flow, PublicUrls urls, CallbackProperties properties) {
    this.flow = flow;
    this.urls = urls;
    this.properties = properties;
  }

  CallInput incoming(MappedNotification notification) {
    return new CallInput(
        notification.callId(),
        notification.tenantId(),
        notification.direction(),
        urls.resolve(properties.path()),
        flow.flow(),
        flow.prompts(urls.baseUrl()),
        null);
  }
}
