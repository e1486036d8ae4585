package diff

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

type diffCase struct {
	name string
	a, b string
	// pureOnly marks inputs that the external tools are not expected to
	// handle as text (NUL bytes); they are checked with the Go applier only.
	pureOnly bool
}

// numbered returns n lines "prefix i\n" for i in [from, from+n).
func numbered(prefix string, from, n int) string {
	var sb strings.Builder
	for i := from; i < from+n; i++ {
		fmt.Fprintf(&sb, "%s %d\n", prefix, i)
	}
	return sb.String()
}

// dockerfile returns a Dockerfile-like text of about n lines.
func dockerfile(n int) string {
	var sb strings.Builder
	sb.WriteString("# syntax=docker/dockerfile:1\nFROM golang:1.26 AS build\nWORKDIR /src\n")
	lines := 3
	for i := 0; lines < n-2; i++ {
		lines++
		switch i % 6 {
		case 0:
			fmt.Fprintf(&sb, "RUN apt-get update && apt-get install -y --no-install-recommends pkg%d \\\n", i)
			sb.WriteString("    && rm -rf /var/lib/apt/lists/*\n")
			lines++
		case 1:
			fmt.Fprintf(&sb, "COPY src/part%d /src/part%d\n", i, i)
		case 2:
			fmt.Fprintf(&sb, "ENV VAR_%d=value%d\n", i, i)
		case 3:
			sb.WriteString("\n")
		case 4:
			fmt.Fprintf(&sb, "RUN go build -o /out/bin%d ./cmd/bin%d\n", i, i)
		case 5:
			sb.WriteString("USER root\n")
		}
	}
	sb.WriteString("USER 65532:65532\nENTRYPOINT [\"/out/bin0\"]\n")
	return sb.String()
}

// editLines replaces the given 0-based lines of s with repl(i).
func editLines(s string, repl func(i int, line string) string, idx ...int) string {
	lines := splitLines(s)
	for _, i := range idx {
		lines[i] = repl(i, lines[i])
	}
	return strings.Join(lines, "")
}

func repeated(line string, n int) string { return strings.Repeat(line, n) }

func scatteredEdits() (string, string) {
	a := numbered("line", 1, 200)
	// Gaps between edited lines of 1..12 unchanged lines exercise both sides
	// of the 2n merge threshold for every context size used below.
	var idx []int
	at := 2
	for gap := 1; at < 195; gap = gap%12 + 1 {
		idx = append(idx, at)
		at += gap + 1
	}
	b := editLines(a, func(i int, l string) string { return "CHANGED " + l }, idx...)
	return a, b
}

func manyDistinct(n int) string {
	var sb strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&sb, "RUN echo %06d\n", i)
	}
	return sb.String()
}

