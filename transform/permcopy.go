package transform

import (
	"fmt"
	"strings"

	"github.com/unroot/unroot/parser"
)

// UR002 fixes without a RUN: `COPY --chown=USER:0` on the COPY that makes a
// directory, and the plan for stages that have no shell to run chgrp in.

// chownFlagValue locates the --chown flag of a COPY/ADD in the source: the span
// of its value.
func chownFlagValue(doc *parser.Document, ins *parser.Instruction) (start, end int, ok bool) {
	p := ins.KeywordSpan.End
	for p < ins.FlagsEnd {
		for p < ins.FlagsEnd && !strings.HasPrefix(string(doc.Src[p:min(p+2, len(doc.Src))]), "--") {
			p++
		}
		if p >= ins.FlagsEnd {
			break
		}
		q := p
		for q < ins.FlagsEnd && !strings.ContainsRune(" \t\r\n", rune(doc.Src[q])) {
			q++
		}
		word := string(doc.Src[p:q])
		if k, _, has := strings.Cut(word, "="); has && strings.EqualFold(k, "--chown") {
			return p + len(k) + 1, q, true
		}
		p = q
	}
	return 0, 0, false
}

// copyWriters returns the COPY/ADD instructions of the target stage that
// put files in dir.
func (pl *permPlanner) copyWriters(dir string) []*parser.Instruction {
	var out []*parser.Instruction
	for _, i := range pl.related(dir) {
		if ins := pl.st.Instructions[i]; (ins.Keyword == "copy" || ins.Keyword == "add") && pl.writes(ins, dir) {
			out = append(out, ins)
		}
	}
	return out
}

// copyGroupFixes makes COPY/ADD --chown give group 0: `--chown=app:app`
// becomes `--chown=app:0` (0 bytes: the files are written once).
func (pl *permPlanner) copyGroupFixes(dirs []*appDir) []Finding {
	var findings []Finding
	seen := map[*parser.Instruction]bool{}
	for _, d := range dirs {
		for _, ins := range pl.copyWriters(d.Path) {
			if seen[ins] {
				continue
			}
			seen[ins] = true
			if f, ok := pl.chownGroupFix(ins, d); ok {
				findings = append(findings, f)
			}
		}
	}
	return findings
}

// chownGroupFix returns the fix for a --chown whose group is not 0.
func (pl *permPlanner) chownGroupFix(ins *parser.Instruction, d *appDir) (Finding, bool) {
	raw, ok := ins.Flag("chown")
	if !ok || strings.TrimSpace(raw) == "" {
		// `--chown=` with no value: the builders refuse it; nothing to
		// give a group to.
		return Finding{}, false
	}
	val := pl.doc.Expand(raw, ins.Env)
	user, group, hasGroup := strings.Cut(val, ":")
	if hasGroup && isGroupZero(group) {
		return Finding{}, false
	}
	if !hasGroup && (user == "root" || isZeroID(user)) {
		return Finding{}, false
	}
	start, end, ok := chownFlagValue(pl.doc, ins)
	if !ok {
		return Finding{}, false
	}
	text := string(pl.doc.Src[start:end])
	if strings.ContainsAny(text, `"'`) {
		return Finding{}, false
	}
	var e Edit
	switch i := strings.IndexByte(text, ':'); {
	case i >= 0:
		e = Replace(start+i+1, end, "0")
	case hasGroup:
		return Finding{}, false // the colon comes from a variable: do not guess
	default:
		e = Insert(end, ":0")
	}
	what := fmt.Sprintf("group %s", group)
	if !hasGroup {
		what = fmt.Sprintf("the primary group of %s", user)
	}
	return Finding{Line: ins.StartLine, Message: fmt.Sprintf(
		"%s --chown=%s gives the files in %s %s: give them group 0 instead (the files are written once, no extra layer)",
		strings.ToUpper(ins.Keyword), raw, d.Path, what), Fix: &Fix{Edits: []Edit{e}}}, true
}

// planShellless handles a stage without a shell: only COPY flags can help.
// Each COPY into a directory the app uses gets --chown=<uid>:0 (and, with
// BuildKit, --chmod=775, which makes the copied files and subdirectories
// group-writable).
func (pl *permPlanner) planShellless(dirs []*appDir) []Finding {
	var findings []Finding
	seen := map[*parser.Instruction]bool{}
	bk := buildKitOn(pl.doc, pl.opts)
	uid := pl.t.RuntimeUID
	for _, d := range dirs {
		if d.onlyCopied() {
			continue
		}
		var writers []*parser.Instruction
		for _, ins := range pl.copyWriters(d.Path) {
			if dest, isDir := copyDestination(pl.sf, ins); isDir {
				// A copy into an ancestor (`COPY rootfs /`) brings
				// system files too: its owner and modes stay.
				if pathWithin(dest, d.Path) {
					writers = append(writers, ins)
				}
			} else if !seen[ins] {
				// A copied file does not make its directory writable:
				// only its group is fixed.
				seen[ins] = true
				if f, ok := pl.chownGroupFix(ins, d); ok {
					findings = append(findings, f)
				}
			}
		}
		if len(writers) == 0 {
			findings = append(findings, Finding{Line: dirFirstLine(d, pl.st), Message: fmt.Sprintf(
				"group 0 cannot write %s and the stage has no shell to change it: copy the directory in with COPY --chown=%s:0 (and, with BuildKit, --chmod=775) from a stage that makes it", d.why(), uidOrPlaceholder(uid))})
			continue
		}
		for _, ins := range writers {
			if seen[ins] {
				continue
			}
			seen[ins] = true
			raw, has := ins.Flag("chown")
			_, hasChmod := ins.Flag("chmod")
			var add []string
			var edits []Edit
			if has {
				if f, ok := pl.chownGroupFix(ins, d); ok {
					edits = append(edits, f.Fix.Edits...)
				}
			} else if uid != "" {
				add = append(add, "--chown="+uid+":0")
			}
			if bk && !hasChmod {
				add = append(add, "--chmod=775")
			}
			if len(add) > 0 {
				edits = append(edits, Insert(ins.FlagsEnd, " "+strings.Join(add, " ")))
			}
			if len(edits) == 0 {
				continue
			}
			var how string
			switch {
			case has:
				user, _, _ := strings.Cut(raw, ":")
				how = fmt.Sprintf("give its files group 0 (--chown=%s:0)", user)
			case uid != "":
				how = "give its files to UID " + uid + " and group 0"
			default:
				how = "its files keep their owner (the runtime UID is not known: pass --uid N for --chown=N:0)"
			}
			if bk && !hasChmod {
				how += "; BuildKit's --chmod=775 makes the copied files and subdirectories group-writable"
			} else {
				how += "; without BuildKit only the owner can write them (declare `# syntax=` or pass --buildkit for --chmod)"
			}
			findings = append(findings, Finding{Line: ins.StartLine, Message: fmt.Sprintf(
				"%s copies into %s, and the stage has no shell to fix permissions later: %s", strings.ToUpper(ins.Keyword), d.why(), how),
				Fix: &Fix{Edits: edits}})
		}
	}
	return findings
}

func uidOrPlaceholder(uid string) string {
	if uid == "" {
		return "<uid>"
	}
	return uid
}
