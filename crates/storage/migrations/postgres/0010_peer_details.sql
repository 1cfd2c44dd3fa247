-- Kept in step with migrations/sqlite/0010_peer_details.sql.
-- What a peer's actor document says it can do, shown to the admin; and the name of
-- instances known only as the origin of relayed revisions, shown on their entries.
ALTER TABLE peers ADD COLUMN capabilities TEXT NOT NULL DEFAULT '[]';
ALTER TABLE instance_keys ADD COLUMN name TEXT NOT NULL DEFAULT '';
