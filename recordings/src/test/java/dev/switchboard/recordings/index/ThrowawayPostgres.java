package dev.switchboard.recordings.index;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of our own for one test class: {@code initdb} into a temporary directory,
 * {@code pg_ctl start} on loopback at a free port with {@code fsync=off}, {@code trust} auth, and
 * {@code pg_ctl stop -m immediate} afterwards. No Docker. PostgreSQL refuses to run as root, so as
 * root (CI) every command runs as the {@code postgres} user (Debian's package creates it) or,
 * failing that, {@code nobody}, through {@code runuser}.
 */
final class ThrowawayPostgres implements AutoCloseable {

  /** Where Debian ({@code /usr/lib/postgresql/VERSION/bin}, newest first) and others put them. */
  private static List<Path> search() {
    List<Path> dirs = new ArrayList<>();
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      versions.map(v -> v.resolve("bin")).sorted(Comparator.reverseOrder()).forEach(dirs::add);
    } catch (IOException e) {
      // no Debian layout
    }
    dirs.add(Path.of("/usr/local/bin"));
    dirs.add(Path.of("/usr/bin"));
    return dirs;
  }

  private final Path bin;
  private final Path base;
  private final Path data;
  private final String runAs;
  private final int port;

  private ThrowawayPostgres(Path bin, Path base, String runAs, int port) {
    this.bin = bin;
    this.base = base;
    this.data = base.resolve("data");
    this.runAs = runAs;
    this.port = port;
  }

  /** The directory holding {@code initdb} and {@code pg_ctl}, or {@code null} when absent. */
  static Path binaries() {
    for (Path d : search()) {
      if (Files.isExecutable(d.resolve("initdb")) && Files.isExecutable(d.resolve("pg_ctl"))) {
        return d;
      }
    }
    return null;
  }

  static ThrowawayPostgres start(Path bin) throws IOException, InterruptedException {
    Path base = Files.createTempDirectory("switchboard-pg-");
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
    String runAs = null;
    if ("root".equals(System.getProperty("user.name"))) {
      runAs = userExists("postgres") ? "postgres" : "nobody";
      run(List.of("chown", runAs, base.toString()), null, 30);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    ThrowawayPostgres pg = new ThrowawayPostgres(bin, base, runAs, port);
    pg.exec(
        List.of(
            bin.resolve("initdb").toString(),
            "-D",
            pg.data.toString(),
            "-U",
            "test",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync"),
        120);
    pg.exec(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            pg.data.toString(),
            "-l",
            base.resolve("server.log").toString(),
            "-w",
            "-t",
            "60",
            "-o",
            "-c listen_addresses=127.0.0.1 -p "
                + port
                + " -c fsync=off"
                + " -c unix_socket_directories="
                + base,
            "start"),
        90);
    return pg;
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  /** A fresh database for one test. */
  String createDatabase(String name) throws IOException, InterruptedException {
    try (var c = java.sql.DriverManager.getConnection(jdbcUrl(), "test", null);
        var s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (java.sql.SQLException e) {
      throw new IOException("cannot create database " + name + ": " + e.getMessage(), e);
    }
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
  }

  private void exec(List<String> command, int timeoutSeconds)
      throws IOException, InterruptedException {
    run(command, runAs, timeoutSeconds);
  }

  private static void run(List<String> command, String user, int timeoutSeconds)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (user != null) {
      full.addAll(List.of("runuser", "-u", user, "--"));
    }
    full.addAll(command);
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes(); // ends when the process closes its output
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + String.join(" ", full));
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          "failed (" + p.exitValue() + "): " + String.join(" ", full) + "\n" + new String(out));
    }
  }

  private static boolean userExists(String name) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("id", "-u", name).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      exec(
          List.of(
              bin.resolve("pg_ctl").toString(),
              "-D",
              data.toString(),
              "-m",
              "immediate",
              "-w",
              "stop"),
          60);
    } finally {
      try (Stream<Path> s = Files.walk(base)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
