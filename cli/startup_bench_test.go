package cli

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkMainSmallFile is the in-process part of `unroot -l Dockerfile`
// on a small file: what a single-file run costs beyond process start-up.
func BenchmarkMainSmallFile(b *testing.B) {
	p := filepath.Join(b.TempDir(), "Dockerfile")
	if err := os.WriteFile(p, []byte("FROM debian:bookworm\nCMD [\"bash\"]\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		Main(Extensions{}, []string{"-l", p}, strings.NewReader(""), io.Discard, io.Discard)
	}
}

// BenchmarkMainVersion is the command line's own set-up (cobra, flags).
func BenchmarkMainVersion(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Main(Extensions{}, []string{"--version"}, strings.NewReader(""), io.Discard, io.Discard)
	}
}
