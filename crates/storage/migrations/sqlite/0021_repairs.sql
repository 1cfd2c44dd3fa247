-- Kept in step with migrations/postgres/0021_repairs.sql.
-- Repair records are knowledge entries like the others; repair_facts keeps, for each
-- visible one, what the impact figures and success rates count (weights in grams, as
-- every column is TEXT or BIGINT), so a dashboard sums
-- indexed columns instead of parsing bodies.
CREATE TABLE repairs (
    id TEXT PRIMARY KEY,
    uri TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    head_revision TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    label TEXT NOT NULL,
    hidden BIGINT NOT NULL DEFAULT 0,
    repair_status TEXT,
    product_category_id TEXT,
    group_identifier TEXT,
    country TEXT,
    brand TEXT
);
CREATE INDEX repairs_updated ON repairs (updated_at, id);
CREATE INDEX repairs_status ON repairs (repair_status, updated_at);
CREATE INDEX repairs_category ON repairs (product_category_id, updated_at);
CREATE INDEX repairs_group ON repairs (group_identifier, updated_at);
INSERT INTO counters (name, value) VALUES ('repairs', 0);

CREATE TABLE repair_facts (
    id TEXT PRIMARY KEY,
    origin TEXT NOT NULL,
    status TEXT NOT NULL,
    category_id BIGINT NOT NULL,
    powered BIGINT NOT NULL,
    weight_g BIGINT,
    event_date TEXT NOT NULL,
    group_key TEXT,
    country TEXT,
    brand TEXT,
    thing_id TEXT,
    story_id TEXT,
    guide_id TEXT,
    fault TEXT,
    barrier TEXT
);
CREATE INDEX repair_facts_date ON repair_facts (event_date);
CREATE INDEX repair_facts_group ON repair_facts (group_key, event_date);
CREATE INDEX repair_facts_thing ON repair_facts (thing_id);
CREATE INDEX repair_facts_story ON repair_facts (story_id);
CREATE INDEX repair_facts_guide ON repair_facts (guide_id);
