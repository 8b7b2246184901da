-- Schema 2: each plan's identity, which calendar exports make their event
-- UIDs of. It is made when the plan is first saved and never changes, so
-- renaming the plan keeps calendars matching, and two plans never share it.
-- Plans saved under schema 1 get one here.

ALTER TABLE plan ADD COLUMN uid TEXT NOT NULL DEFAULT '';
UPDATE plan SET uid = lower(hex(randomblob(16))) WHERE uid = '';
