package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestManyFilesConcurrently runs unroot over a tree of many files, some
// broken, with several workers (under -race in `make test`) and checks that
// the output is exactly what a single worker prints.
func TestManyFilesConcurrently(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 300; i++ {
		sub := filepath.Join(dir, fmt.Sprintf("svc%03d", i))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		var body string
		switch i % 4 {
		case 0:
			body = "FROM debian:bookworm\nRUN useradd -u 1000 app\nUSER app\nCMD [\"bash\"]\n"
		case 1:
			body = "FROM alpine:3.20\nRUN apk add --no-cache curl\nCMD [\"sh\"]\n"
		case 2:
			body = "FROM debian:bookworm\nRUN <<EOF\nnever closed\n"
		default:
			body = "FROM debian:bookworm\nUSER 1000\n"
		}
		if err := os.WriteFile(filepath.Join(sub, "Dockerfile"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(n int) (string, string, int) {
		old := workers
		workers = n
		defer func() { workers = old }()
		var out, errb bytes.Buffer
		code := Main(Extensions{}, []string{"-d", dir}, strings.NewReader(""), &out, &errb)
		return out.String(), errb.String(), code
	}
	out1, err1, code1 := run(1)
	out8, err8, code8 := run(8)
	if code1 != ExitError || code8 != ExitError {
		t.Errorf("exit codes %d and %d, want %d (some files are broken)", code1, code8, ExitError)
	}
	if out1 != out8 || err1 != err8 {
		t.Error("concurrent output differs from the sequential one")
	}
	// Every file that parses changes: even `USER 1000` alone gets a HOME.
	if n := strings.Count(out8, "+++ b/"); n != 225 {
		t.Errorf("%d diffs, want 225", n)
	}
	if n := strings.Count(err8, "unterminated heredoc"); n != 75 {
		t.Errorf("%d heredoc errors, want 75", n)
	}
}
