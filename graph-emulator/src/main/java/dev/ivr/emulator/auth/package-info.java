/** Entra ID's token endpoint and discovery documents, bearer-token checks, and the signing of notification JWTs with the published JWKS. */
package dev.ivr.emulator.auth;
