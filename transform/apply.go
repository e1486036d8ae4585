package transform

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/unroot/unroot/parser"
)

// Apply applies the fixes of findings to the document's original bytes in
// one go. Edits from different findings compose when they do not overlap
// (inserts at the same offset are kept in Order, then in finding order); a
// fix that overlaps one already accepted is dropped whole and its finding
// says so. It returns the new bytes, the findings (with dropped fixes
// cleared) and the accepted edits.
func Apply(doc *parser.Document, findings []Finding) ([]byte, []Finding, []Edit) {
	var accepted acceptedEdits
	out := make([]Finding, len(findings))
	copy(out, findings)
	for i := range out {
		f := &out[i]
		if f.Fix == nil || len(f.Fix.Edits) == 0 {
			f.Fix = nil
			continue
		}
		var add []Edit
		ok := true
		for _, e := range f.Fix.Edits {
			if e.Start < 0 || e.End < e.Start || e.End > len(doc.Src) {
				ok = false
				break
			}
			dup, clash := accepted.check(e)
			if clash {
				ok = false
				break
			}
			if !dup {
				add = append(add, e)
			}
		}
		if !ok {
			f.Fix = nil
			f.Message += " (not fixed: conflicts with another change)"
			continue
		}
		for _, e := range add {
			accepted.add(e)
		}
	}
	return applyAccepted(doc, out, accepted.edits)
}

// applyAccepted writes the accepted edits into the document's bytes.
func applyAccepted(doc *parser.Document, out []Finding, accepted []Edit) ([]byte, []Finding, []Edit) {
	sortEdits(accepted)
	if escs := danglingEscapes(doc); len(escs) > 0 {
		// Something appended after a last instruction that ends in a
		// continuation would join it: drop the escapes (BuildKit ignores
		// them at the end of the file), unless an edit rewrites them.
		appended, touched := false, false
		for _, e := range accepted {
			appended = appended || e.Start >= escs[len(escs)-1].End
			for _, sp := range escs {
				touched = touched || (e.Start < sp.End && sp.Start < e.End) || (e.Start == e.End && e.Start > sp.Start && e.Start < sp.End)
			}
		}
		if appended && !touched {
			for _, sp := range escs {
				accepted = append(accepted, Edit{Start: sp.Start, End: sp.End})
			}
			sortEdits(accepted)
		}
	}
	for i := range accepted {
		accepted[i].Text = render(doc, accepted[i].Text)
	}
	size := len(doc.Src)
	for _, e := range accepted {
		size += len(e.Text) - (e.End - e.Start)
	}
	var buf bytes.Buffer
	buf.Grow(size)
	pos := 0
	for _, e := range accepted {
		buf.Write(doc.Src[pos:e.Start])
		buf.WriteString(e.Text)
		pos = e.End
	}
	buf.Write(doc.Src[pos:])
	return buf.Bytes(), out, accepted
}

// sortEdits orders edits by position; inserts at one offset by Order, then
// in the order they came.
func sortEdits(edits []Edit) {
	slices.SortStableFunc(edits, func(a, b Edit) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		if a.End != b.End {
			return a.End - b.End
		}
		return a.Order - b.Order
	})
}

// acceptedEdits are the edits accepted so far, sorted by (Start, End):
// accepted replacements never overlap, so their ends are sorted too, and an
// edit is checked against its neighbours only (a file may get thousands of
// edits).
type acceptedEdits struct{ edits []Edit }

// check reports whether e is already accepted (dup) or overlaps an
// accepted edit (clash).
func (a *acceptedEdits) check(e Edit) (dup, clash bool) {
	// Every edit that can touch e ends at or after e.Start and starts at
	// or before e.End.
	i, _ := slices.BinarySearchFunc(a.edits, e.Start, func(x Edit, start int) int { return x.End - start })
	for ; i < len(a.edits) && a.edits[i].Start <= e.End; i++ {
		x := a.edits[i]
		if x == e {
			dup = true
			continue
		}
		if overlaps(x, e) {
			return dup, true
		}
	}
	return dup, false
}

// add inserts e in order.
func (a *acceptedEdits) add(e Edit) {
	i, _ := slices.BinarySearchFunc(a.edits, e, func(x, e Edit) int {
		if x.Start != e.Start {
			return x.Start - e.Start
		}
		if x.End != e.End {
			return x.End - e.End
		}
		return -1 // after equal ones: keep the order they came in
	})
	a.edits = slices.Insert(a.edits, i, e)
}

// overlaps reports whether two edits touch the same bytes. Inserts at the
// same offset, and an insert at either end of a replacement, do not.
func overlaps(a, b Edit) bool {
	if a.Start == a.End || b.Start == b.End {
		p, e := a, b
		if b.Start == b.End {
			p, e = b, a
		}
		return e.Start < p.Start && p.Start < e.End
	}
	return a.Start < b.End && b.Start < a.End
}

