#!/usr/bin/env bash
# Convert throughput on the generated 考核表 corpus (fixtures/gen), in files
# per second, of this tree's kaoping against a baseline build, in the same
# run, on the subset of files the baseline can read (exit 0 or 1).
#
#   scripts/bench-family.sh BASELINE_KAOPING [N_DOCS] [ROUNDS]
#
# BASELINE_KAOPING is a kaoping binary built from the baseline commit (for
# issue 11: c956a77, the reader before the 考核表-family work):
#   git worktree add /tmp/base c956a77 && (cd /tmp/base && go build -o /tmp/kp-base ./cmd/kaoping)
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:?baseline kaoping binary}
n=${2:-300}
rounds=${3:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/kaoping" ./cmd/kaoping
go run ./fixtures/gen/kpgen -n "$n" -o "$tmp/corpus" 2>/dev/null
# The subset the baseline reads.
subset=()
for f in "$tmp"/corpus/*.xlsx "$tmp"/corpus/*.docx; do
	rc=0
	"$base" convert "$f" >/dev/null 2>&1 || rc=$?
	if [ "$rc" -lt 2 ]; then subset+=("$f"); fi
done
all=$(ls "$tmp"/corpus/*.xlsx "$tmp"/corpus/*.docx | wc -l)
echo "corpus: $all files; the baseline reads ${#subset[@]}"
run() { # binary → seconds for one convert of the subset
	local bin=$1 out=$tmp/out-$RANDOM
	local t0 t1
	t0=$(date +%s.%N)
	"$bin" convert "${subset[@]}" -o "$out" >/dev/null 2>&1 || true
	t1=$(date +%s.%N)
	rm -rf "$out"
	echo "$t1 - $t0" | bc
}
for r in $(seq "$rounds"); do
	b=$(run "$base"); c=$(run "$tmp/kaoping")
	printf 'round %d: baseline %.2f s (%.1f files/s), this tree %.2f s (%.1f files/s), ratio %.2f\n' \
		"$r" "$b" "$(echo "${#subset[@]} / $b" | bc -l)" "$c" "$(echo "${#subset[@]} / $c" | bc -l)" "$(echo "$c / $b" | bc -l)"
done