func cases() []diffCase {
	base := "FROM alpine:3.20\nRUN apk add --no-cache curl\nWORKDIR /app\nCOPY . .\nRUN make\nUSER app\nCMD [\"./app\"]\n"
	crlf := strings.ReplaceAll(base, "\n", "\r\n")
	scA, scB := scatteredEdits()
	big := repeated("RUN echo hello\n", 2000) + repeated("\n", 500) + repeated("RUN echo hello\n", 2000)
	bigB := editLines(big, func(int, string) string { return "RUN echo bye\n" }, 0, 999, 1000, 2500, 4499)
	bigB = bigB + "RUN echo hello\n"
	distinct := manyDistinct(70000) // crosses go-diff's surrogate-range remapping (index 0xD800)
	distinctB := editLines(distinct, func(i int, l string) string { return "# " + l }, 5, 55295, 55296, 55297, 56000, 63484, 63485, 65535, 65536, 69999)
	return []diffCase{
		{name: "equal", a: base, b: base},
		{name: "both empty", a: "", b: ""},
		{name: "insert at top", a: base, b: "# syntax=docker/dockerfile:1\n" + base},
		{name: "insert at end", a: base, b: base + "HEALTHCHECK CMD true\n"},
		{name: "insert in middle", a: base, b: strings.Replace(base, "COPY . .\n", "COPY . .\nRUN ls\nRUN pwd\n", 1)},
		{name: "replace one line", a: base, b: strings.Replace(base, "USER app\n", "USER 65532:65532\n", 1)},
		{name: "replace first line", a: base, b: strings.Replace(base, "alpine:3.20", "alpine:3.21", 1)},
		{name: "replace last line", a: base, b: strings.Replace(base, "CMD [\"./app\"]", "CMD [\"./app\", \"-v\"]", 1)},
		{name: "delete middle lines", a: base, b: strings.Replace(base, "COPY . .\nRUN make\n", "", 1)},
		{name: "delete all", a: base, b: ""},
		{name: "content to empty", a: "FROM scratch\n", b: ""},
		{name: "empty to content", a: "", b: base},
		{name: "empty to one line", a: "", b: "FROM scratch\n"},
		{name: "single line change", a: "FROM a\n", b: "FROM b\n"},
		{name: "complete rewrite", a: base, b: numbered("other", 1, 9)},
		{name: "CRLF", a: crlf, b: strings.Replace(crlf, "USER app\r\n", "USER 65532\r\nUSER app\r\n", 1)},
		{name: "CRLF to LF", a: crlf, b: base},
		{name: "LF to CRLF", a: base, b: crlf},
		{name: "mixed endings", a: "FROM a\r\nRUN x\nRUN y\r\nRUN z\n", b: "FROM a\r\nRUN x\r\nRUN y\r\nRUN z\nRUN w\r\n"},
		{name: "CR only line endings", a: "FROM a\rRUN x\rRUN y\r", b: "FROM a\rRUN z\rRUN y\r"},
		{name: "no final newline old", a: "FROM a\nRUN x", b: "FROM a\nRUN y\n"},
		{name: "no final newline new", a: "FROM a\nRUN x\n", b: "FROM a\nRUN y"},
		{name: "no final newline both, last line changed", a: "FROM a\nRUN x", b: "FROM a\nRUN y"},
		{name: "no final newline both, last line same", a: "FROM a\nRUN x\nUSER u", b: "FROM b\nRUN x\nUSER u"},
		{name: "no final newline both, far away", a: base + "USER u", b: strings.Replace(base, "alpine", "debian", 1) + "USER u"},
		{name: "add final newline", a: "FROM a\nRUN x", b: "FROM a\nRUN x\n"},
		{name: "remove final newline", a: "FROM a\nRUN x\n", b: "FROM a\nRUN x"},
		{name: "add final newline CRLF", a: "FROM a\r\nRUN x", b: "FROM a\r\nRUN x\r\n"},
		{name: "single line without newline", a: "FROM a", b: "FROM b"},
		{name: "empty to no newline", a: "", b: "FROM a"},
		{name: "no newline to empty", a: "FROM a", b: ""},
		{name: "lines with only CR", a: "FROM a\r\n\r\n\r\nRUN x\r\n\r\n", b: "FROM a\r\n\r\nRUN x\r\n\r\n\r\n"},
		{name: "last line only CR without newline", a: "FROM a\n\r", b: "FROM a\n\r\n"},
		{name: "CR line changed to empty line", a: "A\n\r\nB\n", b: "A\n\nB\n"},
		{name: "blank lines", a: "\n\n\n\n", b: "\n\n\nX\n\n"},
		{name: "diff-like content", a: "--- a\n+++ b\n@@ -1 +1 @@\n\\ No newline at end of file\n-x\n", b: "--- a\n++ b\n@@ -1 +1 @@\n\\ No newline at end of file\n+x\n--- b\n"},
		{name: "unicode and invalid utf8", a: "RUN echo héllo\nRUN echo \xff\xfe\nRUN echo 日本\n", b: "RUN echo héllo\nRUN echo \xfe\xff\nRUN echo 日本語\n"},
		{name: "NUL bytes", a: "a\x00b\nc\n", b: "a\x00c\nc\n", pureOnly: true},
		{name: "scattered edits", a: scA, b: scB},
		{name: "large repeated lines", a: big, b: bigB},
		{name: "many distinct lines", a: distinct, b: distinctB},
	}
}

