package dev.ivr.emulator.admin;

import dev.ivr.emulator.CallView;
import dev.ivr.emulator.Callee;
import dev.ivr.emulator.FaultPlan;
import dev.ivr.emulator.IncomingCallSpec;
import dev.ivr.emulator.JournalEntry;
import dev.ivr.emulator.NotificationTokenVariant;
import java.time.Duration;
import java.util.List;

/**
 * What the admin API under {@code /admin} does, and nothing more: the emulator's Java API for tests
 * ({@code GraphEmulator} implements it) seen from its REST face. An unknown call is an
 * {@link IllegalArgumentException} whose message starts with {@code unknown call}.
 */
public interface EmulatorAdmin {
  String baseUrl();

  double emulatedNow();

  String raiseIncomingCall(IncomingCallSpec spec);

  CallView call(String callId);

  List<CallView> calls();

  void pressKeys(String callId, String keys, double gapSeconds);

  void hangUp(String callId);

  byte[] recordingBytes(String callId, String operationId);

  List<JournalEntry> journal();

  List<JournalEntry> journal(String callId);

  void clearJournal();

  List<Duration> turnarounds();

  List<Duration> turnarounds(String callId);

  FaultPlan faults();

  void faults(FaultPlan plan);

  void registerCallee(String target, Callee callee);

  String rotateSigningKey();

  void notificationTokenVariant(NotificationTokenVariant variant);
}
