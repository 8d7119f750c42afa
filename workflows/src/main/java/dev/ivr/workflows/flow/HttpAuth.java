package dev.ivr.workflows.flow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Locale;

/**
 * Credentials of an http node, by the name of a secret the worker holds ({@code IVR_SECRET_<NAME>}
 * or the file {@code <IVR_SECRETS_DIR>/<name>}): the flow names the secret, never its value, and the
 * request is assembled with the value inside the activity, so that it is never in the flow file, the
 * workflow's history or a log.
 *
 * @param secret the secret's name: lower-case letters, digits and '-'
 * @param scheme {@code bearer} ({@code Authorization: Bearer <value>}), {@code basic} (the value is
 *     {@code user:password}; {@code Authorization: Basic <base64>}) or {@code header} (the value as
 *     it is, in the header {@code header})
 * @param header the header for {@code scheme: header}, e.g. {@code X-Api-Key}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HttpAuth(String secret, String scheme, String header) {
  public HttpAuth {
    if (secret == null || !secret.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      throw new IllegalArgumentException("auth.secret must name a secret: lower-case letters, digits and '-', got "
          + secret);
    }
    scheme = scheme == null ? "bearer" : scheme.toLowerCase(Locale.ROOT);
    if (!scheme.matches("bearer|basic|header")) {
      throw new IllegalArgumentException("auth.scheme must be bearer, basic or header, got " + scheme);
    }
    if (scheme.equals("header") && (header == null || header.isBlank())) {
      throw new IllegalArgumentException("auth.scheme header needs auth.header (e.g. X-Api-Key)");
    }
  }
}
