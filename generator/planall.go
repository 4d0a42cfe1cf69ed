package generator

import (
	"runtime"
	"sync"

	"github.com/mgrgen/mgrgen/schema"
	"github.com/mgrgen/mgrgen/templates"
)

// planResult is what planning one function gave: the reason it is
// skipped, or its plan or error and the log of its claims.
type planResult struct {
	skip string
	fn   *templates.Func
	err  error
	log  []claimEvent
}

// planAll plans every function on every core, each with a planner whose
// package-level scopes record claims instead of making them; a worker
// keeps one cache of Go names for all the functions it plans.
func (p *planner) planAll(funcs []schema.Function) []planResult {
	results := make([]planResult, len(funcs))
	workers := min(runtime.GOMAXPROCS(0), len(funcs))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			goNames := map[string]string{}
			for i := w; i < len(funcs); i += workers {
				r := &results[i]
				if r.skip = skipReason(&funcs[i]); r.skip != "" {
					continue
				}
				wp := &planner{cfg: p.cfg, goNames: goNames, log: &r.log, inSubList: p.inSubList, deletes: p.deletes}
				wp.types, wp.methods = p.types.recorder(&r.log), p.methods.recorder(&r.log)
				r.fn, r.err = wp.function(&funcs[i])
			}
		})
	}
	wg.Wait()
	return results
}
