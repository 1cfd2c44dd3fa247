-- Kept in step with migrations/postgres/0007_hidden.sql.
-- Entries a moderator hid: kept with their history, left out of lists for readers.
ALTER TABLE things ADD COLUMN hidden BIGINT NOT NULL DEFAULT 0;
CREATE INDEX things_hidden ON things (hidden);
ALTER TABLE stories ADD COLUMN hidden BIGINT NOT NULL DEFAULT 0;
CREATE INDEX stories_hidden ON stories (hidden);
ALTER TABLE guides ADD COLUMN hidden BIGINT NOT NULL DEFAULT 0;
CREATE INDEX guides_hidden ON guides (hidden);
ALTER TABLE relationships ADD COLUMN hidden BIGINT NOT NULL DEFAULT 0;
CREATE INDEX relationships_hidden ON relationships (hidden);
