#!/usr/bin/env bash
# The Office exports read the way a PA's office suite reads them:
#   - LibreOffice Calc (headless) converts the workbook's every sheet to CSV;
#     the sheet names, the values, the dates (dd/mm/yyyy as shown) and the
#     ids that look like dates or numbers ("mar-1", "1-2", "3/4", "007") are
#     checked in what it read;
#   - LibreOffice Writer (headless) converts the Word paper to PDF: A4
#     landscape, every page with text (poppler's pdfinfo and pdftotext);
#   - python-docx reads the paper's headings and tables: Heading 1 styles,
#     header rows marked to repeat, one duty per paragraph in a cell.
# Runs from the repository root; installs what it lacks; idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"

PLAN=configs/cumbria-cccs-2022.toml
OFFICE=internal/export/testdata/office.toml
HOSTILE=internal/export/testdata/hostile.toml
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Debian's python, which python3-docx installs into (a python3 earlier on
# PATH, such as a pyenv one, would not see it).
PY=python3
if [ -x /usr/bin/python3 ]; then PY=/usr/bin/python3; fi

apt_updated=
need_apt() { # need_apt COMMAND-OR-PYTHON-MODULE PACKAGE...
  case "$1" in
    py:*) "$PY" -c "import ${1#py:}" 2>/dev/null && return ;;
    *) command -v "$1" >/dev/null && return ;;
  esac
  shift
  if [ -z "$apt_updated" ]; then apt-get update -qq; apt_updated=1; fi
  echo "== apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
need_apt soffice libreoffice-calc-nogui libreoffice-writer-nogui fonts-dejavu-core fonts-liberation
need_apt pdfinfo poppler-utils
need_apt py:docx python3-docx

echo "== build rota"
go build -o "$out/rota" ./cmd/rota
rota() { SOURCE_DATE_EPOCH=1654075800 "$out/rota" "$@"; }
what_if=(--absent paul:2022-10-03:2022-10-14 --absent tracy:2022-10-03:2022-10-07)
rota export "$PLAN" "${what_if[@]}" -o "$out/cumbria.xlsx"
rota export "$PLAN" "${what_if[@]}" -o "$out/cumbria.docx"
rota export "$PLAN" --person paul --from 2022-10 --to 2022-12 "${what_if[@]}" --format xlsx -o "$out/paul.xlsx"
rota export "$OFFICE" -o "$out/office.xlsx"
rota export "$HOSTILE" -o "$out/hostile.xlsx"
rota export "$HOSTILE" -o "$out/hostile.docx"
# The CSV of the same plans, which the workbook must agree with.
rota export "$PLAN" "${what_if[@]}" -o "$out/cumbria.csv"
rota export "$OFFICE" -o "$out/office.csv"

# LibreOffice keeps a profile; a fresh one per run keeps runs apart.
lo() {
  timeout 300 soffice -env:UserInstallation="file://$out/lo-profile" --headless --norestore "$@" >"$out/lo.log" 2>&1 \
    || { cat "$out/lo.log"; exit 1; }
}

echo "== LibreOffice Calc reads the workbooks"
# Filter options: comma, double quote, UTF-8, from line 1, …, cells as
# shown (token 9: true, so dates come out as the workbook formats them),
# every sheet to its own file (token 12: -1).
lo --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1' \
  --outdir "$out/csv" "$out/cumbria.xlsx" "$out/paul.xlsx" "$out/office.xlsx" "$out/hostile.xlsx"
"$PY" - "$out" <<'PY'
import csv, datetime, os, sys
out = sys.argv[1]
def draft(rows, what):
    # A what-if (--absent) says so on a line above the header.
    if not rows or not rows[0] or not rows[0][0].startswith("[What-if"):
        sys.exit(f"FAIL: {what} does not start by saying it is a what-if: {rows[:1]}")
    return rows[1:]
def sheet(book, name):
    path = os.path.join(out, "csv", f"{book}-{name}.csv")
    if not os.path.exists(path):
        sys.exit(f"FAIL: LibreOffice found no sheet {name} in {book}.xlsx ({sorted(os.listdir(os.path.join(out, 'csv')))})")
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    return draft(rows, f"{book}.xlsx {name}") if book in ("cumbria", "paul") else rows
def rota_csv(name):
    with open(os.path.join(out, name), encoding="utf-8-sig", newline="") as f:
        return draft(list(csv.reader(f)), name)

for book in ("cumbria", "paul", "office", "hostile"):
    for name in ("Rota", "Days", "Duties", "Gaps"):
        sheet(book, name)

# Days: every row as the CSV export has it, the date shown dd/mm/yyyy.
days, want = sheet("cumbria", "Days"), rota_csv("cumbria.csv")
if len(days) != len(want):
    sys.exit(f"FAIL: Days has {len(days)} rows, the CSV {len(want)}")
for got, exp in zip(days[1:], want[1:]):
    d = datetime.date.fromisoformat(exp[0])
    if got[0] != d.strftime("%d/%m/%Y"):
        sys.exit(f"FAIL: Days shows {got[0]!r} for {exp[0]}")
    if got[1:6] != exp[1:6]:
        sys.exit(f"FAIL: Days row {got} differs from the CSV's {exp}")
    if (got[7].removeprefix("GAP: ") if got[7] else "") != exp[6]:
        sys.exit(f"FAIL: Days gaps {got[7]!r}, the CSV has {exp[6]!r}")
gapdays = [r for r in days[1:] if r[7].startswith("GAP: ")]
print(f"cumbria.xlsx Days: {len(days) - 1} working days as dd/mm/yyyy dates, {len(gapdays)} marked as gaps, as the CSV")

