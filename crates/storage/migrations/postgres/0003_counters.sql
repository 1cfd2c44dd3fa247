-- Kept in step with migrations/sqlite/0003_counters.sql.
-- Row counts kept in the same transactions as the writes, so health checks and the
-- home page do not scan millions of rows.
CREATE TABLE counters (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO counters (name, value) SELECT 'things', COUNT(*) FROM things;
INSERT INTO counters (name, value) SELECT 'stories', COUNT(*) FROM stories;
INSERT INTO counters (name, value) SELECT 'guides', COUNT(*) FROM guides;
INSERT INTO counters (name, value) SELECT 'relationships', COUNT(*) FROM relationships;
INSERT INTO counters (name, value) SELECT 'revisions', COUNT(*) FROM revisions;
