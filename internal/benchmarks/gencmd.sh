#!/usr/bin/env bash
# gencmd.sh [OLDREV]: time the mgrgen generate command on the synthetic
# 5,000-function schema beside the gofmt command on its output, alternating,
# in one run: each round generates into an empty folder, then runs
# gofmt -l on it (which formats every file on every core and writes
# nothing). With OLDREV, the mgrgen of that revision runs in each round
# too. The output goes to $GENCMD_DIR (default /dev/shm when it exists, so
# the figures are not the disk's; set it to a folder on disk to see that).
# Needs /usr/bin/time. Run from the module root: internal/benchmarks/gencmd.sh
set -euo pipefail
old=${1:-}
rounds=${ROUNDS:-5}
root=$(pwd)
base=${GENCMD_DIR:-$( [ -d /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")}
work=$(mktemp -d)
out=$(mktemp -d "$base/gencmd.XXXXXX")
trap '[ -n "$old" ] && git -C "$root" worktree remove --force "$work/oldtree" >/dev/null 2>&1; rm -rf "$work" "$out"' EXIT
go build -o "$work/mgrgen-new" ./cmd/mgrgen
if [ -n "$old" ]; then
	git worktree add -q "$work/oldtree" "$old"
	(cd "$work/oldtree" && go build -o "$work/mgrgen-old" ./cmd/mgrgen)
fi
go run ./generator/testdata/synth -n 5000 > "$out/synth5k.json"
versions=new
[ -n "$old" ] && versions="old new"
for i in $(seq "$rounds"); do
	for v in $versions; do
		rm -rf "$out/pkg"
		/usr/bin/time -f "$v generate: %e s (user %U s, sys %S s, peak RSS %M KB)" \
			"$work/mgrgen-$v" generate -q -schema "$out/synth5k.json" -pkg synth -out "$out/pkg"
		/usr/bin/time -f "$v gofmt -l: %e s (user %U s)" gofmt -l "$out/pkg"
	done
done
echo "output: $(ls "$out/pkg" | wc -l) files, $(cat "$out/pkg"/*.go | wc -c) bytes, in $base"
