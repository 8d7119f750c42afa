/**
 * The api module: Graph's notification webhook ({@code callback}) and its JWT validation
 * ({@code callback.token}), prompt hosting ({@code prompt}), flows: routing, validation, reload
 * ({@code flow}), outbound calls ({@code outbound}), who may call the operator and management
 * endpoints ({@code security}) and the Temporal client ({@code temporal}).
 */
package dev.ivr.api;
