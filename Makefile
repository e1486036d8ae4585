# unroot's tasks. `make test` is what CI runs (see .ci/run).
GO ?= go
FUZZTIME ?= 60s
BIN := bin/unroot

.PHONY: build test golden lint bench fuzz e2e corpus clean

build:
	$(GO) build -o $(BIN) ./cmd/unroot

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
	# -p 1: one package at a time (the verify tests count the containers they leave).
	UNROOT_DOCKER_TESTS=1 DOCKER=$${DOCKER:-$$(command -v /usr/bin/docker || command -v docker)} \
		UNROOT_E2E_PODMAN=$${UNROOT_E2E_PODMAN-$$(command -v podman)} \
		$(GO) test -p 1 -count=1 -timeout 80m -v -run 'TestRewrittenFixtures|TestDocker' ./verify ./e2e

# The real-world corpus: the Dockerfiles of the module versions pinned in
# scripts/corpus/pinned.txt, read from the Go module proxy into CORPUS
# (outside the repository), then every property on each file and a
# `unroot -w` over all of them (internal/props TestCorpus*).
CORPUS ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/unroot-corpus
corpus:
	cd scripts/corpus && $(GO) run . -pinned pinned.txt -out $(CORPUS)
	UNROOT_CORPUS=$(CORPUS) $(GO) test -count=1 -run 'TestCorpus' -v ./internal/props

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin
