package dev.ivr.workflows.flow.say;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Fragment key names and the checks both grammars share. */
final class Fragments {
  static final String PREFIX = "say-";

  private Fragments() {}

  /** {@code say-<n>}: the cardinal n as one fragment. */
  static String number(long n) {
    return PREFIX + n;
  }

  static String month(int month) {
    return PREFIX + "month-" + month;
  }

  static String ordinal(int day) {
    return PREFIX + "ord-" + day;
  }

  static String word(String name) {
    return PREFIX + name;
  }

  static void checkNumber(long n) {
    if (Math.abs(n) >= SayGrammar.NUMBER_LIMIT || n == Long.MIN_VALUE) {
      throw new IllegalArgumentException("its value is out of range: numbers are said up to ±" + (SayGrammar.NUMBER_LIMIT - 1));
    }
  }

  static void checkDate(LocalDate date) {
    if (date.getYear() < 1 || date.getYear() > 9999) {
      throw new IllegalArgumentException("its value is out of range: years 1 to 9999 are said");
    }
  }

  /** An amount in cents, rounded half up; its whole part must be a number that can be said. */
  static long cents(BigDecimal amount) {
    BigDecimal cents = amount.setScale(2, RoundingMode.HALF_UP).movePointRight(2);
    if (cents.abs().compareTo(BigDecimal.valueOf(SayGrammar.NUMBER_LIMIT).movePointRight(2)) >= 0) {
      throw new IllegalArgumentException("its value is out of range: amounts are said up to ±"
          + (SayGrammar.NUMBER_LIMIT - 1) + ".99");
    }
    return cents.longValueExact();
  }

  /** {@code say-0} .. {@code say-<to>}. */
  static List<String> numbers(int to) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i <= to; i++) {
      keys.add(number(i));
    }
    return keys;
  }
}
