-- Kept in step with migrations/postgres/0005_sessions.sql.
-- Web sessions live in the database so several app nodes can share them.
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);
CREATE INDEX revisions_author ON revisions (author, seq);
