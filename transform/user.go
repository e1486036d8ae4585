package transform

import (
	"fmt"
	"strings"

	"github.com/unroot/unroot/parser"
)

// The numeric-USER pass. A platform can check a numeric UID without reading
// the image's /etc/passwd (Kubernetes `runAsNonRoot` refuses a named USER
// it cannot verify), and a name may map to root.
func ruleNumericUser() *Rule {
	return &Rule{
		ID:      "UR001",
		Name:    "numeric-user",
		Summary: "the final stage must run as a numeric, non-zero USER",
		Rationale: "Platforms cannot trust or check a user name: Kubernetes runAsNonRoot rejects a non-numeric USER, " +
			"and an image without USER runs as root. A numeric UID in group 0 is what OpenShift-style hosts run.",
		URL:   docsURL("UR001"),
		Check: checkNumericUser,
	}
}

func checkNumericUser(p *Pass) {
	t, doc := p.Target, p.Doc
	if t.User != nil && len(t.User.Flags) > 0 {
		// USER takes no options; the builders refuse one. unroot does
		// not guess which word was meant for the user.
		p.Report(Finding{Line: t.User.StartLine, Message: fmt.Sprintf(
			"USER has an option (%s), which USER does not take: fix the instruction by hand", strings.Join(t.User.Flags, " "))})
		return
	}
	switch t.Kind {
	case UserNumeric:
		return
	case UserNamed:
		numericUser(p, t, doc)
	case UserNone, UserRoot:
		defer reportOnbuildRuns(p, t)
		if tool := privilegeDrop(doc, t.Stage, p.Options); tool != "" {
			// The image starts as root on purpose and drops to its user
			// itself; as that user, the drop fails and nothing starts.
			p.Report(Finding{Line: t.Stage.Last().StartLine, Message: fmt.Sprintf(
				"the image runs as root and its command drops to another user with %s, which fails without root (setgroups: Operation not permitted): USER is left alone; remove the %s step and set that user's UID with USER, then run unroot again", tool, tool)})
			return
		}
		spec := t.RuntimeUID
		if t.RuntimeGID != "" && t.RuntimeGID != "0" {
			spec += ":" + t.RuntimeGID
		}
		why := "no USER: the image runs as root"
		if t.Kind == UserNone && t.BaseUser == unknownBaseUser {
			why = fmt.Sprintf("no USER: the image runs as whatever user %s sets, root unless it sets one", orUnknown(t.Stage.Image()))
		}
		if src := t.User; src != nil && t.Kind == UserNone && len(src.Args) > 0 {
			why = fmt.Sprintf("USER %s is empty in this stage (a variable it does not set; an ARG does not cross FROM): the image runs as root", src.Args[0])
		}
		if t.BaseDefault != nil && t.Kind == UserNone {
			why = fmt.Sprintf("no USER: the image runs as %s's default user %s (%s), named so that a platform cannot check it",
				t.Stage.Image(), t.BaseDefault.Name, t.BaseDefault.UID)
		}
		if t.Kind == UserRoot {
			why = fmt.Sprintf("USER %s: the image runs as root", t.UserSpec)
		}
		uidNote := ""
		switch {
		case p.Options.UIDSet:
		case t.BaseDefault != nil && t.Kind == UserNone:
			uidNote = fmt.Sprintf(" (the base image's own user; set another UID with --uid)")
		default:
			uidNote = fmt.Sprintf(" (%s is the default UID; set one with --uid)", t.RuntimeUID)
		}
		if tool := installedDropper(t.Stage); tool != "" {
			uidNote += fmt.Sprintf("; the image installs %s: an entrypoint script that drops to another user with it must do so only when started as root", tool)
		}
		if t.ReplaceUser && t.User != nil {
			p.Report(Finding{
				Line:    t.User.StartLine,
				Message: fmt.Sprintf("%s; run as USER %s instead%s", why, spec, uidNote),
				Fix:     &Fix{Edits: []Edit{replaceUserArg(doc, t.User, spec)}},
			})
			return
		}
		line := t.Stage.From.StartLine
		if t.User != nil {
			line = t.User.StartLine
		}
		e := t.InsertRoot(doc, "USER "+spec)
		e.Order = OrderUser
		p.Report(Finding{
			Line:    line,
			Message: fmt.Sprintf("%s; add USER %s after the last instruction that needs root%s", why, spec, uidNote),
			Fix:     &Fix{Edits: []Edit{e}},
		})
	}
}

