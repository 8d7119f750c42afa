package dev.ivr.flowtools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FlowDiagramTest {

  @Test
  void mainMenu_hasEveryNodeWithItsType_andEdgesLabelledWithKeysAndError() {
    FlowDiagram diagram = FlowDiagram.of(FlowLoader.load(Path.of("../flows/main-menu/flow.yaml")).flow());

    assertThat(diagram.start()).isEqualTo("menu");
    assertThat(diagram.nodes()).contains(new FlowDiagram.Node("menu", "menu"),
        new FlowDiagram.Node("new-orders", "play"), new FlowDiagram.Node("to-support", "transfer"));
    assertThat(diagram.edges()).contains(
        new FlowDiagram.Edge("menu", "sales", "key 1"),
        new FlowDiagram.Edge("menu", "goodbye", "onMaxFailures"),
        new FlowDiagram.Edge("new-orders", "goodbye", ""));
    assertThat(diagram.edges()).allSatisfy(edge ->
        assertThat(diagram.nodes()).extracting(FlowDiagram.Node::id).contains(edge.from()));
  }
}
