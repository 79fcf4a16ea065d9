package dev.switchboard.testkit.twilio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU time and live heap of another JVM on this Linux host: CPU from {@code /proc/PID/stat} (utime
 * + stime, in clock ticks of 1/100 s), live heap from {@code jcmd PID GC.run} then {@code
 * GC.heap_info}. Stateless.
 */
final class ProcessProbe {

  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  private ProcessProbe() {}

  /** CPU seconds used so far by {@code pid}. */
  static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    // Fields after the ")" of the command name: state is field 3, utime 14, stime 15.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    return ticks / 100.0;
  }

  /** Heap in use right after a full GC, in KiB, or -1 when jcmd is unavailable. */
  static long liveHeapKib(long pid, String javaHome) throws IOException, InterruptedException {
    String jcmd = javaHome + "/bin/jcmd";
    run(jcmd, String.valueOf(pid), "GC.run");
    String info = run(jcmd, String.valueOf(pid), "GC.heap_info");
    Matcher m = USED.matcher(info);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
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
