-- Kept in step with migrations/postgres/0006_security.sql.
-- Append-only audit log: each entry's hash covers the previous entry's hash.
CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL,
    ip TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_action ON audit_log (action, seq);
CREATE INDEX audit_log_actor ON audit_log (actor, seq);

-- Instance settings edited by admins (name, description, languages, registration, privacy).
CREATE TABLE instance_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Sign-ups waiting for approval, and each user's preferred UI language.
ALTER TABLE users ADD COLUMN pending BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT '';

-- Invitation codes for invite-only registration: only a SHA-256 of the code is stored.
CREATE TABLE invites (
    hash TEXT PRIMARY KEY,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    used_by TEXT
);
