package dev.ivr.workflows.flow.say;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The tricky cases of each locale's grammar, as fragments without their {@code say-} prefix. */
class SayGrammarTest {

  @ParameterizedTest(name = "{0} {1} {2} = {3}")
  @CsvSource(delimiter = '|', value = {
      "en-US | number | 0          | 0",
      "en-US | number | 7          | 7",
      "en-US | number | 13         | 13",
      "en-US | number | 21         | 20 1",
      "en-US | number | 80         | 80",
      "en-US | number | 99         | 90 9",
      "en-US | number | 100        | 1 hundred",
      "en-US | number | 115        | 1 hundred 15",
      "en-US | number | 1000       | 1 thousand",
      "en-US | number | 1001       | 1 thousand 1",
      "en-US | number | 21000      | 20 1 thousand",
      "en-US | number | 1000000    | 1 million",
      "en-US | number | 2000500    | 2 million 5 hundred",
      "en-US | number | -42        | minus 40 2",
      "en-US | number | 999999999  | 9 hundred 90 9 million 9 hundred 90 9 thousand 9 hundred 90 9",
      "fr-FR | number | 0          | 0",
      "fr-FR | number | 16         | 16",
      "fr-FR | number | 17         | 17",
      "fr-FR | number | 21         | 20 and 1",
      "fr-FR | number | 22         | 20 2",
      "fr-FR | number | 61         | 60 and 1",
      "fr-FR | number | 70         | 60 10",
      "fr-FR | number | 71         | 60 and 11",
      "fr-FR | number | 77         | 60 17",
      "fr-FR | number | 80         | 80",
      "fr-FR | number | 81         | 4-20 1",
      "fr-FR | number | 90         | 4-20 10",
      "fr-FR | number | 91         | 4-20 11",
      "fr-FR | number | 99         | 4-20 19",
      "fr-FR | number | 100        | hundred",
      "fr-FR | number | 101        | hundred 1",
      "fr-FR | number | 180        | hundred 80",
      "fr-FR | number | 200        | 2 hundreds",
      "fr-FR | number | 201        | 2 hundred 1",
      "fr-FR | number | 1000       | thousand",
      "fr-FR | number | 1001       | thousand 1",
      "fr-FR | number | 2000       | 2 thousand",
      "fr-FR | number | 21000      | 20 and 1 thousand",
      "fr-FR | number | 80000      | 4-20 thousand",
      "fr-FR | number | 200000     | 2 hundred thousand",
      "fr-FR | number | 1000000    | 1 million",
      "fr-FR | number | 2000000    | 2 millions",
      "fr-FR | number | 80000000   | 80 millions",
      "fr-FR | number | 200000000  | 2 hundreds millions",
      "fr-FR | number | 1001001    | 1 million thousand 1",
      "fr-FR | number | -1         | minus 1",
      "en-US | digits | 0042       | 0 0 4 2",
      "fr-FR | digits | 907        | 9 0 7",
      "en-US | amount | 42.10      | 40 2 dollars and 10 cents",
      "en-US | amount | 1          | 1 dollar",
      "en-US | amount | 1.01       | 1 dollar and 1 cent",
      "en-US | amount | 0.5        | 50 cents",
      "en-US | amount | 0          | 0 dollars",
      "en-US | amount | -3.25      | minus 3 dollars and 20 5 cents",
      "en-US | amount | 19.999     | 20 dollars",
      "fr-FR | amount | 42.10      | 40 2 euros 10",
      "fr-FR | amount | 1          | 1 euro",
      "fr-FR | amount | 0          | 0 euro",
      "fr-FR | amount | 0.01       | 1 centime",
      "fr-FR | amount | 0.80       | 80 centimes",
      "fr-FR | amount | 2.05       | 2 euros 5",
      "fr-FR | amount | 1000000    | 1 million of-euros",
      "fr-FR | amount | 3000000.50 | 3 millions of-euros 50",
      "fr-FR | amount | 1000001    | 1 million 1 euros",
      "en-US | amount | 42.10 EUR  | 40 2 euros and 10 cents",
      "en-US | amount | 1 EUR      | 1 euro",
      "fr-FR | amount | 42.10 USD  | 40 2 dollars 10",
      "fr-FR | amount | 0.01 USD   | 1 cent",
      "fr-FR | amount | 2000000 USD | 2 millions of-dollars",
      "en-US | date   | 2026-12-05 | month-12 ord-5 2 thousand 20 6",
      "en-US | date   | 2000-01-31 | month-1 ord-31 2 thousand",
      "en-US | date   | 1999-07-04 | month-7 ord-4 19 90 9",
      "en-US | date   | 1905-03-01 | month-3 ord-1 19 oh 5",
      "en-US | date   | 1900-03-21 | month-3 ord-21 19 hundred",
      "en-US | date   | 1066-10-14 | month-10 ord-14 10 60 6",
      "fr-FR | date   | 2026-12-05 | le 5 month-12 2 thousand 20 6",
      "fr-FR | date   | 2026-12-01 | le ord-1 month-12 2 thousand 20 6",
      "fr-FR | date   | 1999-05-21 | le 20 and 1 month-5 thousand 9 hundred 4-20 19",
      "fr-FR | date   | 1980-01-31 | le 30 and 1 month-1 thousand 9 hundred 80",
  })
  void saysTheTrickyCases(String locale, String kind, String value, String expected) {
    assertThat(say(locale, kind, value)).isEqualTo(keys(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"en-US", "fr-FR"})
  void refusesWhatItCannotSay(String locale) {
    SayGrammar grammar = SayGrammars.of(locale).orElseThrow();
    assertThatThrownBy(() -> grammar.number(1_000_000_000L)).hasMessageContaining("out of range");
    assertThatThrownBy(() -> grammar.number(Long.MIN_VALUE)).hasMessageContaining("out of range");
    assertThatThrownBy(() -> grammar.amount(new BigDecimal("1000000000"), null)).hasMessageContaining("out of range");
    assertThatThrownBy(() -> grammar.amount(BigDecimal.ONE, "GBP")).hasMessageContaining("not one of");
    assertThatThrownBy(() -> grammar.digits("12a4")).hasMessageContaining("digits 0-9");
    assertThatThrownBy(() -> grammar.digits("")).hasMessageContaining("digits 0-9");
    assertThatThrownBy(() -> grammar.digits("1".repeat(33))).hasMessageContaining("digits 0-9");
    assertThatThrownBy(() -> grammar.date(LocalDate.of(0, 1, 1))).hasMessageContaining("out of range");
  }

  /** Every key a grammar produces is one of its fragments, and every fragment is produced by something. */
  @ParameterizedTest
  @ValueSource(strings = {"en-US", "fr-FR"})
  void fragmentsAreExactlyWhatItSays(String locale) {
    SayGrammar grammar = SayGrammars.of(locale).orElseThrow();
    Set<String> produced = new HashSet<>();
    for (long n = -1000; n <= 200_000; n++) {
      produced.addAll(grammar.number(n));
    }
    for (long n : new long[] {1_000_000, 2_000_000, 80_000_000, 200_000_000, 999_999_999}) {
      produced.addAll(grammar.number(n));
    }
    for (String currency : SayGrammars.CURRENCIES) {
      for (String amount : List.of("0", "0.01", "0.02", "1", "2.50", "1000000", "2000000", "-1.01")) {
        produced.addAll(grammar.amount(new BigDecimal(amount), currency));
      }
    }
    for (LocalDate d = LocalDate.of(2024, 1, 1); d.getYear() < 2025; d = d.plusDays(1)) {
      produced.addAll(grammar.date(d));
    }
    produced.addAll(grammar.date(LocalDate.of(1905, 1, 1)));
    produced.addAll(grammar.digits("0123456789"));

    assertThat(grammar.fragments()).allMatch(key -> key.startsWith("say-"));
    assertThat(produced).isEqualTo(grammar.fragments());
  }

  @Test
  void onlyEnglishAndFrenchHaveAGrammar() {
    assertThat(SayGrammars.locales()).containsExactly("en-US", "fr-FR");
    assertThat(SayGrammars.of("fr")).isEmpty();
    assertThat(SayGrammars.of("de-DE")).isEmpty();
    assertThat(SayGrammars.of("en-US").orElseThrow().defaultCurrency()).isEqualTo("USD");
    assertThat(SayGrammars.of("fr-FR").orElseThrow().defaultCurrency()).isEqualTo("EUR");
  }

  /** An amount may name its currency after a space: {@code 42.10 EUR}. */
  private static List<String> say(String locale, String kind, String value) {
    SayGrammar grammar = SayGrammars.of(locale).orElseThrow();
    String[] amount = value.split(" ");
    return switch (kind) {
      case "number" -> grammar.number(Long.parseLong(value));
      case "digits" -> grammar.digits(value);
      case "amount" -> grammar.amount(new BigDecimal(amount[0]), amount.length > 1 ? amount[1] : null);
      case "date" -> grammar.date(LocalDate.parse(value));
      default -> throw new IllegalArgumentException(kind);
    };
  }

  private static List<String> keys(String words) {
    return Arrays.stream(words.trim().split(" +")).map(w -> "say-" + w).toList();
  }
}
