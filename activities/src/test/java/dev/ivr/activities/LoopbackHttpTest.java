package dev.ivr.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class LoopbackHttpTest {

  @Test
  void loopbackHosts_inEverySpelling_areLoopback() {
    assertThat(LoopbackHttp.isLoopback("localhost")).isTrue();
    assertThat(LoopbackHttp.isLoopback("LOCALHOST")).isTrue();
    assertThat(LoopbackHttp.isLoopback("127.0.0.1")).isTrue();
    assertThat(LoopbackHttp.isLoopback("127.1.2.3")).isTrue();
    assertThat(LoopbackHttp.isLoopback("::1")).isTrue();
    assertThat(LoopbackHttp.isLoopback("[::1]")).isTrue();
    assertThat(LoopbackHttp.isLoopback("[0:0:0:0:0:0:0:1]")).isTrue();
  }

  @Test
  void otherHosts_areNot() {
    assertThat(LoopbackHttp.isLoopback(null)).isFalse();
    assertThat(LoopbackHttp.isLoopback("127.0.0.1.example.com")).isFalse();
    assertThat(LoopbackHttp.isLoopback("128.0.0.1")).isFalse();
    assertThat(LoopbackHttp.isLoopback("localhost.example.com")).isFalse();
    assertThat(LoopbackHttp.isLoopback("10.0.0.1")).isFalse();
  }

  @Test
  void httpOnlyToLoopback_httpsAnywhere() {
    assertThat(LoopbackHttp.isHttpsOrLoopbackHttp(URI.create("https://graph.microsoft.com/v1.0"))).isTrue();
    assertThat(LoopbackHttp.isHttpsOrLoopbackHttp(URI.create("http://[::1]:8080/recordings/1"))).isTrue();
    assertThat(LoopbackHttp.isHttpsOrLoopbackHttp(URI.create("http://127.0.0.1:8080/v1.0"))).isTrue();
    assertThat(LoopbackHttp.isHttpsOrLoopbackHttp(URI.create("http://graph.example/v1.0"))).isFalse();
    assertThat(LoopbackHttp.isHttpsOrLoopbackHttp(URI.create("ftp://localhost/x"))).isFalse();
  }
}
