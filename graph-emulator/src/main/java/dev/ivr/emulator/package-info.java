/**
 * The Graph calling emulator's public API: {@link dev.ivr.emulator.GraphEmulator},
 * {@link dev.ivr.emulator.EmulatorConfig}, {@link dev.ivr.emulator.IncomingCallSpec},
 * {@link dev.ivr.emulator.CallerScript}, {@link dev.ivr.emulator.FaultPlan} and the JUnit 5
 * {@link dev.ivr.emulator.GraphEmulatorExtension}. The sub-packages are the emulator's internals,
 * by feature: {@code auth}, {@code graph}, {@code media}, {@code notify}, {@code script},
 * {@code faults}, {@code admin}, {@code journal}, {@code time}, {@code http}.
 */
package dev.ivr.emulator;
