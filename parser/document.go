// Package parser turns a Dockerfile into a document model that keeps the
// original bytes: BuildKit's parser finds the instructions, and every span in
// the model points back into the source so that edits can be applied to the
// exact bytes the user wrote.
package parser

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/moby/buildkit/frontend/dockerfile/command"
	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"
)

// LineEnding is the newline convention of a file.
type LineEnding int

const (
	LF LineEnding = iota
	CRLF
	Mixed
)

func (e LineEnding) String() string {
	switch e {
	case CRLF:
		return "CRLF"
	case Mixed:
		return "mixed"
	}
	return "LF"
}

// Line is one physical line of the source. Content is Src[Start:End] (without
// the line terminator); the next line starts at Next.
type Line struct {
	Start, End, Next int
}

// Span is a half-open byte range of the source.
type Span struct {
	Start, End int
}

// Directive is a parser directive (`# escape=`, `# syntax=`, `# check=`) at the
// very top of the file.
type Directive struct {
	Name, Value string
	Line        int
}

// Document is a parsed Dockerfile over its original bytes.
type Document struct {
	Name string
	Src  []byte
	// Lines[i] is line i+1.
	Lines        []Line
	Ending       LineEnding
	NL           string // line terminator used for inserted lines
	FinalNewline bool   // the last line ends with a terminator
	BOM          bool
	Escape       rune
	Directives   []Directive
	// Instructions are all top-level instructions in source order.
	Instructions []*Instruction
	// Globals are the instructions before the first FROM (ARGs).
	Globals []*Instruction
	Stages  []*Stage
	// Warnings are things the parser noticed but could work around (for
	// example a RUN script the shell parser could not read).
	Warnings []Warning
}

// Warning is a located note about the input.
type Warning struct {
	Line    int
	Message string
}

