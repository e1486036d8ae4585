package transform

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/unroot/unroot/parser"
)

// World-writable modes are the insecure fix for "my image fails under a
// random UID": `chmod 777 /app/tmp` lets every user of the host's UID range
// write there. Under OpenShift's model the group (0) is what the random UID
// shares, so UR002 rewrites such a mode in place to its group-0 equivalent:
// others lose write, the group keeps or gets what the owner can do.

// worldWritableFixes rewrites the world-writable chmod modes of the root
// RUNs of the target stage.
func worldWritableFixes(doc *parser.Document, sf *stageFacts, st *parser.Stage) []Finding {
	var out []Finding
	for _, ins := range st.Instructions {
		if ins.Keyword != "run" || ins.Run == nil || ins.ScriptBase < 0 || !sf.root(ins) {
			continue
		}
		for _, c := range ins.Run.Chmods {
			if !modeWorldWritable(c.Mode) {
				continue
			}
			safe := groupInsteadOfWorld(c.Mode)
			off := modeOffset(doc, ins, c)
			msg := fmt.Sprintf("chmod %s %s makes it world-writable", c.Mode, strings.Join(c.Paths, " "))
			if safe == "" || off < 0 {
				out = append(out, Finding{Line: doc.LineAt(ins.ScriptBase + c.Start), Message: msg +
					": make it group-writable for group 0 instead (not changed: the mode could not be rewritten safely)"})
				continue
			}
			out = append(out, Finding{
				Line:    doc.LineAt(off),
				Message: fmt.Sprintf("%s: use %s (group 0, which every random UID is in, can write; others cannot)", msg, safe),
				Fix:     &Fix{Edits: []Edit{Replace(off, off+len(c.Mode), safe)}},
			})
		}
	}
	return out
}

// modeOffset finds the mode word of a chmod in the source, -1 when it is not
// written there plainly (quoted, or made by an expansion).
func modeOffset(doc *parser.Document, ins *parser.Instruction, c parser.Chmod) int {
	start, end := ins.ScriptBase+c.Start, ins.ScriptBase+c.End
	if start < 0 || end > len(doc.Src) || start >= end {
		return -1
	}
	text := string(doc.Src[start:end])
	i := strings.Index(text, "chmod")
	if i < 0 {
		return -1
	}
	for j := i + len("chmod"); j < len(text); {
		k := strings.Index(text[j:], c.Mode)
		if k < 0 {
			return -1
		}
		at := j + k
		before := text[at-1]
		after := byte(' ')
		if at+len(c.Mode) < len(text) {
			after = text[at+len(c.Mode)]
		}
		if (before == ' ' || before == '\t') && (after == ' ' || after == '\t' || after == '\\' || after == '\r' || after == '\n') {
			return start + at
		}
		j = at + 1
	}
	return -1
}

// modeWorldWritable reports whether a chmod mode gives others write
// permission: octal with the others' w bit, or a symbolic clause that adds
// or sets w for o or a.
func modeWorldWritable(mode string) bool {
	if n, ok := octalMode(mode); ok {
		return n&0o002 != 0
	}
	for _, clause := range strings.Split(mode, ",") {
		who, op, perms := splitClause(clause)
		if op == "-" || op == "" || !strings.Contains(perms, "w") {
			continue
		}
		if strings.ContainsAny(who, "ao") {
			return true
		}
	}
	return false
}

// groupInsteadOfWorld rewrites a world-writable mode: others lose w; the
// group gets w when the owner has it. "" when the mode is not understood.
func groupInsteadOfWorld(mode string) string {
	if n, ok := octalMode(mode); ok {
		n &^= 0o002
		if n&0o200 != 0 {
			n |= 0o020
		}
		s := strconv.FormatInt(int64(n), 8)
		for len(s) < len(mode) {
			s = "0" + s
		}
		return s
	}
	var clauses []string
	for _, clause := range strings.Split(mode, ",") {
		who, op, perms := splitClause(clause)
		if op == "" {
			return ""
		}
		if op == "-" || !strings.Contains(perms, "w") || !strings.ContainsAny(who, "ao") {
			clauses = append(clauses, clause)
			continue
		}
		w := strings.ReplaceAll(who, "a", "ug")
		w = strings.ReplaceAll(w, "o", "")
		w = dedupLetters(w)
		if w == "" {
			w = "g"
		}
		clauses = append(clauses, w+op+perms)
		if op == "=" {
			// `o=rwx` also took away what others could not do: keep
			// them at the same permissions without w.
			clauses = append(clauses, "o="+strings.ReplaceAll(perms, "w", ""))
		}
	}
	return strings.Join(clauses, ",")
}

func octalMode(mode string) (int64, bool) {
	if len(mode) < 3 || len(mode) > 4 || strings.Trim(mode, "01234567") != "" {
		return 0, false
	}
	n, err := strconv.ParseInt(mode, 8, 32)
	return n, err == nil
}

// splitClause splits a symbolic chmod clause "ug+rwx" into who, op, perms.
func splitClause(clause string) (who, op, perms string) {
	i := strings.IndexAny(clause, "+-=")
	if i < 0 {
		return "", "", ""
	}
	who, op, perms = clause[:i], clause[i:i+1], clause[i+1:]
	if strings.Trim(who, "ugoa") != "" {
		return "", "", ""
	}
	return who, op, perms
}

func dedupLetters(s string) string {
	var b strings.Builder
	for _, c := range s {
		if !strings.ContainsRune(b.String(), c) {
			b.WriteRune(c)
		}
	}
	return b.String()
}
