-- Kept in step with migrations/sqlite/0014_translation_totals.sql.
-- Texts by state per language and kind, kept by adding and subtracting each entry's
-- translation_status rows as they are rewritten, so the completeness figures do not
-- scan millions of rows (6 s at 1,000,000 entries).
CREATE TABLE translation_totals (
    lang TEXT NOT NULL,
    entity_kind TEXT NOT NULL,
    current_n BIGINT NOT NULL,
    reviewed_n BIGINT NOT NULL,
    outdated_n BIGINT NOT NULL,
    missing_n BIGINT NOT NULL,
    PRIMARY KEY (lang, entity_kind)
);
INSERT INTO translation_totals (lang, entity_kind, current_n, reviewed_n, outdated_n, missing_n)
SELECT lang, entity_kind, SUM(current_n), SUM(reviewed_n), SUM(outdated_n), SUM(missing_n)
FROM translation_status GROUP BY lang, entity_kind;