# Rota: months across, October has the what-if's gaps.
rota = sheet("cumbria", "Rota")
col = rota[0].index("Oct 2022")
if [r[0] for r in rota] != ["month", "SPOC", "buddy", "working days", "gap days", "coverage"] or rota[4][col] == "0":
    sys.exit(f"FAIL: Rota sheet {rota}")
print(f"cumbria.xlsx Rota: {len(rota[0]) - 1} months across; October {rota[4][col]} gap days, {rota[5][col]!r}")

# Gaps: dates shown as dates, critical ones said.
gaps = sheet("cumbria", "Gaps")
if gaps[0] != ["from", "to", "working days", "nobody holds", "kind", "critical", "why"] or gaps[1][:3] != ["03/10/2022", "07/10/2022", "5"] and gaps[1][:3] != ["03/10/2022", "14/10/2022", "10"]:
    sys.exit(f"FAIL: Gaps sheet starts {gaps[:2]}")
print(f"cumbria.xlsx Gaps: {len(gaps) - 1} runs, {sum(r[5] == 'yes' for r in gaps[1:])} critical")

# Text stays text: what LibreOffice turns into dates or numbers in a CSV.
duties = sheet("office", "Duties")
ids = [(r[0], r[1], r[2]) for r in duties[1:]]
if ids != [("1-2", "3/4", "007"), ("007", "=SUM(1,2)", ""), ("mar-1", "1e5", "")]:
    sys.exit(f"FAIL: ids and titles changed on the way through Calc: {ids}")
print(f"office.xlsx Duties: ids and titles as typed: {ids}")

# One person's workbook keeps their three months' days.
pd = sheet("paul", "Days")
if not pd[1:] or not all(r[0][3:] in ("10/2022", "11/2022", "12/2022") for r in pd[1:]):
    sys.exit(f"FAIL: Paul's Days sheet {pd[:3]}")
print(f"paul.xlsx: {len(pd) - 1} of Paul's days, October to December")

h = sheet("hostile", "Duties")
if not any(r[1] == "=SUM(1,2)" for r in h):
    sys.exit(f"FAIL: a formula-like title did not stay text: {h}")
print("hostile.xlsx: formula-like titles read back as text")
PY

echo "== LibreOffice Writer prints the paper"
lo --convert-to pdf --outdir "$out/pdf" "$out/cumbria.docx" "$out/hostile.docx"
for f in cumbria hostile; do
  info=$(pdfinfo "$out/pdf/$f.pdf")
  size=$(echo "$info" | sed -n 's/^Page size: *//p')
  pages=$(echo "$info" | sed -n 's/^Pages: *//p')
  case "$size" in
    "841.89 x 595.3"*" (A4)") ;;
    *) echo "FAIL: $f.pdf pages are $size, want A4 landscape"; exit 1 ;;
  esac
  pdftotext -layout "$out/pdf/$f.pdf" "$out/pdf/$f.txt"
  echo "$f.docx: $pages A4 landscape pages"
done
for want in "Responsibilities" "Single point of contact (SPOC) rota" "Scheme of delegation" "Gaps" "3–7 Oct 2022"; do
  grep -qF "$want" "$out/pdf/cumbria.txt" || { echo "FAIL: the printed paper lacks $want"; exit 1; }
done
if [ -n "${KEEP_PDF:-}" ]; then cp "$out/pdf/cumbria.pdf" "$KEEP_PDF"; fi

echo "== python-docx reads the paper"
"$PY" - "$out/cumbria.docx" "$out/hostile.docx" <<'PY'
import sys
import docx
from docx.shared import Mm
from docx.enum.section import WD_ORIENT

d = docx.Document(sys.argv[1])
s = d.sections[0]
if s.orientation != WD_ORIENT.LANDSCAPE or abs(s.page_width - Mm(297)) > Mm(1) or abs(s.page_height - Mm(210)) > Mm(1):
    sys.exit(f"FAIL: page {s.page_width.mm:.0f}x{s.page_height.mm:.0f} mm, {s.orientation}")
heads = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
if heads != ["Responsibilities", "Single point of contact (SPOC) rota", "Scheme of delegation", "Gaps"]:
    sys.exit(f"FAIL: Heading 1s {heads}")
if len(d.tables) != 4:
    sys.exit(f"FAIL: {len(d.tables)} tables")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
for i, t in enumerate(d.tables):
    first = t.rows[0]._tr
    if first.find(f"{W}trPr/{W}tblHeader") is None:
        sys.exit(f"FAIL: table {i}'s header row does not repeat")
resp = d.tables[0]
paul = [c.text for c in resp.rows[0].cells].index("Paul")
lines = [p.text for p in resp.rows[1].cells[paul].paragraphs]
if len(lines) < 2 or "Senior Information Risk Owner (SIRO)" not in lines:
    sys.exit(f"FAIL: Paul's duties are not one per line: {lines}")
rota = d.tables[1]
months = [c.text for c in rota.rows[0].cells][1:]
spoc = [c.text for c in rota.rows[1].cells][1:]
gaps = d.tables[3]
print(f"cumbria.docx: A4 landscape, Heading 1 {heads}, {len(d.tables)} tables with repeating headers")
print(f"  Paul's duties one per line: {len(lines)} lines; SPOC {dict(zip(months, spoc))}")
print(f"  gaps: {len(gaps.rows) - 1} rows, first {[c.text for c in gaps.rows[1].cells]}")
h = docx.Document(sys.argv[2])
if not any("<script>" in p.text for p in h.paragraphs):
    sys.exit("FAIL: the hostile plan's name is not in its paper as text")
print("hostile.docx: names with markup read back as text")
PY
echo "== office: all checks passed"
