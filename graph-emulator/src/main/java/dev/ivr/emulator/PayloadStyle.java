package dev.ivr.emulator;

/**
 * How rich the emulator's notifications are ({@link EmulatorConfig#withPayloadStyle}).
 *
 * <p>{@link #DOCS} (the default) sends what the examples of Microsoft Graph's v1.0 pages send: an
 * incoming {@code created} without {@code resourceData.id}, {@code tenantId}, {@code callChainId} or
 * {@code myParticipantId}; call updates with little more than the state; a playPrompt completion
 * without an operation {@code id}; the bot's hang-up ending with string codes {@code "200"}/{@code "5001"};
 * no legacy {@code resource} path; outgoing calls' notifications with an item-level {@code callbackUri}.
 * Every test of the project runs against these lean payloads, because real Graph sends them.
 *
 * <p>{@link #RICH} adds everything Graph has been seen to send besides (the full call resource in
 * {@code created}, {@code id} and {@code callChainId} on every call update, {@code mediaState} on
 * {@code established}, the operation's {@code id} and {@code completionReason} on every completion,
 * the legacy {@code resource} path, numeric codes).
 */
public enum PayloadStyle {
  DOCS,
  RICH
}
