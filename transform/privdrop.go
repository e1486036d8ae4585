package transform

import (
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
	var words []string
	for _, v := range []cmdValue{rc.Entrypoint, rc.Cmd} {
		args := v.Args
		if len(args) == 3 && args[1] == "-c" && (pathBase(args[0]) == "sh" || pathBase(args[0]) == "bash") {
			args = shellWords(args[2])
		}
		words = append(words, args...)
	}
	for i, w := range words {
		if i >= 6 {
			break
		}
		if b := pathBase(w); privilegeDroppers[b] {
			return b
		}
	}
	return ""
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
			for _, in := range ins.Run.Installs {
				for _, pkg := range in.Packages {
					if pkg == "gosu" || pkg == "su-exec" {
						return pkg
					}
				}
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
