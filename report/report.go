// Package report writes unroot's findings and fixes in the formats review
// tools read: SARIF 2.1.0, reviewdog's rdjson and rdjsonl, GitHub Actions
// workflow commands, a body for GitHub's "create a review" API, a GitLab
// Code Quality report, and unroot's own JSON (see docs/formats.md).
//
// Every format that carries fixes carries them as the same suggestions
// (suggest.go): whole-line replacements of the original file that, all
// applied, give exactly the file unroot writes.
package report

import (
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/unroot/unroot/transform"
)

// File is what unroot made of one file.
type File struct {
	// Path names the file as the run gave it; formats write it relative to
	// the directory unroot ran in (the repository root in CI).
	Path string
	// Result is nil when Err is set.
	Result *transform.Result
	// Err is why unroot could not process the file.
	Err error
}

// Writer receives the files of a run in order and writes them in one
// format. Some formats write as files come (rdjsonl, github), others one
// document at Close.
type Writer interface {
	Add(f File) error
	Close() error
}

// Options describe the run.
type Options struct {
	// Version is unroot's version (cli.Version).
	Version string
}

// Formats are the names --format takes, besides "text".
var Formats = []string{"sarif", "rdjson", "rdjsonl", "github", "github-review", "gitlab", "json"}

// New returns a writer of format to w.
func New(format string, w io.Writer, opts Options) (Writer, error) {
	switch format {
	case "sarif":
		return &sarifWriter{w: w, opts: opts}, nil
	case "rdjson":
		return &rdjsonWriter{w: w}, nil
	case "rdjsonl":
		return &rdjsonWriter{w: w, lines: true}, nil
	case "github":
		return &githubWriter{w: w}, nil
	case "github-review":
		return &reviewWriter{w: w}, nil
	case "gitlab":
		return &gitlabWriter{w: w}, nil
	case "json":
		return &jsonWriter{w: w, opts: opts}, nil
	}
	return nil, fmt.Errorf("unknown format %q (one of text, %s)", format, strings.Join(Formats, ", "))
}

// informationURI is unroot's home page.
const informationURI = "https://github.com/unroot/unroot"

// toolName names unroot in every format.
const toolName = "unroot"

// relPath is a file's path as the formats write it: slash-separated,
// relative to the working directory when it lies under it.
func relPath(p string) string {
	if filepath.IsAbs(p) {
		if wd, err := filepath.Abs("."); err == nil {
			if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
				p = rel
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(p))
}

// fileURI is relPath as a URI reference (percent-encoded), and whether it
// is relative (to the %SRCROOT% base).
func fileURI(p string) (string, bool) {
	rp := relPath(p)
	if strings.HasPrefix(rp, "/") {
		return (&url.URL{Scheme: "file", Path: rp}).String(), false
	}
	return (&url.URL{Path: rp}).String(), true
}

// ruleOf returns the rule of a finding, if it names one.
func ruleOf(f transform.Finding) *transform.Rule {
	if r, ok := transform.LookupRule(f.Rule); ok {
		return r
	}
	return nil
}

// lines returns a finding's first and last line, at least 1: a finding not
// about one place is shown on the first line.
func lines(f transform.Finding) (int, int) {
	start := max(f.Line, 1)
	return start, max(f.EndLine, start)
}
