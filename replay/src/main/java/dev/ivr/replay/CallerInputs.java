package dev.ivr.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ivr.emulator.CallerScript;
import dev.ivr.workflows.event.ToneReceived;
import dev.ivr.workflows.interpreter.RecordOutcomes;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the caller of a stored call did, reconstructed from its history as an emulator
 * {@link CallerScript}. The timeline gives emulated seconds after the call was established (history
 * time multiplied by the call's {@code timeScale}). The script places each input relative to the
 * bot's media step it fell in (the Nth prompt or recording, through {@code waitFor promptStarted}
 * and {@code waitFor recordingStarted}), as a caller reacts to what they hear: time-compressed runs
 * then do not drift, and a changed flow hears the keys at the same point of the same prompt.
 *
 * <ul>
 *   <li>keys: exact, from the {@code graphEvent} signals carrying a tone;
 *   <li>hang-up: exact, the {@code terminated} signal when the bot had not asked to hang up;
 *   <li>speech: APPROXIMATED per record step from its completion reason and recording length: it
 *       starts when the recording starts (after the record prompt and the beep) and lasts the recording minus the trailing
 *       silence timeout ({@code maxSilenceTimeout}), until the stop tone ({@code stopToneDetected}),
 *       the maximum plus one second ({@code maxRecordDurationReached}), or the hang-up (no
 *       completion); nothing for {@code initialSilenceTimeout}. Speech outside a record step leaves
 *       no trace in a history and is not reconstructed;
 *   <li>silences: everything else.
 * </ul>
 */
public record CallerInputs(List<Input> timeline, CallerScript script, Map<String, String> callees, List<String> notes) {
  private static final double KEY_GAP = 0.1;
  /** The emulator's default beep length, between a record prompt and the recording. */
  private static final double BEEP = 0.5;

  /** A media event of the bot that the caller's script can wait for, at emulated seconds after established. */
  record Anchor(double at, String event) {}

  /** One thing the caller did: {@code key}, {@code speech} (with seconds) or {@code hangup}. */
  public record Input(double at, String kind, String detail) {
    @Override
    public String toString() {
      return String.format("%7.2f s  %-6s %s", at, kind, detail);
    }
  }

  public CallerInputs {
    timeline = List.copyOf(timeline);
    callees = Map.copyOf(callees);
    notes = List.copyOf(notes);
  }

  /**
   * A request the workflow made, as an activity ({@code ActivityTaskScheduled}) or as a local activity
   * (a {@code LocalActivity} marker, whose {@code meta.firstSkd} is when it was first scheduled): with
   * the change {@code graph-local-activities}, Graph requests are local and leave only markers.
   */
  record GraphRequest(String type, JsonNode input, long scheduledMillis) {
    static GraphRequest of(HistoryEvent e) {
      if (e.hasActivityTaskScheduledEventAttributes()) {
        var a = e.getActivityTaskScheduledEventAttributes();
        return new GraphRequest(a.getActivityType().getName(), WhatIf.payload(a.getInput()), WhatIf.millis(e));
      }
      Map<String, Payloads> details = localActivityDetails(e);
      if (details == null || !details.containsKey("type")) {
        return null;
      }
      long scheduled = details.containsKey("meta")
          ? WhatIf.payload(details.get("meta")).path("firstSkd").asLong(WhatIf.millis(e)) : WhatIf.millis(e);
      return new GraphRequest(WhatIf.payload(details.get("type")).asText(),
          details.containsKey("input") ? WhatIf.payload(details.get("input")) : WhatIf.payload(
              Payloads.getDefaultInstance()), scheduled);
    }

    /** What a completed activity or local activity returned; null for any other event. */
    static JsonNode result(HistoryEvent e) {
      if (e.hasActivityTaskCompletedEventAttributes()) {
        return WhatIf.payload(e.getActivityTaskCompletedEventAttributes().getResult());
      }
      Map<String, Payloads> details = localActivityDetails(e);
      return details == null || !details.containsKey("result") ? null : WhatIf.payload(details.get("result"));
    }

