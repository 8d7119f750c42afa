/**
 * The flow interpreter: {@link dev.ivr.workflows.interpreter.FlowInterpreter} walks a flow node by
 * node, one {@code *Step} per node type (and one for queued operator actions), with the prompt player,
 * the caller's {@link dev.ivr.workflows.interpreter.ToneBuffer} and the flow's
 * {@link dev.ivr.workflows.interpreter.Variables}. Workflow code: deterministic, no I/O.
 */
package dev.ivr.workflows.interpreter;
