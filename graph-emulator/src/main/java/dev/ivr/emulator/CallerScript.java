package dev.ivr.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the remote party (the caller, or the callee of an outbound call) does, as steps run in order
 * from the moment the call is raised. Whatever is not speech is silence. All durations are emulated
 * seconds.
 *
 * <pre>
 * - waitFor: beep      # established, promptStarted, promptFinished, beep, recordingStarted, recordingFinished
 * - wait: 1.0
 * - speak: 3.0
 * - press: "1#"        # optional gapSeconds (default 0.1)
 * - hangup: true
 * </pre>
 *
 * {@code waitFor} waits for the next such event at or after the script's current time; for
 * {@code established} it returns at once when the call is already established.
 */
public record CallerScript(List<Step> steps) {

  /** The events a {@link WaitFor} step can wait for. */
  public static final Set<String> EVENTS = Set.of(
      "established", "promptStarted", "promptFinished", "beep", "recordingStarted", "recordingFinished");

  public CallerScript {
    steps = List.copyOf(steps);
  }

  /** One step of a script. */
  public sealed interface Step permits WaitFor, Wait, Speak, Press, Hangup {}

  /** Wait for an event of the call's media engine. */
  public record WaitFor(String event) implements Step {
    public WaitFor {
      if (!EVENTS.contains(event)) throw new IllegalArgumentException("unknown event '" + event + "', one of " + EVENTS);
    }
  }

  /** Stay silent for {@code seconds}. */
  public record Wait(double seconds) implements Step {
    public Wait {
      if (seconds < 0) throw new IllegalArgumentException("wait must be >= 0");
    }
  }

  /** Speak for {@code seconds} (the voice track is speech). */
  public record Speak(double seconds) implements Step {
    public Speak {
      if (seconds <= 0) throw new IllegalArgumentException("speak must be > 0");
    }
  }

  /** Press DTMF keys ({@code 0-9 * # A-D}), {@code gapSeconds} apart. */
  public record Press(String keys, double gapSeconds) implements Step {
    public Press {
      if (keys == null || keys.isEmpty() || !keys.toUpperCase(Locale.ROOT).matches("[0-9*#A-D]+")) {
        throw new IllegalArgumentException("press keys must be 0-9, *, #, A-D: " + keys);
      }
      if (gapSeconds <= 0) gapSeconds = 0.1;
    }

    public Press(String keys) {
      this(keys, 0.1);
    }
  }

  /** Hang up. */
  public record Hangup() implements Step {}

  public static CallerScript of(Step... steps) {
    return new CallerScript(List.of(steps));
  }

  /** The default when none is given: wait for the beep, wait 1 s, speak 3 s, then stay on the line silent. */
  public static CallerScript defaults() {
    return of(new WaitFor("beep"), new Wait(1.0), new Speak(3.0));
  }

  /** A caller who never says or presses anything. */
  public static CallerScript silent() {
    return of();
  }

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Parses a script written as a YAML or JSON list of steps. */
  public static CallerScript parse(String text) {
    try {
      JsonNode node = YAML.readTree(text);
      return fromJson(node == null ? JsonNodeFactory.instance.arrayNode() : node);
    } catch (IOException e) {
      throw new IllegalArgumentException("script is not valid YAML/JSON: " + e.getMessage(), e);
    }
  }

  /** Reads a script from a parsed JSON array of steps. */
  public static CallerScript fromJson(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) return defaults();
    if (!node.isArray()) throw new IllegalArgumentException("script must be a list of steps");
    List<Step> steps = new ArrayList<>();
    for (JsonNode s : node) {
      if (s.has("waitFor")) steps.add(new WaitFor(s.get("waitFor").asText()));
      else if (s.has("wait")) steps.add(new Wait(number(s, "wait")));
      else if (s.has("silent")) steps.add(new Wait(number(s, "silent")));
      else if (s.has("speak")) steps.add(new Speak(number(s, "speak")));
      else if (s.has("press")) {
        steps.add(new Press(s.get("press").asText(), s.has("gapSeconds") ? number(s, "gapSeconds") : 0.1));
      } else if (s.has("hangup")) {
        if (s.get("hangup").asBoolean(true)) steps.add(new Hangup());
      } else {
        throw new IllegalArgumentException("unknown script step: " + s);
      }
    }
    return new CallerScript(steps);
  }

  private static double number(JsonNode s, String field) {
    JsonNode v = s.get(field);
    if (v.isNumber()) return v.asDouble();
    try {
      return Double.parseDouble(v.asText());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " must be a number of seconds: " + v);
    }
  }

  /** The script as a JSON array in the documented format. */
  public ArrayNode toJson() {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (Step s : steps) {
      ObjectNode o = a.addObject();
      if (s instanceof WaitFor w) o.put("waitFor", w.event());
      else if (s instanceof Wait w) o.put("wait", w.seconds());
      else if (s instanceof Speak sp) o.put("speak", sp.seconds());
      else if (s instanceof Press p) o.put("press", p.keys()).put("gapSeconds", p.gapSeconds());
      else if (s instanceof Hangup) o.put("hangup", true);
      else throw new IllegalStateException("unknown step " + s);
    }
    return a;
  }

  @Override
  public String toString() {
    try {
      return "CallerScript" + dev.ivr.emulator.http.Json.MAPPER.writeValueAsString(toJson());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
