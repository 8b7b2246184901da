-- Schema 4: rota notify's outbox. Every message due is recorded here, by its
-- deterministic key, before it is sent, so that no run sends it twice: a row
-- is 'due', then claimed as 'sending' in its own transaction, then 'sent'.
-- A claim older than the lease belongs to a run that died, and is retried.

CREATE TABLE outbox (
    key      TEXT PRIMARY KEY,            -- notify.Message.Key
    plan     TEXT NOT NULL,
    person   TEXT NOT NULL,
    rcpt     TEXT NOT NULL,               -- the address it goes to
    subject  TEXT NOT NULL,
    body     TEXT NOT NULL,               -- the plain-text part, as recorded
    ics      BLOB NOT NULL,               -- the .ics attachment
    state    TEXT NOT NULL DEFAULT 'due', -- due, sending or sent
    attempts INTEGER NOT NULL DEFAULT 0,
    error    TEXT NOT NULL DEFAULT '',    -- the last failure, for rota notify to report
    created  INTEGER NOT NULL,            -- Unix milliseconds
    claimed  INTEGER NOT NULL DEFAULT 0,  -- when the last send began
    sent     INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX outbox_plan_state ON outbox(plan, state);
