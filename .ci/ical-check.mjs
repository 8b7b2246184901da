// Reads the iCalendar exports that .ci/exports.sh made with the real binary,
// using ical.js (an independent, widely used parser), and checks the events
// against the reference rota: counts, summaries, dates and UIDs.
//
// Usage: node .ci/ical-check.mjs DIR PLAN.toml
// DIR holds team.ics, team-again.ics, team-changed.ics, team-whatif.ics, paul.ics, gaps.ics
// and hostile.ics (see .ci/exports.sh for how each was made).

import { readFileSync } from "node:fs";
import { join } from "node:path";

const ICAL = (await import(new URL("./node/node_modules/ical.js/dist/ical.js", import.meta.url))).default;

// X-WR-CALNAME and X-WR-CALDESC are TEXT by convention (Apple, Google,
// Outlook); ical.js treats unknown properties as opaque unless told.
for (const name of ["x-wr-calname", "x-wr-caldesc"]) {
  ICAL.design.icalendar.property[name] = { defaultType: "text" };
}

const [dir, planPath] = process.argv.slice(2);
let failures = 0;
let checks = 0;
function check(ok, msg) {
  checks++;
  if (!ok) {
    failures++;
    console.error("FAIL: " + msg);
  }
}
function eq(got, want, what) {
  check(got === want, `${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
}

// read parses one export, checking the raw framing first: CRLF line ends and
// lines of at most 75 octets.
function read(name) {
  const raw = readFileSync(join(dir, name));
  const text = raw.toString("utf8");
  check(text.endsWith("\r\n"), `${name}: does not end with CRLF`);
  const lines = text.slice(0, -2).split("\r\n");
  for (const [i, l] of lines.entries()) {
    check(!/[\r\n]/.test(l), `${name} line ${i + 1}: bare CR or LF`);
    check(Buffer.byteLength(l, "utf8") <= 75, `${name} line ${i + 1}: ${Buffer.byteLength(l)} octets`);
    check(!l.includes("\uFFFD"), `${name} line ${i + 1}: a fold split a UTF-8 sequence`);
  }
  const cal = new ICAL.Component(ICAL.parse(text));
  const events = cal.getAllSubcomponents("vevent").map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      key: e.uid.split("@")[0],
      summary: e.summary,
      description: e.description,
      start: e.startDate,
      end: e.endDate,
      stamp: v.getFirstPropertyValue("dtstamp"),
      transp: v.getFirstPropertyValue("transp"),
    };
  });
  const uids = new Set(events.map((e) => e.uid));
  eq(uids.size, events.length, `${name}: distinct UIDs`);
  for (const e of events) {
    check(e.start.isDate && e.end.isDate, `${name} ${e.uid}: not an all-day event`);
    check(e.end.compare(e.start) > 0, `${name} ${e.uid}: ends before it starts`);
    eq(e.transp, "TRANSPARENT", `${name} ${e.uid}: TRANSP`);
  }
  console.log(`${name}: ${events.length} events`);
  return { cal, events, byKey: new Map(events.map((e) => [e.key, e])) };
}

const iso = (t) => t.toString().slice(0, 10); // ICAL.Time of a date: YYYY-MM-DD
const prefixed = (events, p) => events.filter((e) => e.key.startsWith(p));

// The reference: the paper's rota and the period's England and Wales bank
// holidays (shared/reference/cccs-2022.md).
const refSPOC = ["Simon Higgins", "Jo Atkinson", "Paul Robinson", "Tracy Boustead", "Simon Higgins", "Jo Atkinson", "Paul Robinson", "Tracy Boustead", "Simon Higgins"];
const refBuddy = ["Jo Atkinson", "Paul Robinson", "Tracy Boustead", "Simon Higgins", "Jo Atkinson", "Paul Robinson", "Tracy Boustead", "Simon Higgins", "Jo Atkinson"];
const months = ["2022-07", "2022-08", "2022-09", "2022-10", "2022-11", "2022-12", "2023-01", "2023-02", "2023-03"];
const holidays = new Set(["2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27", "2023-01-02"]);
const workingDays = [];
for (let d = new Date(Date.UTC(2022, 6, 1)); d <= new Date(Date.UTC(2023, 2, 31)); d.setUTCDate(d.getUTCDate() + 1)) {
  const s = d.toISOString().slice(0, 10);
  if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && !holidays.has(s)) workingDays.push(s);
}
eq(workingDays.length, 191, "working days of the reference period");
const monday = (s) => new Date(s + "T00:00:00Z").getUTCDay() === 1;
const mondays = workingDays.filter(monday);
const spocOn = (s) => refSPOC[months.indexOf(s.slice(0, 7))];
const nextMonth = (m) => {
  const [y, mm] = m.split("-").map(Number);
  return mm === 12 ? `${y + 1}-01-01` : `${y}-${String(mm + 1).padStart(2, "0")}-01`;
};

// --- The whole team -------------------------------------------------------
const team = read("team.ics");
eq(team.cal.getFirstPropertyValue("x-wr-calname"), "CCCS distributed leadership 2022/23", "team calendar name");
eq(team.cal.getFirstPropertyValue("version"), "2.0", "VERSION");
check(/rota/.test(team.cal.getFirstPropertyValue("prodid")), "PRODID names rota");
eq(team.events.length, 9 + 9 + 191 + mondays.length, "team events (SPOC + buddy months, presence days, DMTs)");
months.forEach((m, i) => {
  const key = m.replace("-", "");
  const spoc = team.byKey.get("spoc-" + key);
  const buddy = team.byKey.get("buddy-" + key);
  check(spoc && buddy, `SPOC and buddy events for ${m}`);
  if (!spoc || !buddy) return;
  eq(spoc.summary, "SPOC: " + refSPOC[i], `SPOC of ${m}`);
  eq(buddy.summary, "SPOC buddy: " + refBuddy[i], `buddy of ${m}`);
  for (const e of [spoc, buddy]) {
    eq(iso(e.start), m + "-01", `${e.key} starts`);
    eq(iso(e.end), nextMonth(m), `${e.key} ends (exclusive)`);
  }
});
const order = ["Simon Higgins", "Jo Atkinson", "Paul Robinson", "Tracy Boustead"];
const presence = prefixed(team.events, "presence-").sort((a, b) => a.start.compare(b.start));
eq(presence.length, 191, "presence days");
presence.forEach((e, k) => {
  eq(iso(e.start), workingDays[k], `presence day ${k}`);
  eq(e.end.toUnixTime() - e.start.toUnixTime(), 86400, `presence ${iso(e.start)} lasts one day`);
  eq(e.summary, "In county: " + order[k % 4], `presence on ${iso(e.start)} (plain rotation)`);
});
const dmt = prefixed(team.events, "event-dmt-");
eq(dmt.length, mondays.length, "DMTs on working Mondays");
for (const e of dmt) {
  check(monday(iso(e.start)), `DMT ${iso(e.start)} is a Monday`);
  eq(e.summary, "DMT (Directorate Management Team): " + spocOn(iso(e.start)), `DMT ${iso(e.start)} chaired by the SPOC`);
}
const stamp = team.events[0].stamp.toString();
check(team.events.every((e) => e.stamp.toString() === stamp), "one DTSTAMP for the export");

// --- Stable UIDs ------------------------------------------------------------
// The same plan exported later: the same UIDs, the same events.
const again = read("team-again.ics");
eq(again.events.map((e) => e.uid).join(), team.events.map((e) => e.uid).join(), "UIDs of a later export of the same plan");
eq(again.events.map((e) => e.summary).join(), team.events.map((e) => e.summary).join(), "summaries of a later export");
check(again.events[0].stamp.toString() !== stamp, "the later export has a later DTSTAMP");
// Simon away all July: July's SPOC changes, its UID does not.
const changed = read("team-changed.ics");
check(changed.byKey.get("spoc-202207").summary !== "SPOC: Simon Higgins", "July's SPOC changes when Simon is away all month");
eq(changed.byKey.get("spoc-202207").uid, team.byKey.get("spoc-202207").uid, "July's SPOC UID after the change");
for (const e of team.events) {
  check(changed.byKey.has(e.key), `${e.key} is still there after the change`);
}
// The same absence as a what-if (--absent): marked as one in the calendar's
// name and every summary, and no UID of the plan's, so importing it can never
// overwrite the real rota.
const whatif = read("team-whatif.ics");
check(whatif.cal.getFirstPropertyValue("x-wr-calname").endsWith(" [What-if]"), "the what-if calendar's name says so");
check(whatif.events.every((e) => e.summary.startsWith("[What-if] ")), "every what-if summary says so");
check(whatif.events.every((e) => !team.events.some((t) => t.uid === e.uid)), "no what-if UID is the plan's");

// --- One person ---------------------------------------------------------------
const paul = read("paul.ics");
eq(paul.cal.getFirstPropertyValue("x-wr-calname"), "CCCS distributed leadership 2022/23 — Paul Robinson", "Paul's calendar name");
eq(prefixed(paul.events, "spoc-").map((e) => e.key).join(), "spoc-202209,spoc-202301", "Paul's SPOC months");
eq(prefixed(paul.events, "buddy-").map((e) => e.key).join(), "buddy-202208,buddy-202212", "Paul's buddy months");
eq(prefixed(paul.events, "presence-").length, workingDays.filter((_, k) => k % 4 === 2).length, "Paul's presence days");
for (const e of paul.events) {
  check(e.summary.includes("Paul Robinson"), `${e.key} in Paul's calendar is about Paul: ${e.summary}`);
  eq(e.uid, team.byKey.get(e.key).uid, `${e.key} has the team export's UID`);
}
eq(prefixed(paul.events, "event-dmt-").length, mondays.filter((s) => spocOn(s) === "Paul Robinson").length, "DMTs Paul chairs");

// --- Gaps and acting ------------------------------------------------------------
// Paul away 3–14 Oct 2022, Tracy (October's SPOC) 3–7 Oct; --gaps.
const plan = readFileSync(planPath, "utf8");
const owned = (id) => (plan.match(new RegExp(`^owner = "${id}"`, "gm")) || []).length;
const gaps = read("gaps.ics");
const gapDays = prefixed(gaps.events, "gaps-team-").sort((a, b) => a.start.compare(b.start));
eq(gapDays.map((e) => iso(e.start)).join(), workingDays.filter((s) => s >= "2022-10-03" && s <= "2022-10-14").join(), "gap days");
for (const e of gapDays) {
  const n = iso(e.start) <= "2022-10-07" ? owned("paul") + owned("tracy") : owned("paul");
  check(e.summary.startsWith(`${n} gaps: `), `gap summary on ${iso(e.start)}: ${e.summary} (want ${n} gaps)`);
  check(e.description.includes("Senior Information Risk Owner (SIRO): nobody (Paul Robinson away)"), `gap description on ${iso(e.start)} explains SIRO`);
  eq(e.description.split("\n").length, n, `one line per gap on ${iso(e.start)}`);
}
const acting = prefixed(gaps.events, "acting-spoc-");
eq(acting.map((e) => iso(e.start)).join(), "2022-10-03,2022-10-04,2022-10-05,2022-10-06,2022-10-07", "days Simon acts as SPOC");
for (const e of acting) eq(e.summary, "Acting SPOC: Simon Higgins (for Tracy Boustead)", `acting SPOC on ${iso(e.start)}`);
eq(gaps.byKey.get("event-dmt-20221003").summary, "DMT (Directorate Management Team): Simon Higgins", "DMT while Tracy is away");

// --- Hostile names -----------------------------------------------------------------
// The strings of internal/export/testdata/hostile.toml, as typed there (plan
// files refuse line breaks in text: it marks them ␍ ␤).
const hostile = read("hostile.ics");
const zoe = `Zoë "Zed" O'Brien, Jr.; \\ <script>alert(1)</script>`;
const long = "Ŝàḿüéł Ĉħàŕľëš-Ŵĩľľïàḿš 🎉🎉🎉 | pipe *star* _under_ [link](x) `code` \uFEFF and a long tail to fold";
eq(hostile.cal.getFirstPropertyValue("x-wr-calname"), `Rota, "Quotes"; semi\\colon␤line two <script>alert('x')</script> & co | pipe`, "hostile calendar name");
eq(hostile.byKey.get("spoc-202401").summary, "SPOC: " + zoe + " (away 8–12 Jan 2024)", "hostile SPOC name, and when they are away");
eq(hostile.byKey.get("buddy-202403").summary, "SPOC buddy: " + long, "long multi-byte name folded and read back");
eq(hostile.byKey.get("cover-sum-20240110").summary, `Holds =SUM(1,2): =1+2 (for ${zoe})`, "hostile cover summary");
eq(hostile.byKey.get("event-dmt-20240108").summary, `DMT, "weekly"; \\n literal: =1+2`, "hostile event title");
eq(hostile.byKey.get("event-sums-20240110").summary, "@Board <script>: =1+2", "event held by the cover");
const tabbed = hostile.byKey.get("gaps-team-20240205");
eq(tabbed.summary, `Gap: \tTabbed; title, with "quotes"`, "hostile gap summary");
eq(tabbed.description, `\tTabbed; title, with "quotes": nobody (-Minus␍␤CRLF Person away (leave, "sick"; <i>really</i>))`, "hostile gap description");
eq(prefixed(hostile.events, "gaps-").length, 5, "hostile gap days");

console.log(`${checks} checks, ${failures} failed`);
process.exit(failures ? 1 : 0);
