-- Kept in step with migrations/sqlite/0001_initial.sql.
CREATE TABLE revisions (
    seq BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    entity_uri TEXT NOT NULL,
    entity_kind TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    parents TEXT NOT NULL,
    body TEXT NOT NULL,
    author TEXT NOT NULL,
    origin_instance TEXT NOT NULL,
    created_at TEXT NOT NULL,
    op TEXT NOT NULL,
    signature TEXT NOT NULL
);
CREATE INDEX revisions_entity ON revisions (entity_id, seq);

CREATE TABLE things (
    id TEXT PRIMARY KEY,
    uri TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    head_revision TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    label TEXT NOT NULL,
    thing_type TEXT NOT NULL,
    manufacturer TEXT NOT NULL
);
CREATE INDEX things_updated ON things (updated_at, id);
CREATE INDEX things_type ON things (thing_type, updated_at);
CREATE INDEX things_manufacturer ON things (manufacturer, updated_at);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    uri TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    head_revision TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    label TEXT NOT NULL,
    thing_id TEXT,
    category TEXT,
    story_type TEXT NOT NULL
);
CREATE INDEX stories_updated ON stories (updated_at, id);
CREATE INDEX stories_thing ON stories (thing_id);
CREATE INDEX stories_category ON stories (category);

CREATE TABLE guides (
    id TEXT PRIMARY KEY,
    uri TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    head_revision TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    label TEXT NOT NULL,
    thing_id TEXT,
    category TEXT,
    guide_type TEXT NOT NULL
);
CREATE INDEX guides_updated ON guides (updated_at, id);
CREATE INDEX guides_thing ON guides (thing_id);
CREATE INDEX guides_category ON guides (category);

CREATE TABLE relationships (
    id TEXT PRIMARY KEY,
    uri TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    head_revision TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    label TEXT NOT NULL,
    source_type TEXT NOT NULL,
    source_id TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id TEXT NOT NULL,
    relationship_type TEXT NOT NULL,
    direction TEXT NOT NULL
);
CREATE INDEX relationships_updated ON relationships (updated_at, id);
CREATE INDEX relationships_source ON relationships (source_id, relationship_type);
CREATE INDEX relationships_target ON relationships (target_id, relationship_type);

-- Form submissions kept across a redirect so a failed save loses nothing.
CREATE TABLE form_drafts (
    token TEXT PRIMARY KEY,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL
);
