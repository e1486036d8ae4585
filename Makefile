# unroot's tasks. `make test` is what CI runs (see .ci/run).
GO ?= go
FUZZTIME ?= 60s
BIN := bin/unroot

.PHONY: build test golden lint bench bench-corpus fuzz e2e corpus clean dist man integration integration-report integration-dist integration-precommit

# CGO_ENABLED=0: a static binary. pflag imports net, whose cgo resolver
# would make the binary load libc through the dynamic loader on every run:
# about 3.5 ms of CPU per process, a fifth of a one-file run.
build:
	CGO_ENABLED=0 $(GO) build -o $(BIN) ./cmd/unroot

test:
	$(GO) vet ./...
	$(GO) test -race ./...

# Rewrite the expected sections of the golden cases; review the diff.
golden:
	$(GO) test ./golden -update

lint:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

# Each fuzz target for FUZZTIME; crashers land in testdata/fuzz/ and replay
# in `make test` as regression cases.
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./parser
	$(GO) test -run '^$$' -fuzz '^FuzzAnalyzeRun$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./parser
	$(GO) test -run '^$$' -fuzz '^FuzzPipeline$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./internal/props
	$(GO) test -run '^$$' -fuzz '^FuzzUnified$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./diff

# The end-to-end suite sets itself up (docker.io, dockerd, local base images),
# then builds every fixture before and after unroot with both builders and
# runs `unroot verify` on each image. See e2e/README.md.
e2e:
	bash scripts/e2e-setup.sh
	# A standalone buildkitd for the fixtures that need heredocs (docker 20.10 can't parse them).
	GO=$(GO) bash scripts/buildkit-setup.sh
	# -p 1: one package at a time (the verify tests count the containers they leave).
	UNROOT_DOCKER_TESTS=1 DOCKER=$${DOCKER:-$$(command -v /usr/bin/docker || command -v docker)} \
		UNROOT_E2E_PODMAN=$${UNROOT_E2E_PODMAN-$$(command -v podman)} \
		$(GO) test -p 1 -count=1 -timeout 80m -v -run 'TestRewrittenFixtures|TestDocker|TestHeredocBuildKitd|TestRewrittenHeredocFixtures|TestCmdWrapUnknownBase' ./verify ./e2e

# The real-world corpus: the Dockerfiles of the module versions pinned in
# scripts/corpus/pinned.txt, read from the Go module proxy into CORPUS
# (outside the repository), then every property on each file and a
# `unroot -w` over all of them (internal/props TestCorpus*).
CORPUS ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/unroot-corpus
corpus:
	cd scripts/corpus && $(GO) run . -pinned pinned.txt -out $(CORPUS)
	UNROOT_CORPUS=$(CORPUS) UNROOT_CORPUS_TARGETS=1 $(GO) test -count=1 -run 'TestCorpus' -v ./internal/props

# The --format outputs read by their real clients, installed into
# INTEGRATION_CACHE (outside the repository) by scripts/integration-setup.sh:
# the SARIF SDK's validator (npm) and reviewdog (Go module proxy). Runs over
# the golden cases, and over CORPUS too when `make corpus` fetched it.
INTEGRATION_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/unroot-integration
integration-report:
	bash scripts/integration-setup.sh $(INTEGRATION_CACHE)
	corpus=$$(test -d "$(CORPUS)" && echo "$(CORPUS)"); \
	UNROOT_INTEGRATION=1 UNROOT_CORPUS=$$corpus DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 \
		SARIF_MULTITOOL=$(INTEGRATION_CACHE)/node_modules/.bin/sarif-multitool \
		REVIEWDOG=$(INTEGRATION_CACHE)/bin/reviewdog \
		$(GO) test -count=1 -timeout 20m -v -run 'TestIntegration|TestSuggestionsReproduceOutput' ./report

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin dist

# Release archives for linux/darwin/windows x amd64/arm64 and SHA256SUMS in
# dist/, reproducible (scripts/dist). VERSION defaults to git describe.
VERSION ?=
dist:
	$(GO) run ./scripts/dist -out dist $(if $(VERSION),-version $(VERSION))

# Man pages for unroot and its subcommands (scripts/man).
MANDIR ?= bin/man/man1
man:
	$(GO) run ./scripts/man $(MANDIR)

# Tests that need installed tools or take minutes; .ci/run runs them.
integration: integration-report integration-dist integration-precommit

# make dist twice (the second with an empty build cache), byte for byte.
integration-dist:
	UNROOT_DIST_TESTS=1 $(GO) test -count=1 -timeout 40m -v -run 'TestDist' ./scripts/dist

# The pre-commit hooks, run by Debian's pre-commit (try-repo).
integration-precommit:
	UNROOT_PRECOMMIT_TESTS=1 $(GO) test -count=1 -timeout 20m -v -run 'TestPreCommit' ./scripts/precommit

# The browser playground (playground/, see its README): `make playground`
# writes a static folder any host can serve; `make serve-playground` serves
# it on 127.0.0.1:8080; `make integration-playground` drives it in headless
# Chromium (apt-get install chromium), screenshots in PLAYGROUND_SHOTS.
.PHONY: playground serve-playground integration-playground
PLAYGROUND_SHOTS ?=
playground:
	$(GO) run ./playground/cmd/build -out bin/playground
serve-playground: playground
	$(GO) run ./playground/cmd/serve -dir bin/playground
integration-playground:
	UNROOT_BROWSER_TESTS=1 UNROOT_PLAYGROUND_SHOTS=$(if $(PLAYGROUND_SHOTS),$(abspath $(PLAYGROUND_SHOTS))) \
		$(GO) test -count=1 -timeout 5m -v -run '^TestBrowser$$' ./playground

# Bulk speed: a parse-only pass (BuildKit's parser) and the whole `unroot -l`
# side by side over the corpus (make corpus first); prints their ratio.
bench-corpus:
	UNROOT_CORPUS=$(CORPUS) $(GO) test -count=1 -run '^$$' -bench '^BenchmarkCorpus$$' -benchtime 5x -benchmem ./internal/props
