package dev.ivr.embedded.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ivr.embedded.LoopbackPorts;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Starting, stopping and failing to start the CLI's dev server, as {@code ./ivr-dev.sh} and the tests do. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DevServerTest {
  @TempDir Path work;

  private DevServer.Settings settings() {
    return DevServer.Settings.inMemory(TemporalCli.locate(true)).withLogFile(work.resolve("temporal.log")).headless();
  }

  @Test
  void aCorruptDatabase_failsToStart_namingTheFileAndFresh() throws Exception {
    Path database = work.resolve("temporal.db");
    Files.writeString(database, "this is not a SQLite database, but it is where one should be\n".repeat(200));

    assertThatThrownBy(() -> DevServer.start(settings().withDatabase(database)))
        .isInstanceOf(DevServer.StartException.class)
        .hasMessageContaining(database.toAbsolutePath().toString())
        .hasMessageContaining("--fresh")
        .hasMessageContaining("The end of its log");
  }

  @Test
  void aTakenPort_isReplacedByAFreeOne() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      int port = taken.getLocalPort();
      assertThat(LoopbackPorts.bindable(port)).isFalse();
      try (DevServer server = DevServer.start(settings().withPorts(port, -1))) {
        assertThat(server.settings().port()).isNotEqualTo(port);
        assertThat(server.target()).isEqualTo("127.0.0.1:" + server.settings().port());
        assertThat(DevServer.accepts(server.settings().port())).isTrue();
      }
    }
  }

  /**
   * The race CI met: a port picked free is taken by another process before the CLI binds it. A stand-in
   * CLI (a shell script) fails the first start as the real one does, with Go's "bind: address already in
   * use" on the port it was given, and serves the port of the second start: the start succeeds there.
   */
  @Test
  void aPortTakenBetweenPickingAndBinding_isReplaced_andTheStartTriedAgain() throws Exception {
    Path starts = work.resolve("starts");
    Path cli = work.resolve("temporal");
    Files.writeString(cli, """
        #!/bin/sh
        port=""
        while [ $# -gt 0 ]; do [ "$1" = "--port" ] && port=$2; shift; done
        echo "$port" >> %s
        if [ "$(wc -l < %s)" -eq 1 ]; then
          echo '{"level":"FATAL","message":"listen tcp 127.0.0.1:'"$port"': bind: address already in use"}'
          exit 1
        fi
        exec python3 -c 'import socket, sys, time
        s = socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen()
        print("Server: a stand-in", flush=True); time.sleep(600)' "$port"
        """.formatted(starts, starts));
    Files.setPosixFilePermissions(cli, PosixFilePermissions.fromString("rwx------"));

    try (DevServer server = DevServer.start(
        DevServer.Settings.inMemory(cli).withLogFile(work.resolve("temporal.log")).headless())) {
      List<String> ports = Files.readAllLines(starts);
      assertThat(ports).hasSize(2);
      assertThat(ports.get(1)).isNotEqualTo(ports.get(0));
      assertThat(server.settings().port()).isEqualTo(Integer.parseInt(ports.get(1)));
      assertThat(DevServer.accepts(server.settings().port())).isTrue();
    }
  }

  @Test
  void killedAndRestarted_onItsDatabase_itListensOnTheSamePorts_andStopEndsIt() throws Exception {
    DevServer server = DevServer.start(settings().withDatabase(work.resolve("t.db")));
    try {
      long firstPid = server.pid();
      int port = server.settings().port();
      assertThat(server.kill()).isEqualTo(137);
      assertThat(DevServer.accepts(port)).isFalse();
      server.restart();
      assertThat(server.pid()).isNotEqualTo(firstPid);
      assertThat(server.settings().port()).isEqualTo(port);
      assertThat(DevServer.accepts(port)).isTrue();
      assertThat(server.cpuTime()).isPresent();
      assertThat(server.residentBytes()).hasValueSatisfying(rss -> assertThat(rss).isPositive());
    } finally {
      server.close();
    }
    assertThat(server.isRunning()).isFalse();
  }

  @Test
  void aServerLeftRunningByAKilledRun_isStoppedByTheNextStart_throughItsPidFile() throws Exception {
    Path pidFile = work.resolve("temporal.pid");
    Path database = work.resolve("left.db");
    // a dev server started as a killed launcher would have left it: running, its pid in the file
    DevServer.Settings leftSettings = settings().withDatabase(database).withPidFile(pidFile);
    DevServer left = DevServer.start(leftSettings);
    long leftPid = left.pid();
    assertThat(Files.readString(pidFile).trim()).isEqualTo(String.valueOf(leftPid));

    try (DevServer next = DevServer.start(settings().withDatabase(database).withPidFile(pidFile))) {
      assertThat(ProcessHandle.of(leftPid).map(ProcessHandle::isAlive).orElse(false)).as("the leftover").isFalse();
      assertThat(Files.readString(pidFile).trim()).isEqualTo(String.valueOf(next.pid()));
    } finally {
      left.close();
    }
    assertThat(pidFile).doesNotExist();
  }

  @Test
  void thePidFile_ofAnotherProgram_isNeverTrusted() throws Exception {
    Path pidFile = work.resolve("temporal.pid");
    Process sleeper = new ProcessBuilder("sleep", "60").start();
    try {
      Files.writeString(pidFile, sleeper.pid() + "\n");
      try (DevServer server = DevServer.start(settings().withPidFile(pidFile))) {
        assertThat(sleeper.isAlive()).as("a process that is not a dev server is left alone").isTrue();
      }
    } finally {
      sleeper.destroyForcibly();
    }
  }

  @Test
  void theInstallScript_withNeitherGoNorTheCli_saysWhy_andExits3() throws Exception {
    // a copy of the script in a tree without .tools/, run with a PATH that has no go and no temporal
    Path script = work.resolve("repo/deploy/temporal/install-cli.sh");
    Files.createDirectories(script.getParent());
    Files.copy(TemporalCli.repositoryRoot().orElseThrow().resolve(TemporalCli.INSTALL_SCRIPT), script);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder builder = new ProcessBuilder(List.of("/bin/bash", script.toString())).redirectErrorStream(true);
    builder.environment().put("PATH", "/usr/bin:/bin");
    Process noGo = builder.start();
    String output = new String(noGo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(noGo.waitFor()).isEqualTo(3);
    assertThat(output).contains("Go is not installed").contains("no temporal 1.5.x is on PATH");
  }

  @Test
  void theTemporalOption_parsesEveryChoice_andRefusesOthersClearly() {
    assertThat(TemporalChoice.parse("dev-server")).isInstanceOf(TemporalChoice.DevServer.class);
    assertThat(TemporalChoice.parse("external=temporal.example.com:7233/ivr"))
        .isEqualTo(new TemporalChoice.External("temporal.example.com:7233", "ivr"));
    assertThatThrownBy(() -> TemporalChoice.parse("cluster")).hasMessageContaining("dev-server, test-server or external");
    assertThatThrownBy(() -> TemporalChoice.parse("external=no-port")).hasMessageContaining("host:port");
  }
}
