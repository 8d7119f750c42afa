package dev.ivr.emulator.notify;

import dev.ivr.emulator.faults.FaultDice;

/**
 * Where and how one call's notifications are delivered.
 *
 * @param callId the Graph call id (the ordering key)
 * @param callChainId sent as X-Microsoft-Skype-Chain-ID
 * @param tenantId the {@code tid} claim of the notification token
 * @param callbackUri the bot endpoint
 * @param dice the call's fault plan and its seeded decisions
 */
public record Delivery(String callId, String callChainId, String tenantId, String callbackUri, FaultDice dice) {}
