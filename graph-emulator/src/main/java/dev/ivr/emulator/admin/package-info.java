/** The admin REST API under /admin: raise calls, press keys, hang up, read calls, the journal and turnarounds, faults, callees, key rotation. */
package dev.ivr.emulator.admin;
