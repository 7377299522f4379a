#!/usr/bin/env bash
# Times our PDF text extraction (the kaoping text CLI, process start
# included) against pdftotext -layout (poppler) and pdf2txt (pdfminer) on the
# same fixtures in one run, and prints the ratios. Target: kaoping ≤ 1.0×
# pdftotext. Usage: scripts/bench-pdf.sh [RUNS] [PDF...]
# Needs poppler-utils and python3-pdfminer; pdf2txt is skipped when absent.
# The in-process cost without process start is `go test -bench Pages ./ingest/pdf`.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
shift || true
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
	files=(fixtures/pdf/*.pdf)
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/kaoping" ./cmd/kaoping
command -v pdftotext >/dev/null || { echo "pdftotext not installed (poppler-utils)" >&2; exit 2; }
pdf2txt=$(command -v pdf2txt || command -v pdf2txt.py || true)

# ms RUNS CMD...: average wall milliseconds of one run of CMD.
ms() {
	local n=$1
	shift
	"$@" >/dev/null 2>&1 # warm the page cache
	local t0 t1
	t0=$(date +%s%N)
	for ((i = 0; i < n; i++)); do "$@" >/dev/null 2>&1; done
	t1=$(date +%s%N)
	echo "scale=2; ($t1 - $t0) / 1000000 / $n" | bc
}

printf '%-28s %10s %10s %10s %9s %9s\n' fixture kaoping pdftotext pdf2txt k/poppler k/pdfminer
sk=0 sp=0 sm=0
for f in "${files[@]}"; do
	k=$(ms "$runs" "$tmp/kaoping" text "$f")
	p=$(ms "$runs" pdftotext -layout "$f" -)
	m=-
	if [ -n "$pdf2txt" ]; then
		m=$(ms "$(( (runs + 4) / 5 ))" "$pdf2txt" "$f")
		sm=$(echo "$sm + $m" | bc)
	fi
	sk=$(echo "$sk + $k" | bc)
	sp=$(echo "$sp + $p" | bc)
	rm=-
	[ "$m" != - ] && rm=$(echo "scale=3; $k / $m" | bc)
	printf '%-28s %8s ms %8s ms %8s ms %8.3f× %9s\n' "$(basename "$f")" "$k" "$p" "$m" "$(echo "scale=3; $k / $p" | bc)" "$rm"
done
rm=-
[ -n "$pdf2txt" ] && rm=$(echo "scale=3; $sk / $sm" | bc)
printf '%-28s %8s ms %8s ms %8s ms %8.3f× %9s\n' total "$sk" "$sp" "${sm}" "$(echo "scale=3; $sk / $sp" | bc)" "$rm"
