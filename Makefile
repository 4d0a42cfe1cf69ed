# mgrgen: every target runs from a fresh clone with Go and the module proxy.
GO ?= go
BUNDLED := introspect/testdata/real

.PHONY: demo test lint fmt-check vet staticcheck unit fuzz bench

# The main job on the built-in default: introspect the bundled real captures
# of ispmgr and billmgr into schemas and print a summary of each.
demo:
	@mkdir -p _demo
	@$(GO) run ./cmd/mgrgen introspect -panel ispmgr \
		--functions $(BUNDLED)/mgrctl/ispmgr6_mgrctl_-i_functions_part1_acmesh..domain.autorecords.txt \
		--devel $(BUNDLED)/json/ispmgr6_sjson_webdomain_list_with_metadata.json \
		$(foreach f,$(wildcard $(BUNDLED)/plugin-xml/ispmgr/*.xml),--plugin-xml $(f)) \
		-o _demo/ispmgr.schema.json
	@$(GO) run ./cmd/mgrgen introspect -panel billmgr \
		--devel $(BUNDLED)/devel/billmgr_devel_form_domain.order.contact_snarov_v2.xml \
		$(foreach f,$(wildcard $(BUNDLED)/plugin-xml/billmgr/*.xml),--plugin-xml $(f)) \
		-o _demo/billmgr.schema.json
	@echo "schemas written to _demo/"

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

# 60 seconds of fuzzing per parser (not part of test).
FUZZTIME ?= 60s
fuzz:
	$(GO) test ./introspect -run '^$$' -fuzz '^FuzzParseListing$$' -fuzztime $(FUZZTIME)
	$(GO) test ./introspect -run '^$$' -fuzz '^FuzzParseDevel$$' -fuzztime $(FUZZTIME)
	$(GO) test ./introspect -run '^$$' -fuzz '^FuzzParsePlugin$$' -fuzztime $(FUZZTIME)
	$(GO) test ./introspect -run '^$$' -fuzz '^FuzzParseActionList$$' -fuzztime $(FUZZTIME)
	$(GO) test ./schema -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME)

bench:
	$(GO) test ./introspect -run '^$$' -bench . -benchmem -benchtime 1x
