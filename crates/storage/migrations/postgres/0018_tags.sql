-- Kept in step with migrations/sqlite/0018_tags.sql.
-- Free tags: which entries carry each tag (kept from the bodies in the same transaction
-- as every write), and how many visible entries carry it, kept as tags change so the
-- tag list and suggestions do not count millions of rows.
CREATE TABLE entry_tags (
    entry_id TEXT NOT NULL,
    entry_kind TEXT NOT NULL,
    tag TEXT NOT NULL,
    hidden BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (entry_id, tag)
);
CREATE INDEX entry_tags_tag ON entry_tags (tag, entry_kind);

CREATE TABLE tag_totals (
    tag TEXT PRIMARY KEY,
    n BIGINT NOT NULL
);
CREATE INDEX tag_totals_n ON tag_totals (n, tag);
