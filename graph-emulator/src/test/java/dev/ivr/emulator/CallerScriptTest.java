package dev.ivr.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CallerScriptTest {

  @Test
  void yamlScript_parsesEveryStepKind() {
    var script = CallerScript.parse("""
        - waitFor: beep
        - wait: 1.0
        - speak: 3.0
        - press: "1#"
          gapSeconds: 0.2
        - hangup: true
        """);
    assertThat(script.steps()).containsExactly(new CallerScript.WaitFor("beep"), new CallerScript.Wait(1.0),
        new CallerScript.Speak(3.0), new CallerScript.Press("1#", 0.2), new CallerScript.Hangup());
  }

  @Test
  void jsonScript_parsesToo_andRoundTrips() {
    var script = CallerScript.parse("[{\"waitFor\":\"established\"},{\"wait\":1},{\"speak\":2.5},{\"press\":\"1\"},{\"hangup\":true}]");
    assertThat(CallerScript.fromJson(script.toJson())).isEqualTo(script);
  }

  @Test
  void defaultScript_waitsForTheBeepThenSpeaksThreeSeconds() {
    assertThat(CallerScript.defaults().steps()).containsExactly(new CallerScript.WaitFor("beep"),
        new CallerScript.Wait(1.0), new CallerScript.Speak(3.0));
  }

  @Test
  void unknownStepsAndEvents_areRejected() {
    assertThatThrownBy(() -> CallerScript.parse("- dance: 3")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CallerScript.parse("- waitFor: lunch")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CallerScript.parse("- press: \"x\"")).isInstanceOf(IllegalArgumentException.class);
  }
}
