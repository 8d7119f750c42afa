package dev.ivr.api.callback;

import org.springframework.http.HttpStatus;

/**
 * Decides whether a POST to the webhook really comes from Graph, before anything is parsed or
 * signalled. The seam for validating the bearer JWT that Graph signs each notification with
 * (signature against a cached JWKS, issuer, audience = app id, tenant, expiry).
 */
public interface NotificationAuthenticator {

  /** @param authorization the {@code Authorization} header, or null when absent */
  Decision authenticate(String authorization);

  /**
   * Accepted, or rejected with 401 (not authenticated), 403 (authenticated, not for us) or 503 (cannot
   * decide now: retry) and a reason that is safe to return to the sender and to log. An accepted
   * token's tenant ({@code tid}) is the call's tenant when the notification names none: the docs'
   * incoming call carries no {@code tenantId}, and Microsoft's samples take it from the token too.
   */
  record Decision(boolean accepted, HttpStatus status, String reason, String tenantId) {
    public static Decision accept() {
      return accept(null);
    }

    public static Decision accept(String tenantId) {
      return new Decision(true, HttpStatus.OK, null, tenantId);
    }

    public static Decision reject(HttpStatus status, String reason) {
      return new Decision(false, status, reason, null);
    }
  }
}
