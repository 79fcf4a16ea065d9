-- V2: full-text search of transcripts (PostgreSQL 12+ stored generated tsvector with a GIN index;
-- the 'simple' configuration: no stemming, the language of a call is not known).
ALTER TABLE calls ADD COLUMN transcript_tsv tsvector
  GENERATED ALWAYS AS (to_tsvector('simple', coalesce(transcript_text, ''))) STORED;
CREATE INDEX calls_transcript_tsv ON calls USING GIN (transcript_tsv);
