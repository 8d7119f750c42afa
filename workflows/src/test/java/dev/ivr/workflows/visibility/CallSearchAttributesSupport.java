package dev.ivr.workflows.visibility;

import io.temporal.testing.TestWorkflowEnvironment;

/** Tests that run {@link CallWorkflowImpl} register its search attributes first: an unregistered upsert fails the task. */
public final class CallSearchAttributesSupport {
  private CallSearchAttributesSupport() {}

  public static TestWorkflowEnvironment registered(TestWorkflowEnvironment env) {
    CallSearchAttributes.ALL.forEach(env::registerSearchAttribute);
    return env;
  }
}