func TestGolden(t *testing.T) {
	tests := []struct {
		name, a, b, want string
	}{
		{"equal", "x\n", "x\n", ""},
		{"replace", "a\nb\nc\n", "a\nB\nc\n",
			"--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"},
		{"single line", "a\n", "b\n",
			"--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1 +1 @@\n-a\n+b\n"},
		{"empty old", "", "a\nb\n",
			"--- a/Dockerfile\n+++ b/Dockerfile\n@@ -0,0 +1,2 @@\n+a\n+b\n"},
		{"empty new", "a\nb\n", "",
			"--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +0,0 @@\n-a\n-b\n"},
		{"insert after line 5", numbered("l", 1, 10), strings.Replace(numbered("l", 1, 10), "l 5\n", "l 5\nnew\n", 1),
			"--- a/Dockerfile\n+++ b/Dockerfile\n@@ -3,6 +3,7 @@\n l 3\n l 4\n l 5\n+new\n l 6\n l 7\n l 8\n"},
		{"add final newline", "a\nb", "a\nb\n",
			"--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n"},
		{"remove final newline", "a\nb\n", "a\nb",
			"--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n"},
		{"no newline context", "a\nb\nc", "A\nb\nc",
			"--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,3 +1,3 @@\n-a\n+A\n b\n c\n\\ No newline at end of file\n"},
		{"CRLF kept", "a\r\nb\r\n", "a\r\nc\r\n",
			"--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n"},
		{"two hunks", numbered("l", 1, 20), editLines(numbered("l", 1, 20), func(int, string) string { return "X\n" }, 1, 17),
			"--- a/Dockerfile\n+++ b/Dockerfile\n" +
				"@@ -1,5 +1,5 @@\n l 1\n-l 2\n+X\n l 3\n l 4\n l 5\n" +
				"@@ -15,6 +15,6 @@\n l 15\n l 16\n l 17\n-l 18\n+X\n l 19\n l 20\n"},
		{"merged at 6 lines apart", numbered("l", 1, 12), editLines(numbered("l", 1, 12), func(int, string) string { return "X\n" }, 2, 9),
			"--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,12 +1,12 @@\n l 1\n l 2\n-l 3\n+X\n l 4\n l 5\n l 6\n l 7\n l 8\n l 9\n-l 10\n+X\n l 11\n l 12\n"},
		{"split at 7 lines apart", numbered("l", 1, 13), editLines(numbered("l", 1, 13), func(int, string) string { return "X\n" }, 2, 10),
			"--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,6 +1,6 @@\n l 1\n l 2\n-l 3\n+X\n l 4\n l 5\n l 6\n" +
				"@@ -8,6 +8,6 @@\n l 8\n l 9\n l 10\n-l 11\n+X\n l 12\n l 13\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Unified("Dockerfile", []byte(tc.a), []byte(tc.b))
			if got != tc.want {
				t.Errorf("Unified mismatch\n got: %q\nwant: %q", got, tc.want)
			}
		})
	}
}

func TestUnifiedContextGolden(t *testing.T) {
	a := numbered("l", 1, 10)
	b := editLines(a, func(int, string) string { return "X\n" }, 4)
	got := UnifiedContext("old/Dockerfile", "new/Dockerfile", []byte(a), []byte(b), 0)
	want := "--- old/Dockerfile\n+++ new/Dockerfile\n@@ -5 +5 @@\n-l 5\n+X\n"
	if got != want {
		t.Errorf("n=0: got %q want %q", got, want)
	}
	b2 := strings.Replace(a, "l 5\n", "", 1)
	got = UnifiedContext("x", "y", []byte(a), []byte(b2), 0)
	want = "--- x\n+++ y\n@@ -5 +4,0 @@\n-l 5\n"
	if got != want {
		t.Errorf("n=0 delete: got %q want %q", got, want)
	}
	b3 := strings.Replace(a, "l 5\n", "l 5\nnew\n", 1)
	got = UnifiedContext("x", "y", []byte(a), []byte(b3), 0)
	want = "--- x\n+++ y\n@@ -5,0 +6 @@\n+new\n"
	if got != want {
		t.Errorf("n=0 insert: got %q want %q", got, want)
	}
	if got := UnifiedContext("x", "y", []byte(a), []byte(b), -4); got != UnifiedContext("x", "y", []byte(a), []byte(b), 0) {
		t.Errorf("negative context should behave as 0, got %q", got)
	}
}

// checkPure applies the diff with the Go applier and checks the hunk shape.
func checkPure(t *testing.T, a, b []byte, d string, n int) {
	t.Helper()
	if bytes.Equal(a, b) {
		if d != "" {
			t.Fatalf("equal inputs gave non-empty diff %q", d)
		}
		return
	}
	if d == "" {
		t.Fatalf("different inputs gave an empty diff")
	}
	got, err := applyUnified(a, d)
	if err != nil {
		t.Fatalf("apply (n=%d): %v\ndiff:\n%s", n, err, trunc(d))
	}
	if !bytes.Equal(got, b) {
		t.Fatalf("apply (n=%d) gave\n%q\nwant\n%q\ndiff:\n%s", n, trunc(string(got)), trunc(string(b)), trunc(d))
	}
	if err := checkShape(d, n, len(splitLines(string(a)))); err != nil {
		t.Fatalf("shape (n=%d): %v\ndiff:\n%s", n, err, trunc(d))
	}
}

func trunc(s string) string {
	if len(s) > 4000 {
		return s[:4000] + "...(truncated)"
	}
	return s
}

