package dev.ivr.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivr.workflows.visibility.CallSearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CallSearchAttributeRegistrationTest {

  @Test
  void theSharedList_holdsExactlyWhatTheCallWorkflowUpserts() {
    assertThat(CallSearchAttributeRegistration.LISTED).containsExactlyEntriesOf(CallSearchAttributes.ALL);
  }

  @Test
  void parse_readsNamesAndTypes_andSkipsComments() throws Exception {
    var parsed = CallSearchAttributeRegistration.parse(new ByteArrayInputStream(
        "# comment\nCallId  Keyword\n\nTags KeywordList # trailing\nScore Double\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(parsed).containsExactly(
        java.util.Map.entry("CallId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD),
        java.util.Map.entry("Tags", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST),
        java.util.Map.entry("Score", IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE));
  }

  @Test
  void parse_namesTheLineOfAnUnknownType() {
    assertThatThrownBy(() -> CallSearchAttributeRegistration.parse(new ByteArrayInputStream(
        "CallId Keyword\nFlowId Keywrod\n".getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("line 2").hasMessageContaining("Keywrod");
  }
}
