package props

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/unroot/unroot/diff"
	"github.com/unroot/unroot/transform"
)

// corpusStats is what a corpus run did, per rule and for the reader of its
// diffs: how many files each rule fixed, found fine, or could only report
// (by reason), and how many lines a reviewer reads per changed file.
type corpusStats struct {
	files    int
	fixed    map[string]int
	fine     map[string]int
	reported map[string]map[string]int // rule -> reason -> files
	added    []int                     // lines added per changed file
	longest  int                       // the longest added line
	longLine string

	// Outcomes, from transform.Assess on the original and the output.
	shell, goodHome, initPID1, passwd int // of the stages with a shell
	named, namedNumeric               int // stages whose original USER is a name
	unknownBase                       int // files with a report that a base image is not known
}

func newCorpusStats() *corpusStats {
	return &corpusStats{fixed: map[string]int{}, fine: map[string]int{}, reported: map[string]map[string]int{}}
}

var (
	reasonNumbers = regexp.MustCompile(`[0-9]+`)
	reasonPaths   = regexp.MustCompile(`(/[^ ,;:()]+)+`)
	reasonQuoted  = regexp.MustCompile("`[^`]*`|\"[^\"]*\"|'[^']*'")
	reasonImages  = regexp.MustCompile(`\b[a-z0-9][a-z0-9._/-]*:[A-Za-z0-9._${}-]+`)
	reasonUser    = regexp.MustCompile(`^USER \S+`)
)

// reason turns a finding's message into its kind: the cause after the
// first "; " when there is one (what a rule says it could not do, and why),
// with user names, images, paths, numbers and quoted text left out.
func reason(msg string) string {
	r := msg
	if i := strings.Index(r, "; "); i >= 0 {
		r = r[i+2:]
	}
	r = reasonUser.ReplaceAllString(r, "USER NAME")
	r = reasonQuoted.ReplaceAllString(r, "…")
	r = reasonImages.ReplaceAllString(r, "IMAGE")
	r = reasonPaths.ReplaceAllString(r, "PATH")
	r = reasonNumbers.ReplaceAllString(r, "N")
	if len(r) > 110 {
		r = r[:110] + "…"
	}
	return r
}

// addOutcome records what the original and the output do.
func (s *corpusStats) addOutcome(before, after transform.Assessment) {
	if before.NamedUser {
		s.named++
		if after.NumericUser {
			s.namedNumeric++
		}
	}
	if !after.HasShell {
		return
	}
	s.shell++
	for _, c := range []struct {
		ok bool
		n  *int
	}{{after.GoodHome, &s.goodHome}, {after.Init, &s.initPID1}, {after.PasswdFix, &s.passwd}} {
		if c.ok {
			*c.n++
		}
	}
}

// add records one file's result.
func (s *corpusStats) add(name string, src []byte, res *transform.Result) {
	s.files++
	if slices.ContainsFunc(res.Findings, func(f transform.Finding) bool {
		return f.Fix == nil && (strings.Contains(f.Message, "which is not known") || strings.Contains(f.Message, "may set one") || strings.Contains(f.Message, "no package manager is known"))
	}) {
		s.unknownBase++
	}
	byRule := map[string][]transform.Finding{}
	for _, f := range res.Findings {
		if f.Rule != "" {
			byRule[f.Rule] = append(byRule[f.Rule], f)
		}
	}
	for _, r := range transform.Rules() {
		fs := byRule[r.ID]
		switch {
		case len(fs) == 0:
			s.fine[r.ID]++
		case slices.ContainsFunc(fs, func(f transform.Finding) bool { return f.Fix != nil }):
			s.fixed[r.ID]++
		default:
			if s.reported[r.ID] == nil {
				s.reported[r.ID] = map[string]int{}
			}
			s.reported[r.ID][reason(fs[0].Message)]++
		}
	}
	if !res.Changed() {
		return
	}
	n := 0
	for _, l := range strings.Split(diff.Unified(name, src, res.Output), "\n") {
		if strings.HasPrefix(l, "+") && !strings.HasPrefix(l, "+++") {
			n++
			if len(l)-1 > s.longest {
				s.longest, s.longLine = len(l)-1, name
			}
		}
	}
	s.added = append(s.added, n)
}

// target is one outcome share and the least it may be, in percent.
type target struct {
	name     string
	got, min float64
}

// targets are the outcome shares the corpus run is held to.
func (s *corpusStats) targets() []target {
	share := func(n, d int) float64 {
		if d == 0 {
			return 0
		}
		return 100 * float64(n) / float64(d)
	}
	return []target{
		{"final stages with a shell that end with a good HOME", share(s.goodHome, s.shell), 97},
		{"final stages with a shell that end with an init as PID 1", share(s.initPID1, s.shell), 90},
		{"final stages with a shell that end with a passwd fix", share(s.passwd, s.shell), 95},
		{"named USERs made numeric", share(s.namedNumeric, s.named), 80},
	}
}

// table renders the statistics for the test log.
func (s *corpusStats) table() string {
	var b strings.Builder
	fmt.Fprintf(&b, "per rule, over %d files (a file counts once per rule: fixed when any finding of the rule was fixed):\n", s.files)
	fmt.Fprintf(&b, "  %-6s %7s %7s %9s\n", "rule", "fixed", "fine", "reported")
	for _, r := range transform.Rules() {
		rep := 0
		for _, n := range s.reported[r.ID] {
			rep += n
		}
		fmt.Fprintf(&b, "  %-6s %7d %7d %9d\n", r.ID, s.fixed[r.ID], s.fine[r.ID], rep)
	}
	b.WriteString("reported, by reason (files):\n")
	for _, r := range transform.Rules() {
		type kv struct {
			k string
			v int
		}
		var rs []kv
		for k, v := range s.reported[r.ID] {
			rs = append(rs, kv{k, v})
		}
		sort.Slice(rs, func(i, j int) bool { return rs[i].v > rs[j].v || rs[i].v == rs[j].v && rs[i].k < rs[j].k })
		for i, x := range rs {
			if i == 8 {
				fmt.Fprintf(&b, "  %s  (%d more reasons)\n", r.ID, len(rs)-i)
				break
			}
			fmt.Fprintf(&b, "  %s %5d  %s\n", r.ID, x.v, x.k)
		}
	}
	pct := func(n, d int) string {
		if d == 0 {
			return "-"
		}
		return fmt.Sprintf("%d/%d = %.1f%%", n, d, 100*float64(n)/float64(d))
	}
	fmt.Fprintf(&b, "outcomes: of %d final stages with a shell: good HOME %s, an init as PID 1 %s, a passwd fix %s; named USERs made numeric %s; files with a report that a base image is not known: %d\n",
		s.shell, pct(s.goodHome, s.shell), pct(s.initPID1, s.shell), pct(s.passwd, s.shell), pct(s.namedNumeric, s.named), s.unknownBase)
	if len(s.added) > 0 {
		a := slices.Clone(s.added)
		slices.Sort(a)
		p := func(q float64) int { return a[min(len(a)-1, int(q*float64(len(a))))] }
		fmt.Fprintf(&b, "review burden: %d changed files; lines added per file: median %d, p90 %d, max %d; longest added line %d characters (%s)\n",
			len(a), p(0.5), p(0.9), a[len(a)-1], s.longest, s.longLine)
	}
	return b.String()
}
