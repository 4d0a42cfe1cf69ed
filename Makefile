# mgrgen: every target runs from a fresh clone with Go and the module proxy.
GO ?= go
BUNDLED := introspect/testdata/real

.PHONY: demo generate test fmt-check vet staticcheck unit fuzz bench

ISPMGR_INPUTS := \
	--functions $(BUNDLED)/mgrctl/ispmgr6_mgrctl_-i_functions_part1_acmesh..domain.autorecords.txt \
	--devel $(BUNDLED)/json/ispmgr6_sjson_webdomain_list_with_metadata.json \
	$(foreach f,$(sort $(wildcard $(BUNDLED)/plugin-xml/ispmgr/*.xml)),--plugin-xml $(f))
BILLMGR_INPUTS := \
	--devel $(BUNDLED)/devel/billmgr_devel_form_domain.order.contact_snarov_v2.xml \
	$(foreach f,$(sort $(wildcard $(BUNDLED)/plugin-xml/billmgr/*.xml)),--plugin-xml $(f))

# The main job on the built-in default, no panel needed: introspect the
# bundled real captures of ispmgr and billmgr into schemas, generate a Go
# client from each, and build and vet the generated code.
demo:
	@rm -rf _demo && mkdir -p _demo
	@$(GO) run ./cmd/mgrgen introspect -panel ispmgr $(ISPMGR_INPUTS) -o _demo/ispmgr.schema.json
	@$(GO) run ./cmd/mgrgen introspect -panel billmgr $(BILLMGR_INPUTS) -o _demo/billmgr.schema.json
	@$(GO) run ./cmd/mgrgen generate -schema _demo/ispmgr.schema.json -pkg ispmgr -out _demo/ispmgr
	@$(GO) run ./cmd/mgrgen generate -schema _demo/billmgr.schema.json -pkg billmgr -out _demo/billmgr
	@$(GO) vet ./_demo/ispmgr ./_demo/billmgr
	@echo "schemas and generated clients are in _demo/ (built and vetted)"

# Rebuild the committed schemas and clients in generated/ from the bundled
# captures. The tests fail when these are stale.
generate:
	@$(GO) run ./cmd/mgrgen introspect -q -panel ispmgr $(ISPMGR_INPUTS) -o generated/ispmgr/ispmgr.schema.json
	@$(GO) run ./cmd/mgrgen introspect -q -panel billmgr $(BILLMGR_INPUTS) -o generated/billmgr/billmgr.schema.json
	@$(GO) run ./cmd/mgrgen generate -schema generated/ispmgr/ispmgr.schema.json -pkg ispmgr -out generated/ispmgr
	@$(GO) run ./cmd/mgrgen generate -schema generated/billmgr/billmgr.schema.json -pkg billmgr -out generated/billmgr

# Every check CI runs.
test: fmt-check vet staticcheck unit

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

staticcheck:
	$(GO) tool staticcheck ./...

unit:
	$(GO) test -count=1 ./...

# 60 seconds of fuzzing per parser (not part of test). Minimizing a new
# input of a large real seed can take the whole minute; 5 s keeps the
# fuzzer exploring.
FUZZTIME ?= 60s
fuzz:
	$(GO) test ./introspect -run '^$$' -fuzz '^FuzzParseListing$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./introspect -run '^$$' -fuzz '^FuzzParseDevel$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./introspect -run '^$$' -fuzz '^FuzzParsePlugin$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./introspect -run '^$$' -fuzz '^FuzzParseActionList$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./schema -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./runtime -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./generator -run '^$$' -fuzz '^FuzzGoName$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s

# The capture benchmark: a fake mgrctl serving 1,000 functions at 50 ms per
# call, -j 4 and -j 8 side by side, plus the parsers.
bench:
	$(GO) test ./introspect -run '^$$' -bench . -benchmem -benchtime 3x
