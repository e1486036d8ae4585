package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/unroot/unroot/parser"
	"github.com/unroot/unroot/transform"
)

// Suggestion replaces whole lines of the original file, the way review tools
// show a change: the content of lines StartLine..EndLine (1-based,
// inclusive), from the start of StartLine to the end of EndLine's content,
// becomes Text. EndLine's own terminator stays, so Text never ends with one;
// terminators inside Text are the file's own bytes (CRLF stays CRLF).
type Suggestion struct {
	StartLine, EndLine int
	Text               string
	// Findings are the indexes (into Result.Findings) of the findings whose
	// edits this suggestion holds, in order; Carrier is the one that shows
	// it (each suggestion is shown once, so that no two overlap).
	Findings []int
	Carrier  int
	// Edits are the indexes (into Result.Edits) of the applied edits it
	// holds.
	Edits []int
}

// editKey identifies an edit across a finding's fix and the applied list:
// the applier renders the text (line terminator, escape token) but keeps the
// position and the order.
type editKey struct{ start, end, order int }

func keyOf(e transform.Edit) editKey { return editKey{e.Start, e.End, e.Order} }

// Suggestions maps the edits unroot applied to the smallest whole-line
// replacements of the original file that give its output:
//
//   - edits on the same line, or on lines one replacement must span, share
//     one suggestion; edits of one finding on distant lines get one each;
//   - an insertion between two lines becomes a replacement of the line after
//     it (the line before it when the line after is blank, and the last
//     line at the end of the file) that repeats that line;
//   - a replacement that would change the terminator of its last line, or
//     that would leave nothing (deleting whole lines, which a line-based
//     suggestion cannot tell from emptying them), takes in a neighbour line.
//
// The applied edits are the applier's own (Result.Edits): their text is
// already in the file's conventions, so these suggestions apply to the
// original bytes and give Result.Output exactly. An edit that belongs to no
// finding (the applier drops a continuation at the end of the file before it
// appends a line) is credited to the findings of the next suggestion.
func Suggestions(res *transform.Result) ([]Suggestion, error) {
	doc := res.Doc
	if len(res.Edits) == 0 {
		return nil, nil
	}
	if len(doc.Lines) == 0 {
		return nil, fmt.Errorf("edits in a file without lines")
	}
	var hunks []Suggestion
	for i, e := range res.Edits {
		a, b := editLines(doc, e)
		hunks = append(hunks, Suggestion{StartLine: a, EndLine: b, Edits: []int{i}})
	}
	slices.SortStableFunc(hunks, func(x, y Suggestion) int { return x.StartLine - y.StartLine })
	hunks = mergeOverlapping(hunks)
	for i := 0; i < len(hunks); {
		h := &hunks[i]
		text, ok, err := hunkText(doc, res.Edits, h)
		if err != nil {
			return nil, err
		}
		if ok {
			h.Text = text
			i++
			continue
		}
		// Take in a neighbour line (the next one, else the one before)
		// and merge with what it now touches.
		switch {
		case h.EndLine < len(doc.Lines):
			h.EndLine++
		case h.StartLine > 1:
			h.StartLine--
			if i > 0 {
				i-- // it may now reach the suggestion before it
			}
		default:
			return nil, fmt.Errorf("lines %d-%d: the change cannot be shown as a replacement of whole lines", h.StartLine, h.EndLine)
		}
		hunks = mergeOverlapping(hunks)
	}
	credit(res, hunks)
	return hunks, nil
}

// editLines returns the lines an applied edit touches. An insertion at the
// start of a line belongs to that line; at the very end of the file, to the
// last line.
func editLines(doc *parser.Document, e transform.Edit) (int, int) {
	a := doc.LineAt(e.Start)
	if e.End <= e.Start {
		if a > 1 && e.Start == doc.Lines[a-1].Start && blank(doc, a) && !blank(doc, a-1) {
			// Lines inserted before a blank line read better as
			// following the line before it.
			return a - 1, a - 1
		}
		return a, a
	}
	return a, max(a, doc.LineAt(e.End-1))
}

func blank(doc *parser.Document, n int) bool { return strings.TrimSpace(doc.LineText(n)) == "" }

// mergeOverlapping merges suggestions (sorted by StartLine) that share a
// line.
func mergeOverlapping(hunks []Suggestion) []Suggestion {
	slices.SortStableFunc(hunks, func(x, y Suggestion) int { return x.StartLine - y.StartLine })
	var out []Suggestion
	for _, h := range hunks {
		if n := len(out); n > 0 && h.StartLine <= out[n-1].EndLine {
			last := &out[n-1]
			last.EndLine = max(last.EndLine, h.EndLine)
			last.Edits = append(last.Edits, h.Edits...)
			slices.Sort(last.Edits)
			last.Text = ""
			continue
		}
		out = append(out, h)
	}
	return out
}

