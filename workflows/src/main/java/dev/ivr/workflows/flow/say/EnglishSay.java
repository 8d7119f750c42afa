package dev.ivr.workflows.flow.say;

import static dev.ivr.workflows.flow.say.Fragments.word;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * American English: 21 = twenty + one, 115 = one hundred fifteen (no "and" in numbers),
 * 1,000,000 = one million; $42.10 = forty-two dollars and ten cents; 2026-12-05 = December fifth,
 * two thousand twenty-six; years 1001-1999 in pairs (nineteen ninety-nine, nineteen oh five,
 * nineteen hundred).
 */
final class EnglishSay extends FragmentGrammar {
  private static final Set<String> FRAGMENTS;

  static {
    Set<String> keys = new LinkedHashSet<>(Fragments.numbers(19));
    for (int tens = 20; tens <= 90; tens += 10) {
      keys.add(Fragments.number(tens));
    }
    for (String w : List.of("hundred", "thousand", "million", "minus", "and", "oh",
        "dollar", "dollars", "euro", "euros", "cent", "cents")) {
      keys.add(word(w));
    }
    for (int m = 1; m <= 12; m++) {
      keys.add(Fragments.month(m));
    }
    for (int d = 1; d <= 31; d++) {
      keys.add(Fragments.ordinal(d));
    }
    FRAGMENTS = keys;
  }

  EnglishSay() {
    super("en-US", "USD", FRAGMENTS);
  }

  @Override
  void positive(long n, List<String> keys) {
    long millions = n / 1_000_000;
    long thousands = n / 1_000 % 1_000;
    if (millions > 0) {
      under1000((int) millions, keys);
      keys.add(word("million"));
    }
    if (thousands > 0) {
      under1000((int) thousands, keys);
      keys.add(word("thousand"));
    }
    under1000((int) (n % 1_000), keys);
  }

  private static void under1000(int n, List<String> keys) {
    if (n >= 100) {
      keys.add(Fragments.number(n / 100));
      keys.add(word("hundred"));
    }
    under100(n % 100, keys);
  }

  private static void under100(int n, List<String> keys) {
    if (n == 0) {
      return;
    }
    if (n < 20) {
      keys.add(Fragments.number(n));
      return;
    }
    keys.add(Fragments.number(n / 10 * 10));
    if (n % 10 > 0) {
      keys.add(Fragments.number(n % 10));
    }
  }

  @Override
  void amount(long whole, long cents, boolean euro, List<String> keys) {
    if (whole > 0 || cents == 0) {
      keys.addAll(number(whole));
      keys.add(word(euro ? (whole == 1 ? "euro" : "euros") : (whole == 1 ? "dollar" : "dollars")));
      if (cents > 0) {
        keys.add(word("and"));
      }
    }
    if (cents > 0) {
      keys.addAll(number(cents));
      keys.add(word(cents == 1 ? "cent" : "cents"));
    }
  }

  @Override
  public List<String> date(LocalDate date) {
    Fragments.checkDate(date);
    List<String> keys = new ArrayList<>();
    keys.add(Fragments.month(date.getMonthValue()));
    keys.add(Fragments.ordinal(date.getDayOfMonth()));
    int year = date.getYear();
    if (year > 1000 && year < 2000) {
      keys.add(Fragments.number(year / 100));
      int low = year % 100;
      if (low == 0) {
        keys.add(word("hundred"));
      } else if (low < 10) {
        keys.add(word("oh"));
        keys.add(Fragments.number(low));
      } else {
        under100(low, keys);
      }
    } else {
      keys.addAll(number(year));
    }
    return keys;
  }
}
