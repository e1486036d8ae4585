package transform

import (
	"fmt"
	"slices"
	"strings"

	"github.com/unroot/unroot/parser"
)

// The edits of UR002's plan: the commands that open a group of directories
// to group 0, and where they go (the end of a RUN, a RUN of their own, before
// a VOLUME).

// commands returns the shell commands of a group.
func (g *permGroup) commands(t *Target) []string {
	quote := func(ps []string) string {
		q := make([]string, len(ps))
		for i, p := range ps {
			q[i] = quoteShellPath(p)
			if s, ok := t.spellPath(p); ok {
				// The shell expands the build argument from the
				// RUN's environment.
				q[i] = `"` + s + `"`
			}
		}
		return strings.Join(q, " ")
	}
	var cmds []string
	if len(g.creates) > 0 {
		cmds = append(cmds, "mkdir -p "+quote(g.creates))
	}
	if len(g.fresh) > 0 {
		cmds = append(cmds, "chgrp -R 0 "+quote(g.fresh), "chmod -R g=u "+quote(g.fresh))
	}
	find := "find " + quote(g.roots) + " "
	if g.prune || slices.ContainsFunc(g.roots, mayHoldPrivateDirs) {
		find += privateDirsPrune + " "
	}
	return append(cmds, find+groupWriteFind)
}

// privateDirsPrune keeps find out of the private dot-directories of a home
// (ssh and gpg refuse keys in a group-writable directory).
const privateDirsPrune = `-type d \( -name .ssh -o -name .gnupg \) -prune -o`

// mayHoldPrivateDirs reports whether a directory is, or holds, a home.
func mayHoldPrivateDirs(p string) bool {
	return pathWithin(p, "/root") || pathWithin(p, "/home") || p == "/"
}

func appDirList(dirs []*appDir) string {
	parts := make([]string, len(dirs))
	for i, d := range dirs {
		parts[i] = d.why()
	}
	return strings.Join(parts, ", ")
}

func (pl *permPlanner) groupFinding(g *permGroup) Finding {
	doc := pl.doc
	cmds := g.commands(pl.t)
	list := appDirList(g.dirs)
	it := "it"
	if len(g.dirs) > 1 {
		it = "them"
	}
	switch g.kind {
	case "fold":
		ins := g.at
		off := ins.ScriptBase + ins.Run.End
		line := doc.LineAt(off)
		oneLine := " && " + strings.Join(cmds, " && ")
		var text string
		var edit *Edit
		switch {
		case heredocLineAppend(doc, ins):
			e := heredocAppend(doc, ins, cmds)
			edit = &e
		case ins.HeredocBody:
			text = oneLine // a continuation inside a here-document is the shell's, not the file's
		case ins.StartLine == ins.EndLine && len(doc.LineText(line))+len(oneLine) <= maxLineWidth:
			text = oneLine
		default:
			last := doc.LineText(line)
			indent := lineIndent(last)
			leading := strings.HasPrefix(strings.TrimSpace(last), "&&") && line != ins.StartLine
			if line == ins.StartLine || (indent == "" && !leading) {
				indent = "    "
			}
			limit := wrapLimit(doc, ins)
			for _, c := range cmds {
				if leading {
					// The RUN puts && at the start of its lines: so do the fixes.
					c = wrapCommand(c, len(indent)+3, len(indent), limit)
					text += " \\\n" + indent + "&& " + strings.ReplaceAll(c, "\\\n    ", "\\\n"+indent+"    ")
				} else {
					c = wrapCommand(c, len(indent), len(indent), limit)
					text += " && \\\n" + indent + strings.ReplaceAll(c, "\\\n    ", "\\\n"+indent+"    ")
				}
			}
		}
		where := "the last to write there"
		for _, d := range g.dirs {
			if !pl.writes(ins, d.Path) {
				where = "which runs after every write there"
				break
			}
		}
		if edit == nil {
			e := Insert(off, text)
			edit = &e
		}
		return Finding{Line: ins.StartLine, Message: fmt.Sprintf(
			"group 0 cannot write %s: open %s to group 0 at the end of this RUN, %s (no extra layer, no file stored twice)", list, it, where),
			Fix: &Fix{Edits: []Edit{*edit}}}
	case "before":
		return Finding{Line: g.at.StartLine, Message: fmt.Sprintf(
			"group 0 cannot write %s: create %s group-0 writable before the VOLUME (the classic builder discards changes made to a volume path after VOLUME)", list, it),
			Fix: &Fix{Edits: []Edit{InsertBefore(doc, g.at.StartLine, newRun(cmds))}}}
	}
	line := pl.st.From.StartLine
	for _, d := range g.dirs {
		for _, s := range d.Sources {
			if s.Line > 0 && !s.Inherited {
				line = s.Line
				break
			}
		}
		if line != pl.st.From.StartLine {
			break
		}
	}
	sw, switched := pl.t.RootSwitch(doc)
	if sw.Why == "" && !isRootUser(pl.anchorUser) && pl.anchorUser != unknownBaseUser {
		// A non-root user that RootSwitch cannot switch from.
		return Finding{Line: line, Message: fmt.Sprintf(
			"group 0 cannot write %s, and the place for commands that need root (before the final USER) runs as USER %s: open %s to group 0 in a RUN as root (%s)",
			list, pl.anchorUser, it, strings.Join(cmds, " && "))}
	}
	e := pl.t.InsertRoot(doc, newRun(cmds))
	e.Order = OrderUser - 20
	edits := []Edit{e}
	how := ""
	if switched {
		edits = append(slices.Clone(sw.Edits), edits...)
		if sw.Why != "" {
			how = ", after USER root as " + sw.Why
		}
	}
	return Finding{Line: line, Message: fmt.Sprintf(
		"group 0 cannot write %s: open %s to group 0 in one RUN that changes directories only (their files are not stored again)%s", list, it, how),
		Fix: &Fix{Edits: edits}}
}

// maxLineWidth is how long a one-line RUN may grow before unroot continues
// it on new lines.
const maxLineWidth = 100

// newRun writes a RUN of cmds, one command a line, long ones wrapped.
func newRun(cmds []string) string {
	wrapped := make([]string, len(cmds))
	for i, c := range cmds {
		wrapped[i] = strings.ReplaceAll(wrapCommand(c, 4, 4, minWrapWidth), "\\\n    ", "\\\n        ")
	}
	return "RUN " + strings.Join(wrapped, " && \\\n    ")
}

func lineIndent(s string) string {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return s[:i]
}

func dirFirstLine(d *appDir, st *parser.Stage) int {
	for _, s := range d.Sources {
		if s.Line > 0 {
			return s.Line
		}
	}
	return st.From.StartLine
}
