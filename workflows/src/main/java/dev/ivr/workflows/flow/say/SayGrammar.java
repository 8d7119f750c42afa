package dev.ivr.workflows.flow.say;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * How one locale says numbers, digits, amounts and dates as a sequence of pre-recorded fragment
 * prompts ({@code say-*} keys, {@code flows/prompts/<locale>/say-*.wav}). Pure and deterministic: it
 * runs inside workflow code. Every method throws {@link IllegalArgumentException} for a value it
 * cannot say (out of range, not digits).
 */
public interface SayGrammar {
  /** Numbers said are within ±{@value}-1: up to hundreds of millions. */
  long NUMBER_LIMIT = 1_000_000_000L;
  /** The longest digit string said one by one. */
  int MAX_DIGITS = 32;

  /** The locale it speaks, e.g. {@code en-US}. */
  String locale();

  /** The currency an amount without {@code currency} is in. */
  String defaultCurrency();

  /** Every fragment key it may produce: what the api pins and the validator checks for its locale. */
  Set<String> fragments();

  /** An integer, |n| below {@link #NUMBER_LIMIT}. */
  List<String> number(long n);

  /** 1..{@link #MAX_DIGITS} characters 0-9, one fragment each. */
  default List<String> digits(String digits) {
    if (digits == null || digits.isEmpty() || digits.length() > MAX_DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("its value is not 1 to " + MAX_DIGITS + " digits 0-9");
    }
    return digits.chars().mapToObj(c -> Fragments.number(c - '0')).toList();
  }

  /** An amount in {@code currency} ({@link SayGrammars#CURRENCIES}), rounded to cents (half up). */
  List<String> amount(BigDecimal amount, String currency);

  /** A calendar date, year 1 to 9999. */
  List<String> date(LocalDate date);
}
