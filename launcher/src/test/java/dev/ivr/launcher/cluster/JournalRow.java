package dev.ivr.launcher.cluster;

import java.time.Instant;

/**
 * One entry of the emulator's journal, as its admin API returns it: a request the bot made, or a
 * notification (one delivery attempt) the emulator posted to the bot.
 *
 * @param kind request or notification
 * @param method HTTP method
 * @param path request path, or the callback URI of a notification
 * @param status the response status (a notification: the bot's answer; -1 when the POST failed)
 * @param messageId a notification's Message-ID, the same for every retry of it
 * @param at when the request arrived or the attempt started (wall clock)
 */
record JournalRow(Kind kind, String method, String path, int status, String messageId, Instant at) {
  enum Kind { REQUEST, NOTIFICATION }

  boolean isRequest() {
    return kind == Kind.REQUEST;
  }
}
