package golden

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	uparser "github.com/unroot/unroot/parser"
	"github.com/unroot/unroot/transform"
)

// What unroot adds must never make anything world-writable, download without
// a checksum, or pipe a download into a shell. These patterns are checked on
// every line the golden diffs add (inputs may hold such things; our
// additions may not).
var (
	worldWritableSymbolic = regexp.MustCompile(`chmod\s+(-\S+\s+)*[ugoa]*[oa][ugoa]*[+=][rwxXst]*w`)
	worldWritableOctal    = regexp.MustCompile(`chmod\s+(-\S+\s+)*[0-7]?[0-7][0-7][2367]\b`)
	pipeToShell           = regexp.MustCompile(`(curl|wget)\b[^|;&]*\|\s*(sudo\s+)?(ba|da|z)?sh\b`)
	download              = regexp.MustCompile(`\b(curl|wget)\s|(?m)^ADD\s+(--\S+\s+)*https?://`)
)

// TestOutputSafety scans the text of every edit unroot makes on the golden
// inputs: exactly what unroot adds, not the lines of the input it touches.
func TestOutputSafety(t *testing.T) {
	checked := 0
	for _, c := range loadCases(t) {
		name := filepath.Base(c.path)
		doc, err := uparser.Parse("Dockerfile", c.input)
		if err != nil {
			continue
		}
		res, err := transform.Run(doc, optionsFromArgs(t, c.args))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, e := range res.Edits {
			added := e.Text
			checked++
			if worldWritableSymbolic.MatchString(added) || worldWritableOctal.MatchString(added) {
				t.Errorf("%s: an added line makes something world-writable:\n%s", name, added)
			}
			if pipeToShell.MatchString(added) {
				t.Errorf("%s: an added line pipes a download into a shell:\n%s", name, added)
			}
			if download.MatchString(added) && !strings.Contains(added, "sha256sum") && !strings.Contains(added, "--checksum=sha256:") {
				t.Errorf("%s: an added download has no checksum:\n%s", name, added)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no edits found on the golden inputs")
	}
}

// TestSafetyPatterns makes sure the patterns above catch what they are for.
func TestSafetyPatterns(t *testing.T) {
	for _, bad := range []string{"RUN chmod -R 777 /app", "RUN chmod o+w /data", "RUN chmod -R a+rwX /srv", "RUN chmod 0666 /f", "RUN chmod 2777 /d"} {
		if !worldWritableSymbolic.MatchString(bad) && !worldWritableOctal.MatchString(bad) {
			t.Errorf("not caught: %s", bad)
		}
	}
	for _, ok := range []string{"RUN chmod -R g=u /app", "RUN chmod g+ws /d", "RUN chmod 0775 /d", "RUN chmod 2775 /d", "RUN chmod u+x /f"} {
		if worldWritableSymbolic.MatchString(ok) || worldWritableOctal.MatchString(ok) {
			t.Errorf("false alarm: %s", ok)
		}
	}
	if !pipeToShell.MatchString("RUN curl -fsSL https://x.invalid/install.sh | sh") {
		t.Error("pipe to shell not caught")
	}
}

// TestNoExecOutsideVerify: unroot never runs content from a Dockerfile; only
// `unroot verify` (package verify) runs commands, and only when asked.
func TestNoExecOutsideVerify(t *testing.T) {
	root := ".."
	allowed := map[string]bool{"verify": true, "e2e": true, "scripts": true}
	// The playground's builder runs `go build` (for the WebAssembly); it is
	// not part of the unroot command.
	allowedPaths := map[string]bool{"../playground/site": true}
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if allowed[d.Name()] || allowedPaths[filepath.ToSlash(path)] || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && d.Name() != ".." {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); p == "os/exec" {
				t.Errorf("%s imports os/exec: only package verify may run commands", path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
