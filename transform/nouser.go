package transform

import (
	"fmt"
	"strings"

	"github.com/unroot/unroot/baseusers"
	"github.com/unroot/unroot/parser"
)

// Users that do not exist. `USER mike` on the official alpine image, with
// nothing in the Dockerfile that makes mike, names no account at all: the
// container cannot start ("unable to find user mike: no matching entries
// in passwd file"). UR001 runs it as the --uid UID instead.

// missingUser tells why the stage's named user cannot exist, or false when
// it may (then blocker, when not "", says what in the file may make it): the base image is a plain OS image whose users are known in full
// and lack the name (baseusers.Absent), no RUN before the USER could have
// made it (one after runs as that user and cannot; one that only runs
// commands known to make no account is read), and no COPY or ADD
// could have brought an /etc/passwd.
func missingUser(doc *parser.Document, t *Target) (why, blocker string, ok bool) {
	st := t.Stage
	at := t.User
	if at == nil {
		at = t.Inherited
	}
	if at == nil || (t.GroupName != "" && !isNumeric(t.GroupName) && t.GroupName != "root") {
		return "", "", false
	}
	a, ok := baseusers.Absent(st.Image(), t.UserName)
	if !ok {
		return "", "", false
	}
	base := fmt.Sprintf("%s has no user %q (its /etc/passwd is %s's)", st.Image(), t.UserName, a.What)
	sf := newStageFacts(doc, st)
	for _, c := range st.Chain() {
		for _, ins := range c.Instructions {
			switch ins.Keyword {
			case "run":
				if ins.StartLine < at.StartLine && !makesNoAccount(ins.Run) {
					return "", fmt.Sprintf("%s, but the RUN at line %d runs as root and may make it (a package, a script)", base, ins.StartLine), false
				}
			case "copy", "add":
				p, _ := copyDestination(sf, ins)
				switch {
				case ins.AccountsFrom != nil, p == "", p == "/", p == "/etc", p == "/etc/passwd":
					return "", fmt.Sprintf("%s, but the %s at line %d may bring an /etc/passwd that has it", base, strings.ToUpper(ins.Keyword), ins.StartLine), false
				}
			case "onbuild":
				return "", "", false
			}
		}
	}
	return fmt.Sprintf("%s and nothing in this Dockerfile makes one, so the container cannot start as it (\"unable to find user %s\")",
		base, t.UserName), "", true
}

// accountFree are commands that make no system account: file and text
// tools, downloaders, and the language package managers (which install
// into their own trees, not the system's users).
var accountFree = map[string]bool{
	"pip": true, "pip3": true, "npm": true, "yarn": true, "pnpm": true, "go": true, "sudo": true,
	"echo": true, "printf": true, "true": true, "test": true, "[": true, "cd": true, "ls": true, "cat": true,
	"mkdir": true, "rm": true, "ln": true, "touch": true, "chmod": true, "chown": true, "chgrp": true,
	"curl": true, "wget": true, "tar": true, "gzip": true, "unzip": true, "git": true, "sed": true, "grep": true,
}

// makesNoAccount reports whether a RUN installs no OS package, writes
// nothing under /etc and runs only commands of accountFree.
func makesNoAccount(f *parser.RunFacts) bool {
	if f == nil || len(f.Installs) > 0 || len(f.Managers) > 0 || len(f.Users) > 0 || len(f.Groups) > 0 || len(f.UserMods) > 0 {
		return false
	}
	for _, w := range f.Writes {
		if w == "/etc" || strings.HasPrefix(w, "/etc/") || !strings.HasPrefix(w, "/") {
			return false
		}
	}
	for _, c := range f.Copies {
		if c.Unresolved || c.Dest == "/" || c.Dest == "/etc" || strings.HasPrefix(c.Dest, "/etc/") {
			return false
		}
	}
	for _, c := range f.Commands {
		if !accountFree[c] {
			return false
		}
	}
	return true
}
