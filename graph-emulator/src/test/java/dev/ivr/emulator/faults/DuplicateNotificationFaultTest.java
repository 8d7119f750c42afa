package dev.ivr.emulator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.emulator.BotEndpoint;
import dev.ivr.emulator.CallerScript;
import dev.ivr.emulator.FaultPlan;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DuplicateNotificationFaultTest extends FaultTestSupport {

  @Test
  void everyNotificationIsPostedTwice_withTheSameMessageId() {
    String callId = established(FaultPlan.builder().duplicateProbability(1.0).build(), CallerScript.silent());
    BotEndpoint.sleep(100);
    var byMessage = bot.posts().stream().filter(p -> p.body().toString().contains(BotEndpoint.squash(callId)))
        .collect(Collectors.groupingBy(BotEndpoint.Post::messageId, Collectors.counting()));
    assertThat(byMessage).hasSizeGreaterThanOrEqualTo(3);
    assertThat(byMessage.values()).allMatch(n -> n == 2);
  }
}
