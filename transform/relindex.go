package transform

import (
	"path"
	"slices"
)

// The relation index: which instructions of the target stage can matter to
// a directory at all. Every question the planner asks of a directory D and
// an instruction (does it write D, make D, remove D, open D to group 0, give
// D another group?) can only be true when one of the instruction's paths is
// D, inside D, or (for commands that act on whole trees) holds D. Indexing
// those paths once turns "ask every instruction, for every directory" (the
// cost grew with their product: 4,000 `RUN mkdir` lines took 8 s) into
// asking only the few that name D or its ancestors. The answers still come
// from the exact predicates (writes, makes, covered...); the index only
// skips instructions for which they must be false.

// relIndex maps paths to the indexes (in the stage) of the instructions
// related to them.
type relIndex struct {
	// down[K] lists the instructions with a path at K or inside K: those
	// that may write or make something in K.
	down map[string][]int
	// up[P] lists the instructions that act on the whole tree at P (a
	// recursive chown or chmod, a find, rm -r, a COPY of a directory): they
	// reach every directory inside P.
	up map[string][]int
	// memo holds the answer of related per directory.
	memo map[string][]int
}

// relIndex builds the index on first use.
func (pl *permPlanner) relIndex() *relIndex {
	if pl.rel != nil {
		return pl.rel
	}
	ri := &relIndex{down: map[string][]int{}, up: map[string][]int{}, memo: map[string][]int{}}
	addDown := func(i int, p string) {
		if !path.IsAbs(p) {
			return
		}
		for p = path.Clean(p); ; p = path.Dir(p) {
			if l := ri.down[p]; len(l) == 0 || l[len(l)-1] != i {
				ri.down[p] = append(l, i)
			}
			if p == "/" {
				return
			}
		}
	}
	addUp := func(i int, p string) {
		if !path.IsAbs(p) {
			return
		}
		p = path.Clean(p)
		if l := ri.up[p]; len(l) == 0 || l[len(l)-1] != i {
			ri.up[p] = append(l, i)
		}
	}
	for i, ins := range pl.st.Instructions {
		switch ins.Keyword {
		case "copy", "add":
			if p, isDir := copyDestination(pl.sf, ins); p != "" {
				addDown(i, p)
				if isDir {
					addUp(i, p)
				}
			}
		case "workdir":
			if len(ins.Args) > 0 {
				addDown(i, resolveDir(pl.doc.Expand(ins.Args[0], ins.Env), pl.sf.cwd(ins)))
			}
		case "run":
			cwd := pl.sf.cwd(ins)
			addDown(i, cwd)
			for _, m := range ins.ScriptPaths {
				addDown(i, m.Path)
			}
			rc := pl.sf.script(ins)
			for _, f := range rc.finds {
				for _, r := range f.Roots {
					addUp(i, r)
				}
			}
			for _, r := range rc.removes {
				addUp(i, r)
			}
			ix := pl.sf.index(ins)
			if ix == nil {
				continue
			}
			// writesAnc and chAnc hold every ancestor of their paths:
			// adding each key as a down path adds nothing new.
			for p := range ix.writesAnc {
				addDown(i, p)
			}
			for p := range ix.chAnc {
				addDown(i, p)
			}
			for _, m := range []map[string]bool{ix.chExact, ix.chgrp0Rec, ix.gwRec, ix.otherGroup} {
				for p := range m {
					addUp(i, p)
					addDown(i, p)
				}
			}
		}
	}
	pl.rel = ri
	return ri
}

// related returns, in stage order, the indexes of the instructions that can
// matter to dir: those with a path at or inside dir, and those acting on a
// tree that holds dir.
func (pl *permPlanner) related(dir string) []int {
	ri := pl.relIndex()
	if l, ok := ri.memo[dir]; ok {
		return l
	}
	out := slices.Clone(ri.down[dir])
	if path.IsAbs(dir) {
		for p := path.Clean(dir); ; p = path.Dir(p) {
			out = append(out, ri.up[p]...)
			if p == "/" {
				break
			}
		}
	}
	slices.Sort(out)
	out = slices.Compact(out)
	ri.memo[dir] = out
	return out
}

// relatedIn returns the related instructions of dir whose index is in
// [from, to).
func (pl *permPlanner) relatedIn(dir string, from, to int) []int {
	l := pl.related(dir)
	lo, _ := slices.BinarySearch(l, from)
	hi, _ := slices.BinarySearch(l, to)
	if hi < lo {
		return nil
	}
	return l[lo:hi]
}
