-- Schema 6: settings kept once per database, such as rota notify's SMTP
-- server and From address. Never a password: that is read from the
-- environment or a file each time it is needed.

CREATE TABLE setting (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
