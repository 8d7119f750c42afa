/**
 * The api module: Graph's notification webhook ({@code callback}), prompt hosting ({@code prompt}),
 * the flow that incoming calls run ({@code flow}) and the Temporal client ({@code temporal}).
 */
package dev.ivr.api;
