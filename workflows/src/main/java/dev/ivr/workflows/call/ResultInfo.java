package dev.ivr.workflows.call;

/** Graph's {@code resultInfo}: an HTTP-like code, a subcode that refines it, and a message. */
public record ResultInfo(int code, int subcode, String message) {
  public boolean isSuccess() {
    return code >= 200 && code < 300 || code == 0;
  }
}
