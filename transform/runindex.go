package transform

import (
	"path"
	"slices"

	"github.com/unroot/unroot/parser"
)

// The RUN index: for each RUN of the target stage, which directories it
// makes, writes, changes the owner or mode of, or names, so that the
// planner asks "does this RUN write into D?" without reading the script
// again. Its facts all come from parser.RunFacts.

// ownRun is madeByUnroot for a RUN of the stage, computed once per RUN (a
// RUN may make thousands of directories, and each asks).
func (sf *stageFacts) ownRun(ins *parser.Instruction) bool {
	if v, ok := sf.own[ins]; ok {
		return v
	}
	if sf.own == nil {
		sf.own = map[*parser.Instruction]bool{}
	}
	v := madeByUnroot(sf.doc, ins)
	sf.own[ins] = v
	return v
}

// madeByUnroot reports whether a RUN is one unroot wrote: it only makes
// directories and opens them to group 0 with groupWriteFind.
func madeByUnroot(doc *parser.Document, ins *parser.Instruction) bool {
	return namesItsPaths(ins) && slices.ContainsFunc(ins.Run.Finds, isGroupWriteFind)
}

// isGroupWriteFind reports whether a find does what groupWriteFind does:
// directories only, to group 0, g+rwxs.
func isGroupWriteFind(f parser.Find) bool {
	return f.DirsOnly && slices.Equal(f.Chmods, []string{"g+rwxs"}) && slices.Equal(f.ExecGroups, []string{"0"})
}

// groupWriteFind is the command unroot runs over app directories: it touches
// directories only (a directory's chmod copies up the directory entry, not
// its files), and only those that are not yet group 0 with g+rwx and setgid.
const groupWriteFind = `-type d \( ! -group 0 -o ! -perm -2070 \) -exec chgrp 0 {} + -exec chmod g+rwxs {} +`

// runIndex is what one RUN does to paths, indexed so that each question
// about a directory costs a few map look-ups (a RUN may make thousands of
// directories).
type runIndex struct {
	// writesAnc holds every ancestor (and itself) of the paths the RUN
	// makes or writes (mkdir, redirections, user homes): dir is written
	// when writesAnc[dir].
	writesAnc map[string]bool
	// chAnc and chExact are the same for chown/chgrp/chmod paths, which
	// also touch what is inside them.
	chAnc, chExact map[string]bool
	// mentions maps every ancestor of each absolute path the script names
	// to the offsets where it is named.
	mentions map[string][]int
	created  map[string]bool // mkdir paths and created homes
	spans    [][2]int        // mkdir, chown, chmod and useradd commands, sorted
	// coverage: groups set to 0 and modes that let the group write, by path.
	chgrp0Rec, chgrp0Exact, gwRec, gwExact map[string]bool
	// otherGroup holds paths given a group other than 0 (chown, homes).
	otherGroup map[string]bool
}

func addAncestors(m map[string]bool, p string) {
	for {
		m[p] = true
		if p == "/" || p == "." || p == "" {
			return
		}
		p = path.Dir(p)
	}
}

// anyAncestor reports whether dir or one of its ancestors is in m.
func anyAncestor(m map[string]bool, dir string) bool {
	for {
		if m[dir] {
			return true
		}
		if dir == "/" || dir == "." || dir == "" {
			return false
		}
		dir = path.Dir(dir)
	}
}

