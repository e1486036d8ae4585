package cli

import (
	"fmt"

	"github.com/unroot/unroot/parser"
	"github.com/unroot/unroot/transform"
)

// fileOutcome is what became of one Dockerfile, kept after its output is
// printed for the run summary, --statistics and --pr-body. It holds the
// findings only, not the file's bytes, so that a run over thousands of
// files stays small.
type fileOutcome struct {
	path     string // as displayed
	label    string // the path in diffs: relative, slashes
	changed  bool
	skipped  bool                // left alone as a whole (a Windows image)
	findings []transform.Finding // of rules; with Fix when fixed
	ignored  []transform.Finding // silenced by pragmas
}

// usePragmas reads the file's pragmas and, when it has any, makes opts
// silence the findings they name. It prints the pragmas' warnings.
func usePragmas(r *report, display string, doc *parser.Document, opts *transform.Options) {
	p := transform.ReadPragmas(doc)
	for _, w := range p.Warnings {
		fmt.Fprintf(&r.stderr, "%s:%d: warning: %s\n", display, w.Line, w.Message)
	}
	if !p.Empty() {
		opts.Ignore = p.Silences
	}
}

// printIgnored lists, with -v, the findings pragmas silenced.
func (c *config) printIgnored(r *report, display string, res *transform.Result) {
	if !c.verbose || c.check {
		return
	}
	for _, f := range res.Ignored {
		fmt.Fprintf(&r.stderr, "%s:%d: ignored: %s %s (unroot pragma)\n", display, f.Line, f.Rule, f.Message)
	}
}

// newOutcome records a processed file.
func newOutcome(display, label string, res *transform.Result) *fileOutcome {
	o := &fileOutcome{path: display, label: label, changed: res.Changed(), skipped: res.Skipped != "", ignored: res.Ignored}
	for _, f := range res.Findings {
		if f.Rule != "" {
			o.findings = append(o.findings, f)
		}
	}
	return o
}

// reportsOnly reports whether the file has findings unroot could not fix.
func (o *fileOutcome) reportsOnly() bool {
	for _, f := range o.findings {
		if f.Fix == nil {
			return true
		}
	}
	return false
}
