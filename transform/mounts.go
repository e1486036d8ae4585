package transform

import (
	"strings"

	"github.com/unroot/unroot/parser"
)

// runMountTargets returns the directories a RUN's --mount flags mount over
// (bind, cache, tmpfs, secret and ssh alike), resolved against its working
// directory. What the RUN writes there lands in the mount, not in the image:
// a fix appended to that RUN would change the mount and leave the image's
// directory as it was.
func runMountTargets(doc *parser.Document, ins *parser.Instruction, cwd string) []string {
	var targets []string
	for _, f := range ins.Flags {
		k, v, ok := strings.Cut(strings.TrimPrefix(f, "--"), "=")
		if !ok || !strings.EqualFold(k, "mount") {
			continue
		}
		// BuildKit reads the value as CSV: key=value fields.
		for _, field := range strings.Split(v, ",") {
			key, val, _ := strings.Cut(strings.Trim(field, `"`), "=")
			switch strings.ToLower(key) {
			case "target", "dst", "destination":
				targets = append(targets, resolveDir(doc.Expand(val, ins.Env), cwd))
			}
		}
	}
	return targets
}

// mountsOver reports whether ins mounts something over dir or inside it.
func (pl *permPlanner) mountsOver(ins *parser.Instruction, dir string) bool {
	if ins == nil || len(ins.Flags) == 0 {
		return false
	}
	for _, t := range runMountTargets(pl.doc, ins, pl.sf.cwd(ins)) {
		if pathsRelated(t, dir) {
			return true
		}
	}
	return false
}
