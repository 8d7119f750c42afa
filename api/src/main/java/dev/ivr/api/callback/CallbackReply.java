package dev.ivr.api.callback;

import java.util.List;

/**
 * The webhook's answer: what became of each notification of the POST, in order. {@code outcome} is
 * one of {@code delivered} (persisted in the call's workflow), {@code ignored} (nothing we use),
 * {@code dropped-unknown-call} (no workflow for the call, or it finished) or
 * {@code dropped-call-ended} (an incoming call whose workflow already finished) or {@code invalid}
 * (a value no event accepts, such as a blank tone: never signalled).
 */
record CallbackReply(int received, List<Outcome> outcomes) {

  CallbackReply {
    outcomes = List.copyOf(outcomes);
  }

  /** One notification's fate. {@code events} names the events (kind and state), never their data. */
  record Outcome(int index, String callId, String workflowId, List<String> events, String outcome, String detail) {
    Outcome {
      events = List.copyOf(events);
    }
  }
}
