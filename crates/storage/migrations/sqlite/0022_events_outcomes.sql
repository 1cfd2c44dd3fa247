-- Kept in step with migrations/postgres/0022_events_outcomes.sql.
-- Repair events and readers' outcomes are knowledge entries like the others.
-- event_facts and outcome_facts keep, for each visible one, what the social figures
-- and the "this worked for me" counts sum; hours are kept in minutes.
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    uri TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    head_revision TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    label TEXT NOT NULL,
    hidden BIGINT NOT NULL DEFAULT 0,
    group_identifier TEXT,
    event_date TEXT,
    country TEXT
);
CREATE INDEX events_updated ON events (updated_at, id);
CREATE INDEX events_group ON events (group_identifier, updated_at);
CREATE INDEX events_date ON events (event_date, updated_at);
INSERT INTO counters (name, value) VALUES ('events', 0);

CREATE TABLE outcomes (
    id TEXT PRIMARY KEY,
    uri TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    head_revision TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    label TEXT NOT NULL,
    hidden BIGINT NOT NULL DEFAULT 0,
    entry_id TEXT,
    result TEXT
);
CREATE INDEX outcomes_updated ON outcomes (updated_at, id);
CREATE INDEX outcomes_entry ON outcomes (entry_id, updated_at);
INSERT INTO counters (name, value) VALUES ('outcomes', 0);

ALTER TABLE repairs ADD COLUMN event_id TEXT;
CREATE INDEX repairs_event ON repairs (event_id, updated_at);
ALTER TABLE repair_facts ADD COLUMN event_id TEXT;
CREATE INDEX repair_facts_event ON repair_facts (event_id);

CREATE TABLE event_facts (
    id TEXT PRIMARY KEY,
    origin TEXT NOT NULL,
    group_key TEXT NOT NULL,
    event_date TEXT NOT NULL,
    country TEXT,
    participants BIGINT,
    volunteers BIGINT,
    volunteer_minutes BIGINT NOT NULL
);
CREATE INDEX event_facts_group ON event_facts (group_key, event_date);
CREATE INDEX event_facts_date ON event_facts (event_date);

CREATE TABLE outcome_facts (
    id TEXT PRIMARY KEY,
    origin TEXT NOT NULL,
    entry_type TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    result TEXT NOT NULL,
    failed_step BIGINT,
    thing_id TEXT
);
CREATE INDEX outcome_facts_entry ON outcome_facts (entry_id, result);
CREATE INDEX outcome_facts_type ON outcome_facts (entry_type, entry_id);
