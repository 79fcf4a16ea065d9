-- V2: full-text search of transcripts (SQLite FTS5, https://sqlite.org/fts5.html), kept in step
-- with calls.transcript_text by the index on every upsert and delete.
CREATE VIRTUAL TABLE calls_fts USING fts5(call_id UNINDEXED, transcript_text);
