-- Kept in step with migrations/postgres/0013_translation_status.sql.
-- The translation queue: per entry and content language, the paths of its texts that
-- are missing or outdated there and the counts by state, rewritten in the same
-- transaction as the entry's row. Partial indexes hold only rows with work to do, in
-- the orders the queue pages read, so a page is an index range at any size.
CREATE TABLE translation_status (
    entity_id TEXT NOT NULL,
    lang TEXT NOT NULL,
    entity_kind TEXT NOT NULL,
    category TEXT NOT NULL,
    label TEXT NOT NULL,
    missing TEXT NOT NULL,
    outdated TEXT NOT NULL,
    missing_n BIGINT NOT NULL,
    outdated_n BIGINT NOT NULL,
    current_n BIGINT NOT NULL,
    reviewed_n BIGINT NOT NULL,
    todo BIGINT NOT NULL,
    views BIGINT NOT NULL,
    searches BIGINT NOT NULL,
    PRIMARY KEY (entity_id, lang)
);
CREATE INDEX translation_queue_views ON translation_status (lang, views DESC, entity_id) WHERE todo > 0;
CREATE INDEX translation_queue_searches ON translation_status (lang, searches DESC, entity_id) WHERE todo > 0;
CREATE INDEX translation_queue_kind_views ON translation_status (lang, entity_kind, views DESC, entity_id) WHERE todo > 0;
CREATE INDEX translation_queue_kind_searches ON translation_status (lang, entity_kind, searches DESC, entity_id) WHERE todo > 0;
CREATE INDEX translation_queue_category ON translation_status (lang, category, views DESC, entity_id) WHERE todo > 0;

-- How often each entry's page was viewed and it was found by a search, added to in
-- batches; the queue rows copy them so they can be sorted by an index.
CREATE TABLE entry_views (
    entity_id TEXT PRIMARY KEY,
    views BIGINT NOT NULL,
    searches BIGINT NOT NULL
);
