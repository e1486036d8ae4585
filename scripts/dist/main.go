// Command dist builds unroot's release archives with the Go toolchain alone:
// a static binary for each target (CGO_ENABLED=0), packed with the README
// into NAME_VERSION_OS_ARCH.tar.gz (.zip for windows), and a SHA256SUMS file.
//
// The output is reproducible: the same source gives the same bytes. The
// binaries are built with -trimpath (no build-machine paths) and an empty
// build ID; the version and commit come from -ldflags -X, not the clock;
// every archive entry has the same fixed time (SOURCE_DATE_EPOCH, else the
// commit's time), owner 0 and mode, in a fixed order, and gzip records no
// name or time.
//
//	go run ./scripts/dist -out dist            # what make dist runs
//	go run ./scripts/dist -targets linux/amd64 # one target
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
)

func main() {
	var cfg config
	flag.StringVar(&cfg.out, "out", "dist", "directory for the archives and SHA256SUMS (emptied first)")
	flag.StringVar(&cfg.version, "version", "", "version to stamp (default: git describe --tags --always --dirty, else dev)")
	targets := flag.String("targets", strings.Join(defaultTargets, ","), "comma-separated GOOS/GOARCH pairs")
	flag.Parse()
	cfg.targets = strings.Split(*targets, ",")
	if err := run(cfg, os.Stderr); err != nil {
		fmt.Fprintf(os.Stderr, "dist: %v\n", err)
		os.Exit(1)
	}
}
