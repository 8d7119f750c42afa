/**
 * Operator actions on a live call (hang up, transfer, announce): the signal payload and its one
 * validity check, the queue the interpreter runs, and the audit. Depends only on what the signal
 * handler asks of a call ({@link dev.ivr.workflows.operator.OperableCall}).
 */
package dev.ivr.workflows.operator;
