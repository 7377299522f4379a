#!/bin/sh
# bench-batch.sh — whole-process timings of `kaoping batch` against a shell
# loop of `kaoping convert` per file and against `pdftotext -layout` per file,
# in the same run, on a generated corpus (mixed: xlsx, PDF, text dump, DOCX,
# OFD). Reports wall seconds (median of RUNS), files/s, pages/s and peak
# memory; and batch's peak memory at N and 10×N files, which should be flat.
#
#   scripts/bench-batch.sh [N=100] [RUNS=3] [JOBS=2]
#
# Needs /usr/bin/time (GNU time) and pdftotext, pdfinfo (poppler-utils).
set -eu
N=${1:-100}
RUNS=${2:-3}
JOBS=${3:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
go build -o "$work/kaoping" ./cmd/kaoping
kp="$work/kaoping"
gen() { go test ./cmd/kaoping/internal/batch/ -run '^TestWriteCorpus$' -count=1 -args -corpus "$1" -n "$2" >/dev/null; }
gen "$work/c$N" "$N"
find "$work/c$N" -type f | sort >"$work/files"
grep '\.pdf$' "$work/files" >"$work/pdfs" || true
nfiles=$(wc -l <"$work/files")
npdf=$(wc -l <"$work/pdfs")
pages=0
while read -r f; do
	p=$(pdfinfo "$f" | awk '/^Pages:/ {print $2}')
	pages=$((pages + p))
done <"$work/pdfs"

# measure LABEL CMD...: RUNS runs; prints the median wall seconds and the max RSS (KB)
measure() {
	label=$1
	shift
	: >"$work/t.$label"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		rm -rf "$work/out"
		mkdir -p "$work/out"
		/usr/bin/time -f '%e %M' -o "$work/one" "$@" >/dev/null 2>&1 || true
		tail -n 1 "$work/one" >>"$work/t.$label" # GNU time puts "Command exited with non-zero status" first
		i=$((i + 1))
	done
	sort -n "$work/t.$label" | awk -v n="$RUNS" 'NR == int((n + 1) / 2) {wall = $1} {if ($2 > rss) rss = $2} END {print wall, rss}'
}


report() { # label files pages wall rss
	awk -v l="$1" -v n="$2" -v p="$3" -v w="$4" -v m="$5" 'BEGIN {
		fs = (w > 0) ? n / w : 0; ps = (w > 0 && p > 0) ? p / w : 0
		printf "%-34s %6d files %6.2f s  %7.1f files/s  %7.1f pages/s  peak %6.1f MB\n", l, n, w, fs, ps, m / 1024 }'
}

echo "corpus: $nfiles files ($npdf PDF, $pages PDF pages), $RUNS runs each, median wall; batch --jobs $JOBS"
set -- $(measure batch "$kp" batch "$work/c$N" -o "$work/out" --to json --jobs "$JOBS")
bw=$1
report "kaoping batch --to json" "$nfiles" 0 "$1" "$2"
set -- $(measure loop sh -c "while read -r f; do '$kp' convert \"\$f\" -o '$work/out' --to json >/dev/null 2>&1 || true; done <'$work/files'")
lw=$1
report "loop: kaoping convert per file" "$nfiles" 0 "$1" "$2"
awk -v b="$bw" -v l="$lw" 'BEGIN { printf "batch / convert loop wall time: %.2f (target <= 0.5)\n", b / l }'
set -- $(measure batchdef "$kp" batch "$work/c$N" -o "$work/out" --jobs "$JOBS")
report "kaoping batch (json,xlsx)" "$nfiles" 0 "$1" "$2"

# the PDFs alone, against the text oracle
mkdir -p "$work/p$N"
while read -r f; do cp "$f" "$work/p$N/$(echo "$f" | md5sum | cut -c1-12).pdf"; done <"$work/pdfs"
set -- $(measure pbatch "$kp" batch "$work/p$N" -o "$work/out" --to json --jobs "$JOBS")
report "PDFs: kaoping batch" "$npdf" "$pages" "$1" "$2"
set -- $(measure ploop sh -c "for f in '$work/p$N'/*.pdf; do '$kp' convert \"\$f\" -o '$work/out' --to json >/dev/null 2>&1 || true; done")
report "PDFs: loop of kaoping convert" "$npdf" "$pages" "$1" "$2"
set -- $(measure ptext sh -c "for f in '$work/p$N'/*.pdf; do pdftotext -layout \"\$f\" '$work/out/x.txt'; done")
report "PDFs: loop of pdftotext -layout" "$npdf" "$pages" "$1" "$2"

# peak memory against the number of files
big=$((N * 10))
gen "$work/c$big" "$big"
set -- $(measure big "$kp" batch "$work/c$big" -o "$work/out" --to json --jobs "$JOBS")
report "kaoping batch, 10x the files" "$big" 0 "$1" "$2"
