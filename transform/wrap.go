package transform

import (
	"strings"

	"github.com/unroot/unroot/parser"
)

// Long commands are wrapped for the reader: a find over many directories
// is written over continued lines, in the style of the instruction it
// extends, so that no added line is longer than the longest line of that
// instruction or 120 columns, whichever is larger (a single word longer
// than that stays whole).

// minWrapWidth is the width every added line may reach.
const minWrapWidth = 120

// wrapLimit is how long an added line may be in instruction ins (nil for a
// new instruction).
func wrapLimit(doc *parser.Document, ins *parser.Instruction) int {
	n := minWrapWidth
	if ins != nil {
		for l := ins.StartLine; l <= ins.EndLine && l <= len(doc.Lines); l++ {
			n = max(n, len(doc.LineText(l)))
		}
	}
	return n
}

// wrapCommand breaks cmd, written from column start, at the blanks between
// its words (outside quotes) so that no line passes limit. Continued lines
// start with "\\\n" and four blanks more than cont, the column callers
// indent continued lines to (they replace "\\\n    " with their indent).
// A command that fits, or holds continued lines already, is left alone.
func wrapCommand(cmd string, start, cont, limit int) string {
	if start+len(cmd) <= limit || strings.Contains(cmd, "\n") {
		return cmd
	}
	units := wrapUnits(shellWordsOf(cmd))
	var b strings.Builder
	col := start
	for i, u := range units {
		if i > 0 {
			// The unit and " \" must fit; else it starts a new line.
			if col+1+len(u)+2 > limit && col > cont+4 {
				b.WriteString(" \\\n    ")
				col = cont + 4
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(u)
		col += len(u)
	}
	return b.String()
}

// wrapUnits joins words that read as one: an option and its values
// (`-type d`), a find group (`\( ... \)`), a find action (`-exec ... +`).
func wrapUnits(words []string) []string {
	var units []string
	for i := 0; i < len(words); {
		j := i + 1
		switch w := words[i]; {
		case w == `\(`:
			for depth := 1; j < len(words) && depth > 0; j++ {
				switch words[j] {
				case `\(`:
					depth++
				case `\)`:
					depth--
				}
			}
		case w == "-exec" || w == "-execdir":
			for j < len(words) && words[j-1] != "+" && words[j-1] != `\;` {
				j++
			}
		case strings.HasPrefix(w, "-"):
			for j < len(words) && !strings.HasPrefix(words[j], "-") && words[j] != `\(` {
				j++
			}
		}
		units = append(units, strings.Join(words[i:j], " "))
		i = j
	}
	return units
}

// shellWordsOf splits a command that unroot wrote at the blanks that
// separate its words: not inside quotes, not after a backslash.
func shellWordsOf(cmd string) []string {
	var words []string
	var quote byte
	startW := -1
	for i := 0; i < len(cmd); i++ {
		c := cmd[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\\' && i+1 < len(cmd):
			if startW < 0 {
				startW = i
			}
			i++
			continue
		case c == '\'' || c == '"':
			quote = c
		case c == ' ':
			if startW >= 0 {
				words = append(words, cmd[startW:i])
				startW = -1
			}
			continue
		}
		if startW < 0 {
			startW = i
		}
	}
	if startW >= 0 {
		words = append(words, cmd[startW:])
	}
	return words
}

// wrapAtBlankRuns breaks a text that starts at column start (an exec-form
// array) and passes limit inside each run of two or more blanks: a run of n
// blanks becomes one blank, the escape token and a new line that starts
// with the other n-1. The builder joins a continued line by removing the
// escape and the line end only, so the array's values stay the same to the
// byte; such runs are where a shell form's continued lines were joined, and
// the array reads as the shell form did.
func wrapAtBlankRuns(text string, start, limit int) string {
	if start+len(text) <= limit || strings.Contains(text, "\n") || !strings.Contains(text, "  ") {
		return text
	}
	var b strings.Builder
	for i := 0; i < len(text); {
		j := i
		for j < len(text) && text[j] == ' ' {
			j++
		}
		switch {
		case j-i >= 2:
			b.WriteString(" \\\n" + text[i+1:j])
			i = j
		case j > i:
			b.WriteString(text[i:j])
			i = j
		default:
			b.WriteByte(text[i])
			i++
		}
	}
	return b.String()
}
