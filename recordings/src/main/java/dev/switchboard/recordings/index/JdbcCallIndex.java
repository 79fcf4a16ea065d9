package dev.switchboard.recordings.index;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The call index over JDBC: {@code jdbc:sqlite:FILE} (embedded, the default) or {@code
 * jdbc:postgresql://HOST/DB}. One connection, used under this object's lock: index writes happen
 * once per call, off the call's threads, so a pool would buy nothing. Migrates the schema on open.
 */
public final class JdbcCallIndex implements CallIndex {

  private static final String COLUMNS =
      "call_id, transport, carrier_call_id, from_number, to_number, flow, backend, model,"
          + " started_at, ended_at, duration_ms, termination_result, termination_reason, barge_ins,"
          + " input_tokens, output_tokens, cost_usd, degraded, recovered, paused_ms, path,"
          + " replay_of, transcript_text";

  private final Dialect dialect;
  private final Connection connection;
  private final String url;

  private JdbcCallIndex(Dialect dialect, Connection connection, String url) {
    this.dialect = dialect;
    this.connection = connection;
    this.url = url;
  }

  /** Opens (and migrates) the index at {@code jdbcUrl}; user and password may be null. */
  public static JdbcCallIndex open(String jdbcUrl, String user, String password) {
    Dialect d = Dialect.of(jdbcUrl);
    Properties p = new Properties();
    if (user != null) {
      p.setProperty("user", user);
    }
    if (password != null) {
      p.setProperty("password", password);
    }
    try {
      if (d == Dialect.SQLITE) {
        createParentDirectories(jdbcUrl);
      }
      Connection c = DriverManager.getConnection(jdbcUrl, p);
      if (d == Dialect.SQLITE) {
        try (Statement s = c.createStatement()) {
          // WAL: readers (admin pages) never block the writer; busy_timeout rides out a second
          // process (the retention CLI) briefly holding the lock.
          s.execute("PRAGMA journal_mode=WAL");
          s.execute("PRAGMA busy_timeout=5000");
        }
      }
      Migrations.migrate(c, d);
      return new JdbcCallIndex(d, c, jdbcUrl);
    } catch (SQLException e) {
      throw new IndexException(
          "cannot open call index " + Dialect.redact(jdbcUrl) + ": " + e.getMessage(), e);
    }
  }

  /** An embedded index lives beside the recordings; its directory may not exist yet. */
  private static void createParentDirectories(String jdbcUrl) {
    String file = jdbcUrl.substring("jdbc:sqlite:".length());
    int q = file.indexOf('?');
    file = q < 0 ? file : file.substring(0, q);
    if (file.isEmpty() || file.startsWith(":") || file.startsWith("file:")) {
      return; // in-memory or URI form: nothing to create
    }
    java.nio.file.Path parent = java.nio.file.Path.of(file).toAbsolutePath().getParent();
    try {
      java.nio.file.Files.createDirectories(parent);
    } catch (java.io.IOException e) {
      throw new IndexException(
          "cannot create the index directory " + parent + ": " + e.getMessage(), e);
    }
  }

  /** Schema version now in the database. */
  public synchronized int schemaVersion() {
    try {
      return Migrations.currentVersion(connection);
    } catch (SQLException e) {
      throw fail("schema version", e);
    }
  }

  @Override
  public synchronized void upsert(IndexedCall c) {
    String sql =
        "INSERT INTO calls ("
            + COLUMNS
            + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            + " ON CONFLICT (call_id) DO UPDATE SET "
            + String.join(
                ", ",
                java.util.Arrays.stream(COLUMNS.split(",\\s*"))
                    .filter(col -> !col.equals("call_id"))
                    .map(col -> col + " = excluded." + col)
                    .toList());
    try {
      connection.setAutoCommit(false);
      try (PreparedStatement ps = connection.prepareStatement(sql)) {
        int i = 1;
        ps.setString(i++, c.callId());
        ps.setString(i++, c.transport());
        ps.setString(i++, c.carrierCallId());
        ps.setString(i++, c.from());
        ps.setString(i++, c.to());
        ps.setString(i++, c.flow());
        ps.setString(i++, c.backend());
        ps.setString(i++, c.model());
        ps.setLong(i++, c.startedAt().toEpochMilli());
        setLong(ps, i++, c.endedAt() == null ? null : c.endedAt().toEpochMilli());
        setLong(ps, i++, c.durationMs());
        ps.setString(i++, c.terminationResult());
        ps.setString(i++, c.terminationReason());
        ps.setLong(i++, c.bargeIns());
        ps.setLong(i++, c.inputTokens());
        ps.setLong(i++, c.outputTokens());
        ps.setString(i++, c.costUsd() == null ? null : c.costUsd().toPlainString());
        ps.setInt(i++, c.degraded() ? 1 : 0);
        ps.setInt(i++, c.recovered() ? 1 : 0);
        ps.setLong(i++, c.pausedMs());
        ps.setString(i++, c.path());
        ps.setString(i++, c.replayOf());
        ps.setString(i, c.transcriptText());
        ps.executeUpdate();
      }
      if (dialect == Dialect.SQLITE) {
        try (PreparedStatement del =
                connection.prepareStatement("DELETE FROM calls_fts WHERE call_id = ?");
            PreparedStatement ins =
                connection.prepareStatement(
                    "INSERT INTO calls_fts (call_id, transcript_text) VALUES (?, ?)")) {
          del.setString(1, c.callId());
          del.executeUpdate();
          ins.setString(1, c.callId());
          ins.setString(2, c.transcriptText() == null ? "" : c.transcriptText());
          ins.executeUpdate();
        }
      }
      connection.commit();
    } catch (SQLException e) {
      rollback();
      throw fail("upsert of call " + c.callId(), e);
    } finally {
      autoCommit();
    }
  }

  @Override
  public synchronized Optional<IndexedCall> get(String callId) {
    List<IndexedCall> r = select("call_id = ?", List.of(callId), 1);
    return r.isEmpty() ? Optional.empty() : Optional.of(r.getFirst());
  }

  @Override
  public synchronized List<IndexedCall> search(CallQuery q) {
    List<String> where = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    if (q.startedFrom() != null) {
      where.add("started_at >= ?");
      args.add(q.startedFrom().toEpochMilli());
    }
    if (q.startedBefore() != null) {
      where.add("started_at < ?");
      args.add(q.startedBefore().toEpochMilli());
    }
    if (q.number() != null) {
      where.add("(from_number = ? OR to_number = ?)");
      args.add(q.number());
      args.add(q.number());
    }
    if (q.flow() != null) {
      where.add("flow = ?");
      args.add(q.flow());
    }
    if (q.minDuration() != null) {
      where.add("duration_ms >= ?");
      args.add(q.minDuration().toMillis());
    }
    if (q.maxDuration() != null) {
      where.add("duration_ms <= ?");
      args.add(q.maxDuration().toMillis());
    }
    if (q.terminationResult() != null) {
      where.add("termination_result = ?");
      args.add(q.terminationResult());
    }
    if (q.minBargeIns() != null) {
      where.add("barge_ins >= ?");
      args.add((long) q.minBargeIns());
    }
    if (q.degraded() != null) {
      where.add("degraded = ?");
      args.add(q.degraded() ? 1 : 0);
    }
    if (q.recovered() != null) {
      where.add("recovered = ?");
      args.add(q.recovered() ? 1 : 0);
    }
    if (q.text() != null && !q.text().isBlank()) {
      where.add(dialect.textCondition());
      args.add(dialect.textParameter(q.text()));
    }
    return select(where.isEmpty() ? "1 = 1" : String.join(" AND ", where), args, q.limit());
  }

  @Override
  public synchronized List<IndexedCall> startedBefore(
      Instant cutoff, String flow, List<String> exceptFlows) {
    List<Object> args = new ArrayList<>();
    args.add(cutoff.toEpochMilli());
    StringBuilder where = new StringBuilder("started_at < ?");
    if (flow != null) {
      where.append(" AND flow = ?");
      args.add(flow);
    } else {
      for (String f : exceptFlows) {
        where.append(" AND (flow IS NULL OR flow <> ?)");
        args.add(f);
      }
    }
    return select(where.toString(), args, 10_000);
  }

  @Override
  public synchronized boolean delete(String callId) {
    try {
      connection.setAutoCommit(false);
      int n;
      try (PreparedStatement ps =
          connection.prepareStatement("DELETE FROM calls WHERE call_id = ?")) {
        ps.setString(1, callId);
        n = ps.executeUpdate();
      }
      if (dialect == Dialect.SQLITE) {
        try (PreparedStatement ps =
            connection.prepareStatement("DELETE FROM calls_fts WHERE call_id = ?")) {
          ps.setString(1, callId);
          ps.executeUpdate();
        }
      }
      connection.commit();
      return n > 0;
    } catch (SQLException e) {
      rollback();
      throw fail("delete of call " + callId, e);
    } finally {
      autoCommit();
    }
  }

  private List<IndexedCall> select(String where, List<?> args, int limit) {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM calls WHERE "
            + where
            + " ORDER BY started_at DESC LIMIT "
            + limit;
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      List<IndexedCall> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw fail("query " + where, e);
    }
  }

  private static IndexedCall row(ResultSet rs) throws SQLException {
    long ended = rs.getLong("ended_at");
    boolean endedNull = rs.wasNull();
    long duration = rs.getLong("duration_ms");
    boolean durationNull = rs.wasNull();
    String cost = rs.getString("cost_usd");
    return new IndexedCall(
        rs.getString("call_id"),
        rs.getString("transport"),
        rs.getString("carrier_call_id"),
        rs.getString("from_number"),
        rs.getString("to_number"),
        rs.getString("flow"),
        rs.getString("backend"),
        rs.getString("model"),
        Instant.ofEpochMilli(rs.getLong("started_at")),
        endedNull ? null : Instant.ofEpochMilli(ended),
        durationNull ? null : duration,
        rs.getString("termination_result"),
        rs.getString("termination_reason"),
        rs.getLong("barge_ins"),
        rs.getLong("input_tokens"),
        rs.getLong("output_tokens"),
        cost == null ? null : new BigDecimal(cost),
        rs.getInt("degraded") != 0,
        rs.getInt("recovered") != 0,
        rs.getLong("paused_ms"),
        rs.getString("path"),
        rs.getString("replay_of"),
        rs.getString("transcript_text"));
  }

  private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, v);
    }
  }

  private void rollback() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the original failure is what matters
    }
  }

  private void autoCommit() {
    try {
      connection.setAutoCommit(true);
    } catch (SQLException ignored) {
      // next use reports a broken connection
    }
  }

  private IndexException fail(String what, SQLException e) {
    return new IndexException(
        "call index " + Dialect.redact(url) + ": " + what + " failed: " + e.getMessage(), e);
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw fail("close", e);
    }
  }

  @Override
  public String toString() {
    return "JdbcCallIndex[" + Dialect.redact(url) + "]";
  }
}
