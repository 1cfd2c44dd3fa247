-- Kept in step with migrations/postgres/0002_conflicts.sql.
-- Concurrent edits that could not merge automatically, waiting for an expert.
CREATE TABLE conflicts (
    id TEXT PRIMARY KEY,
    entity_kind TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    base_revision TEXT,
    tips TEXT NOT NULL,
    fields TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    closed_at TEXT,
    resolution TEXT
);
CREATE INDEX conflicts_open ON conflicts (status, created_at);
CREATE INDEX conflicts_entity ON conflicts (entity_id, status);
