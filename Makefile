# mgrgen: every target runs from a fresh clone with Go and the module proxy.
GO ?= go
# Real captures are third-party files kept outside the repository; the demo
# introspects them when they are there.
FIXTURES ?= $(or $(MGRGEN_FIXTURES),../shared/fixtures/real)
MGRGEN := _demo/bin/mgrgen

.PHONY: demo generate test fmt-check vet staticcheck unit fuzz bench bench-bar mutate

# The demo's fake mgrctl: mgrgen under that name, serving the shipped
# BILLmanager schema with a few seeded users.
FAKE_MGRCTL = MGRGEN_FAKE_SCHEMA=generated/billmgr/billmgr.schema.json MGRGEN_FAKE_SEED=cmd/mgrgen/testdata/billmgr-seed.json _demo/bin/mgrctl

ISPMGR_CAPTURES = \
	--functions $(FIXTURES)/mgrctl/ispmgr6_mgrctl_-i_functions_part1_acmesh..domain.autorecords.txt \
	--devel $(FIXTURES)/json/ispmgr6_sjson_webdomain_list_with_metadata.json \
	$(foreach f,$(sort $(wildcard $(FIXTURES)/plugin-xml/ispmgr/*.xml)),--plugin-xml $(f))
BILLMGR_CAPTURES = \
	--devel $(FIXTURES)/devel/billmgr_devel_form_domain.order.contact_snarov_v2.xml \
	$(foreach f,$(sort $(wildcard $(FIXTURES)/plugin-xml/billmgr/*.xml)),--plugin-xml $(f))

# The main job with no panel: generate clients from the committed schemas
# (written from the vendor's documentation), build and vet them; when the
# real captures are present, also introspect them into schemas and generate
# and vet clients from those.
demo:
	@rm -rf _demo && mkdir -p _demo/bin
	@echo "building mgrgen (the first build on a cold cache takes a minute or two)..."
	@$(GO) build -o $(MGRGEN) ./cmd/mgrgen
	@for p in billmgr dcimgr dnsmgr ispmgr vmmgr; do \
		echo "generating _demo/$$p from generated/$$p/$$p.schema.json"; \
		$(MGRGEN) generate -schema generated/$$p/$$p.schema.json -pkg $$p -out _demo/$$p || exit 1; \
	done
	@if [ -d "$(FIXTURES)" ]; then \
		echo "introspecting the real captures in $(FIXTURES)"; \
		mkdir -p _demo/captured && \
		$(MGRGEN) introspect -panel ispmgr $(ISPMGR_CAPTURES) -o _demo/captured/ispmgr.schema.json && \
		$(MGRGEN) introspect -panel billmgr $(BILLMGR_CAPTURES) -o _demo/captured/billmgr.schema.json && \
		$(MGRGEN) generate -schema _demo/captured/ispmgr.schema.json -pkg ispmgr -out _demo/captured/ispmgr && \
		$(MGRGEN) generate -schema _demo/captured/billmgr.schema.json -pkg billmgr -out _demo/captured/billmgr || exit 1; \
	else \
		echo "real captures not found at $(FIXTURES): skipping the capture part"; \
	fi
	@echo "the pipeline on a fake BILLmanager (mgrgen run as mgrctl, serving generated/billmgr/billmgr.schema.json"
	@echo "seeded with the users in cmd/mgrgen/testdata/billmgr-seed.json):"
	@mkdir -p _demo/fake && ln -sf mgrgen _demo/bin/mgrctl
	@MGRGEN_FAKE_SCHEMA=generated/billmgr/billmgr.schema.json $(MGRGEN) introspect -panel billmgr -local -mgrctl _demo/bin/mgrctl -o _demo/fake/billmgr.schema.json
	@$(MGRGEN) generate -schema _demo/fake/billmgr.schema.json -pkg billmgr -out _demo/fake/billmgr
	@echo "  the seeded users: mgrctl -m billmgr -o text user"
	@$(FAKE_MGRCTL) -m billmgr -o text user | sed 's/^/    /'
	@echo "  one of them, by filter: mgrctl -m billmgr -o text user name=bob filter=on"
	@$(FAKE_MGRCTL) -m billmgr -o text user name=bob filter=on | sed 's/^/    /'
	@echo "  a new user: mgrctl -m billmgr -o xml user.edit name=carol email=carol@example.com sok=ok"
	@$(FAKE_MGRCTL) -m billmgr -o xml user.edit name=carol email=carol@example.com sok=ok | sed 's/^/    /'
	@echo "  one the panel refuses (no name): mgrctl -m billmgr -o xml user.edit sok=ok"
	@$(FAKE_MGRCTL) -m billmgr -o xml user.edit sok=ok | sed 's/^/    /'
	@echo "  what changed between the shipped schema and the one captured back from the fake panel: mgrgen diff"
	@$(MGRGEN) diff generated/billmgr/billmgr.schema.json _demo/fake/billmgr.schema.json | sed 's/^/    /'
	@echo "  a panel log line turned into the API request, mgrctl, curl and the Go call: mgrgen fromlog"
	@head -1 cmd/mgrgen/testdata/billmgr-requests.log | $(MGRGEN) fromlog -schema generated/billmgr/billmgr.schema.json | sed 's/^/    /'
	@echo "building and vetting the generated packages..."
	@$(GO) vet ./_demo/billmgr ./_demo/dcimgr ./_demo/dnsmgr ./_demo/ispmgr ./_demo/vmmgr ./_demo/fake/billmgr $(if $(wildcard $(FIXTURES)),./_demo/captured/billmgr ./_demo/captured/ispmgr)
	@echo
	@echo "Done. Look next at:"
	@echo "  go doc -all ./_demo/billmgr | less    # the typed client for BILLmanager"
	@echo "  go doc ./_demo/ispmgr UserEdit         # one method"
	@echo "  generated/billmgr/billmgr.schema.json  # the schema it was generated from"
	@echo "  _demo/fake/                            # the same schema introspected back from the fake panel"
	@echo "  mgrgen fake http -schema generated/billmgr/billmgr.schema.json -seed cmd/mgrgen/testdata/billmgr-seed.json"
	@echo "                                         # the fake panel over HTTP"
	@if [ -d _demo/captured ]; then echo "  _demo/captured/                        # schemas and clients from real captures"; fi

# Rebuild the committed clients in generated/ from their committed schemas.
# The tests fail when these are stale.
generate:
	@for p in billmgr dcimgr dnsmgr ispmgr vmmgr; do \
		$(GO) run ./cmd/mgrgen generate -schema generated/$$p/$$p.schema.json -pkg $$p -out generated/$$p || exit 1; \
	done

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
	$(GO) test -race -count=1 ./...

# 60 seconds of fuzzing per parser (not part of test). Minimizing a new
# input of a large real seed can take the whole minute; 5 s keeps the
# fuzzer exploring.
FUZZTIME ?= 60s
fuzz:
	$(GO) test ./introspect -run '^$$' -fuzz '^FuzzParseListing$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./introspect -run '^$$' -fuzz '^FuzzParseDevel$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./introspect -run '^$$' -fuzz '^FuzzParsePlugin$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./introspect -run '^$$' -fuzz '^FuzzParseActionList$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./introspect/requestlog -run '^$$' -fuzz '^FuzzParseLogLine$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./introspect/requestlog -run '^$$' -fuzz '^FuzzParseURL$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./templates -run '^$$' -fuzz '^FuzzWireEntry$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./templates -run '^$$' -fuzz '^FuzzTextShortcuts$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./generator/layout -run '^$$' -fuzz '^FuzzSource$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./generator/layout -run '^$$' -fuzz '^FuzzPlainDoc$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./schema -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./schema -run '^$$' -fuzz '^FuzzDecodeParallel$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./schema/fastjson -run '^$$' -fuzz '^FuzzDecodeAgrees$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./runtime -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./runtime -run '^$$' -fuzz '^FuzzDecodeList$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./generator -run '^$$' -fuzz '^FuzzGoName$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./generator -run '^$$' -fuzz '^FuzzCall$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./generator -run '^$$' -fuzz '^FuzzGenerateIsGofmt$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./runtime/mgrtest -run '^$$' -fuzz '^FuzzPanel$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s

# The capture benchmark: a fake mgrctl serving 1,000 functions at 50 ms per
# call, -j 4 and -j 8 side by side, plus the parsers.
bench:
	$(GO) test ./introspect -run '^$$' -bench . -benchmem -benchtime 3x
	$(GO) test ./internal/benchmarks -run '^$$' -bench . -benchmem -benchtime 3x
	$(GO) test ./generator -run '^$$' -bench Generate -benchmem -benchtime 3x

# The capture speed bar as a test that fails when missed (about 7 s).
bench-bar:
	MGRGEN_BENCH_BAR=1 $(GO) test ./introspect -run '^TestCaptureSpeedBar$$' -count=1 -v

# Mutation testing of the packages that make promises (not part of test:
# minutes per package). A surviving mutant is a promise no test holds.
# gremlins runs the tests in a copy of the module under the system's temp
# folder, where ../shared is not beside it: the captures' folder is passed
# as an absolute path, and required, so no capture test is skipped there.
MUTATE_PKGS ?= runtime introspect generator templates schema
MUTATE_FIXTURES ?= $(abspath ../shared/fixtures/real)
mutate:
	$(GO) install github.com/go-gremlins/gremlins/cmd/gremlins@v0.6.0
	@for p in $(MUTATE_PKGS); do \
		echo "== $$p"; \
		MGRGEN_FIXTURES=$(MUTATE_FIXTURES) MGRGEN_REQUIRE_FIXTURES=1 \
			$$($(GO) env GOPATH)/bin/gremlins unleash --workers 2 -S lt ./$$p || exit 1; \
	done
