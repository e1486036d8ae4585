package props

import (
	"bytes"
	"fmt"
	"os"
	"path"
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
	names := originalNames(t)
	for i, file := range corpusFiles(t) {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		// One project per file, under the file's name in its project
		// when the corpus index tells it (Dockerfile.dev,
		// dockerfile.go...), else as its Dockerfile.
		project := filepath.Join(tree, fmt.Sprintf("%05d", i))
		if err := os.MkdirAll(project, 0o755); err != nil {
			t.Fatal(err)
		}
		name := names[file]
		if !cli.IsDockerfileName(name) {
			name = "Dockerfile"
		}
		p := filepath.Join(project, name)
		if err := os.WriteFile(p, src, 0o644); err != nil {
			t.Fatal(err)
		}
		originals[p] = src
	}

	var stdout, stderr bytes.Buffer
	args := append(strings.Fields(os.Getenv("UNROOT_CORPUS_ARGS")), "-w", tree)
	code := cli.Main(cli.Extensions{}, args, strings.NewReader(""), &stdout, &stderr)
	if code != cli.ExitOK && code != cli.ExitError {
		t.Errorf("exit code %d, want %d or %d", code, cli.ExitOK, cli.ExitError)
	}

	errored := map[string]string{}
	notDockerfiles := map[string]bool{} // variants the walk found not to be Dockerfiles
	// A finding, a warning or a skip note: "PATH:12: UR001 ...",
	// "PATH:3: warning: ...", "PATH: skipped: ...". Anything else naming a
	// file is an error.
	notError := regexp.MustCompile(`^:(\d+: (UR\d{3} |warning: )| skipped: )`)
	summary := regexp.MustCompile(`^\d+ files: \d+ changed, `) // the run's last line
	for _, line := range strings.Split(stderr.String(), "\n") {
		if line == "" || summary.MatchString(line) {
			continue
		}
		path, rest, ok := cutPath(line, originals)
		if !ok {
			t.Errorf("stderr line names no file: %q", line)
			continue
		}
		if strings.HasPrefix(rest, ": skipped: not a Dockerfile") {
			notDockerfiles[path] = true
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
		if doc, err := parser.Parse(path, src); err == nil && !notDockerfiles[path] {
			if res, err := transform.Run(doc, corpusOptions(t)); err == nil {
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
	t.Logf("unroot -w over %d projects: exit code %d, %d rewritten, %d errors reported (files left as they were), %d found not to be Dockerfiles",
		len(originals), code, changed, len(errored), len(notDockerfiles))
}

// originalNames maps each corpus file to the base name it had in its
// project, from the index.tsv that scripts/corpus writes ("KEY\tPATH", the
// file being KEY.Dockerfile).
func originalNames(t *testing.T) map[string]string {
	names := map[string]string{}
	for _, dir := range filepath.SplitList(os.Getenv("UNROOT_CORPUS")) {
		data, err := os.ReadFile(filepath.Join(dir, "index.tsv"))
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(data), "\n") {
			if key, origin, ok := strings.Cut(line, "\t"); ok {
				names[filepath.Join(dir, key+".Dockerfile")] = path.Base(origin)
			}
		}
	}
	return names
}

// cutPath splits a stderr line into the file it names and the rest.
func cutPath(line string, files map[string][]byte) (string, string, bool) {
	for i := strings.Index(line, ":"); i >= 0; {
		if _, ok := files[line[:i]]; ok {
			return line[:i], line[i:], true
		}
		j := strings.Index(line[i+1:], ":")
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return "", "", false
}
