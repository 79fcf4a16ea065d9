package dev.switchboard.recordings.index;

/** The SQL differences between the supported databases, chosen by JDBC URL. */
enum Dialect {
  SQLITE("sqlite"),
  POSTGRESQL("postgresql");

  final String migrationFolder;

  Dialect(String migrationFolder) {
    this.migrationFolder = migrationFolder;
  }

  static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException(
        "unsupported index URL '"
            + redact(jdbcUrl)
            + "': use jdbc:sqlite:FILE or jdbc:postgresql://...");
  }

  /** The URL without query parameters (they may carry a password). */
  static String redact(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q) + "?...";
  }

  /** A condition on {@code calls} matching every word of {@code text} (one {@code ?}). */
  String textCondition() {
    return switch (this) {
      case SQLITE -> "call_id IN (SELECT call_id FROM calls_fts WHERE calls_fts MATCH ?)";
      case POSTGRESQL -> "transcript_tsv @@ plainto_tsquery('simple', ?)";
    };
  }

  /** The bound value for {@link #textCondition()}: words quoted so user text is never syntax. */
  String textParameter(String text) {
    return switch (this) {
      case SQLITE -> {
        StringBuilder q = new StringBuilder();
        for (String w : text.trim().split("\\s+")) {
          if (!w.isEmpty()) {
            q.append(q.isEmpty() ? "" : " ")
                .append('"')
                .append(w.replace("\"", "\"\""))
                .append('"');
          }
        }
        yield q.toString();
      }
      case POSTGRESQL -> text;
    };
  }
}