func TestUnifiedApplyPureGo(t *testing.T) {
	for _, tc := range cases() {
		t.Run(tc.name, func(t *testing.T) {
			a, b := []byte(tc.a), []byte(tc.b)
			d := Unified("Dockerfile", a, b)
			if d != "" && !strings.HasPrefix(d, "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -") {
				t.Fatalf("bad headers: %q", trunc(d))
			}
			checkPure(t, a, b, d, 3)
			for _, n := range []int{0, 1, 2, 5} {
				checkPure(t, a, b, UnifiedContext("a/Dockerfile", "b/Dockerfile", a, b, n), n)
			}
			// And the reverse direction.
			checkPure(t, b, a, Unified("Dockerfile", b, a), 3)
		})
	}
}

// toolEnv isolates git from the user's and system configuration.
func toolEnv(home string) []string {
	env := os.Environ()
	return append(env,
		"HOME="+home,
		"XDG_CONFIG_HOME="+home,
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_CONFIG_GLOBAL="+os.DevNull,
		"LC_ALL=C",
		"POSIXLY_CORRECT=",
	)
}

// applyWithTool writes a to <tmp>/Dockerfile, applies diff d with the given
// tool from <tmp> and returns the resulting file content (an error if the
// tool removed the file).
//
// git apply needs --unidiff-zero for diffs without context (n == 0): by
// default it requires hunks to be anchored by context lines.
func applyWithTool(t *testing.T, tool string, a []byte, d string, n int) ([]byte, string, error) {
	t.Helper()
	dir := t.TempDir()
	run := func(name string, args ...string) (string, error) {
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		cmd.Env = toolEnv(dir)
		cmd.Stdin = nil
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := run("git", "init", "-q", "."); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), a, 0o644); err != nil {
		t.Fatal(err)
	}
	patchFile := filepath.Join(t.TempDir(), "change.patch")
	if err := os.WriteFile(patchFile, []byte(d), 0o644); err != nil {
		t.Fatal(err)
	}
	var out string
	var err error
	switch tool {
	case "git":
		args := []string{"apply", "-v"}
		if n == 0 {
			args = append(args, "--unidiff-zero")
		}
		out, err = run("git", append(args, patchFile)...)
	case "patch":
		// --fuzz=0: context must match exactly; -f: never ask questions.
		out, err = run("patch", "-p1", "-f", "--fuzz=0", "--no-backup-if-mismatch", "-i", patchFile)
	default:
		t.Fatalf("unknown tool %s", tool)
	}
	if err != nil {
		return nil, out, fmt.Errorf("%s failed: %v\n%s", tool, err, out)
	}
	got, rerr := os.ReadFile(filepath.Join(dir, "Dockerfile"))
	return got, out, rerr
}

func TestUnifiedApplyTools(t *testing.T) {
	for _, tool := range []string{"git", "patch"} {
		t.Run(tool, func(t *testing.T) {
			if _, err := exec.LookPath(tool); err != nil {
				t.Skipf("%s not installed", tool)
			}
			if tool == "patch" {
				if _, err := exec.LookPath("git"); err != nil {
					t.Skip("git needed to init the temp dir")
				}
			}
			t.Parallel()
			for _, tc := range cases() {
				if tc.pureOnly || tc.a == tc.b {
					continue
				}
				for _, n := range []int{3, 0} {
					t.Run(fmt.Sprintf("%s/n=%d", tc.name, n), func(t *testing.T) {
						t.Parallel()
						a, b := []byte(tc.a), []byte(tc.b)
						d := UnifiedContext("a/Dockerfile", "b/Dockerfile", a, b, n)
						got, out, err := applyWithTool(t, tool, a, d, n)
						if err != nil {
							t.Fatalf("%v\ndiff:\n%s", err, trunc(d))
						}
						// git apply --unidiff-zero reports a bogus "offset 1
						// line" for pure deletions ("@@ -4,2 +3,0 @@", as GNU
						// diff and git diff write them), so only the bytes are
						// checked there.
						strictPos := !(tool == "git" && n == 0)
						if strictPos && (strings.Contains(out, "offset") || strings.Contains(out, "fuzz")) {
							t.Errorf("%s needed offset/fuzz:\n%s", tool, out)
						}
						if !bytes.Equal(got, b) {
							t.Fatalf("%s result\n%q\nwant\n%q\ndiff:\n%s\noutput:\n%s", tool, trunc(string(got)), trunc(string(b)), trunc(d), out)
						}
					})
				}
			}
		})
	}
}

