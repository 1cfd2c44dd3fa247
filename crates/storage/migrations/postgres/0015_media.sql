-- Kept in step with migrations/sqlite/0015_media.sql.
-- Media files by the SHA-256 of their stored original; the bytes live in the media
-- store (a directory or an object store), this row says what they are. variants is
-- the JSON list of the smaller copies; stored_bytes counts the original and them,
-- which is what quotas and /health add up.
CREATE TABLE media (
    hash TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    mime TEXT NOT NULL,
    bytes BIGINT NOT NULL,
    width BIGINT NOT NULL,
    height BIGINT NOT NULL,
    frames BIGINT NOT NULL,
    placeholder TEXT,
    variants TEXT NOT NULL,
    stored_bytes BIGINT NOT NULL,
    uploader TEXT NOT NULL,
    created_at TEXT NOT NULL,
    captured_at TEXT
);
CREATE INDEX media_uploader ON media (uploader);

-- Which revisions name which media file, written with each revision. A file no revision
-- names is removed after a grace period (`thingdata media gc`); one any revision names,
-- current or in history, is kept. A revision may name a file not stored here yet (it
-- came from a peer), so there is no foreign key.
CREATE TABLE media_uses (
    hash TEXT NOT NULL,
    revision_id TEXT NOT NULL,
    PRIMARY KEY (hash, revision_id)
);
