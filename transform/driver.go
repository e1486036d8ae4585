package transform

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/unroot/unroot/parser"
)

// ErrInternal marks a failure that is unroot's fault (a pass produced an
// edit that does not parse), not the input's.
var ErrInternal = errors.New("internal error")

// Result is what unroot made of one file.
type Result struct {
	Doc      *parser.Document
	Output   []byte
	Findings []Finding // sorted by line; those with a Fix were applied
	// Skipped is set when the file was left alone as a whole, with why.
	Skipped string
	// Edits are the edits applied, in output order.
	Edits []Edit
	// Ignored are the findings Options.Ignore silenced, sorted by line.
	Ignored []Finding
}

// Changed reports whether the output differs from the input.
func (r *Result) Changed() bool { return !bytes.Equal(r.Doc.Src, r.Output) }

// Run runs the selected rules on doc and applies their fixes. An error means
// unroot could not do its work on this file (the output must not be used).
func Run(doc *parser.Document, opts Options) (*Result, error) {
	res := &Result{Doc: doc, Output: doc.Src}
	if doc.IsWindows() {
		res.Skipped = "Windows image: it has no UIDs to fix"
		return res, nil
	}
	target, err := NewTarget(doc, opts)
	if err != nil {
		return nil, err
	}
	var findings []Finding
	for _, rule := range selectRules(opts) {
		p := &Pass{Rule: rule, Doc: doc, Target: target, Options: opts}
		p.report = func(f Finding) { findings = append(findings, f) }
		rule.Check(p)
	}
	if opts.Ignore != nil {
		kept := findings[:0]
		for _, f := range findings {
			if opts.Ignore(f) {
				res.Ignored = append(res.Ignored, f)
			} else {
				kept = append(kept, f)
			}
		}
		findings = kept
		slices.SortStableFunc(res.Ignored, func(a, b Finding) int { return a.Line - b.Line })
	}
	out, findings, edits := Apply(doc, findings)
	if err := checkDroppedEscapes(doc, edits); err != nil {
		return nil, err
	}
	if err := checkOutput(doc, out, edits); err != nil {
		return nil, err
	}
	slices.SortStableFunc(findings, func(a, b Finding) int { return a.Line - b.Line })
	res.Output, res.Findings, res.Edits = out, findings, edits
	return res, nil
}

// selectRules applies --only and --skip.
func selectRules(opts Options) []*Rule {
	var out []*Rule
	for _, r := range Rules() {
		if len(opts.Only) > 0 && !matchesRule(r, opts.Only) {
			continue
		}
		if matchesRule(r, opts.Skip) {
			continue
		}
		out = append(out, r)
	}
	return out
}

func matchesRule(r *Rule, list []string) bool {
	for _, s := range list {
		if strings.EqualFold(s, r.ID) || s == r.Name {
			return true
		}
	}
	return false
}

// ValidateRuleList checks that every entry names a rule.
func ValidateRuleList(list []string) error {
	for _, s := range list {
		if _, ok := LookupRule(s); !ok {
			return fmt.Errorf("unknown rule %q (see `unroot rules`)", s)
		}
	}
	return nil
}
