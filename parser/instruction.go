package parser

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"
)

// Instruction is one Dockerfile instruction with its place in the source.
type Instruction struct {
	Index   int
	Keyword string // lower-case: "run", "copy", ...
	// Args are the argument words as BuildKit split them, not expanded. For
	// ENV and LABEL see Pairs; for ONBUILD see Sub.
	Args  []string
	Pairs []KeyValue // ENV, LABEL and ARG assignments
	Flags []string   // builder flags as written: "--chown=app:app"
	JSON  bool       // exec (JSON array) form
	// Heredocs are the here-documents attached to the instruction.
	Heredocs []bkparser.Heredoc

	StartLine, EndLine int // 1-based, inclusive; EndLine covers heredoc bodies
	// Span runs from the first byte of the keyword to the end of EndLine's
	// content.
	Span        Span
	KeywordSpan Span
	// FlagsEnd is the offset just after the last builder flag (or the
	// keyword): where another flag can be inserted as " --flag".
	FlagsEnd int
	// ArgsStart is the offset of the first byte of the arguments.
	ArgsStart int

	Stage *Stage // nil for global instructions before the first FROM
	// AccountsFrom is the earlier stage whose /etc/passwd or /etc/group
	// this COPY --from brings in (`COPY --from=build /etc/passwd
	// /etc/passwd`), so the users made there exist here too.
	AccountsFrom *Stage
	Env          *Env         // variables in force before this instruction runs
	Sub          *Instruction // ONBUILD's trigger instruction (no source spans)
	Node         *bkparser.Node

	// Run holds what a RUN script does (nil when not a RUN or unreadable).
	Run *RunFacts
	// ScriptBase is the offset in the source that offsets in Run count
	// from, or -1 when the script is not a contiguous slice of the source
	// (exec form, heredocs after other text).
	ScriptBase int
	// HeredocBody is set when a RUN's script is its here-document's body
	// (`RUN <<EOT`, `RUN <<EOT bash`): lines can be added to the body.
	HeredocBody bool
	// ScriptPaths are the absolute paths a RUN script names, with offsets
	// into its script: Run.Paths, or for a script the shell grammar cannot
	// read, the paths its text holds.
	ScriptPaths []PathMention
}

// KeyValue is one assignment of ENV, LABEL or ARG. HasValue is false for a
// bare `ARG NAME`.
type KeyValue struct {
	Key, Value string
	HasValue   bool
}

// Text returns the instruction's source bytes.
func (ins *Instruction) Text(d *Document) string {
	return string(d.Src[ins.Span.Start:ins.Span.End])
}

// Flag returns the value of builder flag name (without the dashes) and whether
// it is present.
func (ins *Instruction) Flag(name string) (string, bool) {
	for _, f := range ins.Flags {
		f = strings.TrimPrefix(f, "--")
		k, v, hasValue := strings.Cut(f, "=")
		if strings.EqualFold(k, name) {
			if !hasValue {
				return "true", true
			}
			return v, true
		}
	}
	return "", false
}

func (d *Document) newInstruction(index int, node *bkparser.Node) *Instruction {
	ins := &Instruction{
		Index:      index,
		Keyword:    strings.ToLower(node.Value),
		Flags:      node.Flags,
		JSON:       node.Attributes["json"],
		Heredocs:   node.Heredocs,
		StartLine:  node.StartLine,
		EndLine:    node.EndLine,
		Node:       node,
		ScriptBase: -1,
	}
	ins.Args, ins.Pairs = nodeArgs(ins.Keyword, node)
	if ins.Keyword == "onbuild" && node.Next != nil && len(node.Next.Children) > 0 {
		child := node.Next.Children[0]
		sub := &Instruction{Keyword: strings.ToLower(child.Value), Flags: child.Flags, JSON: child.Attributes["json"], Node: child, ScriptBase: -1}
		sub.Args, sub.Pairs = nodeArgs(sub.Keyword, child)
		ins.Sub = sub
	}
	d.locate(ins)
	return ins
}

func nodeArgs(keyword string, node *bkparser.Node) (args []string, pairs []KeyValue) {
	switch keyword {
	case "env", "label":
		for n := node.Next; n != nil && n.Next != nil; {
			pairs = append(pairs, KeyValue{Key: n.Value, Value: n.Next.Value, HasValue: true})
			args = append(args, n.Value, n.Next.Value)
			n = n.Next.Next
			if n != nil {
				n = n.Next
			}
		}
		return args, pairs
	}
	for n := node.Next; n != nil; n = n.Next {
		args = append(args, n.Value)
	}
	if keyword == "arg" {
		for _, a := range args {
			k, v, ok := strings.Cut(a, "=")
			pairs = append(pairs, KeyValue{Key: k, Value: v, HasValue: ok})
		}
	}
	return args, pairs
}

