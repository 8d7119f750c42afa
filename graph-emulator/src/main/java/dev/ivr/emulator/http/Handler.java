package dev.ivr.emulator.http;

/** Answers one request. Throw {@link HttpError} for error answers. */
@FunctionalInterface
public interface Handler {
  Response handle(Request request) throws Exception;
}
