package props

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/unroot/unroot/cli"
	"github.com/unroot/unroot/parser"
	"github.com/unroot/unroot/transform"
)

// TestCorpus runs every property over a directory of real-world Dockerfiles
// kept outside the repository: UNROOT_CORPUS=/path/to/dir go test -run Corpus
// ./internal/props -v (scripts/corpus gathers one from the Go module proxy). It also checks that every final stage that ran as
// root or as a named user ends with a numeric non-zero USER, unless unroot
// reported the name as unresolvable.
func TestCorpus(t *testing.T) {
	files := corpusFiles(t)
	opts := corpusOptions(t)
	// The numeric USER is UR001's to set.
	ur001 := (len(opts.Only) == 0 || slices.Contains(opts.Only, "UR001")) && !slices.Contains(opts.Skip, "UR001")
	var total, refused, changed, unresolved, windows int
	stats := newCorpusStats()
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		total++
		res, err := checkRecovered(filepath.Base(path), src, opts)
		if errors.Is(err, ErrSkip) {
			refused++
			t.Logf("refused %s: %v", filepath.Base(path), err)
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if res.Skipped != "" {
			windows++
			continue
		}
		if res.Changed() {
			changed++
		}
		stats.add(filepath.Base(path), src, res)
		doc, _ := parser.Parse(path, res.Output)
		if before, err := transform.Assess(res.Doc, opts); err == nil {
			if after, err := transform.Assess(doc, opts); err == nil {
				stats.addOutcome(before, after)
			}
		}
		target, err := transform.NewTarget(doc, opts)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if ur001 && target.Kind != transform.UserNumeric {
			if target.Kind == transform.UserNamed && reportedUnresolved(res) {
				unresolved++
				continue
			}
			t.Errorf("%s: final stage does not end with a numeric USER (%q)", path, target.UserSpec)
		}
	}
	t.Logf("corpus: %d files, %d refused (do not parse), %d Windows skipped, %d changed, %d named users left unresolved", total, refused, windows, changed, unresolved)
	t.Logf("\n%s", stats.table())
	if os.Getenv("UNROOT_CORPUS_TARGETS") != "" {
		// The targets of issue 11, on the pinned corpus that `make corpus`
		// fetches (another corpus has other shares).
		for _, c := range stats.targets() {
			if c.got < c.min {
				t.Errorf("%s: %.1f%%, below the target of %.0f%%", c.name, c.got, c.min)
			}
		}
	}
	if stats.longest > 300 {
		t.Errorf("an added line is %d characters long (%s): wrap it", stats.longest, stats.longLine)
	}
}

// corpusFiles lists every file of the directories in UNROOT_CORPUS (a list
// like PATH), but the index.tsv files that say where each came from (see
// scripts/corpus). The test is skipped when it is not set.
func corpusFiles(t *testing.T) []string {
	dirs := os.Getenv("UNROOT_CORPUS")
	if dirs == "" {
		t.Skip("set UNROOT_CORPUS to a directory of Dockerfiles (see scripts/corpus)")
	}
	files, err := CorpusFiles(dirs)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// corpusOptions are the options of UNROOT_CORPUS_ARGS (command-line flags,
// split at blanks: "--uid 123456 --passwd writable"), so the corpus can be
// run with other choices than the defaults.
func corpusOptions(t *testing.T) transform.Options {
	opts, err := cli.ParseOptions(strings.Fields(os.Getenv("UNROOT_CORPUS_ARGS")))
	if err != nil {
		t.Fatal(err)
	}
	return opts
}

// checkRecovered is Check, with a panic turned into an error naming the
// file, so one crash does not hide the rest of the corpus.
func checkRecovered(name string, src []byte, opts transform.Options) (res *transform.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v\n%s", p, debug.Stack())
		}
	}()
	return Check(name, src, opts)
}

func reportedUnresolved(res *transform.Result) bool {
	for _, f := range res.Findings {
		if f.Rule == "UR001" && strings.Contains(f.Message, "cannot resolve") {
			return true
		}
	}
	return false
}
