package dev.ivr.api.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ivr.api.support.ApiHttp;
import dev.ivr.api.support.TemporalTestEnvironment;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** {@code GET /prompts/{locale}/{key}.wav}: the bytes of the file, a content-hash ETag, 404 otherwise. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"ivr.flows.dir=../flows", "ivr.flows.routing=../flows/routing.yaml", "ivr.prompts.dir=../flows/prompts",
      "ivr.notifications.auth.mode=disabled-for-development"})
@Import(TemporalTestEnvironment.class)
@Timeout(60)
class PromptHostingTest {

  @Value("${local.server.port}")
  int port;

  ApiHttp api;

  @BeforeEach
  void setUp() {
    api = new ApiHttp(port, Duration.ofSeconds(30));
  }

  @Test
  void prompt_isServedAsWav_withAnETag() throws IOException {
    HttpResponse<byte[]> response = api.get("/prompts/en-US/goodbye.wav");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("audio/wav");
    assertThat(response.body()).isEqualTo(Files.readAllBytes(Path.of("../flows/prompts/en-US/goodbye.wav")));
    assertThat(response.headers().firstValue("ETag")).hasValueSatisfying(etag -> assertThat(etag).matches("\"[0-9a-f]{64}\""));
  }

  @Test
  void sameETag_isNotModified() {
    String etag = api.get("/prompts/en-US/goodbye.wav").headers().firstValue("ETag").orElseThrow();

    HttpResponse<byte[]> response = api.get("/prompts/en-US/goodbye.wav", "If-None-Match", etag);

    assertThat(response.statusCode()).isEqualTo(304);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void unknownPromptOrLocale_is404() {
    assertThat(api.get("/prompts/en-US/nope.wav").statusCode()).isEqualTo(404);
    assertThat(api.get("/prompts/de-DE/goodbye.wav").statusCode()).isEqualTo(404);
  }

  @Test
  void pathTraversal_neverLeavesThePromptsDirectory() {
    for (String path :
        new String[] {
          "/prompts/en-US/..%2F..%2Fvoicemail%2Fflow.wav",
          "/prompts/..%2F..%2Fvoicemail/flow.wav",
          "/prompts/en-US/%2e%2e/generate.wav",
          "/prompts/en-US/..%5c..%5cpom.wav",
          "/prompts/en-US/.hidden.wav"
        }) {
      int status = api.get(path).statusCode();
      assertThat(status).as(path).isIn(400, 404);
    }
  }

  @Test
  void withNoUsersConfigured_theOperatorEndpointsAreClosed() {
    assertThat(api.get("/api/flows").statusCode()).isEqualTo(401);
    assertThat(api.withBasicAuth("admin", "admin").get("/api/flows").statusCode()).isEqualTo(401);
  }
}
