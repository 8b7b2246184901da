#!/usr/bin/env bash
# End-to-end test of the interactive planner: the real binary in tmux on a
# fresh database. It opens on the bundled Cumbria plan, goes to October 2022,
# records an absence for Paul through the form, sees the new gaps in the Gaps
# view, undoes it, exports the team calendar through the export form and
# quits; then reopens to check the versions were saved, and checks that
# NO_COLOR gives a screen without colour. Every step waits for the screen
# text it expects (polling, bounded), never a fixed sleep.
set -euo pipefail
cd "$(dirname "$0")/.."

export PATH="/usr/local/go/bin:$PATH"
if ! command -v tmux >/dev/null; then
	echo "== installing tmux"
	apt-get update -qq && apt-get install -y -qq tmux >/dev/null
fi

work=$(mktemp -d)
sock="rota-e2e-$$"
tm() { tmux -L "$sock" "$@"; }
cleanup() { tm kill-server 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

echo "== building rota"
go build -o "$work/rota" ./cmd/rota

screen() { tm capture-pane -p -t e2e; }

# wait_for TEXT: poll the screen until it shows TEXT (fixed string), 10 s at most.
wait_for() {
	local i
	for i in $(seq 1 200); do
		if screen | grep -qF -- "$1"; then
			echo "   ok: $1"
			return 0
		fi
		sleep 0.05
	done
	echo "FAIL: the screen never showed: $1" >&2
	echo "----- screen -----" >&2
	screen >&2 || true
	exit 1
}

# key K TEXT: press one key, then wait for TEXT. Keys go one at a time: a
# terminal delivers keys typed together as one paste.
key() {
	tm send-keys -t e2e "$1"
	wait_for "$2"
}

# type TEXT: type literal text into the focused field.
type_text() { tm send-keys -t e2e -l "$1"; }

start() { # start [ENV=VALUE...]: run the planner on the test database
	tm new-session -d -s e2e -x 100 -y 30 \
		"env TERM=xterm-256color $* $work/rota --db $work/rota.db --author e2e"
}

wait_gone() {
	local i
	for i in $(seq 1 200); do
		tm has-session -t e2e 2>/dev/null || return 0
		sleep 0.05
	done
	echo "FAIL: the planner did not quit" >&2
	exit 1
}

echo "== first run: the bundled plan is imported and shown"
start
wait_for "CCCS distributed leadership 2022/23"
wait_for "imported the bundled Cumbria plan"
wait_for "July 2022: SPOC Simon Higgins, buddy Jo Atkinson"

echo "== to October 2022 in the Month view"
key 2 "[2 Month]"
key ']' "August 2022 · handover not acknowledged · SPOC Jo · buddy Paul"
key ']' "September 2022 · handover not acknowledged · SPOC Paul · buddy Tracy"
key ']' "October 2022 · handover not acknowledged · SPOC Tracy · buddy Simon"
wait_for "Mon 3 Oct 2022 · present"

echo "== record Paul's absence through the form"
key a "Record an absence"
type_text paul
wait_for "Paul Robinson"
key Tab "> From"
key C-u "> From"
type_text 2022-10-3
wait_for "! not a date: write it YYYY-MM-DD"
key BSpace "> From"
type_text 03
wait_for "Mon 3 Oct 2022"
key Tab "> To"
key C-u "> To"
type_text 2022-10-14
wait_for "Fri 14 Oct 2022 · 10 working days"
key Tab "> Reason"
type_text sick
key Enter "saved version 2: absent paul 2022-10-03 2022-10-14"
wait_for "v2 · 142 gaps on 10 days"

echo "== the new gaps in the Gaps view"
key 5 "[5 Gaps]"
wait_for "142 gaps on 10 days, in 16 runs"
wait_for "3–14 Oct 2022 (10d)   Senior Information Risk Owner (SIRO): paul away (sick)"

echo "== undo"
key u "undone: saved version 3"
wait_for "No gaps: every working day"
wait_for "v3 · no gaps"

echo "== export the team calendar from the Gaps view"
key e "Export version 3 of cumbria-cccs-2022"
wait_for "‹ whole team ›"
key BTab "> File    cumbria-cccs-2022.ics"
key C-u "! a file name is needed"
type_text "$work/team.ics"
wait_for "in $work" # the note under the file name: the folder it goes in
key Enter "team.ics (" # the status bar: wrote …/team.ics (N events)
for _ in $(seq 1 200); do
	[ -s "$work/team.ics" ] && break
	sleep 0.05
done
if ! grep -q "BEGIN:VCALENDAR" "$work/team.ics" 2>/dev/null; then
	echo "FAIL: $work/team.ics was not written as a calendar" >&2
	ls -la "$work" >&2
	exit 1
fi
echo "   ok: $work/team.ics holds a calendar ($(grep -c BEGIN:VEVENT "$work/team.ics") events)"

echo "== quit"
tm send-keys -t e2e q
wait_gone

echo "== reopen: the plan used last, with its three versions"
start
wait_for "v3 · no gaps"
key 6 "3 versions, 0 saved what-ifs"
wait_for "undid version 2"
wait_for "absence: "
tm send-keys -t e2e q
wait_gone

echo "== NO_COLOR: no colour on the screen"
start NO_COLOR=1
wait_for "v3 · no gaps"
if tm capture-pane -p -e -t e2e | grep -qP '\x1b\[[0-9;]*(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;[0-9;]*)?m'; then
	echo "FAIL: colour codes on the screen with NO_COLOR=1" >&2
	tm capture-pane -p -e -t e2e | cat -v | head -5 >&2
	exit 1
fi
echo "   ok: no colour codes"
tm send-keys -t e2e q
wait_gone

echo "PASS: planner end-to-end"
