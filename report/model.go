package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/unroot/unroot/transform"
)

// fileModel is one file as every format sees it: its findings, the
// suggestions that carry their fixes, and who carries which.
type fileModel struct {
	path        string
	res         *transform.Result // nil on error
	err         error
	findings    []findingModel
	suggestions []Suggestion
}

// findingModel is a finding with what the formats add to it.
type findingModel struct {
	transform.Finding
	rule *transform.Rule // nil for a finding that names no rule
	// fixed: unroot changes the file for it (its fix was applied).
	fixed bool
	// carried are the suggestions (indexes) this finding shows; shared
	// are those that hold its edits but another finding shows.
	carried, shared []int
	// edits are the applied edits (indexes into Result.Edits) of its fix.
	edits       []int
	fingerprint string
}

// newFileModel computes the suggestions of a file and hands them out to its
// findings.
func newFileModel(f File) (*fileModel, error) {
	m := &fileModel{path: relPath(f.Path), res: f.Result, err: f.Err}
	if f.Result == nil {
		return m, nil
	}
	sugs, err := Suggestions(f.Result)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Path, err)
	}
	m.suggestions = sugs
	applied := map[editKey][]int{}
	for i, e := range f.Result.Edits {
		applied[keyOf(e)] = append(applied[keyOf(e)], i)
	}
	seen := map[string]int{}
	for fi, fd := range f.Result.Findings {
		fm := findingModel{Finding: fd, rule: ruleOf(fd), fixed: fd.Fix != nil}
		if fd.Fix != nil {
			for _, e := range fd.Fix.Edits {
				for _, i := range applied[keyOf(e)] {
					if !slices.Contains(fm.edits, i) {
						fm.edits = append(fm.edits, i)
					}
				}
			}
			slices.Sort(fm.edits)
		}
		for si, s := range sugs {
			switch {
			case s.Carrier == fi:
				fm.carried = append(fm.carried, si)
			case slices.Contains(s.Findings, fi):
				fm.shared = append(fm.shared, si)
			}
		}
		fm.fingerprint = fingerprint(m.path, fd, f.Result.Doc.LineText, seen)
		m.findings = append(m.findings, fm)
	}
	return m, nil
}

// fingerprint identifies a finding across commits: its rule, its file and
// the text of its lines (blanks trimmed), not their numbers, so that lines
// moving elsewhere in the file leave it alone; a count tells identical
// findings apart.
func fingerprint(path string, f transform.Finding, lineText func(int) string, seen map[string]int) string {
	var text []string
	if f.Line > 0 {
		for l := f.Line; l <= max(f.EndLine, f.Line); l++ {
			text = append(text, strings.TrimSpace(lineText(l)))
		}
	}
	key := f.Rule + "\x00" + path + "\x00" + strings.Join(text, "\n")
	n := seen[key]
	seen[key] = n + 1
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d", key, n)))
	return hex.EncodeToString(sum[:16])
}

// message is a finding's message, with where its change is shown when
// another finding's suggestion holds it (suggestions never overlap, so
// changes on the same lines are shown once).
func (m *fileModel) message(fi int) string {
	fm := m.findings[fi]
	msg := fm.Message
	for _, si := range fm.shared {
		s := m.suggestions[si]
		c := m.findings[s.Carrier]
		msg += fmt.Sprintf(" (its change is part of the suggestion on %s, shown with %s at line %d)", lineRange(s.StartLine, s.EndLine), c.Rule, c.Line)
	}
	return msg
}

// suggestionNote says which other findings a suggestion also fixes.
func (m *fileModel) suggestionNote(si int) string {
	s := m.suggestions[si]
	var others []string
	for _, fi := range s.Findings {
		if fi != s.Carrier {
			others = append(others, fmt.Sprintf("%s at line %d", m.findings[fi].Rule, m.findings[fi].Line))
		}
	}
	if len(others) == 0 {
		return ""
	}
	return "This suggestion also holds the change for " + strings.Join(others, ", ") + "."
}

func lineRange(a, b int) string {
	if a == b {
		return fmt.Sprintf("line %d", a)
	}
	return fmt.Sprintf("lines %d-%d", a, b)
}

// title is a finding's rule ID and name, or "unroot".
func (fm findingModel) title() string {
	if fm.rule == nil {
		if fm.Rule != "" {
			return fm.Rule
		}
		return toolName
	}
	return fm.rule.ID + " " + fm.rule.Name
}

// fence returns a code fence longer than any run of backticks in text.
func fence(text string) string {
	n, run := 3, 0
	for _, c := range text {
		if c == '`' {
			run++
			n = max(n, run+1)
		} else {
			run = 0
		}
	}
	return strings.Repeat("`", n)
}

// suggestionBlock is a GitHub suggestion: a fenced block whose lines replace
// the commented lines.
func suggestionBlock(text string) string {
	f := fence(text)
	return f + "suggestion\n" + text + "\n" + f
}