// index returns the RUN's index (nil for a RUN without facts).
func (sf *stageFacts) index(ins *parser.Instruction) *runIndex {
	if ix, ok := sf.indexes[ins]; ok {
		return ix
	}
	var ix *runIndex
	if r := ins.Run; r != nil {
		cwd := sf.cwd(ins)
		ix = &runIndex{writesAnc: map[string]bool{}, chAnc: map[string]bool{}, chExact: map[string]bool{},
			mentions: map[string][]int{}, created: map[string]bool{}, chgrp0Rec: map[string]bool{},
			chgrp0Exact: map[string]bool{}, gwRec: map[string]bool{}, gwExact: map[string]bool{}, otherGroup: map[string]bool{}}
		for _, m := range r.Mkdirs {
			ix.spans = append(ix.spans, [2]int{m.Start, m.End})
			for _, p := range m.Paths {
				p = resolveDir(p, cwd)
				addAncestors(ix.writesAnc, p)
				if !m.Unresolved {
					ix.created[p] = true
					if parser.GrantsGroupWrite(m.Mode) {
						ix.gwExact[p] = true
					}
				}
			}
		}
		for _, w := range r.Writes {
			addAncestors(ix.writesAnc, resolveDir(w, cwd))
		}
		for _, u := range r.Users {
			ix.spans = append(ix.spans, [2]int{u.Start, u.End})
			if u.CreateHome && path.IsAbs(u.Home) {
				h := path.Clean(u.Home)
				addAncestors(ix.writesAnc, h)
				ix.created[h] = true
				if !isGroupZero(u.GID) && !isGroupZero(u.Group) {
					ix.otherGroup[h] = true
				}
			}
		}
		for _, c := range r.Chowns {
			ix.spans = append(ix.spans, [2]int{c.Start, c.End})
			for _, p := range c.Paths {
				p = resolveDir(p, cwd)
				addAncestors(ix.chAnc, p)
				ix.chExact[p] = true
				switch {
				case c.Unresolved:
				case isGroupZero(c.Group):
					ix.chgrp0Exact[p] = true
					if c.Recursive {
						ix.chgrp0Rec[p] = true
					}
				case c.Group != "":
					ix.otherGroup[p] = true
				}
			}
		}
		for _, c := range r.Chmods {
			ix.spans = append(ix.spans, [2]int{c.Start, c.End})
			for _, p := range c.Paths {
				p = resolveDir(p, cwd)
				addAncestors(ix.chAnc, p)
				ix.chExact[p] = true
				if !c.Unresolved && parser.GrantsGroupWrite(c.Mode) {
					ix.gwExact[p] = true
					if c.Recursive {
						ix.gwRec[p] = true
					}
				}
			}
		}
		slices.SortFunc(ix.spans, func(a, b [2]int) int { return a[0] - b[0] })
		var own [][2]int
		for _, f := range r.Finds {
			if isGroupWriteFind(f) {
				own = append(own, [2]int{f.Start, f.End})
			}
		}
		for _, t := range ins.ScriptPaths {
			if inSpans(own, t.Offset) {
				// unroot's own find names directories it opens, not
				// ones the RUN writes.
				continue
			}
			for p := t.Path; ; p = path.Dir(p) {
				ix.mentions[p] = append(ix.mentions[p], t.Offset)
				if p == "/" {
					break
				}
			}
		}
	}
	sf.indexes[ins] = ix
	return ix
}

func inSpans(spans [][2]int, off int) bool {
	for _, sp := range spans {
		if off >= sp[0] && off < sp[1] {
			return true
		}
	}
	return false
}

// pathCommands name every path they change: a RUN made only of them does not
// write into its working directory unless it names it.
var pathCommands = map[string]bool{"find": true, "chmod": true, "chgrp": true, "chown": true, "mkdir": true, "set": true, "true": true}

// namesItsPaths reports whether a RUN runs only commands that name the paths
// they change (such as unroot's own find), so that its working directory
// says nothing about what it writes.
func namesItsPaths(ins *parser.Instruction) bool { return runsOnly(ins, pathCommands) }

// runsOnly reports whether a RUN runs at least one command, and only
// commands of the given sets.
func runsOnly(ins *parser.Instruction, sets ...map[string]bool) bool {
	if ins.Run == nil || len(ins.Run.Commands) == 0 {
		return false
	}
	for _, c := range ins.Run.Commands {
		if !slices.ContainsFunc(sets, func(set map[string]bool) bool { return set[c] }) {
			return false
		}
	}
	return true
}

// systemCommands write outside the working directory (package managers
// install into system paths) or only through redirections, which RunFacts
// records as Writes; checksums and tests write nothing.
var systemCommands = map[string]bool{
	"printf": true, "echo": true, "sha256sum": true, "uname": true, "command": true, "rm": true,
	"apk": true, "apt-get": true, "dnf": true, "microdnf": true, "yum": true, "zypper": true,
}

// keepsOutOfCwd reports whether a RUN cannot write into its working directory
// without naming the path: it runs only path commands and system commands.
// unroot's own install and start-up script RUNs are such, so that adding them
// does not make the working directory look written after its fix.
func keepsOutOfCwd(ins *parser.Instruction) bool {
	return runsOnly(ins, pathCommands, systemCommands)
}
