package transform

import (
	"fmt"
	"strconv"

	"github.com/unroot/unroot/baseusers"
	"github.com/unroot/unroot/parser"
)

// Pinning UIDs. A user the file creates without a UID (`useradd -m app`,
// `adduser -D app`) gets whatever UID the system picks at build time, which
// a platform cannot check and a Dockerfile cannot name. UR001 fixes it at
// the source: the command gets an explicit UID (`useradd -u 1001 -m app`),
// and USER names that UID.

// pinUser gives the runtime user a UID when the file creates it without
// one and the command can take the option.
func (t *Target) pinUser(doc *parser.Document, opts Options) {
	if t.Kind != UserNamed || t.RuntimeUID != "" {
		return
	}
	u := t.Stage.LookupUser(t.UserName)
	if u == nil || u.UIDWord != "" || u.IDOption == "" || u.CmdEnd <= 0 {
		return // not created here, or a UID is given but unknown (a variable)
	}
	ins := instructionOfUser(doc, u)
	if ins == nil || ins.ScriptBase < 0 || ins.JSON {
		return
	}
	uid := opts.UID
	if !opts.UIDSet {
		uid = freeUID(doc, t)
	}
	option := u.IDOption
	if option == "--uid" {
		// The stage that runs the command decides which adduser it is
		// (an earlier stage whose /etc/passwd this one copies).
		switch baseusers.Family(ins.Stage.Image()) {
		case baseusers.FamilyAlpine, baseusers.FamilyBusyBox:
			option = "-u" // BusyBox's adduser
		}
	}
	e := Insert(ins.ScriptBase+u.CmdEnd, " "+option+" "+uid)
	t.Pin = &e
	t.RuntimeUID, t.RuntimeUser = uid, u
	t.ResolvedBy = fmt.Sprintf("%s had no fixed UID: unroot gives it %s with `%s %s` at line %d; choose another with --uid", u.Name, uid, option, uid, ins.StartLine)
}

// instructionOfUser returns the RUN whose facts hold u.
func instructionOfUser(doc *parser.Document, u *parser.User) *parser.Instruction {
	return runHolding(doc, u, func(f *parser.RunFacts) []parser.User { return f.Users })
}

// instructionOfGroup returns the RUN whose facts hold g.
func instructionOfGroup(doc *parser.Document, g *parser.Group) *parser.Instruction {
	return runHolding(doc, g, func(f *parser.RunFacts) []parser.Group { return f.Groups })
}

// runHolding returns the RUN whose facts hold the element p of the list
// that list picks, nil when none does.
func runHolding[T any](doc *parser.Document, p *T, list func(*parser.RunFacts) []T) *parser.Instruction {
	for _, ins := range doc.Instructions {
		if ins.Run == nil {
			continue
		}
		l := list(ins.Run)
		for i := range l {
			if &l[i] == p {
				return ins
			}
		}
	}
	return nil
}

// freeUID is the default UID, or the next one that no user of the file and
// not the base image's own user has.
func freeUID(doc *parser.Document, t *Target) string {
	taken := map[string]bool{}
	for _, ins := range doc.Instructions {
		if ins.Run != nil {
			for _, u := range ins.Run.Users {
				taken[u.UID] = true
			}
		}
	}
	if d, ok := baseusers.DefaultUser(t.Stage.Image()); ok {
		taken[d.UID] = true
	}
	for _, e := range baseusers.Known(t.Stage.Image()) {
		taken[e.UID] = true // ubuntu:24.04's ubuntu, node's node...
	}
	return firstFree(DefaultUID, taken)
}

// firstFree is from, or the next number after it that is not taken.
func firstFree(from string, taken map[string]bool) string {
	n, _ := strconv.Atoi(from)
	for taken[strconv.Itoa(n)] {
		n++
	}
	return strconv.Itoa(n)
}

// pinGroup gives the runtime user's group a GID when the file creates it
// without one (`groupadd app && useradd -g app app`, `addgroup app &&
// adduser -G app -D app`) and either USER names it (`USER app:app`, which
// must end numeric) or the user's UID is pinned (user and group keep one
// number). The GID is the user's UID when no group of the file or of the
// base image has it, else the next free one.
func (t *Target) pinGroup(doc *parser.Document) {
	if t.Kind != UserNamed || t.RuntimeUID == "" || t.Missing != "" {
		return
	}
	name := ""
	switch {
	case t.GroupName != "" && !isNumeric(t.GroupName) && t.GroupName != "root":
		if t.RuntimeGID != "" {
			return // known already
		}
		name = t.GroupName
	case t.GroupName == "" && t.Pin != nil && t.RuntimeUser != nil && t.RuntimeUser.Group != "":
		name = t.RuntimeUser.Group
	default:
		return
	}
	g := t.Stage.LookupGroup(name)
	if g == nil || g.GID != "" || g.GIDWord != "" || g.Unresolved || g.IDOption == "" || g.CmdEnd <= 0 {
		return
	}
	ins := instructionOfGroup(doc, g)
	if ins == nil || ins.ScriptBase < 0 || ins.JSON {
		return
	}
	taken := map[string]bool{}
	for _, i := range doc.Instructions {
		if i.Run == nil {
			continue
		}
		for _, og := range i.Run.Groups {
			taken[og.GID] = true
		}
		for _, u := range i.Run.Users {
			if u.Group == "" || u.Group == u.Name {
				taken[u.GID] = true // a user's own group
			}
		}
	}
	for _, e := range baseusers.Known(ins.Stage.Image()) {
		taken[e.GID] = true
	}
	gid := firstFree(t.RuntimeUID, taken)
	option := g.IDOption
	if option == "--gid" {
		switch baseusers.Family(ins.Stage.Image()) {
		case baseusers.FamilyAlpine, baseusers.FamilyBusyBox:
			option = "-g" // BusyBox's addgroup
		}
	}
	e := Insert(ins.ScriptBase+g.CmdEnd, " "+option+" "+gid)
	t.GroupPin = &e
	t.RuntimeGID = gid
	if t.GroupName != "" {
		t.GroupName = gid
	}
	note := fmt.Sprintf("group %s had no fixed GID: unroot gives it %s with `%s %s` at line %d", name, gid, option, gid, ins.StartLine)
	if t.ResolvedBy == "" {
		t.ResolvedBy = note
	} else {
		t.ResolvedBy += "; " + note
	}
}