// render writes a pass's text in the file's own conventions: its line
// terminator and escape token.
func render(doc *parser.Document, text string) string {
	if doc.NL == "\n" && doc.Escape == '\\' {
		return text
	}
	text = strings.ReplaceAll(text, "\\\n", "\x00")
	text = strings.ReplaceAll(text, "\n", doc.NL)
	return strings.ReplaceAll(text, "\x00", string(doc.Escape)+doc.NL)
}

// checkOutput re-parses only what changed: every region of the output made
// of the instructions the edits touch, with the file's escape token. All
// regions go through one parse (BuildKit compiles its regular expressions on
// every call), each followed by a sentinel instruction. A region that does
// not parse, that swallows its sentinel (a trailing continuation, an open
// heredoc), or in which an original instruction no longer stands on its own
// means a pass produced a broken edit.
func checkOutput(doc *parser.Document, out []byte, edits []Edit) error {
	regions := editRegions(doc, edits)
	if len(regions) == 0 {
		return nil
	}
	var src bytes.Buffer
	final := func(i int) bool { return i == len(regions)-1 && isLastRegion(doc, regions[i]) }
	offsets := newOffsetMap(edits)
	for i, r := range regions {
		start := offsets.out(r.Start, true)
		end := offsets.out(r.End, false)
		if start < 0 || end > len(out) || start > end {
			return fmt.Errorf("%w: edit region out of range", ErrInternal)
		}
		writeRegion(&src, doc, edits, r)
		if !final(i) {
			// The last region may end in a dangling continuation
			// that would take in a sentinel: it needs none.
			src.WriteString("\n" + sentinel + "\n")
		}
	}
	text := src.Bytes()
	var head []byte
	if doc.Escape != '\\' {
		// The file's escape token. Only where needed: the directive costs
		// the parser a second compilation of its continuation pattern.
		head = fmt.Appendf(head, "# escape=%c\n", doc.Escape)
	}
	if bytes.HasPrefix(bytes.TrimLeft(text, " \t\r\n"), []byte("#")) {
		// A comment that opens a region is not a parser directive (it
		// follows instructions in the file): a comment that is none ends
		// the directives.
		head = append(head, "#\n"...)
	}
	if head != nil {
		text = append(head, text...)
	}
	res, err := bkparser.Parse(bytes.NewReader(text))
	if err != nil {
		return fmt.Errorf("%w: a change does not parse: %v", ErrInternal, err)
	}
	nodes := res.AST.Children
	for i, r := range regions {
		var group []string
		for len(nodes) > 0 && strings.TrimSpace(nodes[0].Original) != sentinel {
			group = append(group, strings.ToLower(nodes[0].Value))
			nodes = nodes[1:]
		}
		if final(i) {
			nodes = nil
		} else {
			if len(nodes) == 0 {
				return fmt.Errorf("%w: the change near line %d runs into the instruction after it", ErrInternal, doc.LineAt(r.Start))
			}
			nodes = nodes[1:]
		}
		if !keepsOriginals(doc, r, group) || len(group) < originalsIn(doc, r)+insertedIn(doc, edits, r) {
			return fmt.Errorf("%w: the change near line %d merges instructions", ErrInternal, doc.LineAt(r.Start))
		}
	}
	return nil
}

// keepsOriginals reports whether the keywords of the original instructions
// in region r appear, in order, among the parsed keywords.
func keepsOriginals(doc *parser.Document, r parser.Span, parsed []string) bool {
	i := 0
	for _, ins := range instructionsIn(doc, r) {
		if ins.Span.Start < r.Start || ins.Span.Start > r.End {
			continue
		}
		for i < len(parsed) && parsed[i] != ins.Keyword {
			i++
		}
		if i == len(parsed) {
			return false
		}
		i++
	}
	return true
}

// writeRegion writes the output text of region r, built from the original
// and the edits, the way Apply builds it, except that a long edit text made
// only of continued lines (a command list appended to a RUN) is written as a
// one-word stand-in: such a text cannot change how BuildKit splits the
// file, and the real parse is costly on long lines.
func writeRegion(w *bytes.Buffer, doc *parser.Document, edits []Edit, r parser.Span) {
	pos := r.Start
	for _, e := range editsIn(edits, r) {
		if e.Start < r.Start || e.Start > r.End || e.End > r.End || e.Start < pos {
			continue
		}
		w.Write(doc.Src[pos:e.Start])
		atLineStart := e.Start == 0 || doc.Src[e.Start-1] == '\n'
		body, whole := strings.CutSuffix(e.Text, doc.NL)
		switch {
		case len(e.Text) > 80 && !atLineStart && onlyContinuedLines(doc, e.Text):
			w.WriteString(" unroot-stand-in")
		case len(e.Text) > 80 && atLineStart && whole && onlyContinuedLines(doc, body) && startsRun(body):
			// One whole new RUN: one short RUN line.
			w.WriteString("RUN unroot-stand-in" + doc.NL)
		default:
			w.WriteString(e.Text)
		}
		pos = e.End
	}
	w.Write(doc.Src[pos:r.End])
}

