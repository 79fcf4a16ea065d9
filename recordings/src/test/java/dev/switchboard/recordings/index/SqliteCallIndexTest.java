package dev.switchboard.recordings.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index on an embedded SQLite file (the default deployment). */
class SqliteCallIndexTest extends CallIndexContract {

  @TempDir Path dir;
  private JdbcCallIndex index;

  @BeforeEach
  void open() {
    index = JdbcCallIndex.open("jdbc:sqlite:" + dir.resolve("calls.db"), null, null);
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
  void migrationsApplyOnceAndSurviveReopening() {
    assertThat(index.schemaVersion()).isEqualTo(Migrations.SCRIPTS.size());
    seed();
    index.close();
    index = JdbcCallIndex.open("jdbc:sqlite:" + dir.resolve("calls.db"), null, null);
    assertThat(index.schemaVersion()).isEqualTo(Migrations.SCRIPTS.size());
    assertThat(index.get("c2")).isPresent();
  }

  @Test
  void unsupportedUrlIsNamedWithoutItsSecrets() {
    assertThatThrownBy(
            () -> JdbcCallIndex.open("jdbc:mysql://db/calls?password=hunter2", null, null))
        .hasMessageContaining("jdbc:mysql://db/calls?...")
        .hasMessageNotContaining("hunter2");
  }
}
