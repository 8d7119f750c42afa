package dev.ivr.api.callback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourcePathTest {

  @Test
  void callOperationAndRosterPaths_areTold() {
    assertThat(ResourcePath.parse("/communications/calls/abc-1"))
        .isEqualTo(new ResourcePath(ResourcePath.Kind.CALL, "abc-1", null));
    assertThat(ResourcePath.parse("/communications/calls/ABC1/operations/OP1"))
        .isEqualTo(new ResourcePath(ResourcePath.Kind.OPERATION, "ABC1", "OP1"));
    assertThat(ResourcePath.parse("/communications/calls/abc/participants").kind()).isEqualTo(ResourcePath.Kind.OTHER);
    assertThat(ResourcePath.parse("https://graph.microsoft.com/v1.0/communications/calls/abc?x=1"))
        .isEqualTo(new ResourcePath(ResourcePath.Kind.CALL, "abc", null));
  }

  @Test
  void legacyResource_isTheFallback() {
    assertThat(ResourcePath.of(null, "/app/calls/abc")).isEqualTo(new ResourcePath(ResourcePath.Kind.CALL, "abc", null));
    assertThat(ResourcePath.of("/communications/calls/x", "/app/calls/y").callId()).isEqualTo("x");
  }

  @Test
  void unrelatedOrEmptyPaths_nameNoCall() {
    assertThat(ResourcePath.parse(null)).isNull();
    assertThat(ResourcePath.parse("/communications/calls/")).isNull();
    assertThat(ResourcePath.parse("/me/events/1")).isNull();
  }
}