// Error is a parse failure located in the file.
type Error struct {
	Name string
	Line int
	Err  error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Name, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Name, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

var bom = []byte{0xEF, 0xBB, 0xBF}

// Parse parses src, a Dockerfile named name (used in messages only).
func Parse(name string, src []byte) (*Document, error) {
	if err := checkText(src); err != nil {
		return nil, &Error{Name: name, Line: err.line, Err: err}
	}
	doc := &Document{Name: name, Src: src, Escape: '\\'}
	doc.scanLines()
	res, err := bkparser.Parse(bytes.NewReader(src))
	if err != nil {
		line := 0
		var le *bkparser.LocationError
		if errors.As(err, &le) && len(le.Locations) > 0 && len(le.Locations[0]) > 0 {
			line = le.Locations[0][0].Start.Line
		}
		return nil, &Error{Name: name, Line: line, Err: errors.New(err.Error())}
	}
	doc.Escape = res.EscapeToken
	doc.scanDirectives()
	for i, node := range res.AST.Children {
		if _, known := command.Commands[strings.ToLower(node.Value)]; !known {
			// BuildKit's parser takes any word; its builders refuse the
			// file ("unknown instruction"), so unroot does too.
			return nil, &Error{Name: name, Line: node.StartLine, Err: fmt.Errorf("unknown instruction %s: the builder would refuse this file", strings.ToUpper(node.Value))}
		}
		ins := doc.newInstruction(i, node)
		doc.Instructions = append(doc.Instructions, ins)
	}
	doc.buildStages()
	doc.resolveVariables()
	doc.collectRunFacts()
	doc.linkAllAccounts()
	return doc, nil
}

func (d *Document) scanLines() {
	src := d.Src
	d.BOM = bytes.HasPrefix(src, bom)
	var lf, crlf int
	for pos := 0; pos < len(src); {
		i := bytes.IndexByte(src[pos:], '\n')
		if i < 0 {
			// BuildKit strips trailing CRs from every line, even the
			// last one without a newline.
			end := len(src)
			for end > pos && src[end-1] == '\r' {
				end--
			}
			d.Lines = append(d.Lines, Line{Start: pos, End: end, Next: len(src)})
			break
		}
		end := pos + i
		next := end + 1
		if end > pos && src[end-1] == '\r' {
			for end > pos && src[end-1] == '\r' {
				end--
			}
			crlf++
		} else {
			lf++
		}
		d.Lines = append(d.Lines, Line{Start: pos, End: end, Next: next})
		pos = next
	}
	if d.BOM && len(d.Lines) > 0 {
		d.Lines[0].Start = len(bom)
		if d.Lines[0].End < d.Lines[0].Start {
			d.Lines[0].End = d.Lines[0].Start
		}
	}
	d.FinalNewline = len(src) == 0 || src[len(src)-1] == '\n'
	switch {
	case crlf > 0 && lf > 0:
		d.Ending = Mixed
	case crlf > 0:
		d.Ending = CRLF
	default:
		d.Ending = LF
	}
	d.NL = "\n"
	if crlf > lf {
		d.NL = "\r\n"
	}
}

func (d *Document) scanDirectives() {
	var dp bkparser.DirectiveParser
	for i, ln := range d.Lines {
		dir, err := dp.ParseLine(d.Src[ln.Start:ln.End])
		if err != nil || dir == nil {
			return
		}
		d.Directives = append(d.Directives, Directive{Name: dir.Name, Value: dir.Value, Line: i + 1})
	}
}

// Directive returns the value of the named parser directive.
func (d *Document) Directive(name string) (string, bool) {
	for _, dir := range d.Directives {
		if dir.Name == name {
			return dir.Value, true
		}
	}
	return "", false
}

// LineText returns the content of 1-based line n without its terminator.
func (d *Document) LineText(n int) string {
	if n < 1 || n > len(d.Lines) {
		return ""
	}
	ln := d.Lines[n-1]
	return string(d.Src[ln.Start:ln.End])
}

// LineStart returns the byte offset where 1-based line n starts; for
// n past the last line it returns len(Src).
func (d *Document) LineStart(n int) int {
	if n > len(d.Lines) {
		return len(d.Src)
	}
	if n < 1 {
		return 0
	}
	return d.Lines[n-1].Start
}

// LineEnd returns the byte offset where the content of 1-based line n ends
// (before its terminator).
func (d *Document) LineEnd(n int) int {
	if n > len(d.Lines) {
		return len(d.Src)
	}
	if n < 1 {
		return 0
	}
	return d.Lines[n-1].End
}

// LineAt returns the 1-based line containing byte offset off.
func (d *Document) LineAt(off int) int {
	lo, hi := 0, len(d.Lines)
	for lo < hi {
		m := (lo + hi) / 2
		if d.Lines[m].Next <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo >= len(d.Lines) {
		return len(d.Lines)
	}
	return lo + 1
}

// FinalStage returns the last stage, or nil.
func (d *Document) FinalStage() *Stage {
	if len(d.Stages) == 0 {
		return nil
	}
	return d.Stages[len(d.Stages)-1]
}

// StageByName finds a stage by its name (case-insensitive) or index.
func (d *Document) StageByName(name string) *Stage {
	lname := strings.ToLower(name)
	for _, s := range d.Stages {
		if s.Name != "" && s.Name == lname {
			return s
		}
	}
	for _, s := range d.Stages {
		if fmt.Sprint(s.Index) == name {
			return s
		}
	}
	return nil
}

// IsWindows reports whether the file builds a Windows image: those have no
// UIDs to fix.
func (d *Document) IsWindows() bool {
	for _, s := range d.Stages {
		if isWindowsImage(s.Base) || strings.HasPrefix(strings.ToLower(s.Platform), "windows") {
			return true
		}
	}
	if d.Escape == '`' {
		for _, ins := range d.Instructions {
			if ins.Keyword == "shell" && ins.JSON && len(ins.Args) > 0 {
				a := strings.ToLower(ins.Args[0])
				if strings.Contains(a, "powershell") || strings.Contains(a, "cmd") || strings.Contains(a, "pwsh") {
					return true
				}
			}
		}
	}
	return false
}

func isWindowsImage(ref string) bool {
	r := strings.ToLower(ref)
	for _, p := range []string{"mcr.microsoft.com/windows", "microsoft/windowsservercore", "microsoft/nanoserver", "mcr.microsoft.com/powershell:nanoserver", "windowsservercore", "nanoserver"} {
		if strings.Contains(r, p) {
			return true
		}
	}
	return false
}

// textError is input that is not a text file.
type textError struct {
	line int
	msg  string
}

func (e *textError) Error() string { return e.msg }

// checkText refuses binary data (NUL and other control characters) and
// invalid UTF-8: BuildKit would parse
// them, but no Dockerfile holds them and edits could split a character.
func checkText(src []byte) *textError {
	if i := bytes.IndexByte(src, 0); i >= 0 {
		return &textError{line: bytes.Count(src[:i], []byte("\n")) + 1, msg: "binary data (NUL byte): not a Dockerfile"}
	}
	for i, c := range src {
		// Tab, LF, CR and form feed appear in text files; other control
		// characters only in binary data.
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7f {
			return &textError{line: bytes.Count(src[:i], []byte("\n")) + 1, msg: fmt.Sprintf("control character %U: not a text Dockerfile", rune(c))}
		}
	}
	if utf8.Valid(src) {
		return nil
	}
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return &textError{line: bytes.Count(src[:i], []byte("\n")) + 1, msg: "invalid UTF-8: not a text Dockerfile"}
		}
		i += size
	}
	return nil
}
