package dev.switchboard.testkit.twilio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU time and live heap of another JVM on this Linux host: CPU from {@code /proc/PID/stat} (utime
 * + stime, in clock ticks of 1/100 s), live heap from {@code jcmd PID GC.class_histogram} (a full
 * GC, then the bytes of the objects that survived it). Stateless.
 */
final class ProcessProbe {

  /** The histogram's last line: {@code Total <instances> <bytes>}. */
  private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

  private ProcessProbe() {}

  /** CPU seconds used so far by {@code pid}. */
  static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    // Fields after the ")" of the command name: state is field 3, utime 14, stime 15.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    return ticks / 100.0;
  }

  /**
   * Bytes of live objects, in KiB, or -1 when jcmd is unavailable. Counted in the same safepoint as
   * the full GC: "heap used" read by a second jcmd after {@code GC.run} also counts whatever the
   * calls allocated in between (tens of MB at a few hundred calls).
   */
  static long liveHeapKib(long pid, String javaHome) throws IOException, InterruptedException {
    String histogram = run(javaHome + "/bin/jcmd", String.valueOf(pid), "GC.class_histogram");
    Matcher m = TOTAL.matcher(histogram);
    return m.find() ? Long.parseLong(m.group(1)) / 1024 : -1;
  }

  private static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroy();
    }
    return out;
  }
}
