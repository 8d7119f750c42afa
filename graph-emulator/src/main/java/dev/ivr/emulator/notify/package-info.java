/** Delivery of commsNotifications to bots: ordering, retries, redirects, and delivery-level faults. */
package dev.ivr.emulator.notify;
