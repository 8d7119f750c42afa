package dev.ivr.emulator;

/**
 * How the emulator makes the Entra ID tokens of operator sign-in (ID tokens) and the access tokens
 * it mints for tests. Anything but {@link #VALID} exists to test the api's validation
 * ({@link GraphEmulator#signInTokenVariant}, {@link GraphEmulator#accessToken}).
 */
public enum EntraTokenVariant {
  /** Signed with the published key; the tenant's issuer, the app's audience, an hour to live. */
  VALID,
  /** Signed with a key that is not published (same kid as the published one). */
  FORGED,
  /** Expired an hour ago. */
  EXPIRED,
  /** Issued by another tenant (its issuer and {@code tid}), signed with the published key, as Entra signs every tenant's. */
  OTHER_TENANT,
  /** For another app: the audience is another client id. */
  OTHER_AUDIENCE
}
