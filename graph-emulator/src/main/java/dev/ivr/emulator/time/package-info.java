/** The emulated clock and the single event loop that runs every state change in emulated-time order. */
package dev.ivr.emulator.time;
