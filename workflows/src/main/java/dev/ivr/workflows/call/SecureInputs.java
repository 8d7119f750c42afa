package dev.ivr.workflows.call;

import dev.ivr.workflows.event.GraphEventSignal;
import dev.ivr.workflows.event.ToneReceived;
import dev.ivr.workflows.external.OutboundHttpRequest;

/**
 * Which values carry a caller's secure input, for the payload codec to mark restricted (encrypted like
 * every payload, and never decrypted by the codec server for a person; only the worker and the api
 * read them, in process): every DTMF key (the api cannot know whether a key belongs to a PIN), and an
 * http request that sends a secure variable. Every client of the project passes this predicate to its
 * data converter.
 */
public final class SecureInputs {
  private SecureInputs() {}

  public static boolean restricted(Object value) {
    return value instanceof GraphEventSignal signal && signal.event() instanceof ToneReceived
        || value instanceof OutboundHttpRequest request && request.secure();
  }
}
