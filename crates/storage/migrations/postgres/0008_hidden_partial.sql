-- Kept in step with migrations/sqlite/0008_hidden_partial.sql.
-- A full index on the hidden flag made the planner read every visible row through it
-- (`... AND hidden = 0` chose it over the id and thing_id indexes). Only the few hidden
-- rows are worth an index: counting them stays cheap, and visible-row queries use the
-- selective indexes again.
DROP INDEX things_hidden;
DROP INDEX stories_hidden;
DROP INDEX guides_hidden;
DROP INDEX relationships_hidden;
CREATE INDEX things_hidden_rows ON things (id) WHERE hidden = 1;
CREATE INDEX stories_hidden_rows ON stories (id) WHERE hidden = 1;
CREATE INDEX guides_hidden_rows ON guides (id) WHERE hidden = 1;
CREATE INDEX relationships_hidden_rows ON relationships (id) WHERE hidden = 1;