// onlyContinuedLines reports whether a rendered edit text is one logical
// line: every physical line but the last ends with the escape token, the
// last does not, and no line is blank, a comment or opens a here-document.
func onlyContinuedLines(doc *parser.Document, text string) bool {
	lines := strings.Split(text, doc.NL)
	if len(lines) == 1 && strings.Contains(text, "\n") {
		return false // mixed line endings: do not guess
	}
	esc := string(doc.Escape)
	for i, l := range lines {
		t := strings.TrimRight(l, " \t")
		if strings.Contains(l, "<<") || (i > 0 && (strings.TrimSpace(l) == "" || strings.HasPrefix(strings.TrimSpace(l), "#"))) {
			return false
		}
		if (i < len(lines)-1) != strings.HasSuffix(t, esc) {
			return false
		}
	}
	return true
}

// startsRun reports whether text is a RUN instruction in shell form (any
// shell text is valid there, so a stand-in parses as it does).
func startsRun(text string) bool {
	f := strings.Fields(text)
	return len(f) > 1 && strings.EqualFold(f[0], "RUN") && !strings.HasPrefix(f[1], "[") && !strings.HasPrefix(f[1], "--")
}

// isLastRegion reports whether region r holds the file's last instruction.
func isLastRegion(doc *parser.Document, r parser.Span) bool {
	n := len(doc.Instructions)
	return n > 0 && r.End >= doc.Instructions[n-1].Span.End
}

// originalsIn counts the original instructions that start in region r.
func originalsIn(doc *parser.Document, r parser.Span) int {
	n := 0
	for _, ins := range instructionsIn(doc, r) {
		if ins.Span.Start >= r.Start && ins.Span.Start <= r.End {
			n++
		}
	}
	return n
}

// insertedIn counts the instructions that pure insertions of whole lines
// add in region r: lines of their text that start an instruction (not
// blank, not a comment, not continuing the line before). Edits are
// rendered, so the file's escape token marks continuations.
func insertedIn(doc *parser.Document, edits []Edit, r parser.Span) int {
	n := 0
	for _, e := range editsIn(edits, r) {
		if e.Start != e.End || e.Start < r.Start || e.Start > r.End || inHeredocBody(doc, r, e.Start) {
			continue
		}
		cont := e.Start > 0 && doc.Src[e.Start-1] != '\n'
		text := e.Text
		if cont && strings.HasPrefix(text, doc.NL) {
			// "\nUSER 1001" appended to a last line without a newline.
			text, cont = text[len(doc.NL):], false
		}
		delim := "" // the terminator of a here-document being inserted
		for _, line := range strings.Split(text, "\n") {
			t := strings.TrimSpace(line)
			if delim != "" {
				if t == delim {
					delim = ""
				}
				continue
			}
			if !cont && t != "" && !strings.HasPrefix(t, "#") {
				n++
				delim = heredocDelimiter(t)
			}
			cont = strings.HasSuffix(t, string(doc.Escape))
		}
	}
	return n
}

// heredocDelimiter returns the terminator of the here-document an inserted
// instruction line opens (`COPY <<'EOF' /path`), "" when it opens none.
func heredocDelimiter(line string) string {
	i := strings.Index(line, "<<")
	if i < 0 {
		return ""
	}
	rest := strings.TrimPrefix(line[i+2:], "-")
	rest = strings.TrimLeft(rest, `'"`)
	end := strings.IndexFunc(rest, func(r rune) bool {
		return !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	})
	if end < 0 {
		end = len(rest)
	}
	return rest[:end]
}

// inHeredocBody reports whether offset off lies inside an instruction of
// region r that has here-documents: lines inserted there are script lines
// of its body, not instructions.
func inHeredocBody(doc *parser.Document, r parser.Span, off int) bool {
	for _, ins := range instructionsIn(doc, r) {
		if len(ins.Heredocs) > 0 && ins.Span.Start < off && off < ins.Span.End {
			return true
		}
	}
	return false
}

// sentinel ends each region in checkOutput; no Dockerfile uses it.
const sentinel = "unroot-region-end"

