package golden

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/rogpeppe/go-internal/txtar"
	"github.com/unroot/unroot/cli"
	"github.com/unroot/unroot/internal/props"
	"github.com/unroot/unroot/parser"
	"github.com/unroot/unroot/transform"
)

var update = flag.Bool("update", false, "rewrite the expected sections of the golden files")

// A case file has these sections:
//
//	-- args --       extra command-line flags, one line (optional)
//	-- options --    "no-final-newline": strip the last "\n" of input and output (optional)
//	-- Dockerfile -- the input
//	-- output --     expected patched file
//	-- diff --       expected unified diff
//	-- findings --   expected messages on stderr
type goldenCase struct {
	path                    string
	ar                      *txtar.Archive
	args                    []string
	noFinalNewline          bool
	input, output, diffText []byte
	findings                []byte
}

func loadCases(t *testing.T) []*goldenCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no golden cases")
	}
	var cases []*goldenCase
	for _, f := range files {
		ar, err := txtar.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c := &goldenCase{path: f, ar: ar}
		for _, file := range ar.Files {
			switch file.Name {
			case "args":
				c.args = strings.Fields(string(file.Data))
			case "options":
				c.noFinalNewline = strings.Contains(string(file.Data), "no-final-newline")
			case "Dockerfile":
				c.input = file.Data
			case "output":
				c.output = file.Data
			case "diff":
				c.diffText = file.Data
			case "findings":
				c.findings = file.Data
			}
		}
		if c.input == nil {
			t.Fatalf("%s: no Dockerfile section", f)
		}
		if c.noFinalNewline {
			c.input = bytes.TrimSuffix(c.input, []byte("\n"))
			c.output = bytes.TrimSuffix(c.output, []byte("\n"))
		}
		cases = append(cases, c)
	}
	return cases
}

func runCLI(t *testing.T, args []string, stdin []byte) (stdout, stderr []byte, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = cli.Main(cli.Extensions{}, args, bytes.NewReader(stdin), &out, &errb)
	return out.Bytes(), errb.Bytes(), code
}

func TestGolden(t *testing.T) {
	for _, c := range loadCases(t) {
		name := strings.TrimSuffix(filepath.Base(c.path), ".txtar")
		t.Run(name, func(t *testing.T) {
			args := append([]string{"--filename", "Dockerfile"}, c.args...)
			out, findings, code := runCLI(t, args, c.input)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, findings)
			}
			diffOut, _, code := runCLI(t, append([]string{"-d"}, args...), c.input)
			if code != 0 {
				t.Fatalf("-d: exit %d", code)
			}
			if *update {
				c.store(t, out, diffOut, findings)
				return
			}
			expectEqual(t, "output", c.output, out)
			expectEqual(t, "diff", c.diffText, diffOut)
			expectEqual(t, "findings", c.findings, findings)

			checkParses(t, out)
			checkIdempotent(t, args, out)
			if _, err := props.Check("Dockerfile", c.input, optionsFromArgs(t, args)); err != nil && !errors.Is(err, props.ErrSkip) {
				t.Error(err)
			}
			checkPatchApplies(t, c.input, out, diffOut)
		})
	}
}

func (c *goldenCase) store(t *testing.T, out, diffOut, findings []byte) {
	t.Helper()
	if c.noFinalNewline {
		out = append(bytes.Clone(out), '\n')
	}
	set := map[string][]byte{"output": out, "diff": diffOut, "findings": findings}
	seen := map[string]bool{}
	for i := range c.ar.Files {
		if v, ok := set[c.ar.Files[i].Name]; ok {
			c.ar.Files[i].Data = v
			seen[c.ar.Files[i].Name] = true
		}
	}
	for _, n := range []string{"output", "diff", "findings"} {
		if !seen[n] {
			c.ar.Files = append(c.ar.Files, txtar.File{Name: n, Data: set[n]})
		}
	}
	if err := os.WriteFile(c.path, txtar.Format(c.ar), 0o644); err != nil {
		t.Fatal(err)
	}
}

func expectEqual(t *testing.T, what string, want, got []byte) {
	t.Helper()
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs (run go test ./golden -update to accept)\n--- want ---\n%s\n--- got ---\n%s", what, want, got)
	}
}

func checkParses(t *testing.T, out []byte) {
	t.Helper()
	if _, err := bkparser.Parse(bytes.NewReader(out)); err != nil {
		t.Errorf("output does not parse: %v", err)
	}
	if _, err := parser.Parse("output", out); err != nil {
		t.Errorf("output does not parse into the model: %v", err)
	}
}

func checkIdempotent(t *testing.T, args []string, out []byte) {
	t.Helper()
	again, stderr, code := runCLI(t, args, out)
	if code != 0 {
		t.Fatalf("second run: exit %d: %s", code, stderr)
	}
	if !bytes.Equal(again, out) {
		t.Errorf("not idempotent: a second run changes the output:\n%s", again)
	}
}

// optionsFromArgs reads a case's flags with the command's own flag set.
func optionsFromArgs(t *testing.T, args []string) transform.Options {
	t.Helper()
	opts, err := cli.ParseOptions(args)
	if err != nil {
		t.Fatalf("flags %q: %v", args, err)
	}
	return opts
}

// checkPatchApplies applies the diff with git apply and patch -p1 and
// compares the result with the output.
func checkPatchApplies(t *testing.T, input, out, diffOut []byte) {
	t.Helper()
	if len(diffOut) == 0 {
		if !bytes.Equal(input, out) {
			t.Error("empty diff but the output differs")
		}
		return
	}
	for _, tool := range [][]string{{"git", "apply", "--whitespace=nowarn"}, {"patch", "-p1", "--quiet", "--no-backup-if-mismatch"}} {
		if _, err := exec.LookPath(tool[0]); err != nil {
			t.Logf("%s not installed: skipped", tool[0])
			continue
		}
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), input, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(tool[0], tool[1:]...)
		cmd.Dir = dir
		cmd.Stdin = bytes.NewReader(diffOut)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s failed: %v\n%s", strings.Join(tool, " "), err, msg)
			continue
		}
		got, err := os.ReadFile(filepath.Join(dir, "Dockerfile"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, out) {
			t.Errorf("%s gives a different file:\n%q\nwant\n%q", tool[0], got, out)
		}
	}
}
