package dev.ivr.workflows.interpreter;

import dev.ivr.workflows.call.CallSession;
import dev.ivr.workflows.flow.MediaRef;
import dev.ivr.workflows.flow.SayItem;
import dev.ivr.workflows.flow.expr.CelExpressions;
import dev.ivr.workflows.flow.say.SayGrammar;
import dev.ivr.workflows.flow.say.SayGrammars;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A play node's {@code say} list as prompts: each expression evaluated once, then said by the
 * grammar of the first locale of the call's chain (caller locale, its language, the flow's locales)
 * that has a grammar and whose fragments the call pinned. Static prompts of the list play in that
 * locale too where they exist in it. A value that cannot be said is a {@link FlowError}.
 */
final class SaySequence {
  /** Bounds one node: five playPrompts of Graph's 20. */
  static final int MAX_PROMPTS = 100;

  /** The prompt keys and their media, in the locale that says them. */
  record Said(String locale, List<String> keys, List<MediaRef> media) {}

  private SaySequence() {}

  static Said build(CallSession call, List<SayItem> items) {
    Map<String, Object> variables = call.variables().current();
    List<Object> values = new ArrayList<>();
    for (SayItem item : items) {
      values.add("prompt".equals(item.kind()) ? item.prompt() : CelExpressions.evaluate(item.value(), variables));
    }
    List<String> chain = call.localeChain();
    for (String locale : chain) {
      Optional<SayGrammar> grammar = SayGrammars.of(locale);
      if (grammar.isEmpty()) {
        continue;
      }
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        keys.addAll(say(grammar.get(), items.get(i), values.get(i), i));
      }
      if (keys.size() > MAX_PROMPTS) {
        throw new FlowError("say yields " + keys.size() + " prompts; a play node plays at most " + MAX_PROMPTS);
      }
      Optional<List<MediaRef>> media = media(call, locale, keys);
      if (media.isPresent()) {
        return new Said(locale, keys, media.get());
      }
    }
    throw new FlowError("say: none of the call's locales " + chain + " has a say grammar with its fragments pinned"
        + " (grammars: " + SayGrammars.locales() + ")");
  }

  /** The media of every key in {@code locale}; a static prompt missing there falls back as prompts do. */
  private static Optional<List<MediaRef>> media(CallSession call, String locale, List<String> keys) {
    List<MediaRef> media = new ArrayList<>();
    for (String key : keys) {
      MediaRef found = call.prompts().media().get(locale + "/" + key);
      if (found == null && key.startsWith("say-")) {
        return Optional.empty();
      }
      media.add(found != null ? found : call.media(key));
    }
    return Optional.of(media);
  }

  private static List<String> say(SayGrammar grammar, SayItem item, Object value, int index) {
    String where = "say[" + index + "]." + item.kind();
    try {
      return switch (item.kind()) {
        case "prompt" -> List.of(item.prompt());
        case "number" -> grammar.number(integer(value));
        case "digits" -> grammar.digits(text(value));
        case "amount" -> grammar.amount(decimal(value), item.currency());
        case "date" -> grammar.date(date(text(value)));
        default -> throw new IllegalArgumentException("unknown kind " + item.kind());
      };
    } catch (IllegalArgumentException | ArithmeticException e) {
      // the message names the expression and the kind of value, never the value (it may be a secret)
      throw new FlowError(where + " '" + item.value() + "' cannot be said: " + e.getMessage());
    }
  }

  private static long integer(Object value) {
    if (value instanceof Long n) {
      return n;
    }
    if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
      return (long) (double) d;
    }
    if (value instanceof String s && s.matches("-?[0-9]{1,18}")) {
      return Long.parseLong(s);
    }
    throw new IllegalArgumentException("its value is not an integer (" + type(value) + ")");
  }

  private static BigDecimal decimal(Object value) {
    if (value instanceof Long n) {
      return BigDecimal.valueOf(n);
    }
    if (value instanceof Double d && !d.isNaN() && !d.isInfinite()) {
      return BigDecimal.valueOf(d);
    }
    if (value instanceof String s && s.matches("-?[0-9]{1,18}(\\.[0-9]{1,18})?")) {
      return new BigDecimal(s);
    }
    throw new IllegalArgumentException("its value is not a decimal number (" + type(value) + ")");
  }

  private static String text(Object value) {
    if (value instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("its value is not a string (" + type(value) + ")");
  }

  private static LocalDate date(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("its value is not a date yyyy-MM-dd");
    }
  }

  private static String type(Object value) {
    return value == null ? "null" : value instanceof String ? "a string that is not one" : value.getClass().getSimpleName();
  }
}
