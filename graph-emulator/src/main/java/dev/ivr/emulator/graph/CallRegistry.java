package dev.ivr.emulator.graph;

import dev.ivr.emulator.EmulatorConfig;
import dev.ivr.emulator.FaultPlan;
import dev.ivr.emulator.faults.FaultDice;
import dev.ivr.emulator.http.HttpError;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The calls the emulator knows, found by id in any casing or dash form (Graph's quirk), and the
 * fault dice each call rolls: the global plan, or the one given when the call was raised, seeded by
 * the call's place in line (not its random id), so that a seed replays the same faults.
 */
final class CallRegistry {

  private final EmulatorConfig config;
  private final Map<String, Call> calls = new ConcurrentHashMap<>();
  private final AtomicReference<FaultDice> globalDice;

  CallRegistry(EmulatorConfig config) {
    this.config = config;
    this.globalDice = new AtomicReference<>(new FaultDice(config.faults(), config.seed()));
  }

  /** Replaces the global fault plan (applies to calls raised afterwards and to call-less requests). */
  void globalFaults(FaultPlan plan) {
    globalDice.set(new FaultDice(plan, config.seed()));
  }

  FaultPlan globalFaults() {
    return globalDice.get().plan();
  }

  /** The fault decisions for a request on this call (the global ones when the call is unknown). */
  FaultDice diceFor(String callIdOrNull) {
    Call c = callIdOrNull == null ? null : calls.get(key(callIdOrNull));
    return c != null ? c.dice : globalDice.get();
  }

  /** The dice of the call about to be added: {@code plan}, or the global plan when null. */
  FaultDice diceForNextCall(FaultPlan plan) {
    return new FaultDice(plan != null ? plan : globalDice.get().plan(), callSeed(calls.size()));
  }

  /** The voice seed of the call about to be added. */
  long voiceSeedForNextCall() {
    return callSeed(calls.size()) * 31;
  }

  void add(Call c) {
    calls.put(key(c.id), c);
  }

  long activeCount() {
    return calls.values().stream().filter(x -> !x.isEnded()).count();
  }

  Collection<Call> all() {
    return calls.values();
  }

  /** The call, ended or not; null if unknown. */
  Call get(String callId) {
    return calls.get(key(callId));
  }

  /** A live call for a Graph request: Graph answers 404 for an unknown or ended one. */
  Call find(String callId) {
    Call c = get(callId);
    if (c == null || c.isEnded()) throw HttpError.notFound("The call " + callId + " was not found.");
    return c;
  }

  /** Any call for the admin and test API, ended ones too. */
  Call anyCall(String callId) {
    Call c = get(callId);
    if (c == null) throw new IllegalArgumentException("unknown call " + callId);
    return c;
  }

  /** The canonical id of a known call (any casing or dash form), else the input. */
  String canonicalId(String callId) {
    Call c = get(callId);
    return c == null ? callId : c.id;
  }

  static String key(String id) {
    return id.toLowerCase(Locale.ROOT).replace("-", "");
  }

  /** The seed of the n-th call (its voice and its fault decisions): independent of its random id. */
  private long callSeed(int n) {
    long z = config.seed() + (n + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    return z ^ (z >>> 31);
  }
}
