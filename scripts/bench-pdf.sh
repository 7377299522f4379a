#!/usr/bin/env bash
# Times our PDF text extraction (the kaoping text CLI, process start
# included) against pdftotext -layout (poppler) and pdf2txt (pdfminer) on the
# same fixtures in one run, and prints the ratios. Target: kaoping ≤ 1.0×
# pdftotext. The tools run in turn within each round, and the median of the
# rounds is reported, so that load from other processes falls on all of
# them alike. Usage: scripts/bench-pdf.sh [ROUNDS] [PDF...]
# CPU=1 scripts/bench-pdf.sh measures processor time instead of wall time
# (needs /usr/bin/time, Debian package time; it counts in steps of 10 ms,
# so the mean of the rounds is reported: use more rounds). Needs poppler-utils, bc and python3-pdfminer (pdf2txt is
# skipped when absent).
# The in-process cost without process start: go test -bench . ./ingest/pdf ./ingest/lines
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-21}
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

# once CMD...: milliseconds of one run of CMD: wall clock, or with
# CPU=1 the processor time (user + system), which load from other
# processes on a shared machine disturbs much less.
once() {
	if [ "${CPU:-}" = 1 ]; then
		/usr/bin/time -f '%U %S' -o "$tmp/t" "$@" >/dev/null 2>&1 || true
		awk '{printf "%.3f\n", ($1 + $2) * 1000}' "$tmp/t"
		return
	fi
	local t0 t1
	t0=$(date +%s%N)
	"$@" >/dev/null 2>&1 || true
	t1=$(date +%s%N)
	echo "scale=3; ($t1 - $t0) / 1000000" | bc
}

# median of the rounds; with CPU=1 the mean, as /usr/bin/time counts in
# steps of 10 ms and only the mean of many rounds resolves below that.
median() {
	if [ "${CPU:-}" = 1 ]; then
		awk '{s += $1} END {printf "%.3f\n", s / NR}'
		return
	fi
	sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'
}

printf '%-26s %11s %11s %11s %10s %10s\n' fixture kaoping pdftotext pdf2txt k/poppler k/pdfminer
sk=0 sp=0 sm=0
for f in "${files[@]}"; do
	: >"$tmp/k" && : >"$tmp/p" && : >"$tmp/m"
	"$tmp/kaoping" text "$f" >/dev/null && pdftotext -layout "$f" - >/dev/null # warm the page cache
	for ((i = 0; i < rounds; i++)); do
		once "$tmp/kaoping" text "$f" >>"$tmp/k"
		once pdftotext -layout "$f" - >>"$tmp/p"
		# pdfminer is ten times slower: a fifth of the rounds is enough
		if [ -n "$pdf2txt" ] && [ $((i % 5)) -eq 0 ]; then once "$pdf2txt" "$f" >>"$tmp/m"; fi
	done
	k=$(median <"$tmp/k")
	p=$(median <"$tmp/p")
	m=- rm=-
	if [ -s "$tmp/m" ]; then
		m=$(median <"$tmp/m")
		sm=$(echo "$sm + $m" | bc)
		rm=$(printf '%.3f×' "$(echo "scale=4; $k / $m" | bc)")
	fi
	sk=$(echo "$sk + $k" | bc)
	sp=$(echo "$sp + $p" | bc)
	printf '%-26s %8.2f ms %8.2f ms %8s ms %9.3f× %10s\n' "$(basename "$f")" "$k" "$p" "$m" "$(echo "scale=4; $k / $p" | bc)" "$rm"
done
rm=-
[ -n "$pdf2txt" ] && rm=$(printf '%.3f×' "$(echo "scale=4; $sk / $sm" | bc)")
printf '%-26s %8.2f ms %8.2f ms %8s ms %9.3f× %10s\n' "sum" "$sk" "$sp" "$sm" "$(echo "scale=4; $sk / $sp" | bc)" "$rm"
