-- Kept in step with migrations/postgres/0017_category_totals.sql.
-- The category tree's counts without scanning every link: each link records how many
-- categories its entry is filed under and whether the entry is hidden; entries filed
-- under one category are summed per category and kind as links change, and the few
-- filed under several are read through a partial index and counted once in the tree.
ALTER TABLE category_links ADD COLUMN filed_with BIGINT NOT NULL DEFAULT 1;
ALTER TABLE category_links ADD COLUMN hidden BIGINT NOT NULL DEFAULT 0;
UPDATE category_links SET filed_with =
    (SELECT COUNT(*) FROM category_links o WHERE o.entry_id = category_links.entry_id);
UPDATE category_links SET hidden = 1 WHERE entry_id IN (
    SELECT id FROM things WHERE hidden = 1
    UNION SELECT id FROM stories WHERE hidden = 1
    UNION SELECT id FROM guides WHERE hidden = 1
    UNION SELECT id FROM categories WHERE hidden = 1);
CREATE INDEX category_links_shared ON category_links (entry_id) WHERE filed_with > 1;

CREATE TABLE category_totals (
    category_id TEXT NOT NULL,
    entry_kind TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (category_id, entry_kind)
);
INSERT INTO category_totals (category_id, entry_kind, n)
SELECT category_id, entry_kind, COUNT(*) FROM category_links
WHERE filed_with = 1 AND hidden = 0 AND entry_kind <> 'category'
GROUP BY category_id, entry_kind;
