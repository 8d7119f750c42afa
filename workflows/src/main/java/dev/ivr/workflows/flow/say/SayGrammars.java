package dev.ivr.workflows.flow.say;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The locales that have a say grammar (en-US, fr-FR) and the currencies they say. To add a locale:
 * a grammar class here, its fragments in {@code flows/prompts/prompts.tsv}, and {@code generate.sh}.
 */
public final class SayGrammars {
  /** The currencies an amount may be in. */
  public static final List<String> CURRENCIES = List.of("USD", "EUR");

  private static final Map<String, SayGrammar> BY_LOCALE = Map.of("en-US", new EnglishSay(), "fr-FR", new FrenchSay());

  private SayGrammars() {}

  /** The grammar of exactly {@code locale} (no fallback to its language). */
  public static Optional<SayGrammar> of(String locale) {
    return Optional.ofNullable(locale == null ? null : BY_LOCALE.get(locale));
  }

  /** The locales with a grammar, sorted. */
  public static List<String> locales() {
    return BY_LOCALE.keySet().stream().sorted().toList();
  }

  static String currency(String currency, SayGrammar grammar) {
    String code = currency == null ? grammar.defaultCurrency() : currency;
    if (!CURRENCIES.contains(code)) {
      throw new IllegalArgumentException("currency '" + currency + "' is not one of " + CURRENCIES);
    }
    return code;
  }
}
