package transform

import (
	"fmt"
	"strings"

	"github.com/unroot/unroot/parser"
)

// Pragmas are the suppressions a Dockerfile holds in comments, in the manner
// of hadolint's but with unroot's own prefix (hadolint voids a pragma that
// names a rule it does not know, so UR IDs cannot share its comments):
//
//	# unroot ignore=UR004,UR005    the instruction directly below
//	# unroot global ignore=UR002   the whole file
//
// Words after the list are a reason for the reader (`# unroot ignore=UR004
// the app is its own init`).
//
// An instruction-level pragma sits on the comment lines directly above the
// instruction (a blank line ends the block), or on a comment line inside the
// instruction itself when it is continued over several lines (BuildKit
// drops such comment lines and joins the rest, so the pragma is part of the
// instruction it stands in). Lines of a here-document are script text, not
// pragmas.
type Pragmas struct {
	global map[string]bool
	// byInstruction maps an instruction's StartLine to its silenced rules.
	byInstruction map[int]map[string]bool
	// starts and ends are the instructions' line ranges, in order, to find
	// the instruction a finding's line falls in.
	starts, ends []int
	// Warnings are malformed pragmas and unknown rule IDs.
	Warnings []parser.Warning
}

// pragmaPrefix is the word that marks a comment as addressed to unroot.
const pragmaPrefix = "unroot"

// ReadPragmas reads the pragmas of doc.
func ReadPragmas(doc *parser.Document) *Pragmas {
	p := &Pragmas{}
	comment := func(line int) (string, bool) {
		t := strings.TrimSpace(doc.LineText(line))
		if !strings.HasPrefix(t, "#") {
			return "", false
		}
		return strings.TrimSpace(t[1:]), true
	}
	// claimed marks the lines already read as part of an instruction's
	// block, so that a pragma is read once.
	claimed := map[int]bool{}
	for _, ins := range doc.Instructions {
		p.starts = append(p.starts, ins.StartLine)
		p.ends = append(p.ends, ins.EndLine)
		var lines []int
		for l := ins.StartLine - 1; l >= 1; l-- {
			if _, ok := comment(l); !ok {
				break
			}
			lines = append(lines, l)
		}
		if len(ins.Heredocs) == 0 {
			for l := ins.StartLine + 1; l <= ins.EndLine; l++ {
				if _, ok := comment(l); ok {
					lines = append(lines, l)
				}
			}
		}
		for _, l := range lines {
			claimed[l] = true
			text, _ := comment(l)
			global, rules, ok := p.parse(l, text)
			if !ok {
				continue
			}
			if global {
				p.addGlobal(rules)
				continue
			}
			if p.byInstruction == nil {
				p.byInstruction = map[int]map[string]bool{}
			}
			set := p.byInstruction[ins.StartLine]
			if set == nil {
				set = map[string]bool{}
				p.byInstruction[ins.StartLine] = set
			}
			for _, r := range rules {
				set[r] = true
			}
		}
	}
	// Comment lines above no instruction: a global pragma counts anywhere;
	// an instruction pragma there has nothing to apply to.
	for l := 1; l <= len(doc.Lines); l++ {
		text, ok := comment(l)
		if !ok || claimed[l] || p.insideHeredoc(doc, l) {
			continue
		}
		global, rules, ok := p.parse(l, text)
		if !ok {
			continue
		}
		if global {
			p.addGlobal(rules)
			continue
		}
		p.warn(l, "unroot pragma with no instruction below it: it silences nothing")
	}
	return p
}

// insideHeredoc reports whether line l is in an instruction with
// here-documents (their bodies are script text).
func (p *Pragmas) insideHeredoc(doc *parser.Document, l int) bool {
	for _, ins := range doc.Instructions {
		if len(ins.Heredocs) > 0 && l > ins.StartLine && l <= ins.EndLine {
			return true
		}
	}
	return false
}

func (p *Pragmas) addGlobal(rules []string) {
	if p.global == nil {
		p.global = map[string]bool{}
	}
	for _, r := range rules {
		p.global[r] = true
	}
}

func (p *Pragmas) warn(line int, format string, args ...any) {
	p.Warnings = append(p.Warnings, parser.Warning{Line: line, Message: fmt.Sprintf(format, args...)})
}

// parse reads one comment's text (without '#'). ok is false for a comment
// that is not a pragma; a comment that starts like one but is malformed
// gets a warning. Unknown rule IDs are warned about and left out; the
// others still count.
func (p *Pragmas) parse(line int, text string) (global bool, rules []string, ok bool) {
	fields := strings.Fields(text)
	if len(fields) < 2 || fields[0] != pragmaPrefix {
		return false, nil, false
	}
	rest := fields[1:]
	if rest[0] == "global" {
		global, rest = true, rest[1:]
	}
	if len(rest) == 0 || !strings.HasPrefix(rest[0], "ignore") {
		if global {
			p.warn(line, "malformed unroot pragma: want `# unroot global ignore=UR001,...`")
		}
		// "# unroot rewrote this file": prose, not a pragma.
		return false, nil, false
	}
	list, found := strings.CutPrefix(rest[0], "ignore=")
	// Words after the list are the reason, for the reader.
	if !found || list == "" {
		p.warn(line, "malformed unroot pragma: want `# unroot ignore=UR001,UR002 [reason]`")
		return false, nil, false
	}
	for _, id := range strings.Split(list, ",") {
		r, known := LookupRule(strings.TrimSpace(id))
		if !known {
			p.warn(line, "unknown rule %q in unroot pragma (see `unroot rules`)", id)
			continue
		}
		rules = append(rules, r.ID)
	}
	return global, rules, true
}

// Empty reports whether the file silences nothing.
func (p *Pragmas) Empty() bool { return len(p.global) == 0 && len(p.byInstruction) == 0 }

// Silences reports whether a finding is silenced: its rule is ignored for
// the file, or for the instruction its line falls in. Notes that belong to
// no rule are never silenced.
func (p *Pragmas) Silences(f Finding) bool {
	if f.Rule == "" {
		return false
	}
	if p.global[f.Rule] {
		return true
	}
	if f.Line <= 0 || len(p.byInstruction) == 0 {
		return false
	}
	for i, start := range p.starts {
		if start <= f.Line && f.Line <= p.ends[i] {
			return p.byInstruction[start][f.Rule]
		}
	}
	return false
}
