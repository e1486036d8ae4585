package transform

import (
	"strings"

	"github.com/unroot/unroot/parser"
)

// Commands added to a here-document RUN (`RUN <<EOT ... EOT`). Its body is a
// script: new commands go on lines of their own before the terminator, with
// the body's indentation, never glued onto an existing line, and packages go
// into the install the body already runs (see findFoldSite).

// heredocLineAppend reports whether commands can be added to a RUN as lines
// of its here-document body: the body maps to the source, and its last
// command does not continue onto the next line.
func heredocLineAppend(doc *parser.Document, ins *parser.Instruction) bool {
	if !ins.HeredocBody || ins.ScriptBase < 0 || ins.Run == nil || ins.Run.End < 0 {
		return false
	}
	line := doc.LineAt(ins.ScriptBase + ins.Run.End)
	last := strings.TrimRight(doc.LineText(line), " \t\r")
	return !strings.HasSuffix(last, `\`) && line < ins.EndLine
}

// heredocAppend adds cmds at the end of a here-document RUN's body, each on
// lines of its own. Without `set -e` in the body, the RUN's status is its
// last command's: a first added line keeps a failure of the original last
// command from being hidden by the commands after it.
func heredocAppend(doc *parser.Document, ins *parser.Instruction, cmds []string) Edit {
	line := doc.LineAt(ins.ScriptBase + ins.Run.End)
	at := doc.LineStart(line + 1)
	indent := lineIndent(doc.LineText(doc.LineAt(ins.ScriptBase)))
	var b strings.Builder
	if !ins.Run.ErrExit {
		b.WriteString(indent + `rc=$?; [ "$rc" -eq 0 ] || exit "$rc"` + "\n")
	}
	for _, c := range cmds {
		if doc.Escape != '\\' {
			// An edit's "\\\n" is written as the file's escape token,
			// which the shell reading the body does not know.
			c = oneLine(c)
		} else {
			c = wrapCommand(c, len(indent), len(indent), wrapLimit(doc, ins))
		}
		c = strings.ReplaceAll(c, "\\\n    ", "\\\n"+indent+"    ")
		b.WriteString(indent + c + "\n")
	}
	return Insert(at, b.String())
}
