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
	for _, ins := range doc.Instructions {
		if ins.Run == nil {
			continue
		}
		for i := range ins.Run.Users {
			if &ins.Run.Users[i] == u {
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
	n, _ := strconv.Atoi(DefaultUID)
	for taken[strconv.Itoa(n)] {
		n++
	}
	return strconv.Itoa(n)
}
