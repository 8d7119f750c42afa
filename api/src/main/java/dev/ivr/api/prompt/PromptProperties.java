package dev.ivr.api.prompt;

import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ivr.prompts.dir}: where prompt files live, as {@code <dir>/<locale>/<key>.wav} (relative
 * paths resolve against the working directory); {@code ivr.prompts.default-locale}: the locale
 * incoming calls get until flows choose one.
 */
@ConfigurationProperties("ivr.prompts")
public record PromptProperties(
    @DefaultValue("flows/prompts") String dir, @DefaultValue("en-US") String defaultLocale) {
  public PromptProperties {
    if (dir == null || dir.isBlank()) {
      throw new IllegalArgumentException("ivr.prompts.dir must not be blank");
    }
    if (defaultLocale == null || !PromptLibrary.isLocale(defaultLocale)) {
      throw new IllegalArgumentException(
          "ivr.prompts.default-locale must be a language tag such as en-US, got '" + defaultLocale + "'");
    }
    defaultLocale = Locale.forLanguageTag(defaultLocale).toLanguageTag();
  }
}
