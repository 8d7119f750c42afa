package dev.ivr.api.temporal;

import com.uber.m3.tally.NoopScope;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import dev.ivr.codec.PayloadEncryption;
import dev.ivr.codec.PayloadKeys;
import dev.ivr.workflows.call.SecureInputs;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The Temporal client, wired by hand instead of through temporal-spring-boot-starter (which is
 * built against Boot 2.7 and drags the test server into compile scope).
 *
 * <p>An auto-configuration, not a plain configuration, so that {@code @ConditionalOnMissingBean}
 * reliably backs off when a test or the embedded launcher supplies its own {@link WorkflowClient}.
 *
 * <p>The stubs connect lazily: the api starts while Temporal is down. Every RPC is bounded by
 * {@code ivr.temporal.rpc-timeout}, per attempt and for all retries together.
 */
@AutoConfiguration
@EnableConfigurationProperties({TemporalConnectionProperties.class, TemporalRpcProperties.class})
public class TemporalClientAutoConfiguration {

  /** The SDK's client metrics ({@code temporal_request}, {@code temporal_request_latency}…) on the api's registry. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(type = {"io.temporal.serviceclient.WorkflowServiceStubs", "io.temporal.client.WorkflowClient"})
  Scope temporalClientMetrics(ObjectProvider<MeterRegistry> meters) {
    MeterRegistry registry = meters.getIfAvailable();
    return registry == null ? new NoopScope()
        : new RootScopeBuilder().reporter(new MicrometerClientStatsReporter(registry))
            .reportEvery(com.uber.m3.util.Duration.ofSeconds(1));
  }

  @Bean(destroyMethod = "shutdown")
  @ConditionalOnMissingBean(type = {"io.temporal.serviceclient.WorkflowServiceStubs", "io.temporal.client.WorkflowClient"})
  WorkflowServiceStubs workflowServiceStubs(TemporalConnectionProperties connection, TemporalRpcProperties rpc,
      Scope scope) {
    Duration bound = rpc.rpcTimeout();
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(connection.connection().target())
            .setMetricsScope(scope)
            .setRpcTimeout(bound)
            .setSystemInfoTimeout(bound)
            .setRpcRetryOptions(
                RpcRetryOptions.newBuilder()
                    .setExpiration(bound)
                    .setInitialInterval(Duration.ofMillis(50))
                    // a retry's back-off sleep is not cut short by the deadline: keep it short
                    .setMaximumInterval(Duration.ofMillis(Math.max(50, Math.min(500, bound.toMillis() / 5))))
                    .build())
            .build());
  }

  /**
   * The payload keys, newest first: {@code ivr.payload.keys} ({@code IVR_PAYLOAD_KEYS}) and/or the file
   * {@code ivr.payload.keys-file} ({@code IVR_PAYLOAD_KEYS_FILE}), the worker's names. Read through the
   * {@link Environment} because configuration-properties binding would not map {@code IVR_PAYLOAD_KEYS_FILE}
   * to {@code keys-file}.
   */
  @Bean
  @ConditionalOnMissingBean
  PayloadKeys payloadKeys(Environment environment) {
    PayloadKeys keys = PayloadKeys.of(environment.getProperty("ivr.payload.keys"),
        environment.getProperty("ivr.payload.keys-file"));
    if (keys.isEmpty()) {
      org.slf4j.LoggerFactory.getLogger(TemporalClientAutoConfiguration.class).warn("No payload keys ({} or {}):"
          + " signals and outbound inputs go to Temporal in clear, and the codec server decrypts nothing."
          + " Development only.", PayloadKeys.ENV, PayloadKeys.ENV_FILE);
    }
    return keys;
  }

  @Bean
  @ConditionalOnMissingBean
  WorkflowClient workflowClient(WorkflowServiceStubs stubs, TemporalConnectionProperties connection, PayloadKeys keys) {
    return WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace(connection.namespace())
        .setDataConverter(PayloadEncryption.dataConverter(keys, SecureInputs::restricted)).build());
  }
}
