/**
 * The api module: Graph's notification webhook ({@code callback}) and its JWT validation
 * ({@code callback.token}), prompt hosting ({@code prompt}), flows: routing, validation, reload
 * ({@code flow}), outbound calls ({@code outbound}), who may call the operator and management
 * endpoints ({@code security}), the Temporal client ({@code temporal}), the operator console's REST,
 * SSE and page ({@code console}), the recordings it plays ({@code recording}) and the api's meters
 * ({@code metrics}).
 */
package dev.ivr.api;
