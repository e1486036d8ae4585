package cli

import (
	"cmp"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"

	"github.com/unroot/unroot/transform"
)

// runSummary counts what a run did, file by file, in the order files were
// printed.
type runSummary struct {
	files, changed, fine, reportsOnly, skipped, errors, ignored int
	// outcomes are kept only when keep is set (--statistics, --pr-body):
	// the counts alone need no memory per file.
	keep     bool
	outcomes []*fileOutcome
}

// add counts one task's report.
func (s *runSummary) add(r *report) {
	s.files++
	o := r.outcome
	switch {
	case r.failed:
		s.errors++
	case o == nil || o.skipped:
		s.skipped++ // not a Dockerfile, or a Windows image
	case o.changed:
		s.changed++
	case o.reportsOnly():
		s.reportsOnly++
	default:
		s.fine++
	}
	if o != nil && !r.failed {
		s.ignored += len(o.ignored)
		if s.keep {
			s.outcomes = append(s.outcomes, o)
		}
	}
}

// line is the last line of a run over several files:
// "412 files: 168 changed, 221 already fine, 23 with reports only, 0 errors".
func (s *runSummary) line(wrote bool) string {
	verb := "would change"
	if wrote {
		verb = "changed"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d files: %d %s, %d already fine, %d with reports only, %d errors", s.files, s.changed, verb, s.fine, s.reportsOnly, s.errors)
	if s.skipped > 0 {
		fmt.Fprintf(&b, ", %d skipped", s.skipped)
	}
	if s.ignored > 0 {
		fmt.Fprintf(&b, ", %d ignored", s.ignored)
	}
	return b.String()
}

// ruleCounts are one rule's numbers over a run.
type ruleCounts struct {
	fixed, reported, ignored int
	reasons                  map[string]int // reported findings by reason
}

// countRules gathers every rule's numbers, in the rules' order.
func countRules(outcomes []*fileOutcome) ([]*transform.Rule, map[string]*ruleCounts) {
	rules := transform.Rules()
	counts := map[string]*ruleCounts{}
	for _, r := range rules {
		counts[r.ID] = &ruleCounts{reasons: map[string]int{}}
	}
	for _, o := range outcomes {
		for _, f := range o.findings {
			rc := counts[f.Rule]
			if rc == nil {
				continue
			}
			if f.Fix != nil {
				rc.fixed++
			} else {
				rc.reported++
				rc.reasons[reason(f.Message)]++
			}
		}
		for _, f := range o.ignored {
			if rc := counts[f.Rule]; rc != nil {
				rc.ignored++
			}
		}
	}
	return rules, counts
}

// writeStatistics prints --statistics: per rule, findings fixed, reported
// and ignored, then the reported ones by reason, most frequent first.
func writeStatistics(w io.Writer, outcomes []*fileOutcome) {
	rules, counts := countRules(outcomes)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "rule\tname\tfixed\treported\tignored\t")
	for _, r := range rules {
		rc := counts[r.ID]
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t\n", r.ID, r.Name, rc.fixed, rc.reported, rc.ignored)
	}
	tw.Flush()
	for _, r := range rules {
		rs := sortedReasons(counts[r.ID].reasons)
		if len(rs) == 0 {
			continue
		}
		fmt.Fprintf(w, "%s reported:\n", r.ID)
		for _, rc := range rs {
			fmt.Fprintf(w, "  %5d  %s\n", rc.n, rc.text)
		}
	}
}

type reasonCount struct {
	text string
	n    int
}

func sortedReasons(m map[string]int) []reasonCount {
	var out []reasonCount
	for t, n := range m {
		out = append(out, reasonCount{t, n})
	}
	slices.SortFunc(out, func(a, b reasonCount) int {
		return cmp.Or(b.n-a.n, strings.Compare(a.text, b.text))
	})
	return out
}

// reasonPatterns are compiled on first use, not at start-up: most runs
// never print statistics.
var reasonPatterns = sync.OnceValue(func() (p struct{ echo, parens, path, paths, user, quoted, digits *regexp.Regexp }) {
	// A message's opening quote of the instruction it is about: "USER
	// app:app: ", "EXPOSE 80: ".
	p.echo = regexp.MustCompile(`^[A-Z]{3,}\s.*?: `)
	p.parens = regexp.MustCompile(`\s*\([^()]*\)`)
	p.path = regexp.MustCompile(`(^|\s)/[^\s,;:]*`)
	p.paths = regexp.MustCompile(`<path>(, <path>)+,?`)
	p.user = regexp.MustCompile(`\bas USER [^\s,;]*[^\s,;:]`)
	p.quoted = regexp.MustCompile(`"[^"]*"|\[[^\]]*\]`)
	p.digits = regexp.MustCompile(`\b[0-9]{2,}\b`)
	return p
})

// reason is a finding's message without what is particular to one file
// (the instruction it quotes, paths, names, numbers, asides in
// parentheses) and cut at its first clause, so that findings of one kind
// count together: `USER mike: cannot resolve "mike" to a UID (...); pass
// --uid N` is `cannot resolve "…" to a UID`.
func reason(msg string) string {
	p := reasonPatterns()
	msg = p.echo.ReplaceAllString(msg, "")
	for prev := ""; prev != msg; {
		prev, msg = msg, p.parens.ReplaceAllString(msg, "") // nested asides too
	}
	msg = p.path.ReplaceAllString(msg, "${1}<path>")
	msg = p.paths.ReplaceAllString(msg, "<path>...")
	msg = p.user.ReplaceAllString(msg, "as USER …")
	if i := strings.IndexByte(msg, ';'); i > 0 {
		msg = msg[:i]
	}
	if i := strings.Index(msg, ": "); i > 0 {
		msg = msg[:i]
	}
	msg = p.quoted.ReplaceAllString(msg, `"…"`)
	msg = p.digits.ReplaceAllString(msg, "N")
	return strings.TrimSpace(msg)
}
