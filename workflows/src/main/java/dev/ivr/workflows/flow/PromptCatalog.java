package dev.ivr.workflows.flow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prompt key × locale → media, as resolved when the call started. Keys of {@code media} are
 * {@code <locale>/<key>} (e.g. {@code en-US/greeting}), or a bare key for unlocalised media.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PromptCatalog(Map<String, MediaRef> media) {
  public PromptCatalog {
    media = media == null ? Map.of() : FlowMaps.ordered(media);
  }

  /**
   * The media of {@code key} in the first locale of the fallback chain that has it: the caller's
   * locale, its language alone (fr-CA → fr), then the flow's locales in order, then the bare key.
   * Null when none has it.
   */
  public MediaRef resolve(String key, String callerLocale, List<String> flowLocales) {
    for (String locale : chain(callerLocale, flowLocales)) {
      MediaRef found = media.get(locale + "/" + key);
      if (found != null) {
        return found;
      }
    }
    return media.get(key);
  }

  /**
   * The api's base URL as the prompts' media name it (their uri before {@code /prompts/}): where
   * Graph also fetches the call's recordings. Null when the call has no prompt media.
   */
  public String apiBaseUrl() {
    for (MediaRef ref : media.values()) {
      int at = ref.uri().lastIndexOf("/prompts/");
      if (at > 0) {
        return ref.uri().substring(0, at);
      }
    }
    return null;
  }

  /** The fallback chain, without duplicates, in order. */
  public static List<String> chain(String callerLocale, List<String> flowLocales) {
    LinkedHashSet<String> chain = new LinkedHashSet<>();
    if (callerLocale != null && !callerLocale.isBlank()) {
      chain.add(callerLocale);
      int dash = callerLocale.indexOf('-');
      if (dash > 0) {
        chain.add(callerLocale.substring(0, dash).toLowerCase(Locale.ROOT));
      }
    }
    chain.addAll(flowLocales);
    return new ArrayList<>(chain);
  }
}