// editRegions groups edits into regions of the original made of whole lines
// and whole instructions.
func editRegions(doc *parser.Document, edits []Edit) []parser.Span {
	var regions []parser.Span
	for _, e := range edits {
		first := doc.LineAt(e.Start)
		last := first
		if e.End > e.Start {
			last = doc.LineAt(e.End - 1)
		}
		r := parser.Span{Start: doc.LineStart(first), End: doc.LineEnd(last)}
		// Instructions are in file order and do not overlap: start at the
		// first that ends at or after the region.
		from, _ := slices.BinarySearchFunc(doc.Instructions, r.Start, func(ins *parser.Instruction, off int) int { return ins.Span.End - off })
		for _, ins := range doc.Instructions[from:] {
			if ins.Span.Start > r.End {
				break
			}
			if ins.Span.Start <= r.End && r.Start <= ins.Span.End {
				r.Start = min(r.Start, doc.LineStart(ins.StartLine))
				r.End = max(r.End, ins.Span.End)
			}
		}
		if n := len(regions); n > 0 && r.Start <= regions[n-1].End {
			regions[n-1].End = max(regions[n-1].End, r.End)
			continue
		}
		regions = append(regions, r)
	}
	return regions
}

// offsetMap maps offsets of the original to the output, for edits sorted
// as Apply sorts them: the length change of every edit before an offset is
// summed once (checkOutput asks for two offsets per region).
type offsetMap struct {
	edits []Edit
	delta []int // delta[k] is the length change of edits[:k]
	// lastRepl[k] is the index of the last replacement among edits[:k],
	// -1 when none.
	lastRepl []int
}

func newOffsetMap(edits []Edit) *offsetMap {
	m := &offsetMap{edits: edits, delta: make([]int, len(edits)+1), lastRepl: make([]int, len(edits)+1)}
	m.lastRepl[0] = -1
	for k, e := range edits {
		m.delta[k+1] = m.delta[k] + len(e.Text) - (e.End - e.Start)
		m.lastRepl[k+1] = m.lastRepl[k]
		if e.Start < e.End {
			m.lastRepl[k+1] = k
		}
	}
	return m
}

// out maps off to the output. Inserts exactly at off are placed after the
// result when before is true, else before it. A replacement that holds off
// (starts before it, ends after it) does not count.
func (m *offsetMap) out(off int, before bool) int {
	k, _ := slices.BinarySearchFunc(m.edits, off, func(e Edit, off int) int { return e.Start - off })
	d := m.delta[k]
	if j := m.lastRepl[k]; j >= 0 && m.edits[j].End > off {
		e := m.edits[j]
		d -= len(e.Text) - (e.End - e.Start)
	}
	for ; !before && k < len(m.edits) && m.edits[k].Start == off; k++ {
		if e := m.edits[k]; e.Start == e.End {
			d += len(e.Text)
		}
	}
	return off + d
}

// instructionsIn returns the instructions that start within r (and perhaps
// a few around it): the ones a region check looks at.
func instructionsIn(doc *parser.Document, r parser.Span) []*parser.Instruction {
	from, _ := slices.BinarySearchFunc(doc.Instructions, r.Start, func(ins *parser.Instruction, off int) int { return ins.Span.Start - off })
	to, _ := slices.BinarySearchFunc(doc.Instructions, r.End+1, func(ins *parser.Instruction, off int) int { return ins.Span.Start - off })
	return doc.Instructions[from:max(from, to)]
}

// editsIn returns the sorted edits that start within r.
func editsIn(edits []Edit, r parser.Span) []Edit {
	from, _ := slices.BinarySearchFunc(edits, r.Start, func(e Edit, off int) int { return e.Start - off })
	to, _ := slices.BinarySearchFunc(edits, r.End+1, func(e Edit, off int) int { return e.Start - off })
	return edits[from:max(from, to)]
}

// checkDroppedEscapes refuses a file whose dangling escapes at the end (see
// danglingEscapes) hold an escaped blank, `RUN cmd\ \`, when the applier
// had to drop them to append a line: the first escape belongs to the
// command (an escaped space), yet left in place it would still continue the
// line into whatever is appended.
func checkDroppedEscapes(doc *parser.Document, edits []Edit) error {
	esc := string(doc.Escape)
	for _, sp := range danglingEscapes(doc) {
		text := string(doc.Src[sp.Start:sp.End])
		if strings.Count(text, esc) < 2 {
			continue
		}
		for _, e := range edits {
			if e.Start == sp.Start && e.End == sp.End && e.Text == "" {
				return fmt.Errorf("line %d: the file ends in an escaped blank and a continuation (%q): a line added after it would join it, and dropping the escapes would change it; end the file with a complete line",
					doc.LineAt(sp.Start), text)
			}
		}
	}
	return nil
}
