-- Kept in step with migrations/postgres/0011_graph_indexes.sql.
-- Graph walks (related knowledge, related_to searches) read only these columns; with
-- covering indexes they no longer read every edge's row, which is what made walks past
-- a much-linked entry slow on a cold cache.
DROP INDEX relationships_source;
DROP INDEX relationships_target;
CREATE INDEX relationships_source ON relationships (source_id, hidden, target_id, relationship_type);
CREATE INDEX relationships_target ON relationships (target_id, hidden, source_id, relationship_type);
DROP INDEX stories_thing;
CREATE INDEX stories_thing ON stories (thing_id, hidden, id);
DROP INDEX guides_thing;
CREATE INDEX guides_thing ON guides (thing_id, hidden, id);
