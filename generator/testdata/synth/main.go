// Command synth writes a synthetic schema shaped like the real captures,
// for the benchmarks: per area one list of 15 columns (data, msg with
// orig, prop flags), its edit form of 20 parameters (strings, flags,
// numbers, an enum, a secret, required fields with hide rules) and two
// group operations. The output depends only on the number of functions.
//
//	go run ./generator/testdata/synth -n 1000 > synth1k.schema.json
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/mgrgen/mgrgen/generator/testdata/synth/synthschema"
	"github.com/mgrgen/mgrgen/schema"
)

func main() {
	n := flag.Int("n", 1000, "number of functions (a multiple of 4)")
	flag.Parse()
	if err := schema.Write(os.Stdout, synthschema.New(*n)); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
