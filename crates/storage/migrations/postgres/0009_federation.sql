-- Kept in step with migrations/sqlite/0009_federation.sql.

-- Other instances this one knows: connection state, trust and sync progress.
CREATE TABLE peers (
    id TEXT PRIMARY KEY,
    -- The peer's public URL (origin_instance of its revisions), without trailing slash.
    url TEXT NOT NULL UNIQUE,
    actor_url TEXT NOT NULL UNIQUE,
    inbox_url TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    languages TEXT NOT NULL,
    public_key TEXT NOT NULL,
    software TEXT NOT NULL,
    -- requested (we asked), pending (they asked), connected, refused, blocked
    state TEXT NOT NULL,
    -- untrusted, verified, trusted, preferred, blocked
    trust TEXT NOT NULL,
    last_contact TEXT,
    last_error TEXT,
    revisions_in BIGINT NOT NULL DEFAULT 0,
    revisions_out BIGINT NOT NULL DEFAULT 0,
    -- The peer's log position we have pulled up to.
    pull_cursor BIGINT NOT NULL DEFAULT 0,
    -- Our log position up to which deliveries to this peer are queued.
    push_cursor BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Pending deliveries: a batch is a range of our revision log for one peer, or one
-- activity (connection request, accept, refuse). Rows go when delivered.
CREATE TABLE federation_outbox (
    id BIGSERIAL PRIMARY KEY,
    peer_id TEXT NOT NULL REFERENCES peers (id) ON DELETE CASCADE,
    activity TEXT NOT NULL,
    after_seq BIGINT NOT NULL DEFAULT 0,
    upto_seq BIGINT NOT NULL DEFAULT 0,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_ms BIGINT NOT NULL,
    last_error TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX federation_outbox_due ON federation_outbox (next_attempt_ms);

-- Public keys of instances whose revisions reached us, directly or relayed.
CREATE TABLE instance_keys (
    origin TEXT PRIMARY KEY,
    public_key TEXT NOT NULL,
    fetched_at TEXT NOT NULL
);

-- Revisions from untrusted peers, waiting for an expert.
CREATE TABLE federation_held (
    revision_id TEXT PRIMARY KEY,
    peer_id TEXT NOT NULL,
    entity_kind TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    revision TEXT NOT NULL,
    received_at TEXT NOT NULL
);
CREATE INDEX federation_held_entity ON federation_held (entity_id, received_at);

-- How each received revision reached us (first delivery wins), for provenance marks.
CREATE TABLE revision_sources (
    revision_id TEXT PRIMARY KEY,
    peer_id TEXT NOT NULL,
    trust TEXT NOT NULL
);

-- Signatures seen within the clock-skew window: a replayed request is refused.
CREATE TABLE federation_seen_signatures (
    hash TEXT PRIMARY KEY,
    expires_ms BIGINT NOT NULL
);
CREATE INDEX federation_seen_expiry ON federation_seen_signatures (expires_ms);

-- Things by their human identifier (`thing:appliance/…`), for WebFinger and the API.
ALTER TABLE things ADD COLUMN identifier TEXT;
UPDATE things SET identifier = (body::jsonb) ->> 'identifier';
CREATE INDEX things_identifier ON things (identifier, updated_at);
