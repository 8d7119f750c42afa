/** The request journal: every bot request and every notification, with System.nanoTime() timestamps, and turnarounds. */
package dev.ivr.emulator.journal;
