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
)

// What unroot adds must never make anything world-writable, download without
// a checksum, or pipe a download into a shell. These patterns are checked on
// every line the golden diffs add (inputs may hold such things; our
// additions may not).
var (
	worldWritableSymbolic = regexp.MustCompile(`chmod\s+(-\S+\s+)*[ugoa]*[oa][ugoa]*[+=][rwxXst]*w`)
	worldWritableOctal    = regexp.MustCompile(`chmod\s+(-\S+\s+)*[0-7]?[0-7][0-7][2367]\b`)
	pipeToShell           = regexp.MustCompile(`(curl|wget)\b[^|;&]*\|\s*(sudo\s+)?(ba|da|z)?sh\b`)
	download              = regexp.MustCompile(`\b(curl|wget)\b|^ADD\s+(--\S+\s+)*https?://`)
)

// addedInstructions returns the text each golden diff adds, one string per
// run of added lines (so a continuation is checked whole).
func addedInstructions(diffText string) []string {
	var out []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, "\n"))
			cur = nil
		}
	}
	for _, line := range strings.Split(diffText, "\n") {
		if strings.HasPrefix(line, "+") && !strings.HasPrefix(line, "+++ ") {
			cur = append(cur, strings.TrimRight(line[1:], "\r"))
			continue
		}
		flush()
	}
	flush()
	return out
}

func TestOutputSafety(t *testing.T) {
	checked := 0
	for _, c := range loadCases(t) {
		for _, added := range addedInstructions(string(c.diffText)) {
			checked++
			name := filepath.Base(c.path)
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
		t.Fatal("no added lines found in the golden diffs")
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
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if allowed[d.Name()] || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && d.Name() != ".." {
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
