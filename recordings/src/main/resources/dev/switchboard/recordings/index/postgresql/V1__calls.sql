-- V1: one row per recorded call. Times are epoch milliseconds (UTC); money is exact numeric.
CREATE TABLE calls (
  call_id            TEXT PRIMARY KEY,
  transport          TEXT,
  carrier_call_id    TEXT,
  from_number        TEXT,
  to_number          TEXT,
  flow               TEXT,
  backend            TEXT,
  model              TEXT,
  started_at         BIGINT NOT NULL,
  ended_at           BIGINT,
  duration_ms        BIGINT,
  termination_result TEXT,
  termination_reason TEXT,
  barge_ins          BIGINT NOT NULL DEFAULT 0,
  input_tokens       BIGINT NOT NULL DEFAULT 0,
  output_tokens      BIGINT NOT NULL DEFAULT 0,
  cost_usd           TEXT,
  degraded           INTEGER NOT NULL DEFAULT 0,
  recovered          INTEGER NOT NULL DEFAULT 0,
  paused_ms          BIGINT NOT NULL DEFAULT 0,
  path               TEXT NOT NULL,
  replay_of          TEXT,
  transcript_text    TEXT
);
CREATE INDEX calls_started_at ON calls (started_at);
CREATE INDEX calls_flow_started_at ON calls (flow, started_at);
CREATE INDEX calls_from_number ON calls (from_number);
CREATE INDEX calls_to_number ON calls (to_number);
