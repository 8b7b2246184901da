-- Schema 1 of the rota store. A plan has lines of history: its own (scenario
-- '') and one per what-if scenario. A line is a run of numbered versions,
-- each one change with the effect it had; checkpoints are a cache of the
-- state at some versions so that loading never replays much.

CREATE TABLE plan (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    title   TEXT NOT NULL DEFAULT '',   -- the plan's own name at its latest version
    created INTEGER NOT NULL,           -- Unix milliseconds
    used    INTEGER NOT NULL            -- last opened or changed, Unix milliseconds
);

CREATE TABLE line (
    id       INTEGER PRIMARY KEY,
    plan_id  INTEGER NOT NULL REFERENCES plan(id),
    scenario TEXT NOT NULL DEFAULT '',  -- '' for the plan's own history
    base     INTEGER NOT NULL DEFAULT 0, -- scenarios: the plan version they start from
    author   TEXT NOT NULL DEFAULT '',
    created  INTEGER NOT NULL,
    UNIQUE (plan_id, scenario)
);

CREATE TABLE version (
    id      INTEGER PRIMARY KEY,
    line_id INTEGER NOT NULL REFERENCES line(id) ON DELETE CASCADE,
    number  INTEGER NOT NULL,
    author  TEXT NOT NULL,
    at      INTEGER NOT NULL,           -- Unix milliseconds
    note    TEXT NOT NULL DEFAULT '',
    change  TEXT NOT NULL,              -- JSON: the change as asked
    effect  TEXT NOT NULL,              -- JSON: what it did; replayed on load
    UNIQUE (line_id, number)
);

CREATE TABLE checkpoint (
    line_id INTEGER NOT NULL REFERENCES line(id) ON DELETE CASCADE,
    number  INTEGER NOT NULL,
    format  INTEGER NOT NULL,           -- a loader ignores formats it does not know
    data    BLOB NOT NULL,
    PRIMARY KEY (line_id, number)
);
