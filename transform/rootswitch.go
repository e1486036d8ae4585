package transform

import (
	"fmt"
	"slices"
	"strings"

	"github.com/unroot/unroot/baseimages"
	"github.com/unroot/unroot/parser"
)

// The place for root commands: the user it runs as, and what makes it run
// as root (USER root, and the shell a RUN needs) when it does not.

// userAt returns the USER in force for an instruction starting at line in
// the target stage ("" for root).
func userAt(doc *parser.Document, t *Target, line int) string {
	spec := t.BaseUser
	if p := t.Stage.Parent; p != nil {
		if u := p.LastOf("user", true); u != nil && len(u.Args) > 0 {
			spec = doc.Expand(u.Args[0], u.Env)
		}
	}
	// The stage's USER instructions, found once per file: asked for
	// every RUN.
	users := shared(t, "userInstructions", func() []*parser.Instruction {
		var us []*parser.Instruction
		for _, ins := range t.Stage.Instructions {
			if ins.Keyword == "user" && len(ins.Args) > 0 {
				us = append(us, ins)
			}
		}
		return us
	})
	// The last USER that starts before line.
	i, _ := slices.BinarySearchFunc(users, line, func(u *parser.Instruction, line int) int { return u.StartLine - line })
	if i > 0 {
		u := users[i-1]
		spec = doc.Expand(u.Args[0], u.Env)
	}
	return spec
}

// anchorRunsAsRoot reports whether commands inserted where root commands
// go (Target.InsertRoot) run as root, or will once RootSwitch's USER root
// is there.
func anchorRunsAsRoot(doc *parser.Document, t *Target) bool {
	if isRootUser(anchorUser(doc, t)) {
		return true
	}
	_, ok := t.RootSwitch(doc)
	return ok
}

func anchorUser(doc *parser.Document, t *Target) string {
	line := t.Anchor.Line
	if !t.Anchor.Before {
		line++
	}
	return userAt(doc, t, line)
}

// RootSwitch is what makes the place for root commands able to run them
// when it cannot: a `USER root` before the commands unroot adds there (and,
// when no USER follows that place, a USER that puts back the user in
// force), and the SHELL a RUN needs where the image has no /bin/sh.
type RootSwitch struct {
	Edits []Edit
	Why   string // why USER root: "the base image is not known to run as root", for the finding's message; "" when the place runs as root
}

// RootSwitch returns the switch for the commands unroot adds where root
// commands go; ok is false when nothing is needed, or when that place runs
// as a non-root user that no USER would follow and that unroot cannot name
// by UID. Every rule that inserts a RUN there adds the same edits: the
// applier keeps one of each.
func (t *Target) RootSwitch(doc *parser.Document) (RootSwitch, bool) {
	var sw RootSwitch
	if u := anchorUser(doc, t); !isRootUser(u) {
		var ok bool
		if sw, ok = t.userSwitch(doc, u); !ok {
			return RootSwitch{}, false
		}
	}
	if sh, ok := t.shellSwitch(doc); ok {
		sw.Edits = append(sw.Edits, sh)
	}
	return sw, len(sw.Edits) > 0
}

// userSwitch returns the USER root (and the USER back) for a place for
// root commands that runs as u, not root.
//
// The place runs as another user than root when the stage inherits a USER
// (`FROM app-base`, whose last USER is app), when a USER earlier in the
// stage is not the last one (USER app ... USER app), or when the base
// image's own user is in force (an unknown image, or distroless :nonroot).
// A USER follows that place when it is right before the stage's last USER,
// or when UR001 inserts one there; else the switch ends with USER UID, the
// numeric user that was in force (a name is left as it is: UR001 may
// rewrite it elsewhere).
func (t *Target) userSwitch(doc *parser.Document, u string) (RootSwitch, bool) {
	sw := t.InsertRoot(doc, "USER root")
	sw.Order = orderRootSwitch
	why := "the base image is not known to run as root"
	if u != unknownBaseUser {
		why = fmt.Sprintf("that place runs as USER %s", u)
	}
	if u == unknownBaseUser || t.userFollowsAnchor(doc) {
		return RootSwitch{Edits: []Edit{sw}, Why: why}, true
	}
	if !isNumericSpec(u) {
		return RootSwitch{}, false
	}
	back := t.InsertRoot(doc, "USER "+u)
	back.Order = orderRootRestore
	return RootSwitch{Edits: []Edit{sw, back}, Why: why + " (USER " + u + " after it)"}, true
}

// shellSwitch returns a `SHELL ["/busybox/sh", "-c"]` to insert before the
// RUNs unroot adds where root commands go, when the stage's only shell is
// BusyBox's at /busybox/sh (distroless :debug images, which have no
// /bin/sh, the shell a RUN uses by default) and no SHELL is in force there.
// A shell-form instruction after it runs under that shell too, where
// without it, it could not run at all.
func (t *Target) shellSwitch(doc *parser.Document) (Edit, bool) {
	if !busyboxShellOnly(t.Stage) {
		return Edit{}, false
	}
	for _, st := range t.Stage.Chain() {
		for _, ins := range st.Find("shell") {
			if st != t.Stage || ins.StartLine < t.Anchor.Line || !t.Anchor.Before && ins.StartLine == t.Anchor.Line {
				return Edit{}, false
			}
		}
	}
	e := t.InsertRoot(doc, `SHELL ["`+strings.Join(busyboxShell, `", "`)+`"]`)
	e.Order = orderRootSwitch + 1
	return e, true
}

// busyboxShell is the SHELL of a stage whose only shell is BusyBox's.
var busyboxShell = []string{"/busybox/sh", "-c"}

// busyboxShellOnly reports whether the stage's base image has no /bin/sh,
// only BusyBox at /busybox/sh.
func busyboxShellOnly(st *parser.Stage) bool {
	f, ok := baseimages.Lookup(st.Image())
	return ok && f.ShellKnown && f.Shell == busyboxShell[0]
}

// userFollowsAnchor reports whether a USER instruction comes right after
// the place for root commands: the stage's USER that place is before, or
// the one UR001 inserts there (for a user inherited from an earlier stage
// or named by the base image).
func (t *Target) userFollowsAnchor(doc *parser.Document) bool {
	if t.Anchor.Before && t.User != nil && t.User.StartLine == t.Anchor.Line {
		return true
	}
	if t.User != nil || !ruleSelected(t.opts, "UR001") {
		return false
	}
	switch t.Kind {
	case UserNamed:
		return t.RuntimeUID != "" && t.Missing == ""
	case UserNone, UserRoot:
		// Unless UR001 leaves USER alone because the command drops
		// privileges itself (see checkNumericUser).
		return !t.ReplaceUser && privilegeDrop(doc, t.Stage, t.opts) == ""
	}
	return false
}

// isNumericSpec reports whether a USER argument is a UID, or UID:GID.
func isNumericSpec(spec string) bool {
	u, g, hasGroup := strings.Cut(spec, ":")
	return isNumeric(u) && (!hasGroup || isNumeric(g))
}

// orderRootSwitch puts RootSwitch's USER root before everything inserted
// where root commands go, and orderRootRestore its USER back after all of
// it (before UR001's USER, which has OrderUser).
const (
	orderRootSwitch  = -100
	orderRootRestore = OrderUser - 1
)
