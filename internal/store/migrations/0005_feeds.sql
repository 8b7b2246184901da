-- Schema 5: calendar feeds, each a secret URL that shows a plan's latest
-- version to whoever has it: one person's calendar, or the team's. Only a
-- hash of the URL's token is kept, so the database does not hold the
-- secret.

CREATE TABLE feed (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
    person     TEXT NOT NULL DEFAULT '',   -- '' for the team's calendar
    token_hash BLOB NOT NULL UNIQUE,       -- SHA-256 of the token
    created    INTEGER NOT NULL,           -- Unix milliseconds
    created_by TEXT NOT NULL,
    revoked    INTEGER,                    -- Unix milliseconds; NULL while it works
    used       INTEGER,                    -- last answered, Unix milliseconds
    uses       INTEGER NOT NULL DEFAULT 0
);
