-- Kept in step with migrations/postgres/0019_terms.sql.
-- Vocabulary terms (materials, tools, and an instance's own types) are knowledge
-- entries like the others.
CREATE TABLE terms (
    id TEXT PRIMARY KEY,
    uri TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    head_revision TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    label TEXT NOT NULL,
    hidden BIGINT NOT NULL DEFAULT 0,
    vocabulary TEXT,
    term_key TEXT
);
CREATE INDEX terms_updated ON terms (updated_at, id);
CREATE INDEX terms_vocabulary ON terms (vocabulary, term_key);
INSERT INTO counters (name, value) VALUES ('terms', 0);
