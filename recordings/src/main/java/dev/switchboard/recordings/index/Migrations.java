package dev.switchboard.recordings.index;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema migrations, Flyway-style ({@code V<n>__<description>.sql} per dialect), applied
 * in order, each in its own transaction, and recorded in {@code schema_version}. A database ahead
 * of this code (a newer version recorded) is refused rather than guessed at. Kept in-house: two
 * dialects and a handful of scripts do not justify Flyway's modules and transitive dependencies.
 */
final class Migrations {

  /** In order; the number is the schema version. Never edit a released script: add a new one. */
  static final List<String> SCRIPTS = List.of("V1__calls", "V2__transcript_search");

  private Migrations() {}

  /** Brings the schema up to date; returns the number of scripts applied. */
  static int migrate(Connection c, Dialect dialect) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
              + " description TEXT NOT NULL, applied_at BIGINT NOT NULL)");
    }
    int current = currentVersion(c);
    if (current > SCRIPTS.size()) {
      throw new SQLException(
          "index schema version "
              + current
              + " is newer than this build knows ("
              + SCRIPTS.size()
              + ")");
    }
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    int applied = 0;
    try {
      for (int v = current + 1; v <= SCRIPTS.size(); v++) {
        String name = SCRIPTS.get(v - 1);
        try (Statement s = c.createStatement()) {
          for (String sql : statements(load(dialect, name))) {
            s.execute(sql);
          }
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
          ps.setInt(1, v);
          ps.setString(2, name);
          ps.setLong(3, System.currentTimeMillis());
          ps.executeUpdate();
        }
        c.commit();
        applied++;
      }
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
    return applied;
  }

  static int currentVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static String load(Dialect dialect, String name) {
    String path = dialect.migrationFolder + "/" + name + ".sql";
    try (InputStream in = Migrations.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("migration script missing from the jar: " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration " + path, e);
    }
  }

  /** Splits a script on semicolons at line ends, dropping {@code --} comment lines. */
  static List<String> statements(String script) {
    StringBuilder sb = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.strip().startsWith("--")) {
        sb.append(line).append('\n');
      }
    }
    return java.util.Arrays.stream(sb.toString().split(";\\s*\n"))
        .map(String::strip)
        .map(s -> s.endsWith(";") ? s.substring(0, s.length() - 1) : s)
        .filter(s -> !s.isEmpty())
        .toList();
  }
}
