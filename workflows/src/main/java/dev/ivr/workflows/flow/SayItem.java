package dev.ivr.workflows.flow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ivr.workflows.flow.say.SayGrammars;
import java.util.ArrayList;
import java.util.List;

/**
 * One item of a play node's {@code say} list: exactly one of a static {@code prompt} key, or a CEL
 * expression whose value is said as a {@code number} (an integer), {@code digits} (a string read
 * digit by digit), an {@code amount} (a decimal number or string, in {@code currency}, by default the
 * locale's) or a {@code date} (an ISO {@code yyyy-MM-dd} string).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SayItem(String prompt, String number, String digits, String amount, String currency, String date) {
  public SayItem {
    List<String> kinds = new ArrayList<>();
    if (prompt != null) {
      kinds.add("prompt");
    }
    if (number != null) {
      kinds.add("number");
    }
    if (digits != null) {
      kinds.add("digits");
    }
    if (amount != null) {
      kinds.add("amount");
    }
    if (date != null) {
      kinds.add("date");
    }
    if (kinds.size() != 1) {
      throw new IllegalArgumentException("a say item takes exactly one of prompt, number, digits, amount, date"
          + (kinds.isEmpty() ? "; this one has none" : "; this one has " + String.join(" and ", kinds)));
    }
    if (currency != null && amount == null) {
      throw new IllegalArgumentException("currency goes with amount only");
    }
    if (currency != null && !SayGrammars.CURRENCIES.contains(currency)) {
      throw new IllegalArgumentException("currency '" + currency + "' is not one of " + SayGrammars.CURRENCIES);
    }
  }

  public static SayItem prompt(String key) {
    return new SayItem(key, null, null, null, null, null);
  }

  /** {@code prompt}, {@code number}, {@code digits}, {@code amount} or {@code date}. */
  public String kind() {
    return prompt != null ? "prompt" : number != null ? "number" : digits != null ? "digits" : amount != null ? "amount" : "date";
  }

  /** The prompt key, or the CEL expression to say. */
  public String value() {
    return prompt != null ? prompt : number != null ? number : digits != null ? digits : amount != null ? amount : date;
  }
}
