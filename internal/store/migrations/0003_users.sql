-- Schema 3: the people who may log in to rota serve, each with a role and
-- one or more SSH public keys. A key belongs to one user only, so a login
-- names exactly one user.

CREATE TABLE user (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    role    TEXT NOT NULL,              -- admin, pa, manager or ad
    person  TEXT NOT NULL DEFAULT '',   -- their person id in the plans
    plans   TEXT NOT NULL DEFAULT '',   -- plans they may see, comma-separated; '' every plan
    created INTEGER NOT NULL            -- Unix milliseconds
);

CREATE TABLE user_key (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
    fingerprint TEXT NOT NULL UNIQUE,   -- SHA256:… as ssh-keygen -l prints it
    key         TEXT NOT NULL,          -- the authorized_keys form: type and base64
    comment     TEXT NOT NULL DEFAULT '',
    added       INTEGER NOT NULL        -- Unix milliseconds
);
