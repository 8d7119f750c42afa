/**
 * The call workflow: {@link dev.ivr.workflows.call.CallWorkflow} and its implementation, its input
 * (with the outbound {@link dev.ivr.workflows.call.OutboundTarget}), result, outcome and snapshot, the
 * {@link dev.ivr.workflows.call.CallSession} every step shares, and the names the api and worker use
 * ({@link dev.ivr.workflows.call.CallIds}). The workflow answers (or places) the call and hands the
 * flow to {@code interpreter}.
 */
package dev.ivr.workflows.call;
