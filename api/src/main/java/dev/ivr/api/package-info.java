/**
 * The api module: Graph's notification webhook ({@code callback}), prompt hosting ({@code prompt}),
 * flows: routing, validation, reload ({@code flow}), outbound calls ({@code outbound}) and the
 * Temporal client ({@code temporal}).
 */
package dev.ivr.api;
