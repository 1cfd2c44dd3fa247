-- Kept in step with migrations/postgres/0023_factor_tables.sql.
-- Factor tables admins add, as the CSV they gave; and every change of the table in
-- use, with the network's figures under the table it replaced. The latest change
-- names the table in use (none: the shipped one).
CREATE TABLE factor_tables (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    version TEXT NOT NULL,
    source TEXT NOT NULL,
    licence TEXT NOT NULL,
    body TEXT NOT NULL,
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL,
    UNIQUE (name, version)
);

CREATE TABLE factor_changes (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    table_id TEXT NOT NULL,
    previous_name TEXT NOT NULL,
    previous_version TEXT NOT NULL,
    figures TEXT NOT NULL
);
CREATE INDEX factor_changes_at ON factor_changes (at, id);
