package dev.ivr.emulator;

/**
 * One sign-out at the emulator's Entra end-session endpoint ({@link GraphEmulator#signOuts()}).
 *
 * @param oid the user's object id from the {@code id_token_hint}, or null when none was sent
 * @param postLogoutRedirectUri where the browser was sent back to, or null
 */
public record EntraSignOut(String oid, String postLogoutRedirectUri) {}
