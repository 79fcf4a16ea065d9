package dev.switchboard.sip.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the {@code sipp} binary on 127.0.0.1 with a scenario from {@code src/test/resources/sipp}.
 */
final class Sipp {

  private static final AtomicInteger RUNS = new AtomicInteger();

  static final Path PCAPS = Path.of("/usr/share/sip-tester");

  static boolean available() {
    return Files.isExecutable(Path.of("/usr/bin/sipp"));
  }

  /** Result of one sipp run. */
  record Result(int exitCode, String errors, String output) {
    void assertPassed() {
      assertThat(exitCode).as("sipp exit code; errors:\n%s\noutput:\n%s", errors, output).isZero();
    }
  }

  /** A UDP+TCP port free at the time of asking (ephemeral range). */
  static int freePort() throws IOException {
    for (int i = 0; i < 20; i++) {
      try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
        int port = udp.getLocalPort();
        try (ServerSocket tcp = new ServerSocket()) {
          tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
          return port;
        } catch (IOException e) {
          // taken for TCP: try another
        }
      }
    }
    throw new IOException("no free port");
  }

  static Result run(
      Path workDir, String scenario, int serverPort, long timeoutSeconds, String... extra)
      throws IOException, InterruptedException {
    return await(start(workDir, scenario, Map.of(), serverPort, timeoutSeconds, extra));
  }

  /** A running sipp and where its logs go. */
  record Run(Process process, Path errors, Path out, long timeoutSeconds) {}

  /**
   * Starts sipp on {@code scenario} with text replacements applied; await it with {@link #await}.
   */
  static Run start(
      Path workDir,
      String scenario,
      Map<String, String> replace,
      int serverPort,
      long timeoutSeconds,
      String... extra)
      throws IOException {
    return launch(
        workDir, scenario, replace, freePort(), "127.0.0.1:" + serverPort, timeoutSeconds, extra);
  }

  /**
   * Starts sipp as a UAS on {@code localPort} (it answers whoever calls it); await it with {@link
   * #await}.
   */
  static Run startUas(
      Path workDir,
      String scenario,
      Map<String, String> replace,
      int localPort,
      long timeoutSeconds,
      String... extra)
      throws IOException {
    return launch(workDir, scenario, replace, localPort, null, timeoutSeconds, extra);
  }

  private static Run launch(
      Path workDir,
      String scenario,
      Map<String, String> replace,
      int localPort,
      String remote,
      long timeoutSeconds,
      String... extra)
      throws IOException {
    String text;
    try (var in = Sipp.class.getResourceAsStream("/sipp/" + scenario)) {
      assertThat(in).as("scenario %s", scenario).isNotNull();
      text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }
    for (Map.Entry<String, String> e : replace.entrySet()) {
      text = text.replace(e.getKey(), e.getValue());
    }
    String name = scenario.replace(".xml", "") + "-" + RUNS.incrementAndGet();
    Path scenarioFile = workDir.resolve(name + ".xml");
    Files.writeString(scenarioFile, text, java.nio.charset.StandardCharsets.ISO_8859_1);
    Path errors = workDir.resolve(name + ".errors.log");
    Path out = workDir.resolve(name + ".out");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "sipp",
                "-sf",
                scenarioFile.toString(),
                "-i",
                "127.0.0.1",
                "-p",
                Integer.toString(localPort),
                "-mp",
                Integer.toString(freePort() & ~1),
                "-m",
                "1",
                "-timeout",
                timeoutSeconds + "s",
                "-timeout_error",
                "-nostdin",
                "-trace_err",
                "-error_file",
                errors.toString()));
    cmd.addAll(List.of(extra));
    if (remote != null) {
      cmd.add(remote);
    }
    Process p =
        new ProcessBuilder(cmd)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    return new Run(p, errors, out, timeoutSeconds);
  }

  static Result await(Run run) throws IOException, InterruptedException {
    Process p = run.process();
    try {
      if (!p.waitFor(run.timeoutSeconds() + 10, TimeUnit.SECONDS)) {
        return new Result(-1, read(run.errors()), "sipp did not exit in time");
      }
      return new Result(p.exitValue(), read(run.errors()), tail(read(run.out())));
    } finally {
      p.destroyForcibly();
    }
  }

  static String read(Path path) throws IOException {
    return Files.exists(path) ? Files.readString(path) : "";
  }

  private static String tail(String s) {
    return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
  }
}