    private static Map<String, Payloads> localActivityDetails(HistoryEvent e) {
      return e.hasMarkerRecordedEventAttributes()
          && e.getMarkerRecordedEventAttributes().getMarkerName().equals("LocalActivity")
          ? e.getMarkerRecordedEventAttributes().getDetailsMap() : null;
    }
  }

  /** Reconstructs the caller of one call. */
  public static CallerInputs of(WorkflowExecutionHistory history) {
    return of(history, 0);
  }

  /**
   * Reconstructs the caller of one call whose emulator ran {@code recordedTimeScale} times faster
   * than real time (0: the call's {@code timeScale}, or, when that is 1, estimated from how long its
   * longest prompt took to play).
   */
  public static CallerInputs of(WorkflowExecutionHistory history, double recordedTimeScale) {
    JsonNode input = WhatIf.startInput(history);
    List<String> notes = new ArrayList<>();
    double scale = recordedTimeScale > 0 ? recordedTimeScale : input.path("timeouts").path("timeScale").asDouble(1.0);
    if (recordedTimeScale <= 0 && scale <= 1.0) {
      double estimate = estimateTimeScale(history);
      if (estimate > 1.5) {
        scale = estimate;
        notes.add(String.format("the call ran %.0f times faster than real time (estimated from its prompts)", estimate));
      }
    }
    if (scale <= 0) {
      scale = 1.0;
    }
    Long established = null;
    Long hangUpRequested = null;
    Long terminated = null;
    boolean transferring = false;
    boolean transferred = false;
    List<long[]> tones = new ArrayList<>();
    List<String> toneKeys = new ArrayList<>();
    java.util.Set<Long> toneSequences = new java.util.HashSet<>();
    Map<String, Record> records = new LinkedHashMap<>();
    Map<String, Long> recordingMillis = new LinkedHashMap<>();
    List<String> transferTargets = new ArrayList<>();
    Map<String, String> callees = new LinkedHashMap<>();
    List<long[]> plays = new ArrayList<>(); // scheduled millis
    for (HistoryEvent e : history.getEvents()) {
      long t = WhatIf.millis(e);
      GraphRequest request = GraphRequest.of(e);
      if (request != null) {
        JsonNode args = request.input();
        long at = request.scheduledMillis();
        switch (request.type()) {
          case "HangUp" -> hangUpRequested = hangUpRequested == null ? at : hangUpRequested;
          case "PlayPrompt" -> plays.add(new long[] {at});
          case "RecordResponse" -> records.put(args.path("clientContext").asText(), new Record(at,
              args.path("prompt").path("durationMillis").asLong(0), args.path("settings")));
          case "Transfer", "TransferCall" -> transferTargets.add(firstText(args, "phone", "user", "applicationInstance"));
          default -> { }
        }
      }
      JsonNode result = GraphRequest.result(e);
      if (result != null) {
        if (result.has("durationMillis") && result.has("operationId")) {
          recordingMillis.put(result.path("operationId").asText(), result.path("durationMillis").asLong());
        }
      } else if (e.hasWorkflowExecutionSignaledEventAttributes()) {
        JsonNode event = WhatIf.payload(e.getWorkflowExecutionSignaledEventAttributes().getInput()).path("event");
        switch (event.path("kind").asText()) {
          case "callState" -> {
            String state = event.path("state").asText();
            if (state.equals("established") && established == null) {
              established = t;
            } else if (state.equals("transferring")) {
              transferring = true;
            } else if (state.equals("transferAccepted")) {
              transferred = true;
            } else if (state.equals("established") && transferring && !event.path("resultInfo").isNull()
                && !event.path("resultInfo").isMissingNode()) {
              transferTargets.stream().reduce((x, y) -> y).ifPresent(target -> callees.put(target, "NO_ANSWER"));
              transferring = false;
            } else if (state.equals("terminated") && terminated == null) {
              terminated = t;
            }
          }
          case "tone" -> {
            String key = ToneReceived.keyOf(event.path("tone").asText());
            if (key != null && toneSequences.add(event.path("sequenceId").asLong())) { // Graph may deliver a tone twice
              tones.add(new long[] {t, event.path("sequenceId").asLong()});
              toneKeys.add(key);
            }
          }
          case "operation" -> {
            Record record = records.get(event.path("clientContext").asText());
            if (record != null && record.completedAt == null) {
              record.completedAt = t;
              // the subcode names the reason; Graph's completionReason comes only sometimes (as the workflow reads it)
              record.reason = RecordOutcomes.reason(event.path("resultInfo").path("subcode").asInt(0),
                  event.path("completionReason").asText(null), "completed".equalsIgnoreCase(event.path("status").asText()));
              record.operationId = event.path("operationId").asText(null);
            }
          }
          default -> { }
        }
      }
    }
    if (established == null) {
      notes.add("the call was never established; the caller only hangs up");
      return new CallerInputs(List.of(new Input(0, "hangup", "before established")),
          CallerScript.of(new CallerScript.Hangup()), callees, notes);
    }
    long t0 = established;
    double s = scale;
    List<Input> timeline = new ArrayList<>();
    for (int i = 0; i < tones.size(); i++) {
      timeline.add(new Input(Math.max(0, (tones.get(i)[0] - t0) / 1000.0 * s), "key", toneKeys.get(i)));
    }
    boolean callerHungUp = terminated != null && !transferred && (hangUpRequested == null || hangUpRequested > terminated);
    Double hangupAt = callerHungUp ? Math.max(0, (terminated - t0) / 1000.0 * s) : null;
    List<Anchor> anchors = new ArrayList<>();
    for (long[] play : plays) {
      anchors.add(new Anchor((play[0] - t0) / 1000.0 * s, "promptStarted"));
    }
    for (Record r : records.values()) {
      double scheduled = (r.scheduledAt - t0) / 1000.0 * s;
      if (r.promptMillis > 0) {
        anchors.add(new Anchor(scheduled, "promptStarted"));
      }
      anchors.add(new Anchor(r.recordingStart(scheduled), "recordingStarted"));
    }
    anchors.sort(Comparator.comparingDouble(Anchor::at));
    for (Record r : records.values()) {
      double start = r.recordingStart((r.scheduledAt - t0) / 1000.0 * s);
      double seconds = speech(r, start, s, t0, recordingMillis, timeline, hangupAt);
      if (seconds > 0) {
        timeline.add(new Input(start, "speech", String.format("%.1f s (%s)", seconds,
            r.reason == null ? "no completion" : r.reason)));
      }
    }
    if (!records.isEmpty()) {
      notes.add("speech is approximated from record completions and recording lengths");
    }
    if (hangupAt != null) {
      timeline.add(new Input(hangupAt, "hangup", "caller hung up"));
    }
    timeline.sort(Comparator.comparingDouble(Input::at));
    if (!callees.isEmpty()) {
      notes.add("transfer targets that failed in the history do not answer: " + callees.keySet());
    }
    return new CallerInputs(timeline, script(timeline, anchors), callees, notes);
  }

