package dev.switchboard.sip.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.bridge.time.SystemMediaClock;
import dev.switchboard.sip.SipConfig;
import dev.switchboard.sip.SipServer;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.io.AudioFiles;
import dev.switchboard.transcoding.io.AudioReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * baresip as a human caller: an espeak-ng sentence is its microphone ({@code ausrc aufile}); its
 * {@code sndfile} module writes what it heard ({@code dump-*-dec.wav}), which must contain our 440
 * Hz greeting; we must receive its speech. Hang-up both ways.
 */
class BaresipIT {

  @TempDir Path dir;
  RecordingHandler handler;
  SipServer server;
  int port;

  @BeforeAll
  static void needsPeers() {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/baresip")), "baresip not installed");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/espeak-ng")), "espeak-ng not installed");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/sox")), "sox not installed");
  }

  @BeforeEach
  void start() throws Exception {
    handler = new RecordingHandler();
    port = Sipp.freePort();
    server =
        SipServer.start(
            SipConfig.defaults("127.0.0.1", port, SippIT.media()), handler, SystemMediaClock.get());
    exec(
        List.of(
            "espeak-ng",
            "-w",
            dir.resolve("speech.wav").toString(),
            "Hello, I would like to check the status of my order please"));
    exec(
        List.of(
            "sox",
            dir.resolve("speech.wav").toString(),
            "-r",
            "8000",
            "-c",
            "1",
            "-b",
            "16",
            dir.resolve("mic.wav").toString()));
    Files.writeString(
        dir.resolve("config"),
        String.join(
            "\n",
            "poll_method epoll",
            "sip_listen 127.0.0.1:" + Sipp.freePort(),
            "audio_player aubridge,nil",
            "audio_alert aubridge,nil",
            "audio_source aufile," + dir.resolve("mic.wav"),
            "module_path /usr/lib/baresip/modules",
            "net_interface 127.0.0.1",
            "module account.so",
            "module g711.so",
            "module aufile.so",
            "module aubridge.so",
            "module sndfile.so",
            "module_app menu.so",
            "snd_path " + dir,
            ""));
    Files.writeString(dir.resolve("accounts"), "<sip:caller@127.0.0.1>;regint=0\n");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void callerHearsTheAgentAndTheAgentHearsTheCallerThenCallerHangsUp() throws Exception {
    Process baresip = baresip(6);
    try {
      assertThat(baresip.waitFor(20, TimeUnit.SECONDS)).as("baresip exits").isTrue();
    } finally {
      baresip.destroyForcibly();
    }
    RecordingHandler.Call call = started(5);
    assertThat(call.closed.get(10, TimeUnit.SECONDS)).contains("caller");
    assertThat(call.levelDbfs()).as("caller speech reached us").isGreaterThan(-45);
    assertHeardGreeting();
  }

  @Test
  void bridgeHangsUp() throws Exception {
    handler.script = call -> call.transport.hangUp("agent done");
    Process baresip = baresip(8);
    try {
      RecordingHandler.Call call = started(10);
      assertThat(call.closed.get(10, TimeUnit.SECONDS)).isEqualTo("agent done");
      assertThat(call.closedByCaller).isFalse();
    } finally {
      baresip.destroyForcibly();
      baresip.waitFor(5, TimeUnit.SECONDS);
    }
  }

  private RecordingHandler.Call started(int seconds) throws Exception {
    try {
      return handler.firstStarted.get(seconds, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError(
          "no call started; baresip said:\n"
              + Sipp.read(dir.resolve("baresip.out")).replaceAll("(?m)^/.*$", ""),
          e);
    }
  }

  private void assertHeardGreeting() throws Exception {
    Path heard;
    try (Stream<Path> files = Files.list(dir)) {
      heard =
          files
              .filter(p -> p.getFileName().toString().matches("dump-.*-dec\\.wav"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("baresip wrote no dump-*-dec.wav"));
    }
    int rate;
    java.util.List<Short> all = new java.util.ArrayList<>();
    try (AudioReader reader = AudioFiles.openReader(heard, null)) {
      rate = reader.sampleRateHz();
      for (PcmFrame f = reader.read(rate); f != null; f = reader.read(rate)) {
        for (short v : f.samples()) {
          all.add(v);
        }
      }
    }
    short[] samples = new short[all.size()];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = all.get(i);
    }
    assertThat(samples.length).as("heard samples in %s", heard).isGreaterThan(rate / 2);
    // Goertzel power at 440 Hz vs total power over the loudest second.
    double ratio = toneRatio(samples, rate, 440);
    assertThat(ratio).as("share of heard energy at 440 Hz").isGreaterThan(0.5);
  }

  static double toneRatio(short[] s, int rate, double hz) {
    int n = Math.min(s.length, rate);
    int best = 0;
    double bestEnergy = -1;
    for (int start = 0; start + n <= s.length; start += rate / 10) {
      double e = 0;
      for (int i = start; i < start + n; i++) {
        e += (double) s[i] * s[i];
      }
      if (e > bestEnergy) {
        bestEnergy = e;
        best = start;
      }
    }
    double coeff = 2 * Math.cos(2 * Math.PI * hz / rate);
    double q1 = 0;
    double q2 = 0;
    for (int i = best; i < best + n; i++) {
      double q0 = coeff * q1 - q2 + s[i];
      q2 = q1;
      q1 = q0;
    }
    double power = q1 * q1 + q2 * q2 - coeff * q1 * q2;
    return bestEnergy <= 0 ? 0 : 2 * power / (n * bestEnergy);
  }

  private Process baresip(int quitAfterSeconds) throws Exception {
    return new ProcessBuilder(
            "baresip",
            "-f",
            dir.toString(),
            "-t",
            Integer.toString(quitAfterSeconds),
            "-e",
            "/dial sip:4000@127.0.0.1:" + port)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("baresip.out").toFile())
        .start();
  }

  private static void exec(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("%s", cmd).isZero();
    } finally {
      p.destroyForcibly();
    }
  }
}
