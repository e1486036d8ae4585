package transform

import (
	"strings"

	"github.com/unroot/unroot/parser"
)

// privilegeDroppers start a command as another user. They need root: run as
// a non-root USER, `su-exec app server` fails with "setgroups: Operation not
// permitted" and the container does not start.
var privilegeDroppers = map[string]bool{
	"su-exec": true, "gosu": true, "s6-setuidgid": true, "setuidgid": true, "setpriv": true,
	"runuser": true, "chpst": true, "su": true, "sudo": true, "doas": true,
}

// privilegeDrop returns the program with which the stage's ENTRYPOINT or
// CMD drops root at start (`ENTRYPOINT ["su-exec", "app", "server"]`,
// `CMD exec gosu app server`), or "" when none is seen in the first words.
// A drop inside an entrypoint script is not visible here.
func privilegeDrop(doc *parser.Document, st *parser.Stage, opts Options) string {
	rc := stageRunConfig(doc, st, opts)
	for _, v := range []cmdValue{rc.Entrypoint, rc.Cmd} {
		// The first command of each, past inits, unroot's start-up
		// script, shells and their options: the same before and after
		// unroot wraps it.
		n := 0
		for _, w := range flattenShell(v.Args) {
			b := pathBase(w)
			if wrapperWords[b] || strings.HasPrefix(w, "-") {
				continue
			}
			if privilegeDroppers[b] {
				return b
			}
			if n++; n >= 2 {
				break
			}
		}
	}
	return ""
}

// wrapperWords run the command that follows them.
var wrapperWords = map[string]bool{
	"tini": true, "tini-static": true, "dumb-init": true, "unroot-entrypoint": true, "exec": true,
	"sh": true, "bash": true, "env": true,
}

// flattenShell returns the words of a command, with a `sh -c SCRIPT` read
// as the script's words.
func flattenShell(args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		if args[i] == "-c" && i > 0 && (pathBase(args[i-1]) == "sh" || pathBase(args[i-1]) == "bash") && i+1 < len(args) {
			out = append(out, shellWords(args[i+1])...)
			i++
			continue
		}
		out = append(out, args[i])
	}
	return out
}

// installedDropper returns a privilege-dropping tool a RUN of the stage
// installs (gosu, su-exec), or "". An entrypoint script may use it; most
// do so only when started as root, but one that always drops fails as a
// non-root USER.
func installedDropper(st *parser.Stage) string {
	for _, c := range st.Chain() {
		for _, ins := range c.Instructions {
			if ins.Run == nil {
				continue
			}
			if pkg, ok := ins.Run.InstalledPackage(func(p string) bool { return p == "gosu" || p == "su-exec" }); ok {
				return pkg
			}
			for _, cmd := range ins.Run.Commands {
				if cmd == "gosu" || cmd == "su-exec" {
					return cmd
				}
			}
		}
	}
	return ""
}
