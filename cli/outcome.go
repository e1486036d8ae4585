package cli

import (
	"bytes"
	"fmt"
	"slices"

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

// runWithPragmas runs the rules on doc, silencing what the file's pragmas
// name, and prints the pragmas' warnings.
//
// A rule's check can build on another's decision (UR005's start-up script
// goes after the tini UR004 chose): dropping only a silenced finding's own
// edits could leave such a trace. So a rule whose every finding in the file
// is silenced is run again as if skipped (--skip), and the file is redone
// without it; a rule silenced on some instructions but not others loses
// only those findings' edits.
func runWithPragmas(r *report, display string, doc *parser.Document, opts transform.Options) (*transform.Result, error) {
	if !bytes.Contains(doc.Src, []byte("unroot")) {
		return transform.Run(doc, opts) // no pragma: the common case, read no further
	}
	p := transform.ReadPragmas(doc)
	for _, w := range p.Warnings {
		fmt.Fprintf(&r.stderr, "%s:%d: warning: %s\n", display, w.Line, w.Message)
	}
	if p.Empty() {
		return transform.Run(doc, opts)
	}
	opts.Ignore = p.Silences
	res, err := transform.Run(doc, opts)
	if err != nil || len(res.Ignored) == 0 {
		return res, err
	}
	kept := map[string]bool{}
	for _, f := range res.Findings {
		kept[f.Rule] = true
	}
	var silenced []string
	for _, f := range res.Ignored {
		if !kept[f.Rule] && !slices.Contains(silenced, f.Rule) {
			silenced = append(silenced, f.Rule)
		}
	}
	if len(silenced) == 0 {
		return res, nil
	}
	// A fresh document: the first run's is not reused for the second.
	again, err := parser.Parse(display, doc.Src)
	if err != nil {
		return nil, err
	}
	opts.Skip = append(slices.Clone(opts.Skip), silenced...)
	res2, err := transform.Run(again, opts)
	if err != nil {
		return nil, err
	}
	// The skipped rules' findings are those the first run silenced.
	for _, f := range res.Ignored {
		if slices.Contains(silenced, f.Rule) {
			res2.Ignored = append(res2.Ignored, f)
		}
	}
	slices.SortStableFunc(res2.Ignored, func(a, b transform.Finding) int { return a.Line - b.Line })
	return res2, nil
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
