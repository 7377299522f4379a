#!/usr/bin/env bash
# Times the full PDF ingest (kaoping convert: pages, lines, tables, notice
# and form, JSON out; process start included) against pdftotext -layout on
# the table fixtures in one run, and a batch of 100 copies on 2 cores (two
# convert processes of 50 files each) in pages per second.
# Targets (issue 6): ≤ 1.0× pdftotext; batch ≥ 200 pages/s.
# Usage: scripts/bench-tables.sh [RUNS]. Needs poppler-utils and bc.
# The in-process cost is `go test -bench Ingest ./ingest/tables`.
#
# scripts/bench-tables.sh --matrix [TURNS] (issue 12): kaoping convert and
# kaoping tables on every file of the producer matrix sample
# (fixtures/matrix/sample) against pdftotext -layout on the same file, run
# in turns (A B A B …, TURNS times, default 20) by scripts/turns, whole
# process; prints the median CPU (user+sys from rusage, in microseconds) of
# each and the median of the per-turn ratios. The OFD has no pdftotext:
# it is set against pdftotext on kaoping-wps.pdf, the same form laid out by
# the same twin (fixtures/matrix/ofd.go, wps.go). With KAOPING_OLD=BINARY
# that binary (say, built from an older commit) runs in the same turns, so
# old, new and pdftotext are measured in one run. In-process:
# `go test -run '^$' -bench CLI ./cmd/kaoping`.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ${1:-} == --matrix ]]; then
	turns=${2:-20}
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	go build -o "$tmp/kaoping" ./cmd/kaoping
	go build -o "$tmp/turns" ./scripts/turns
	command -v pdftotext >/dev/null || { echo "pdftotext not installed (poppler-utils)" >&2; exit 2; }
	old=${KAOPING_OLD:-}
	printf '%-10s %-26s %8s %8s %8s %9s %9s\n' cmd file kaoping old pdftotext new/pdft old/pdft
	for cmd in convert tables; do
		for f in fixtures/matrix/sample/kaoping-*.pdf fixtures/matrix/sample/kaoping-*.ofd; do
			base=$f
			[[ $f == *.ofd ]] && base=fixtures/matrix/sample/kaoping-wps.pdf
			"$tmp/kaoping" "$cmd" "$f" >/dev/null 2>&1 || true # warm the page cache
			pdftotext -layout "$base" - >/dev/null 2>&1 || true
			args=(-- "$tmp/kaoping" "$cmd" "$f")
			[[ -n $old ]] && args+=(-- "$old" "$cmd" "$f")
			args+=(-- pdftotext -layout "$base" -)
			mapfile -t res < <("$tmp/turns" -n "$turns" "${args[@]}")
			read -r km kr <<<"${res[0]}"
			om=- or=-
			[[ -n $old ]] && read -r om or <<<"${res[1]}"
			read -r pm _ <<<"${res[-1]}"
			printf '%-10s %-26s %6s ms %6s ms %6s ms %8s× %8s×\n' "$cmd" "$(basename "$f")" "$km" "$om" "$pm" "$kr" "$or"
		done
	done
	echo "load: $(cut -d' ' -f1-3 /proc/loadavg); $turns turns each; CPU = user+sys of the whole process (rusage), medians"
	exit 0
fi
runs=${1:-10}
files=(fixtures/pdf/tables/*.pdf)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/kaoping" ./cmd/kaoping
command -v pdftotext >/dev/null || { echo "pdftotext not installed (poppler-utils)" >&2; exit 2; }

# ms RUNS CMD...: average wall milliseconds of one run of CMD.
ms() {
	local n=$1
	shift
	"$@" >/dev/null 2>&1 || true # warm the page cache
	local t0 t1
	t0=$(date +%s%N)
	for ((i = 0; i < n; i++)); do "$@" >/dev/null 2>&1 || true; done
	t1=$(date +%s%N)
	echo "scale=2; ($t1 - $t0) / 1000000 / $n" | bc
}

printf '%-24s %6s %10s %10s %9s\n' fixture pages kaoping pdftotext k/poppler
sk=0 sp=0 pages=0
for f in "${files[@]}"; do
	n=$(pdfinfo "$f" | awk '/^Pages:/ {print $2}')
	k=$(ms "$runs" "$tmp/kaoping" convert "$f")
	p=$(ms "$runs" pdftotext -layout "$f" -)
	sk=$(echo "$sk + $k" | bc)
	sp=$(echo "$sp + $p" | bc)
	pages=$((pages + n))
	printf '%-24s %6d %7s ms %7s ms %8.3f×\n' "$(basename "$f")" "$n" "$k" "$p" "$(echo "scale=3; $k / $p" | bc)"
done
printf '%-24s %6d %7s ms %7s ms %8.3f×\n' total "$pages" "$sk" "$sp" "$(echo "scale=3; $sk / $sp" | bc)"

# Batch: 100 copies of the fixtures (round robin), two processes.
mkdir -p "$tmp/batch" "$tmp/out"
bpages=0
for i in $(seq 0 99); do
	f=${files[$((i % ${#files[@]}))]}
	cp "$f" "$tmp/batch/$i.pdf"
	bpages=$((bpages + $(pdfinfo "$f" | awk '/^Pages:/ {print $2}')))
done
t0=$(date +%s%N)
ls "$tmp"/batch/*.pdf | xargs -n 50 -P 2 "$tmp/kaoping" convert -o "$tmp/out" >/dev/null 2>&1 || true
t1=$(date +%s%N)
t0p=$(date +%s%N)
ls "$tmp"/batch/*.pdf | xargs -n 1 -P 2 sh -c 'pdftotext -layout "$0" -' >/dev/null 2>&1 || true
t1p=$(date +%s%N)
secs=$(echo "scale=3; ($t1 - $t0) / 1000000000" | bc)
psecs=$(echo "scale=3; ($t1p - $t0p) / 1000000000" | bc)
echo "batch: 100 files, $bpages pages: kaoping $secs s = $(echo "scale=1; $bpages / $secs" | bc) pages/s; pdftotext -layout (2 at a time) $psecs s = $(echo "scale=1; $bpages / $psecs" | bc) pages/s; json files: $(ls "$tmp/out" | wc -l)"