func numericUser(p *Pass, t *Target, doc *parser.Document) {
	at := t.User
	if at == nil {
		at = t.Inherited
	}
	if t.RuntimeUID == "" {
		why := fmt.Sprintf("not created in this Dockerfile, not a known user of %s", orUnknown(t.Stage.Image()))
		u := t.Stage.LookupUser(t.UserName)
		var madeAt *parser.Instruction // the RUN that makes u with a UID from a build argument
		if u != nil && u.UIDWord != "" {
			madeAt = instructionOfUser(doc, u)
		}
		if strings.Contains(t.UserSpec, "$") {
			why = "it uses a variable this Dockerfile does not set (the base image's ENV or a --build-arg)"
		} else if madeAt != nil {
			why = fmt.Sprintf("created at line %d with UID %s, which this Dockerfile does not set (a --build-arg without a default)", madeAt.StartLine, u.UIDWord)
		} else if t.unresolved != "" {
			why = "not created in this Dockerfile; " + t.unresolved
		}
		p.Report(Finding{
			Line:    at.StartLine,
			Message: fmt.Sprintf("USER %s: cannot resolve %q to a UID (%s); pass --uid N to use UID N", t.UserSpec, t.UserName, why),
		})
		return
	}
	if t.Missing != "" {
		uidNote := fmt.Sprintf("%s is the default UID; set one with --uid", t.RuntimeUID)
		if p.Options.UIDSet {
			uidNote = "given by --uid"
		}
		p.Report(Finding{
			Line:    at.StartLine,
			Message: fmt.Sprintf("USER %s: %s; run as USER %s instead (%s)", t.UserSpec, t.Missing, t.RuntimeUID, uidNote),
			Fix:     &Fix{Edits: []Edit{replaceUserArg(doc, at, t.RuntimeUID)}},
		})
		return
	}
	spec := t.RuntimeUID
	resolvedBy := t.ResolvedBy
	if t.UIDSpelled != "" {
		// A build argument names the UID: keep it, so that a build with
		// another --build-arg runs as the UID it creates.
		spec = t.UIDSpelled
		resolvedBy = fmt.Sprintf("%s unless a --build-arg changes it; %s", t.RuntimeUID, t.ResolvedBy)
	}
	if t.GroupName != "" {
		if t.RuntimeGID != "" {
			spec += ":" + t.RuntimeGID
		} else {
			spec += ":" + t.GroupName
		}
	}
	msg := fmt.Sprintf("USER %s is a name; use its UID: USER %s (%s)", t.UserSpec, spec, resolvedBy)
	if t.User == nil {
		e := t.InsertRoot(doc, "USER "+spec)
		e.Order = OrderUser
		edits := []Edit{e}
		for _, pin := range []*Edit{t.Pin, t.GroupPin} {
			if pin != nil {
				edits = append(edits, *pin)
			}
		}
		p.Report(Finding{Line: at.StartLine, Message: msg + ", in the final stage", Fix: &Fix{Edits: edits}})
		return
	}
	edits := []Edit{replaceUserArg(doc, at, spec)}
	for _, pin := range []*Edit{t.Pin, t.GroupPin} {
		if pin != nil {
			edits = append(edits, *pin)
		}
	}
	p.Report(Finding{Line: at.StartLine, Message: msg, Fix: &Fix{Edits: edits}})
}

// replaceUserArg replaces the argument of a USER instruction, keeping the
// keyword, spacing and anything after the argument.
func replaceUserArg(doc *parser.Document, ins *parser.Instruction, spec string) Edit {
	// USER takes the rest of the instruction as one string: replace all
	// of it (quotes and spaces included), keeping trailing blanks.
	start := ins.ArgsStart
	end := ins.Span.End
	for end > start && strings.ContainsRune(" \t\r\n", rune(doc.Src[end-1])) {
		end--
	}
	if start == end || noArgs(doc, ins) {
		// `USER` without an argument: write it on the keyword's line.
		return ReplaceArgs(doc, ins, spec)
	}
	return Replace(start, end, spec)
}

// baseImageNamed is "base image IMAGE", or says why the image has no name:
// FROM names only build arguments that have no value in the file.
func baseImageNamed(image string) string {
	if image == "" {
		return "base image (FROM names a build argument with no default)"
	}
	return "base image " + image
}

func orUnknown(image string) string {
	if image == "" {
		return "the base image"
	}
	return image
}

// reportOnbuildRuns tells that the ONBUILD RUN triggers of the stage will
// run, in every image built FROM this one, as the USER unroot sets: a
// trigger that needs root (a package install) fails there. The child cannot
// switch to root first (triggers run at its FROM); ONBUILD USER can.
func reportOnbuildRuns(p *Pass, t *Target) {
	if t.RuntimeUID == "" {
		return
	}
	for _, c := range t.Stage.Chain() {
		for _, ins := range c.Instructions {
			if ins.Keyword == "onbuild" && ins.Sub != nil && ins.Sub.Keyword == "run" {
				p.Report(Finding{Line: ins.StartLine, Message: fmt.Sprintf(
					"ONBUILD RUN runs right after the FROM of every image built on this one, as USER %s, not as root: if it needs root, put `ONBUILD USER root` before it and `ONBUILD USER %s` after it", t.RuntimeUID, t.RuntimeUID)})
			}
		}
	}
}
