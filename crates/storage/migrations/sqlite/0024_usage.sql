-- Kept in step with migrations/postgres/0024_usage.sql.
-- Usage counted per day and nothing else: page views by page (ids left out),
-- searches, and the words of searches that found nothing. No visitor, cookie or
-- address is ever stored.
CREATE TABLE usage_daily (
    day TEXT NOT NULL,
    metric TEXT NOT NULL,
    item TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (day, metric, item)
);
-- Contributions per day are read from the revision log.
CREATE INDEX revisions_created ON revisions (created_at);
