/**
 * The Graph events of a call, as signal payloads: {@link dev.ivr.workflows.event.GraphEvent} and its
 * records (JSON type names, not class names, travel in histories), the signal that carries them, and
 * {@link dev.ivr.workflows.event.CallEvents}, the workflow's buffer of them. Depends on nothing else of
 * ours, so that {@code graph} (activity interfaces) and {@code call} can both use it.
 */
package dev.ivr.workflows.event;
