package dev.ivr.emulator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a {@link GraphEmulator} on a random port for a test class and stops it afterwards. Use it
 * as a static field: {@code @RegisterExtension static GraphEmulatorExtension graph = new
 * GraphEmulatorExtension(EmulatorConfig.defaults().withTimeScale(20));}. Test methods and
 * constructors can take a {@link GraphEmulator} parameter. As an instance field it runs per test.
 */
public final class GraphEmulatorExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

  private final EmulatorConfig config;
  private GraphEmulator emulator;
  private boolean perTest;

  public GraphEmulatorExtension() {
    this(EmulatorConfig.defaults());
  }

  public GraphEmulatorExtension(EmulatorConfig config) {
    this.config = config.withPort(0);
  }

  /** The running emulator. */
  public GraphEmulator emulator() {
    if (emulator == null) throw new IllegalStateException("the Graph emulator is not running");
    return emulator;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (emulator == null) emulator = GraphEmulator.start(config);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (emulator == null) {
      emulator = GraphEmulator.start(config);
      perTest = true;
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (perTest) stop();
  }

  private void stop() {
    if (emulator != null) {
      emulator.close();
      emulator = null;
    }
    perTest = false;
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == GraphEmulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    if (emulator == null) emulator = GraphEmulator.start(config);
    return emulator;
  }
}
