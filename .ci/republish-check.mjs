// Applies a re-published calendar the way a client does (RFC 5546): events
// are kept by UID; an event replaces the one stored when its SEQUENCE is not
// lower; STATUS:CANCELLED removes it. After old.ics then new.ics, the events
// left must be exactly plain.ics's (the new version exported alone), and
// every event whose content changed must have a higher SEQUENCE.
//
// Usage: node .ci/republish-check.mjs old.ics new.ics plain.ics

import { readFileSync } from "node:fs";

const ICAL = (await import(new URL("./node/node_modules/ical.js/dist/ical.js", import.meta.url))).default;

function read(path) {
  const cal = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
  return cal.getAllSubcomponents("vevent").map((v) => ({
    uid: v.getFirstPropertyValue("uid"),
    seq: v.getFirstPropertyValue("sequence"),
    status: v.getFirstPropertyValue("status"),
    summary: v.getFirstPropertyValue("summary"),
    description: v.getFirstPropertyValue("description"),
    start: v.getFirstPropertyValue("dtstart").toString(),
  }));
}

const [oldPath, newPath, plainPath] = process.argv.slice(2);
const fails = [];
const store = new Map();
const old = read(oldPath);
for (const e of old) store.set(e.uid, e);
let cancelled = 0;
for (const e of read(newPath)) {
  if (typeof e.seq !== "number") fails.push(`${e.uid} has no SEQUENCE`);
  const had = store.get(e.uid);
  if (had && e.seq < had.seq) {
    fails.push(`${e.uid}: SEQUENCE went down from ${had.seq} to ${e.seq}`);
    continue;
  }
  if (had && e.status !== "CANCELLED" && e.seq === had.seq &&
      (had.summary !== e.summary || had.description !== e.description || had.start !== e.start)) {
    fails.push(`${e.uid} changed without a higher SEQUENCE (${e.seq})`);
  }
  if (e.status === "CANCELLED") {
    cancelled++;
    if (!had) fails.push(`${e.uid} cancelled but never published`);
    store.delete(e.uid);
  } else {
    store.set(e.uid, e);
  }
}
const plain = read(plainPath);
const want = new Map(plain.map((e) => [e.uid, e]));
for (const [uid, e] of store) {
  const w = want.get(uid);
  if (!w) fails.push(`${uid} (${e.summary}) is still active but not in the new version`);
  else if (w.summary !== e.summary || w.start !== e.start) fails.push(`${uid}: ${e.summary}, want ${w.summary}`);
}
for (const uid of want.keys()) if (!store.has(uid)) fails.push(`${uid} of the new version is missing`);
if (cancelled === 0) fails.push("nothing was cancelled: the check proves nothing");
if (fails.length) {
  for (const f of fails.slice(0, 20)) console.error("FAIL: " + f);
  process.exit(1);
}
console.log(`ical.js: ${old.length} events, then ${cancelled} cancelled: ${store.size} active, exactly the new version's`);
