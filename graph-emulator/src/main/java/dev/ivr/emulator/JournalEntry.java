package dev.ivr.emulator;

import java.time.Instant;

/**
 * One entry of the request journal: a request the bot made to the emulator, or a notification the
 * emulator posted to the bot. Secrets (client secrets, bearer tokens) are never stored.
 *
 * @param sequence order of the entry in the journal
 * @param kind request or notification
 * @param method HTTP method
 * @param path request path (requests) or callback URI (notifications)
 * @param status response status (for notifications: the bot's answer; 0 while the POST is in
 *     flight, -1 when it failed). A notification is journaled when its POST starts.
 * @param body request body (requests, redacted) or the notification JSON
 * @param callId the Graph call it belongs to, or null
 * @param messageId X-Microsoft-Skype-Message-ID (notifications) or client-request-id (requests)
 * @param startNanos {@link System#nanoTime()} when the request arrived / the POST was sent
 * @param endNanos {@link System#nanoTime()} when the response was ready to be written / was received
 * @param at wall-clock time of {@code startNanos}
 */
public record JournalEntry(
    long sequence,
    Kind kind,
    String method,
    String path,
    int status,
    String body,
    String callId,
    String messageId,
    long startNanos,
    long endNanos,
    Instant at) {

  /** What the entry records. */
  public enum Kind { REQUEST, NOTIFICATION }

  public boolean isRequest() {
    return kind == Kind.REQUEST;
  }

  public boolean isNotification() {
    return kind == Kind.NOTIFICATION;
  }
}
