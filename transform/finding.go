package transform

import (
	"fmt"
	"slices"
	"strings"

	"github.com/unroot/unroot/parser"
)

// Finding is one problem in a Dockerfile, located by line, with an optional
// fix.
type Finding struct {
	Rule    string // rule ID, "" for notes from the driver
	Line    int    // 1-based, 0 when not about one place
	EndLine int
	Message string
	Fix     *Fix // nil when unroot reports but does not change
}

// Fix is a set of edits that together resolve one finding.
type Fix struct {
	Edits []Edit
}

// Edit replaces the source bytes [Start, End) with Text; Start == End
// inserts. In Text a "\n" stands for the file's own line terminator and a
// "\\\n" for its escape token followed by the terminator, so a pass writes
// one spelling for every file.
type Edit struct {
	Start, End int
	Text       string
	// Order sorts edits that insert at the same offset: lower first. The
	// USER that ends the root part of a stage uses OrderUser so that root
	// commands inserted at the same place land before it.
	Order int
}

// OrderUser is the insertion order of the USER instruction.
const OrderUser = 100

func (f Finding) String() string {
	if f.Rule == "" {
		return fmt.Sprintf("%d: %s", f.Line, f.Message)
	}
	return fmt.Sprintf("%d: %s %s", f.Line, f.Rule, f.Message)
}

// InsertAfter inserts whole lines (text without a final "\n") after 1-based
// line n, coping with a last line that has no terminator.
func InsertAfter(doc *parser.Document, n int, text string) Edit {
	if n >= len(doc.Lines) && !doc.FinalNewline {
		return Edit{Start: len(doc.Src), End: len(doc.Src), Text: "\n" + text}
	}
	off := len(doc.Src)
	if n < len(doc.Lines) {
		off = doc.Lines[n-1].Next
	}
	return Edit{Start: off, End: off, Text: text + "\n"}
}

// InsertBefore inserts whole lines (text without a final "\n") before
// 1-based line n.
func InsertBefore(doc *parser.Document, n int, text string) Edit {
	off := doc.LineStart(n)
	return Edit{Start: off, End: off, Text: text + "\n"}
}

// Replace replaces the source bytes [start, end) with text.
func Replace(start, end int, text string) Edit {
	return Edit{Start: start, End: end, Text: text}
}

// ReplaceArgs replaces all the arguments of an instruction, keeping the
// keyword and its flags; an instruction without arguments gets a space after
// its keyword.
func ReplaceArgs(doc *parser.Document, ins *parser.Instruction, text string) Edit {
	if noArgs(doc, ins) {
		// No arguments, perhaps only a continuation into blank lines:
		// write them on the keyword's line.
		return Replace(ins.FlagsEnd, ins.Span.End, " "+text)
	}
	return Replace(ins.ArgsStart, ins.Span.End, text)
}

// noArgs reports whether an instruction has nothing after its keyword and
// flags but blanks and escape tokens (`USER \` at the end of the file).
func noArgs(doc *parser.Document, ins *parser.Instruction) bool {
	rest := strings.ReplaceAll(string(doc.Src[ins.ArgsStart:ins.Span.End]), string(doc.Escape), "")
	return strings.TrimSpace(rest) == ""
}

// Insert inserts text at offset off.
func Insert(off int, text string) Edit {
	return Edit{Start: off, End: off, Text: text}
}

// danglingEscapes returns the spans of the escape tokens that continue the
// last instruction into the end of the file: the trailing escapes (and the
// blanks between them) of its last line of content, and of lines holding
// only escapes after it. BuildKit ends the instruction at the end of the
// file; anything appended would join it. (Only the last instruction can end
// in a continuation: elsewhere the continuation takes in the next line.)
func danglingEscapes(doc *parser.Document) []parser.Span {
	if len(doc.Instructions) == 0 {
		return nil
	}
	ins := doc.Instructions[len(doc.Instructions)-1]
	if len(ins.Heredocs) > 0 {
		return nil
	}
	esc := string(doc.Escape)
	var spans []parser.Span
	for l := ins.EndLine; l >= ins.StartLine; l-- {
		t := strings.TrimRight(doc.LineText(l), " \t\r")
		trimmed := strings.TrimSpace(t)
		if l > ins.StartLine && (trimmed == "" || strings.HasPrefix(trimmed, "#")) {
			continue
		}
		if !continues(t, esc) {
			break
		}
		// Strip escapes (and the blanks before them) while the line still
		// continues: removing only the last escape could leave another.
		keep := t
		for continues(keep, esc) {
			keep = strings.TrimRight(keep[:len(keep)-len(esc)], " \t\r")
		}
		start := doc.LineStart(l)
		spans = append(spans, parser.Span{Start: start + len(keep), End: start + len(t)})
		if strings.TrimSpace(keep) != "" {
			break // the last line of content
		}
	}
	slices.Reverse(spans)
	return spans
}

// continues reports whether a line (without trailing blanks) ends in a
// continuation the way BuildKit reads it: the escape token, not preceded by
// another escape token, or alone on the line.
func continues(t, esc string) bool {
	if !strings.HasSuffix(t, esc) {
		return false
	}
	rest := t[:len(t)-len(esc)]
	return strings.TrimSpace(rest) == "" || !strings.HasSuffix(rest, esc)
}

// Appendable reports whether commands can be appended to a RUN with
// ` && ...` at the end of its script: a shell-form (or source-mapped
// heredoc) RUN whose last command is not sent to the background (`cmd &`
// followed by `&& more` does not parse, and `cmd && more &` would change
// what runs in the background), and that never leaves the shell early
// (`npm install; exit 0 && more` would never run more, and the build would
// pass without it).
func Appendable(doc *parser.Document, ins *parser.Instruction) bool {
	if ins == nil || ins.Keyword != "run" || ins.Run == nil || ins.JSON || ins.ScriptBase < 0 || ins.Run.End < 0 {
		return false
	}
	if slices.Contains(ins.Run.Commands, "exit") || slices.Contains(ins.Run.Commands, "exec") {
		return false
	}
	end := ins.ScriptBase + ins.Run.End
	if end > ins.Span.End {
		return false
	}
	if last := doc.Instructions[len(doc.Instructions)-1]; last == ins && len(danglingEscapes(doc)) > 0 {
		// It continues into the end of the file: what is appended would
		// sit before escapes that continue into nothing.
		return false
	}
	for _, c := range doc.Src[end:ins.Span.End] {
		if c == '&' || c == '|' {
			return false
		}
	}
	return true
}
