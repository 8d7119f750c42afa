package dev.ivr.api.prompt;

import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Serves prompt audio to Graph: {@code GET /prompts/{locale}/{key}.wav}, with a content-hash ETag. */
@RestController
class PromptController {

  static final MediaType AUDIO_WAV = MediaType.parseMediaType("audio/wav");

  private final PromptLibrary library;

  PromptController(PromptLibrary library) {
    this.library = library;
  }

  @GetMapping("/prompts/{locale}/{key}.wav")
  ResponseEntity<?> prompt(@PathVariable String locale, @PathVariable String key) {
    return library
        .find(locale, key)
        .<ResponseEntity<?>>map(
            // Spring answers 304 itself when If-None-Match matches the ETag
            prompt ->
                ResponseEntity.ok()
                    .contentType(AUDIO_WAV)
                    .eTag(prompt.etag())
                    .cacheControl(CacheControl.maxAge(Duration.ofHours(1)))
                    .body(prompt.content()))
        .orElseGet(
            () ->
                ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no such prompt")));
  }
}
