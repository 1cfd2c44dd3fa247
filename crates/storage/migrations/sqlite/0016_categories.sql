-- Kept in step with migrations/postgres/0016_categories.sql.
-- The product taxonomy: categories are knowledge entries like the others.
CREATE TABLE categories (
    id TEXT PRIMARY KEY,
    uri TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    head_revision TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    label TEXT NOT NULL,
    hidden BIGINT NOT NULL DEFAULT 0,
    ords_id TEXT
);
CREATE INDEX categories_updated ON categories (updated_at, id);
CREATE INDEX categories_ords ON categories (ords_id);
INSERT INTO counters (name, value) VALUES ('categories', 0);

-- Which categories an entry is filed under, and (entry_kind 'category') a category's
-- parents: kept from the bodies in the same transaction as every write.
CREATE TABLE category_links (
    entry_id TEXT NOT NULL,
    entry_kind TEXT NOT NULL,
    category_id TEXT NOT NULL,
    PRIMARY KEY (entry_id, category_id)
);
CREATE INDEX category_links_category ON category_links (category_id, entry_kind);