// randomPair builds a random line-structured text and an edited copy of it,
// from a small vocabulary (so many lines repeat) including CRLF lines, lone
// "\r" lines, blank lines and a possibly missing final newline.
func randomPair(r *rand.Rand) (string, string) {
	vocab := []string{"FROM a\n", "RUN x\n", "RUN y\n", "\n", "\r\n", "USER u\r\n", "RUN x\r\n", "\r", "COPY . .\n"}
	line := func() string { return vocab[r.IntN(len(vocab))] }
	var a []string
	for range r.IntN(60) {
		a = append(a, line())
	}
	b := append([]string(nil), a...)
	for range r.IntN(8) {
		switch op := r.IntN(3); {
		case op == 0 || len(b) == 0: // insert a short run
			at := r.IntN(len(b) + 1)
			ins := make([]string, 1+r.IntN(3))
			for i := range ins {
				ins[i] = line()
			}
			b = append(b[:at], append(ins, b[at:]...)...)
		case op == 1: // delete a short run
			at := r.IntN(len(b))
			b = append(b[:at], b[min(len(b), at+1+r.IntN(3)):]...)
		default: // replace a line
			b[r.IntN(len(b))] = line()
		}
	}
	join := func(ls []string) string {
		s := strings.Join(ls, "")
		if r.IntN(4) == 0 { // drop the final newline
			s = strings.TrimSuffix(s, "\n")
		}
		return s
	}
	return join(a), join(b)
}

func TestUnifiedRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 5000 {
		a, b := randomPair(r)
		for _, n := range []int{0, 1, 3} {
			d := UnifiedContext("a/Dockerfile", "b/Dockerfile", []byte(a), []byte(b), n)
			checkPure(t, []byte(a), []byte(b), d, n)
			if t.Failed() {
				t.Fatalf("iteration %d: a=%q b=%q", i, a, b)
			}
		}
	}
}

func TestUnifiedRandomTools(t *testing.T) {
	if testing.Short() {
		t.Skip("short mode")
	}
	r := rand.New(rand.NewPCG(3, 4))
	type pair struct{ a, b string }
	var pairs []pair
	for len(pairs) < 40 {
		if a, b := randomPair(r); a != b {
			pairs = append(pairs, pair{a, b})
		}
	}
	for _, tool := range []string{"git", "patch"} {
		t.Run(tool, func(t *testing.T) {
			if _, err := exec.LookPath(tool); err != nil {
				t.Skipf("%s not installed", tool)
			}
			if _, err := exec.LookPath("git"); err != nil {
				t.Skip("git needed to init the temp dir")
			}
			t.Parallel()
			for i, p := range pairs {
				t.Run(strconv.Itoa(i), func(t *testing.T) {
					t.Parallel()
					d := Unified("Dockerfile", []byte(p.a), []byte(p.b))
					got, out, err := applyWithTool(t, tool, []byte(p.a), d, 3)
					if err != nil {
						t.Fatalf("%v\na=%q\nb=%q\ndiff:\n%s", err, p.a, p.b, d)
					}
					if !bytes.Equal(got, []byte(p.b)) {
						t.Fatalf("%s gave %q, want %q\ndiff:\n%s\noutput:\n%s", tool, got, p.b, d, out)
					}
				})
			}
		})
	}
}

func FuzzUnified(f *testing.F) {
	for _, tc := range cases() {
		if len(tc.a)+len(tc.b) < 1024 { // big seeds make minimization slow
			f.Add([]byte(tc.a), []byte(tc.b))
		}
	}
	f.Add([]byte("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n"), []byte("a\nB\nc\nd\ne\nf\ng\nh\nI\nj\nk"))
	f.Add([]byte("\r\n\r\r\n\n"), []byte("\r\r\n\n\r"))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		checkPure(t, a, b, Unified("Dockerfile", a, b), 3)
		checkPure(t, a, b, UnifiedContext("a/Dockerfile", "b/Dockerfile", a, b, 0), 0)
		checkPure(t, a, b, UnifiedContext("a/Dockerfile", "b/Dockerfile", a, b, 1), 1)
	})
}

func BenchmarkUnified(b *testing.B) {
	a := []byte(dockerfile(300))
	lines := splitLines(string(a))
	mod := editLines(string(a), func(i int, l string) string {
		return strings.TrimSuffix(l, "\n") + " # edited\n"
	}, 10, len(lines)/2, len(lines)-10)
	nb := []byte(mod)
	if bytes.Equal(a, nb) {
		b.Fatal("benchmark edits changed nothing")
	}
	b.Logf("input: %d lines, %d bytes", len(lines), len(a))
	b.ReportAllocs()
	b.SetBytes(int64(len(a) + len(nb)))
	for b.Loop() {
		if Unified("Dockerfile", a, nb) == "" {
			b.Fatal("empty diff")
		}
	}
}
