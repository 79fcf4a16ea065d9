package dev.switchboard.sip.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One baresip process as a human caller, driven over its {@code ctrl_tcp} socket (JSON in
 * netstrings, baresip 1.0): {@code dial}, {@code hangup}, {@code sndcode} (DTMF, RFC 4733 events by
 * default) and its call events. The microphone is a WAV file ({@code ausrc aufile}); the {@code
 * sndfile} filter dumps what baresip sent ({@code dump-*-enc.wav}) and what it received and decoded
 * ({@code dump-*-dec.wav}), both 8 kHz mono. Everything listens on 127.0.0.1; every wait is bounded
 * and {@link #close()} always ends the process.
 *
 * <p>baresip 1.0 hangs up by itself when the microphone file ends ({@code aufile} end of file is an
 * audio source error), so the WAV must outlast the call unless that is the intended hang-up.
 */
final class BaresipCaller implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/bin/baresip");
  static final Path MODULES = Path.of("/usr/lib/baresip/modules");
  private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([A-Z_]+)\"");

  private final Path dir;
  private final Process process;
  private final Socket control;
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private int tokens;

  private BaresipCaller(Path dir, Process process, Socket control) {
    this.dir = dir;
    this.process = process;
    this.control = control;
    Thread.ofVirtual().name("baresip-ctrl-" + dir.getFileName()).start(this::readEvents);
  }

  static boolean available() {
    return Files.isExecutable(BINARY)
        && Files.isRegularFile(MODULES.resolve("aufile.so"))
        && Files.isRegularFile(MODULES.resolve("sndfile.so"))
        && Files.isRegularFile(MODULES.resolve("ctrl_tcp.so"));
  }

  /** Writes a config into {@code dir} (which also gets the dumps), starts baresip, connects. */
  static BaresipCaller start(Path dir, Path micWav) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    int ctrlPort = Sipp.freePort();
    Files.writeString(
        dir.resolve("config"),
        String.join(
            "\n",
            "poll_method epoll",
            "sip_listen 127.0.0.1:" + Sipp.freePort(),
            "net_interface 127.0.0.1",
            "audio_source aufile," + micWav,
            // No player thread: aubridge's player only runs when paired with an aubridge source,
            // so what was heard is read from sndfile's decoder-side dump instead.
            "audio_player aubridge,nil",
            "audio_alert aubridge,nil",
            "ausrc_format s16",
            "auplay_format s16",
            // One frame of receive jitter buffer: each RTP packet is decoded (and dumped) on
            // arrival
            // and none is left undecoded at hang-up, so both dumps end at the same moment.
            "jitter_buffer_delay 0-0",
            "ctrl_tcp_listen 127.0.0.1:" + ctrlPort,
            "module_path " + MODULES,
            "module g711.so",
            "module aufile.so",
            "module aubridge.so",
            "module sndfile.so",
            "module account.so",
            "module_app menu.so",
            "module_app ctrl_tcp.so",
            "snd_path " + dir,
            ""));
    // Only PCMU: the bridge answers with the first codec it supports, and the dumps stay 8 kHz.
    Files.writeString(
        dir.resolve("accounts"), "<sip:caller@127.0.0.1>;regint=0;audio_codecs=PCMU\n");
    Process process =
        new ProcessBuilder(BINARY.toString(), "-f", dir.toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("baresip.out").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        return new BaresipCaller(
            dir, process, new Socket(InetAddress.getLoopbackAddress(), ctrlPort));
      } catch (IOException notYet) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          process.destroyForcibly();
          throw new IOException(
              "baresip ctrl_tcp on port " + ctrlPort + " did not open; baresip said:\n" + log(dir),
              notYet);
        }
        Thread.sleep(20); // bounded poll of a real process starting up
      }
    }
  }

  void dial(String uri) throws IOException {
    command("dial", uri);
  }

  void hangUp() throws IOException {
    command("hangup", "");
  }

  /** One DTMF digit on the current call (baresip sends RFC 4733 telephone-events). */
  void sendDigit(char digit) throws IOException {
    command("sndcode", Character.toString(digit));
  }

  /**
   * Waits for the next event of {@code type} (e.g. {@code CALL_ESTABLISHED}, {@code CALL_CLOSED}),
   * skipping others; returns its JSON.
   */
  String awaitEvent(String type, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new AssertionError(
            "baresip in " + dir + ": no " + type + " within " + timeout + "; it said:\n" + log());
      }
      Matcher m = TYPE.matcher(e);
      if (m.find() && m.group(1).equals(type)) {
        return e;
      }
    }
  }

  /** What baresip sent (its microphone after encoding filters), 8 kHz. */
  short[] sent() throws IOException {
    return CallerAudio.read8k(dump("enc"));
  }

  /** What baresip received and decoded: what the caller heard, 8 kHz. */
  short[] heard() throws IOException {
    return CallerAudio.read8k(dump("dec"));
  }

  String log() {
    return log(dir);
  }

  private Path dump(String side) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> found =
          files
              .filter(p -> p.getFileName().toString().matches("dump-.*-" + side + "\\.wav"))
              .toList();
      if (found.size() != 1) {
        throw new AssertionError(
            "expected one dump-*-" + side + ".wav in " + dir + ", found " + found + "\n" + log());
      }
      return found.getFirst();
    }
  }

  private synchronized void command(String name, String params) throws IOException {
    String json =
        "{\"command\":\""
            + name
            + "\",\"params\":\""
            + params.replace("\\", "\\\\").replace("\"", "\\\"")
            + "\",\"token\":\"t"
            + (++tokens)
            + "\"}";
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    OutputStream out = control.getOutputStream();
    out.write((body.length + ":").getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.write(',');
    out.flush();
  }

  /** Netstrings (len ":" data ","); responses and events both land in the queue. */
  private void readEvents() {
    try (InputStream in = control.getInputStream()) {
      while (true) {
        int len = 0;
        for (int c = in.read(); c != ':'; c = in.read()) {
          if (c < '0' || c > '9' || len > 1_000_000) {
            return; // closed or not a netstring: the control socket is done
          }
          len = len * 10 + (c - '0');
        }
        byte[] data = in.readNBytes(len);
        in.read(); // trailing ','
        events.add(new String(data, StandardCharsets.UTF_8));
      }
    } catch (IOException closed) {
      // the process went away
    }
  }

  private static String log(Path dir) {
    try {
      return Sipp.read(dir.resolve("baresip.out")).replaceAll("(?m)^/.*$", "");
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Quits baresip (gracefully if it listens, else by force) and waits for it. */
  @Override
  public void close() throws InterruptedException {
    try {
      command("quit", "");
    } catch (IOException gone) {
      // already exited
    }
    try {
      if (!process.waitFor(3, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } finally {
      process.destroyForcibly();
      try {
        control.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
