package dev.ivr.workflows.flow.say;

import static dev.ivr.workflows.flow.say.Fragments.word;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * French (France): 21 = vingt et un, 71 = soixante et onze, 80 = quatre-vingts, 81 = quatre-vingt-un,
 * 99 = quatre-vingt-dix-neuf, 200 = deux cents, 201 = deux cent un, 1000 = mille, 2000 = deux mille,
 * 1 000 000 = un million. "vingt" and "cent" take their s when multiplied and last, or before
 * millions (a noun), never before mille (quatre-vingt mille, deux cent mille, deux cents millions).
 * 42,10 € = quarante-deux euros dix; 2 000 000 € = deux millions d'euros; 2026-12-05 = le cinq
 * décembre deux mille vingt-six, with "premier" for the 1st.
 *
 * <p>Fragments that have no English twin: {@code say-4-20} (quatre-vingt, bound) next to
 * {@code say-80} (quatre-vingts), {@code say-hundreds} (cents), {@code say-millions}, {@code say-le},
 * {@code say-centime(s)}, {@code say-of-euros} (d'euros) and {@code say-of-dollars} (de dollars).
 */
final class FrenchSay extends FragmentGrammar {
  private static final Set<String> FRAGMENTS;

  static {
    Set<String> keys = new LinkedHashSet<>(Fragments.numbers(19));
    for (int tens = 20; tens <= 60; tens += 10) {
      keys.add(Fragments.number(tens));
    }
    keys.add(Fragments.number(80));
    for (String w : List.of("4-20", "hundred", "hundreds", "thousand", "million", "millions", "minus", "and", "le",
        "euro", "euros", "of-euros", "centime", "centimes", "dollar", "dollars", "of-dollars", "cent", "cents")) {
      keys.add(word(w));
    }
    for (int m = 1; m <= 12; m++) {
      keys.add(Fragments.month(m));
    }
    keys.add(Fragments.ordinal(1));
    FRAGMENTS = keys;
  }

  FrenchSay() {
    super("fr-FR", "EUR", FRAGMENTS);
  }

  @Override
  void positive(long n, List<String> keys) {
    int millions = (int) (n / 1_000_000);
    int thousands = (int) (n / 1_000 % 1_000);
    if (millions > 0) {
      under1000(millions, true, keys);
      keys.add(word(millions == 1 ? "million" : "millions"));
    }
    if (thousands > 1) {
      under1000(thousands, false, keys);
    }
    if (thousands > 0) {
      keys.add(word("thousand"));
    }
    under1000((int) (n % 1_000), true, keys);
  }

  /** {@code plural}: whether a final cent/vingt takes its s (false before mille). */
  private static void under1000(int n, boolean plural, List<String> keys) {
    int hundreds = n / 100;
    int rest = n % 100;
    if (hundreds > 1) {
      keys.add(Fragments.number(hundreds));
    }
    if (hundreds > 0) {
      keys.add(word(hundreds > 1 && rest == 0 && plural ? "hundreds" : "hundred"));
    }
    under100(rest, plural, keys);
  }

  private static void under100(int n, boolean plural, List<String> keys) {
    if (n == 0) {
      return;
    }
    if (n < 20) {
      keys.add(Fragments.number(n));
      return;
    }
    int tens = n / 10;
    int unit = n % 10;
    if (tens == 8 && unit == 0) {
      keys.add(plural ? Fragments.number(80) : word("4-20"));
    } else if (tens >= 8) {
      keys.add(word("4-20"));
      keys.add(Fragments.number(tens == 9 ? 10 + unit : unit));
    } else if (tens == 7) {
      keys.add(Fragments.number(60));
      if (unit == 1) {
        keys.add(word("and"));
      }
      keys.add(Fragments.number(10 + unit));
    } else {
      keys.add(Fragments.number(tens * 10L));
      if (unit == 1) {
        keys.add(word("and"));
      }
      if (unit > 0) {
        keys.add(Fragments.number(unit));
      }
    }
  }

  @Override
  void amount(long whole, long cents, boolean euro, List<String> keys) {
    if (whole == 0 && cents > 0) {
      keys.addAll(number(cents));
      keys.add(word(euro ? (cents == 1 ? "centime" : "centimes") : (cents == 1 ? "cent" : "cents")));
      return;
    }
    keys.addAll(number(whole));
    String unit = euro ? "euro" : "dollar";
    if (whole >= 1_000_000 && whole % 1_000_000 == 0) {
      keys.add(word("of-" + unit + "s"));
    } else {
      keys.add(word(whole <= 1 ? unit : unit + "s"));
    }
    if (cents > 0) {
      keys.addAll(number(cents));
    }
  }

  @Override
  public List<String> date(LocalDate date) {
    Fragments.checkDate(date);
    List<String> keys = new ArrayList<>();
    keys.add(word("le"));
    if (date.getDayOfMonth() == 1) {
      keys.add(Fragments.ordinal(1));
    } else {
      keys.addAll(number(date.getDayOfMonth()));
    }
    keys.add(Fragments.month(date.getMonthValue()));
    keys.addAll(number(date.getYear()));
    return keys;
  }
}
