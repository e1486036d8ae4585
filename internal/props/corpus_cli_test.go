package props

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/unroot/unroot/cli"
	"github.com/unroot/unroot/parser"
	"github.com/unroot/unroot/transform"
)

// TestCorpusCLI runs the command line over the corpus the way a new user
// would, `unroot -w DIR` on a tree of projects, and checks what the issue
// asks of a run over other people's files: it ends with exit code 0 or 2,
// every file it reported an error for is left byte for byte as it was, every
// other file holds exactly what the library computes for it, and no
// temporary file is left behind.
func TestCorpusCLI(t *testing.T) {
	tree := t.TempDir()
	originals := map[string][]byte{} // path in tree -> bytes
	for i, file := range corpusFiles(t) {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		// One project per file, its Dockerfile at the top.
		project := filepath.Join(tree, fmt.Sprintf("%05d-%s", i, filepath.Base(file)))
		if err := os.MkdirAll(project, 0o755); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(project, "Dockerfile")
		if err := os.WriteFile(p, src, 0o644); err != nil {
			t.Fatal(err)
		}
		originals[p] = src
	}

	var stdout, stderr bytes.Buffer
	code := cli.Main([]string{"-w", tree}, strings.NewReader(""), &stdout, &stderr)
	if code != cli.ExitOK && code != cli.ExitError {
		t.Errorf("exit code %d, want %d or %d", code, cli.ExitOK, cli.ExitError)
	}

	errored := map[string]string{}
	// A finding, a warning or a skip note: "PATH:12: UR001 ...",
	// "PATH:3: warning: ...", "PATH: skipped: ...". Anything else naming a
	// file is an error.
	notError := regexp.MustCompile(`^:(\d+: (UR\d{3} |warning: )| skipped: )`)
	for _, line := range strings.Split(stderr.String(), "\n") {
		if line == "" {
			continue
		}
		path, rest, ok := cutPath(line, originals)
		if !ok {
			t.Errorf("stderr line names no file: %q", line)
			continue
		}
		if !notError.MatchString(rest) {
			errored[path] = line
		}
	}
	if (len(errored) > 0) != (code == cli.ExitError) {
		t.Errorf("exit code %d with %d files in error", code, len(errored))
	}

	var changed int
	for path, src := range originals {
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if msg, ok := errored[path]; ok {
			if !bytes.Equal(got, src) {
				t.Errorf("%s: changed although unroot reported an error (%s)", path, msg)
			}
			continue
		}
		want := src
		if doc, err := parser.Parse(path, src); err == nil {
			if res, err := transform.Run(doc, transform.Options{}); err == nil {
				want = res.Output
			}
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the file written is not what the library computes", path)
		}
		if !bytes.Equal(got, src) {
			changed++
		}
	}
	filepath.WalkDir(tree, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if _, ok := originals[path]; !ok {
				t.Errorf("left behind: %s", path)
			}
		}
		return nil
	})
	t.Logf("unroot -w over %d projects: exit code %d, %d rewritten, %d errors reported (files left as they were)",
		len(originals), code, changed, len(errored))
}

// cutPath splits a stderr line into the file it names and the rest.
func cutPath(line string, files map[string][]byte) (string, string, bool) {
	i := strings.Index(line, string(filepath.Separator)+"Dockerfile")
	if i < 0 {
		return "", "", false
	}
	path := line[:i+len("/Dockerfile")]
	if _, ok := files[path]; !ok {
		return "", "", false
	}
	return path, line[len(path):], true
}