  /** Prompt length over the time its play took, for the longest prompt played; 1 when none. */
  static double estimateTimeScale(WorkflowExecutionHistory history) {
    Map<String, long[]> plays = new LinkedHashMap<>(); // clientContext -> scheduled millis, prompt millis
    long[] best = null;
    for (HistoryEvent e : history.getEvents()) {
      GraphRequest request = GraphRequest.of(e);
      if (request != null && request.type().equals("PlayPrompt")) {
        long millis = 0;
        for (JsonNode prompt : request.input().path("prompts")) {
          millis += prompt.path("durationMillis").asLong(0);
        }
        plays.put(request.input().path("clientContext").asText(), new long[] {request.scheduledMillis(), millis});
      } else if (e.hasWorkflowExecutionSignaledEventAttributes()) {
        JsonNode event = WhatIf.payload(e.getWorkflowExecutionSignaledEventAttributes().getInput()).path("event");
        long[] play = plays.remove(event.path("clientContext").asText());
        if (play != null && "completed".equalsIgnoreCase(event.path("status").asText())
            && (best == null || play[1] > best[1])) {
          best = new long[] {WhatIf.millis(e) - play[0], play[1]};
        }
      }
    }
    if (best == null || best[0] <= 0 || best[1] < 1000) {
      return 1.0;
    }
    return Math.max(1.0, Math.round((double) best[1] / best[0]));
  }

