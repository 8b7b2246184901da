-- Schema 7: a feed shows a rolling window of months around the current
-- month, past months before it and ahead after it. NULL in both shows the
-- plan's whole span, as every feed did before: the feeds made before this
-- schema keep showing what their subscribers already have.

ALTER TABLE feed ADD COLUMN past INTEGER;   -- months before the current one; NULL: the whole plan
ALTER TABLE feed ADD COLUMN ahead INTEGER;  -- months after the current one; NULL: the whole plan
