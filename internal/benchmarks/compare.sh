#!/usr/bin/env bash
# compare.sh OLDREV: generate the same synthetic 1,000-function schema with
# the mgrgen of OLDREV and with this checkout's, then measure side by side,
# alternating, in one run: lines, go build time and peak RSS of the package
# (forced to recompile), go doc -all bytes, and the binary size a program
# adds by calling one function. Prints one line per figure. Needs
# /usr/bin/time. Run from the module root: internal/benchmarks/compare.sh dc81408
set -euo pipefail
old=${1:?usage: compare.sh OLDREV}
root=$(pwd)
work=$(mktemp -d)
trap 'git worktree remove --force "$work/oldtree" >/dev/null 2>&1 || true; rm -rf "$work" "$root/_cmp"' EXIT
git worktree add -q "$work/oldtree" "$old"
(cd "$work/oldtree" && go build -o "$work/mgrgen-old" ./cmd/mgrgen)
go build -o "$work/mgrgen-new" ./cmd/mgrgen
go run ./generator/testdata/synth -n 1000 > "$work/synth.json"
rm -rf _cmp && mkdir -p _cmp
"$work/mgrgen-old" generate -q -schema "$work/synth.json" -pkg synth -out _cmp/old
"$work/mgrgen-new" generate -q -schema "$work/synth.json" -pkg synth -out _cmp/new
for v in old new; do
	echo "$v lines: $(cat _cmp/$v/*.go | wc -l), bytes: $(cat _cmp/$v/*.go | wc -c)"
	echo "$v go doc -all bytes: $(go doc -all ./_cmp/$v | wc -c)"
done
go build -o /dev/null ./_cmp/old ./_cmp/new # warm the runtime and std
for i in 1 2 3; do
	for v in old new; do
		doc=$(ls _cmp/$v/*doc*.go | head -1)
		echo "// $RANDOM$i" >> "$doc"
		/usr/bin/time -f "$v build: %e s, peak RSS %M KB" go build -o /dev/null ./_cmp/$v 2>&1 | tail -1
		sed -i '$ d' "$doc"
	done
done
# Binary size: a program calling one list, minus one that only builds a client.
for v in old new; do
	mkdir -p _cmp/bin$v/one _cmp/bin$v/none
	cat > _cmp/bin$v/one/main.go <<GO
package main

import (
	"context"
	"fmt"

	"github.com/mgrgen/mgrgen/_cmp/$v"
	"github.com/mgrgen/mgrgen/runtime"
)

func main() {
	c := synth.New(runtime.NewHTTP("https://127.0.0.1:1/billmgr", nil))
	_, err := c.Obj0000(context.Background(), nil)
	fmt.Println(err)
}
GO
	cat > _cmp/bin$v/none/main.go <<GO
package main

import (
	"context"
	"fmt"

	"github.com/mgrgen/mgrgen/runtime"
)

func main() {
	c := runtime.NewClient(runtime.NewHTTP("https://127.0.0.1:1/billmgr", nil))
	_, err := c.Call(context.Background(), "obj0000", nil)
	fmt.Println(err)
}
GO
	go build -o "$work/one$v" ./_cmp/bin$v/one
	go build -o "$work/none$v" ./_cmp/bin$v/none
	echo "$v binary added by calling one function: $(( $(stat -c %s "$work/one$v") - $(stat -c %s "$work/none$v") )) bytes"
done
