/**
 * Replay tooling for call histories (docs/replay.md): {@link dev.ivr.replay.HistoryCorpus} loads
 * the stored histories, {@link dev.ivr.replay.CorpusReplay} replays them in one batch,
 * {@link dev.ivr.replay.HistoryExport} exports a call anonymised ({@link dev.ivr.replay.HistoryAnonymiser}),
 * {@link dev.ivr.replay.CorpusGenerator} builds the corpus from flow tests and fault scenarios, and
 * {@link dev.ivr.replay.WhatIf} re-runs a past caller ({@link dev.ivr.replay.CallerInputs}) against
 * today's flow. {@link dev.ivr.replay.ReplayMain} is the command line.
 */
package dev.ivr.replay;
