-- Kept in step with migrations/sqlite/0020_vocabulary_texts.sql.
-- The material and tool texts visible entries name, and the spellings (names and
-- synonyms in every language, folded) of the material and tool terms, both kept from
-- the bodies in the same transaction as every write: a text no spelling matches is a
-- suggestion for experts, unless they rejected it.
CREATE TABLE vocabulary_texts (
    entry_id TEXT NOT NULL,
    entry_kind TEXT NOT NULL,
    vocabulary TEXT NOT NULL,
    folded TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (entry_id, vocabulary, folded)
);
CREATE INDEX vocabulary_texts_folded ON vocabulary_texts (vocabulary, folded);

CREATE TABLE term_spellings (
    term_id TEXT NOT NULL,
    vocabulary TEXT NOT NULL,
    folded TEXT NOT NULL,
    PRIMARY KEY (term_id, folded)
);
CREATE INDEX term_spellings_folded ON term_spellings (vocabulary, folded);

CREATE TABLE vocabulary_rejections (
    vocabulary TEXT NOT NULL,
    folded TEXT NOT NULL,
    text TEXT NOT NULL,
    rejected_by TEXT NOT NULL,
    rejected_at TEXT NOT NULL,
    PRIMARY KEY (vocabulary, folded)
);

-- Bumped by every write of a term: what caches of the terms are keyed by.
INSERT INTO counters (name, value) VALUES ('term_changes', 0);
