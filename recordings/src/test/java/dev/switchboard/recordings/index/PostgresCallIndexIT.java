package dev.switchboard.recordings.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The index contract on a real PostgreSQL started for this class (see {@link ThrowawayPostgres}).
 * Skipped when no PostgreSQL binaries are installed (CI installs Debian's {@code postgresql}).
 */
class PostgresCallIndexIT extends CallIndexContract {

  private static ThrowawayPostgres server;
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private JdbcCallIndex index;

  @BeforeAll
  static void startServer() throws Exception {
    Path bin = ThrowawayPostgres.binaries();
    Assumptions.assumeTrue(bin != null, "PostgreSQL binaries (initdb, pg_ctl) not installed");
    server = ThrowawayPostgres.start(bin);
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void open() throws Exception {
    String url = server.createDatabase("calls_" + DATABASES.incrementAndGet());
    index = JdbcCallIndex.open(url, "test", null);
  }

  @AfterEach
  void close() {
    index.close();
  }

  @Override
  CallIndex index() {
    return index;
  }

  @Test
  void migratesToTheCurrentVersion() {
    assertThat(index.schemaVersion()).isEqualTo(Migrations.SCRIPTS.size());
  }
}
