package dev.ivr.workflows.call;

import io.temporal.testing.TestWorkflowEnvironment;

/** Tests that run {@link CallWorkflowImpl} register its search attributes first: an unregistered upsert fails the task. */
final class CallSearchAttributesSupport {
  private CallSearchAttributesSupport() {}

  static TestWorkflowEnvironment registered(TestWorkflowEnvironment env) {
    CallSearchAttributes.ALL.forEach(env::registerSearchAttribute);
    return env;
  }
}
