-- Every public key an origin instance has signed with, kept for good so that
-- `thingdata verify` can check received and relayed revisions after a key changes.
-- key_id is the key's first 16 hex digits (its first 8 bytes).
CREATE TABLE origin_keys (
    origin TEXT NOT NULL,
    key_id TEXT NOT NULL,
    public_key TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    PRIMARY KEY (origin, key_id)
);

INSERT INTO origin_keys (origin, key_id, public_key, first_seen)
SELECT url, substr(public_key, 1, 16), public_key, created_at FROM peers
WHERE public_key <> '';

INSERT INTO origin_keys (origin, key_id, public_key, first_seen)
SELECT origin, substr(public_key, 1, 16), public_key, fetched_at FROM instance_keys
WHERE public_key <> ''
  AND NOT EXISTS (SELECT 1 FROM origin_keys o
                  WHERE o.origin = instance_keys.origin
                    AND o.key_id = substr(instance_keys.public_key, 1, 16));
