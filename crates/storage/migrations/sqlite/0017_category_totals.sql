-- Kept in step with migrations/postgres/0017_category_totals.sql.
-- The category tree's counts without scanning every link. Entries are grouped by the
-- set of categories they are filed under (the "signature": their ids, sorted, joined
-- by spaces), and each group's size is kept per kind as links change. A category then
-- counts every group with a category at or below it, so an entry filed twice below it
-- is counted once. Few groups exist however many entries there are.
ALTER TABLE category_links ADD COLUMN hidden BIGINT NOT NULL DEFAULT 0;
UPDATE category_links SET hidden = 1 WHERE entry_id IN (
    SELECT id FROM things WHERE hidden = 1
    UNION SELECT id FROM stories WHERE hidden = 1
    UNION SELECT id FROM guides WHERE hidden = 1
    UNION SELECT id FROM categories WHERE hidden = 1);
-- A category's parents are read without scanning the entries' links.
CREATE INDEX category_links_parents ON category_links (entry_id, category_id) WHERE entry_kind = 'category';

CREATE TABLE filing_totals (
    signature TEXT NOT NULL,
    entry_kind TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (signature, entry_kind)
);
INSERT INTO filing_totals (signature, entry_kind, n)
SELECT signature, entry_kind, COUNT(*) FROM (
    SELECT entry_kind, group_concat(category_id, ' ' ORDER BY category_id) AS signature
    FROM category_links WHERE entry_kind <> 'category' AND hidden = 0
    GROUP BY entry_id, entry_kind) AS filed
GROUP BY signature, entry_kind;