// hunkText applies the suggestion's edits to its lines of the original and
// returns its Text; ok is false when the result cannot be a line-based
// replacement of these lines (it changes the last terminator, or is empty).
func hunkText(doc *parser.Document, edits []transform.Edit, h *Suggestion) (string, bool, error) {
	start := doc.Lines[h.StartLine-1].Start
	last := doc.Lines[h.EndLine-1]
	end := last.Next
	var b strings.Builder
	pos := start
	for _, i := range h.Edits {
		e := edits[i]
		if e.Start < pos || e.End > end {
			return "", false, fmt.Errorf("line %d: an edit at bytes %d-%d falls outside the lines %d-%d it was mapped to", h.StartLine, e.Start, e.End, h.StartLine, h.EndLine)
		}
		b.Write(doc.Src[pos:e.Start])
		b.WriteString(e.Text)
		pos = e.End
	}
	b.Write(doc.Src[pos:end])
	out := b.String()
	term := string(doc.Src[last.End:last.Next])
	text, ok := strings.CutSuffix(out, term)
	if !ok || text == "" {
		return "", false, nil
	}
	if term == "" && (strings.HasSuffix(text, "\n") || strings.HasSuffix(text, "\r")) {
		// A terminator added at the end of a file that has none: a
		// line-based replacement cannot say it.
		return "", false, fmt.Errorf("line %d: the change ends the file with a new line terminator, which a line-based suggestion cannot show", h.EndLine)
	}
	return text, true, nil
}

// credit fills in the findings of each suggestion and the one that carries
// it: the first finding whose lines it covers, else the first.
func credit(res *transform.Result, hunks []Suggestion) {
	owners := map[editKey][]int{}
	for fi, f := range res.Findings {
		if f.Fix == nil {
			continue
		}
		for _, e := range f.Fix.Edits {
			k := keyOf(e)
			if !slices.Contains(owners[k], fi) {
				owners[k] = append(owners[k], fi)
			}
		}
	}
	for i := range hunks {
		h := &hunks[i]
		for _, ei := range h.Edits {
			for _, fi := range owners[keyOf(res.Edits[ei])] {
				if !slices.Contains(h.Findings, fi) {
					h.Findings = append(h.Findings, fi)
				}
			}
		}
		slices.Sort(h.Findings)
	}
	// Edits of no finding: credit the next suggestion's findings, else the
	// previous one's.
	for i := range hunks {
		if len(hunks[i].Findings) > 0 {
			continue
		}
		for j := i + 1; j < len(hunks) && len(hunks[i].Findings) == 0; j++ {
			hunks[i].Findings = slices.Clone(hunks[j].Findings)
		}
		for j := i - 1; j >= 0 && len(hunks[i].Findings) == 0; j-- {
			hunks[i].Findings = slices.Clone(hunks[j].Findings)
		}
	}
	for i := range hunks {
		h := &hunks[i]
		h.Carrier = -1
		if len(h.Findings) == 0 {
			continue
		}
		h.Carrier = h.Findings[0]
		for _, fi := range h.Findings {
			f := res.Findings[fi]
			if f.Line <= h.EndLine && max(f.EndLine, f.Line) >= h.StartLine {
				h.Carrier = fi
				break
			}
		}
	}
}

// ApplySuggestions replaces the lines of each suggestion in src (whose lines
// doc describes) with its text: what a reviewer who accepts every
// suggestion gets. Suggestions must not overlap.
func ApplySuggestions(doc *parser.Document, sugs []Suggestion) ([]byte, error) {
	sorted := slices.Clone(sugs)
	slices.SortFunc(sorted, func(x, y Suggestion) int { return x.StartLine - y.StartLine })
	var out []byte
	pos := 0
	for i, s := range sorted {
		if s.StartLine < 1 || s.EndLine < s.StartLine || s.EndLine > len(doc.Lines) {
			return nil, fmt.Errorf("suggestion at lines %d-%d is outside the file (%d lines)", s.StartLine, s.EndLine, len(doc.Lines))
		}
		if i > 0 && s.StartLine <= sorted[i-1].EndLine {
			return nil, fmt.Errorf("suggestions at lines %d-%d and %d-%d overlap", sorted[i-1].StartLine, sorted[i-1].EndLine, s.StartLine, s.EndLine)
		}
		start := doc.Lines[s.StartLine-1].Start
		out = append(out, doc.Src[pos:start]...)
		out = append(out, s.Text...)
		pos = doc.Lines[s.EndLine-1].End
	}
	return append(out, doc.Src[pos:]...), nil
}
