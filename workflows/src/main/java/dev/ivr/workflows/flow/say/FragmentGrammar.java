package dev.ivr.workflows.flow.say;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What both grammars share: range checks, zero, the minus sign, and an amount split into whole and cents. */
abstract class FragmentGrammar implements SayGrammar {
  private final String locale;
  private final String defaultCurrency;
  private final Set<String> fragments;

  FragmentGrammar(String locale, String defaultCurrency, Set<String> fragments) {
    this.locale = locale;
    this.defaultCurrency = defaultCurrency;
    this.fragments = Collections.unmodifiableSet(new LinkedHashSet<>(fragments));
  }

  @Override
  public final String locale() {
    return locale;
  }

  @Override
  public final String defaultCurrency() {
    return defaultCurrency;
  }

  @Override
  public final Set<String> fragments() {
    return fragments;
  }

  @Override
  public final List<String> number(long n) {
    Fragments.checkNumber(n);
    if (n == 0) {
      return List.of(Fragments.number(0));
    }
    List<String> keys = new ArrayList<>();
    if (n < 0) {
      keys.add(Fragments.word("minus"));
    }
    positive(Math.abs(n), keys);
    return keys;
  }

  @Override
  public final List<String> amount(BigDecimal amount, String currency) {
    long cents = Fragments.cents(amount);
    boolean euro = SayGrammars.currency(currency, this).equals("EUR");
    List<String> keys = new ArrayList<>();
    if (cents < 0) {
      keys.add(Fragments.word("minus"));
    }
    amount(Math.abs(cents) / 100, Math.abs(cents) % 100, euro, keys);
    return keys;
  }

  /** Adds n, above zero. */
  abstract void positive(long n, List<String> keys);

  /** Adds an amount of {@code whole} units and {@code cents}, not negative, in euros or dollars. */
  abstract void amount(long whole, long cents, boolean euro, List<String> keys);
}