  private static double speech(Record r, double start, double scale, long t0, Map<String, Long> recordingMillis,
      List<Input> timeline, Double hangupAt) {
    int maxSilence = r.settings.path("maxSilenceTimeoutInSeconds").asInt(5);
    int maxRecord = r.settings.path("maxRecordDurationInSeconds").asInt(5);
    Long recorded = r.operationId == null ? null : recordingMillis.get(r.operationId);
    double completed = r.completedAt == null ? Double.NaN : (r.completedAt - t0) / 1000.0 * scale;
    if (r.reason == null) {
      return hangupAt == null ? 0 : Math.max(0, hangupAt - start);
    }
    switch (r.reason) {
      case "stopToneDetected": {
        double tone = timeline.stream().filter(i -> i.kind().equals("key") && i.at() >= start - 0.05)
            .mapToDouble(Input::at).min().orElse(completed);
        return recorded != null ? Math.min(recorded / 1000.0, Math.max(0.5, tone - start)) : Math.max(0.5, tone - start);
      }
      case "maxSilenceTimeout":
        return Math.max(0.5, (recorded != null ? recorded / 1000.0 : completed - start) - maxSilence);
      case "maxRecordDurationReached":
        return maxRecord + 1;
      default:
        return 0;
    }
  }

  /**
   * The timeline as a script: wait for established, then before each input wait for the bot's media
   * events up to the one the input fell in, and for the time since that event.
   */
  static CallerScript script(List<Input> timeline, List<Anchor> anchors) {
    List<CallerScript.Step> steps = new ArrayList<>();
    steps.add(new CallerScript.WaitFor("established"));
    double now = 0;
    int reached = -1;
    for (Input input : timeline) {
      int anchor = reached;
      while (anchor + 1 < anchors.size() && anchors.get(anchor + 1).at() <= input.at() + 1e-6) {
        anchor++;
      }
      for (int j = reached + 1; j <= anchor; j++) {
        steps.add(new CallerScript.WaitFor(anchors.get(j).event()));
      }
      if (anchor > reached) {
        now = Math.max(now, anchors.get(anchor).at());
        reached = anchor;
      }
      if (input.at() - now > 0.01) {
        steps.add(new CallerScript.Wait(round(input.at() - now)));
        now = input.at();
      }
      switch (input.kind()) {
        case "key" -> {
          steps.add(new CallerScript.Press(input.detail(), KEY_GAP));
          now += KEY_GAP;
        }
        case "speech" -> {
          double seconds = Double.parseDouble(input.detail().substring(0, input.detail().indexOf(' ')));
          steps.add(new CallerScript.Speak(seconds));
          now += seconds;
        }
        case "hangup" -> steps.add(new CallerScript.Hangup());
        default -> throw new IllegalStateException("unknown input " + input);
      }
    }
    return new CallerScript(steps);
  }

  private static double round(double seconds) {
    return Math.round(seconds * 100) / 100.0;
  }

  private static String firstText(JsonNode node, String... fields) {
    for (String f : fields) {
      if (node.hasNonNull(f)) {
        return node.get(f).asText();
      }
    }
    return "";
  }

  /** One record step seen in the history. */
  private static final class Record {
    final long scheduledAt;
    final long promptMillis;
    final JsonNode settings;
    Long completedAt;
    String reason;
    String operationId;

    Record(long scheduledAt, long promptMillis, JsonNode settings) {
      this.scheduledAt = scheduledAt;
      this.promptMillis = promptMillis;
      this.settings = settings;
    }

    /** When the recording started: after the record prompt and the beep. */
    double recordingStart(double scheduled) {
      return round(scheduled + promptMillis / 1000.0 + (settings.path("playBeep").asBoolean(true) ? BEEP : 0));
    }
  }
}
