/**
 * The call index: one row per recorded call (metadata, paths, counters, transcript text) behind
 * {@link dev.switchboard.recordings.index.CallIndex}, over JDBC. An embedded SQLite file by
 * default; PostgreSQL by JDBC URL for shared and clustered deployments. The schema is versioned by
 * {@link dev.switchboard.recordings.index.Migrations} (SQL scripts per dialect, applied once each,
 * recorded in {@code schema_version}).
 *
 * <p>Depends on the JDK's {@code java.sql}, the recordings metadata and transcripts; the JDBC
 * drivers are found by URL at run time.
 */
package dev.switchboard.recordings.index;
