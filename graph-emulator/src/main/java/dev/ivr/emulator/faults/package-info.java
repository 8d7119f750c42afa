/** Seeded, reproducible fault decisions for a FaultPlan. */
package dev.ivr.emulator.faults;