// locate finds the instruction's keyword, flags and arguments in the source.
func (d *Document) locate(ins *Instruction) {
	if ins.StartLine < 1 || ins.StartLine > len(d.Lines) {
		return
	}
	end := d.LineEnd(ins.EndLine)
	// The keyword is usually at the start of StartLine, but a line holding
	// only the escape token may come first.
	p := d.skipGap(d.Lines[ins.StartLine-1].Start, end)
	ins.Span = Span{Start: p, End: end}
	lineEnd := d.LineEnd(d.LineAt(p))
	q := p
	for q < lineEnd && !isSpace(d.Src[q]) && !(rune(d.Src[q]) == d.Escape && d.RestIsBlank(q+1)) {
		if r, size := utf8.DecodeRune(d.Src[q:]); r >= utf8.RuneSelf && unicode.IsSpace(r) {
			break
		} else {
			q += size
		}
	}
	ins.KeywordSpan = Span{Start: p, End: q}
	ins.FlagsEnd = q
	p = d.skipGap(q, ins.Span.End)
	for range ins.Flags {
		if !strings.HasPrefix(string(d.Src[p:min(p+2, len(d.Src))]), "--") {
			break
		}
		p = d.wordEnd(p, ins.Span.End)
		ins.FlagsEnd = p
		p = d.skipGap(p, ins.Span.End)
	}
	ins.ArgsStart = p
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

// isSpace is BuildKit's idea of leading white space (unicode.IsSpace) for
// the bytes that can appear inside a line.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' }

// skipGap skips blanks and line continuations (with the comment and empty
// lines BuildKit allows inside them) from p, up to limit.
func (d *Document) skipGap(p, limit int) int {
	for p < limit {
		c := d.Src[p]
		if isSpace(c) {
			p++
			continue
		}
		if c >= utf8.RuneSelf {
			if r, size := utf8.DecodeRune(d.Src[p:]); unicode.IsSpace(r) {
				p += size
				continue
			}
		}
		if rune(c) == d.Escape && d.RestIsBlank(p+1) {
			n := d.LineAt(p)
			for n < len(d.Lines) {
				n++
				t := strings.TrimSpace(d.LineText(n))
				if t != "" && !strings.HasPrefix(t, "#") {
					break
				}
			}
			next := d.LineStart(n)
			if next <= p || next > limit {
				return p
			}
			p = next
			continue
		}
		break
	}
	return p
}

// RestIsBlank reports whether only blanks follow offset p on its line: an
// escape token before p is then a line continuation.
func (d *Document) RestIsBlank(p int) bool {
	for ; p < len(d.Src); p++ {
		switch d.Src[p] {
		case ' ', '\t', '\r':
		case '\n':
			return true
		default:
			return false
		}
	}
	return true
}

// wordEnd returns the end of the word starting at p (quotes kept together).
func (d *Document) wordEnd(p, limit int) int {
	var quote byte
	for p < limit {
		c := d.Src[p]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else if c == '\n' {
				return p
			}
		case c == '"' || c == '\'':
			quote = c
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			return p
		case rune(c) == d.Escape && d.RestIsBlank(p+1):
			return p
		}
		p++
	}
	return p
}

// ShellScript returns the text of a shell-form instruction's command as a
// shell would read it, with the same length as the source it comes from so
// that offsets map back by adding ArgsStart: comment lines and empty lines
// inside continuations (which BuildKit drops) are blanked, the escape token
// before a newline becomes a backslash, and CR before LF becomes a blank.
func (d *Document) ShellScript(ins *Instruction) string {
	start, end := ins.ArgsStart, ins.Span.End
	if start >= end {
		return ""
	}
	b := []byte(string(d.Src[start:end]))
	first := d.LineAt(start)
	last := d.LineAt(end)
	for n := first + 1; n <= last; n++ {
		ln := d.Lines[n-1]
		t := strings.TrimSpace(string(d.Src[ln.Start:ln.End]))
		if t == "" || strings.HasPrefix(t, "#") {
			// Blank the whole line including its terminator so the
			// continuation before it joins the next real line.
			for i := ln.Start; i < ln.Next && i < end; i++ {
				b[i-start] = ' '
			}
		}
	}
	for i := 0; i < len(b); i++ {
		if b[i] == '\r' && i+1 < len(b) && b[i+1] == '\n' {
			// "\\\r\n" must read as a continuation: move the escape right.
			j := i - 1
			for j >= 0 && isBlank(b[j]) {
				j--
			}
			if j >= 0 && rune(b[j]) == d.Escape && (j == 0 || rune(b[j-1]) != d.Escape) {
				b[j] = ' '
				b[i] = '\\'
			} else {
				b[i] = ' '
			}
		} else if d.Escape != '\\' && rune(b[i]) == d.Escape && d.RestIsBlank(start+i+1) {
			b[i] = '\\'
		}
	}
	// A continuation at the very end (only the end of the file stops it)
	// is dropped by BuildKit; for the shell it would escape nothing.
	if j := len(bytes.TrimRight(b, " \t\r\n")) - 1; j >= 0 && (b[j] == '\\' || rune(b[j]) == d.Escape) && (j == 0 || rune(b[j-1]) != d.Escape) {
		b[j] = ' '
	}
	// Trailing blanks after an escape ("\\  \n") are not a shell continuation.
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' {
			j := i + 1
			for j < len(b) && isBlank(b[j]) {
				j++
			}
			if j < len(b) && b[j] == '\n' && j > i+1 {
				b[i] = ' '
				b[j-1] = '\\'
			}
		}
	}
	return string(b)
}
