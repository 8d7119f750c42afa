package dev.ivr.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The api process: Graph's notification webhook (signals into call workflows), prompt hosting and,
 * later, REST for calls, flows and recordings. Stateless: any instance can signal any call.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ApiApplication {
  public static void main(String[] args) {
    SpringApplication.run(ApiApplication.class, args);
  }
}
