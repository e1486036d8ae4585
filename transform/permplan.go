package transform

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/unroot/unroot/parser"
)

// The UR002 permission planner: for each app directory group 0 cannot
// write, where to open it so that no layer stores its files twice (the RUN
// that makes it, the last root RUN that writes it, or one RUN that changes
// directories only), and the edits that do it.

// changesNoFiles are instructions that change no file: a fix may move across
// them.
var changesNoFiles = map[string]bool{
	"env": true, "label": true, "expose": true, "arg": true, "maintainer": true, "healthcheck": true,
	"stopsignal": true, "cmd": true, "entrypoint": true, "onbuild": true,
}

// permGroup is one place where unroot opens directories to group 0.
type permGroup struct {
	kind string              // "fold" (append to a RUN), "before" (new RUN before a VOLUME), "anchor" (new RUN where root commands go)
	at   *parser.Instruction // the RUN or the VOLUME
	// creates are made with mkdir -p, fresh trees get chgrp -R 0 and
	// chmod -R g=u (their files were made by the same RUN: free), roots get
	// the directory-only find.
	creates, fresh, roots []string
	dirs                  []*appDir
	// prune: a root is a home, where .ssh and .gnupg must stay closed.
	prune bool
}

// permPlanner decides, for each app directory, where and how it is opened to
// group 0.
type permPlanner struct {
	doc       *parser.Document
	t         *Target
	opts      Options
	st        *parser.Stage
	idx       map[*parser.Instruction]int
	anchorIdx int
	// anchorUser is the USER in force where root commands are inserted:
	// not root when the stage inherits a USER from an earlier stage.
	anchorUser string
	sf         *stageFacts
	rel        *relIndex                    // see relindex.go
	workdirNew map[*parser.Instruction]bool // WORKDIRs that create their directory
	volumes    []*parser.Instruction        // the stage's VOLUMEs (see volumeOver)
}

func newPermPlanner(sf *stageFacts, t *Target, opts Options) *permPlanner {
	pl := &permPlanner{doc: sf.doc, t: t, opts: opts, st: t.Stage, idx: map[*parser.Instruction]int{}, sf: sf}
	pl.anchorIdx = len(pl.st.Instructions)
	for i, ins := range pl.st.Instructions {
		pl.idx[ins] = i
		if pl.anchorIdx == len(pl.st.Instructions) && pl.afterAnchor(ins) {
			pl.anchorIdx = i
		}
	}
	pl.anchorUser = sf.endUser
	if pl.anchorIdx < len(pl.st.Instructions) {
		pl.anchorUser = sf.users[pl.st.Instructions[pl.anchorIdx]]
	}
	return pl
}

// afterAnchor reports whether ins comes after the place where root commands
// are inserted.
func (pl *permPlanner) afterAnchor(ins *parser.Instruction) bool {
	a := pl.t.Anchor
	if a.Before {
		return ins.StartLine >= a.Line
	}
	return ins.StartLine > a.Line
}

// foldable reports whether fixes can be appended to a RUN: shell form (or a
// heredoc that maps to the source), run as root.
func (pl *permPlanner) foldable(ins *parser.Instruction) bool {
	return Appendable(pl.doc, ins) &&
		!ins.JSON && pl.sf.root(ins)
}

// writes reports whether ins (of the target stage) may create or change
// files or directories in dir.
func (pl *permPlanner) writes(ins *parser.Instruction, dir string) bool {
	switch ins.Keyword {
	case "copy", "add":
		p, isDir := copyDestination(pl.sf, ins)
		if p == "" {
			return false
		}
		if isDir {
			return pathsRelated(p, dir)
		}
		return pathWithin(p, dir)
	case "workdir":
		if len(ins.Args) == 0 {
			return false
		}
		p := resolveDir(pl.doc.Expand(ins.Args[0], ins.Env), pl.sf.cwd(ins))
		if !pathWithin(p, dir) {
			return false
		}
		return pl.workdirCreates(ins, p)
	case "run":
		if pathWithin(pl.sf.cwd(ins), dir) && !keepsOutOfCwd(ins) {
			return true
		}
		ix := pl.sf.index(ins)
		if ix == nil {
			// A script the shell grammar cannot read: what its text names.
			return slices.ContainsFunc(ins.ScriptPaths, func(m parser.PathMention) bool { return pathWithin(m.Path, dir) })
		}
		if pl.sf.ownRun(ins) {
			// unroot's own RUN makes the directories it names and
			// changes nothing else: no guessing from path mentions.
			return ix.created[dir]
		}
		return ix.writesAnc[dir] || ix.chAnc[dir] || anyAncestor(ix.chExact, dir) || len(ix.mentions[dir]) > 0
	}
	return false
}

// copiesFileOnly reports whether the instruction at index i is a COPY or
// ADD of one file into a directory that exists before it: it makes no
// directory, and the directories around the file keep their group and mode
// (`COPY --chown=1001:0 app.sh /app/app.sh` after /app was opened leaves
// /app open), so it does not undo an earlier fix.
func (pl *permPlanner) copiesFileOnly(i int, ins *parser.Instruction) bool {
	if ins.Keyword != "copy" && ins.Keyword != "add" {
		return false
	}
	dest, isDir := copyDestination(pl.sf, ins)
	return dest != "" && !isDir && pl.existsBefore(i, path.Dir(dest))
}

// workdirCreates reports whether a WORKDIR creates its directory p: only
// then does it write, since one that an earlier instruction made keeps its
// owner and mode. Asked for every app directory: computed once.
func (pl *permPlanner) workdirCreates(ins *parser.Instruction, p string) bool {
	if v, ok := pl.workdirNew[ins]; ok {
		return v
	}
	v := true
	for _, i := range pl.relatedIn(p, 0, pl.idx[ins]) {
		if prev := pl.st.Instructions[i]; prev.Keyword != "workdir" && pl.makes(prev, p) {
			v = false
			break
		}
	}
	if pl.workdirNew == nil {
		pl.workdirNew = map[*parser.Instruction]bool{}
	}
	pl.workdirNew[ins] = v
	return v
}

// makes reports whether ins creates directory p or puts files inside it
// (so that p exists afterwards).
func (pl *permPlanner) makes(ins *parser.Instruction, p string) bool {
	switch ins.Keyword {
	case "copy", "add":
		d, isDir := copyDestination(pl.sf, ins)
		if d == "" {
			return false
		}
		if !isDir {
			d = path.Dir(d)
		}
		return pathWithin(d, p)
	case "run":
		ix := pl.sf.index(ins)
		if ix == nil {
			return false
		}
		for c := range ix.created {
			if pathWithin(c, p) {
				return true
			}
		}
		if ins.Run != nil {
			// A file written inside p needs p: the RUN made it or
			// found it.
			cwd := pl.sf.cwd(ins)
			for _, w := range ins.Run.Writes {
				if pathUnder(resolveDir(w, cwd), p) {
					return true
				}
			}
		}
	}
	return false
}

// lateRunWriter returns a RUN after the place for root commands, run as a
// non-root user, that writes into dir; nil when none.
func (pl *permPlanner) lateRunWriter(dir string) *parser.Instruction {
	for _, i := range pl.relatedIn(dir, pl.anchorIdx, len(pl.st.Instructions)) {
		if ins := pl.st.Instructions[i]; ins.Keyword == "run" && !pl.sf.root(ins) && pl.writes(ins, dir) {
			return ins
		}
	}
	return nil
}

// existsBefore reports whether directory p exists once the stage's
// instructions before index limit have run: a WORKDIR, COPY, mkdir, home or
// written file made it, and no later `rm -r` removed it.
func (pl *permPlanner) existsBefore(limit int, p string) bool {
	// Every image has / and root's home (scratch aside, which has no
	// shell to run the fix in anyway).
	made := p == "/root" || p == "/"
	for _, i := range pl.relatedIn(p, 0, limit) {
		ins := pl.st.Instructions[i]
		switch {
		case ins.Keyword == "workdir" && len(ins.Args) > 0:
			if pathWithin(resolveDir(pl.doc.Expand(ins.Args[0], ins.Env), pl.sf.cwd(ins)), p) {
				made = true
			}
		case ins.Keyword == "run" && removedBy(pl.sf.script(ins).removes, p):
			// Removed, perhaps after making it: mkdir -p again costs
			// nothing when it does exist.
			made = false
		case pl.makes(ins, p):
			made = true
		}
	}
	return made
}

// createdIn reports whether the RUN makes dir (mkdir, or a user's home).
func (pl *permPlanner) createdIn(ins *parser.Instruction, dir string) bool {
	ix := pl.sf.index(ins)
	return ix != nil && ix.created[dir]
}

// writesFilesIn reports whether the RUN may put files in dir, beyond making
// it (mkdir, useradd -m) and setting its owner or mode: a redirection into
// it, or any other command that names it.
func (pl *permPlanner) writesFilesIn(ins *parser.Instruction, dir string) bool {
	r, ix := ins.Run, pl.sf.index(ins)
	cwd := pl.sf.cwd(ins)
	for _, w := range r.Writes {
		if pathWithin(resolveDir(w, cwd), dir) {
			return true
		}
	}
	for _, off := range ix.mentions[dir] {
		i, _ := slices.BinarySearchFunc(ix.spans, off, func(sp [2]int, off int) int { return sp[0] - off })
		// The span starting at or before off is the only one that can hold it
		// (commands do not nest).
		inside := false
		for _, j := range []int{i - 1, i} {
			if j >= 0 && j < len(ix.spans) && off >= ix.spans[j][0] && off < ix.spans[j][1] {
				inside = true
			}
		}
		if !inside {
			return true
		}
	}
	return false
}

// freshIn reports whether nothing before the RUN at index i put content in
// p: then chgrp -R and chmod -R on p only touch what the RUN itself makes.
func (pl *permPlanner) freshIn(i int, p string) bool {
	for _, j := range pl.relatedIn(p, 0, i) {
		if ins := pl.st.Instructions[j]; ins.Keyword != "workdir" && pl.writes(ins, p) {
			return false
		}
	}
	return true
}

// nonRootGroup reports whether a RUN before index limit gives files in dir
// a group other than 0 (chown to another group, a user's home).
func (pl *permPlanner) nonRootGroup(dir string, limit int) bool {
	for _, i := range pl.relatedIn(dir, 0, limit) {
		ins := pl.st.Instructions[i]
		if ins.Keyword != "run" {
			continue
		}
		if ix := pl.sf.index(ins); ix != nil && len(ix.otherGroup) > 0 {
			if anyAncestor(ix.otherGroup, dir) {
				return true
			}
			// a path inside dir
			for p := range ix.otherGroup {
				if pathWithin(p, dir) {
					return true
				}
			}
		}
	}
	return false
}

// covered reports whether a RUN among st.Instructions[from:limit] already
// opens dir to group 0: unroot's own find, `chgrp -R 0 D && chmod -R g=u D`
// (or g+w, 775...), a chmod or mkdir -m of D itself when nothing was copied
// into it.
func (pl *permPlanner) covered(dir string, from, limit int, copied bool) bool {
	needGroup := pl.nonRootGroup(dir, limit)
	for _, i := range pl.relatedIn(dir, from, limit) {
		ins := pl.st.Instructions[i]
		if ins.Keyword != "run" || !pl.sf.root(ins) {
			continue
		}
		for _, f := range pl.sf.script(ins).finds {
			write := false
			for _, m := range f.Chmods {
				write = write || parser.GrantsGroupWrite(m)
			}
			if !write || (needGroup && !f.Chgrp0) {
				continue
			}
			for _, r := range f.Roots {
				if pathWithin(dir, r) {
					return true
				}
			}
		}
		ix := pl.sf.index(ins)
		if ix == nil {
			continue
		}
		if anyAncestor(ix.otherGroup, dir) {
			// The same RUN also gives it another group (`chgrp -R 0 D
			// && chmod -R g=u D && chown -R app:app D`): which comes
			// last is not tracked, so it does not count.
			continue
		}
		group := !needGroup || anyAncestor(ix.chgrp0Rec, dir)
		groupExact := group || ix.chgrp0Exact[dir]
		if anyAncestor(ix.gwRec, dir) && group {
			return true
		}
		if ix.gwExact[dir] && !copied && groupExact {
			return true
		}
	}
	return false
}

// ancestorVolume returns the VOLUME of an earlier stage that covers dir.
func (pl *permPlanner) ancestorVolume(dir string) *parser.Instruction {
	for _, c := range pl.st.Chain() {
		if c == pl.st {
			break
		}
		if v := volumeCovering(pl.doc, c.Instructions, dir); v != nil {
			return v
		}
	}
	return nil
}

// volumeOver returns the first VOLUME of the target stage that covers dir.
func (pl *permPlanner) volumeOver(dir string) *parser.Instruction {
	if pl.volumes == nil {
		// Asked for every app directory: the stage's VOLUMEs, found once.
		pl.volumes = []*parser.Instruction{}
		for _, ins := range pl.st.Instructions {
			if ins.Keyword == "volume" {
				pl.volumes = append(pl.volumes, ins)
			}
		}
	}
	return volumeCovering(pl.doc, pl.volumes, dir)
}

// volumeCovering returns the first VOLUME among instructions whose path
// holds dir.
func volumeCovering(doc *parser.Document, instructions []*parser.Instruction, dir string) *parser.Instruction {
	for _, ins := range instructions {
		if ins.Keyword != "volume" {
			continue
		}
		for _, v := range volumePaths(doc, ins) {
			if pathWithin(dir, v) {
				return ins
			}
		}
	}
	return nil
}

// prevFileInstruction returns the instruction before index i that may
// change files, skipping those that change none.
func (pl *permPlanner) prevFileInstruction(i int) *parser.Instruction {
	for j := i - 1; j >= 0; j-- {
		if !changesNoFiles[pl.st.Instructions[j].Keyword] {
			return pl.st.Instructions[j]
		}
	}
	return nil
}

// plan returns the findings (without rule) that open dirs to group 0.
func (pl *permPlanner) plan(dirs []*appDir) []Finding {
	if stageWithoutShell(pl.st) {
		return pl.planShellless(dirs)
	}
	var findings []Finding
	groups := map[string]*permGroup{}
	var order []string
	group := func(kind string, at *parser.Instruction) *permGroup {
		key := kind
		if at != nil {
			key = fmt.Sprintf("%s:%d", kind, at.StartLine)
		}
		g := groups[key]
		if g == nil {
			g = &permGroup{kind: kind, at: at}
			groups[key] = g
			order = append(order, key)
		}
		return g
	}
	// A volume's directory that no RUN can be extended for is deferred: it
	// joins a RUN fixed anyway right before the VOLUME, else gets its own.
	type pending struct {
		d        *appDir
		volume   *parser.Instruction
		last     *parser.Instruction
		nwriters int
	}
	var deferred []pending
	// decisions are placed after the loop, so that a directory whose
	// ancestor is opened (by a recursive find) after its last writer is
	// left to that ancestor's fix instead of getting one of its own.
	type decision struct {
		d        *appDir
		kind     string
		at       *parser.Instruction
		last     *parser.Instruction
		limit    int
		nwriters int
	}
	var decisions []decision
	for _, d := range dirs {
		if v := pl.ancestorVolume(d.Path); v != nil {
			findings = append(findings, Finding{Line: v.StartLine, Message: fmt.Sprintf(
				"%s is under a VOLUME of an earlier stage: the classic builder discards changes to it in this stage; open it to group 0 before that VOLUME", d.why())})
			continue
		}
		limit, volume := pl.anchorIdx, (*parser.Instruction)(nil)
		if v := pl.volumeOver(d.Path); v != nil && pl.idx[v] < pl.anchorIdx {
			limit, volume = pl.idx[v], v
		}
		var last *parser.Instruction
		copied := false
		nwriters := 0
		for _, i := range pl.relatedIn(d.Path, 0, limit) {
			if ins := pl.st.Instructions[i]; pl.writes(ins, d.Path) && !pl.copiesFileOnly(i, ins) {
				last = ins
				nwriters++
				if ins.Keyword == "copy" || ins.Keyword == "add" {
					copied = true
				}
			}
		}
		if nwriters == 0 && !d.inherited() {
			if late := pl.lateRunWriter(d.Path); late != nil {
				// Made after the final USER by that user's own RUN:
				// made by root before, it would be closed to that user.
				findings = append(findings, Finding{Line: late.StartLine, Message: fmt.Sprintf(
					"%s is made after the final USER by this RUN, as USER %s: it stays closed to group 0; make it before USER (as root, then open it to group 0), or add `chmod -R g+rwX` for it to this RUN and give the user group 0",
					d.why(), pl.sf.users[late])})
				continue
			}
		}
		if nwriters == 0 && !d.inherited() && d.onlyGuessed() {
			// Known only from a later `COPY x /path` that may copy a
			// file: a `mkdir -p /path` before it would put the file
			// inside a directory instead, so nothing is made.
			continue
		}
		from := 0
		if last != nil {
			from = pl.idx[last]
		}
		if pl.covered(d.Path, from, limit, copied || d.inherited()) {
			continue
		}
		// Else the last RUN before the anchor, when it runs after every
		// writer: no extra layer either. Not when the fix must make the
		// directory: a mkdir in someone else's RUN would make that RUN a
		// writer of the parent directories, fixed earlier.
		host := pl.prevFileInstruction(limit)
		if nwriters == 0 && !d.inherited() && !d.newHome() {
			host = nil
		}
		switch {
		case pl.foldable(last) && !pl.mountsOver(last, d.Path):
			decisions = append(decisions, decision{d, "fold", last, last, limit, nwriters})
		case volume != nil:
			deferred = append(deferred, pending{d, volume, last, nwriters})
		case pl.foldable(host) && !pl.mountsOver(host, d.Path) && (last == nil || pl.idx[host] > pl.idx[last]):
			decisions = append(decisions, decision{d, "fold", host, last, limit, nwriters})
		default:
			decisions = append(decisions, decision{d, "anchor", nil, last, limit, nwriters})
		}
	}
	// position is where a decision's commands run, in instruction indexes:
	// at the end of the RUN it folds into, or just before the anchor.
	position := func(dc decision) float64 {
		if dc.kind == "fold" {
			return float64(pl.idx[dc.at]) + 0.5
		}
		return float64(pl.anchorIdx) - 0.5
	}
	// Decisions by path: each looks only at its ancestors' decisions.
	decided := map[string][]int{}
	for i, dc := range decisions {
		decided[dc.d.Path] = append(decided[dc.d.Path], i)
	}
	for _, dc := range decisions {
		coveredBy := false
		for anc := path.Dir(dc.d.Path); dc.nwriters > 0 && pathUnder(dc.d.Path, anc) && !coveredBy; anc = path.Dir(anc) {
			for _, k := range decided[anc] {
				a := decisions[k]
				pos := position(a)
				if (dc.last == nil || pos > float64(pl.idx[dc.last])) && pos < float64(dc.limit) {
					coveredBy = true
					break
				}
			}
			if anc == "/" {
				break
			}
		}
		if !coveredBy {
			pl.place(group(dc.kind, dc.at), dc.d, dc.nwriters)
		}
	}
	for _, p := range deferred {
		r := pl.prevFileInstruction(pl.idx[p.volume])
		if pl.foldable(r) && !pl.mountsOver(r, p.d.Path) && (p.last == nil || pl.idx[r] >= pl.idx[p.last]) && groups[fmt.Sprintf("fold:%d", r.StartLine)] != nil {
			pl.place(group("fold", r), p.d, p.nwriters)
			continue
		}
		if !pl.sf.root(p.volume) {
			who := "a non-root USER is in force"
			if pl.sf.users[p.volume] == unknownBaseUser {
				who = "the base image's user, not known to be root, is in force"
			}
			findings = append(findings, Finding{Line: p.volume.StartLine, Message: fmt.Sprintf(
				"%s is a volume declared while %s: open it to group 0 as root before the VOLUME", p.d.why(), who)})
			continue
		}
		pl.place(group("before", p.volume), p.d, p.nwriters)
	}
	for _, key := range order {
		g := groups[key]
		g.creates = innermostPaths(g.creates)
		g.fresh = outermostPaths(g.fresh)
		g.roots = outermostPaths(g.roots)
		findings = append(findings, pl.groupFinding(g))
	}
	findings = append(findings, pl.copyGroupFixes(dirs)...)
	findings = append(findings, pl.copiesAfterAnchor(dirs)...)
	return findings
}

// copiesAfterAnchor reports COPY/ADD of directory trees into app
// directories after the place for root commands (the final USER): the
// subdirectories they make are root's, 755, whatever USER says, and no fix
// before USER reaches them. A directory-only find would need root after
// them; unroot does not switch back to root, it says so.
func (pl *permPlanner) copiesAfterAnchor(dirs []*appDir) []Finding {
	var findings []Finding
	for _, ins := range pl.st.Instructions[min(pl.anchorIdx, len(pl.st.Instructions)):] {
		if ins.Keyword != "copy" && ins.Keyword != "add" {
			continue
		}
		if _, hasChmod := ins.Flag("chmod"); hasChmod {
			continue
		}
		dest, isDir := copyDestination(pl.sf, ins)
		if !isDir || dest == "" || copyGuessed(pl.doc, ins) {
			continue
		}
		for _, d := range dirs {
			if pathWithin(dest, d.Path) {
				findings = append(findings, Finding{Line: ins.StartLine, Message: fmt.Sprintf(
					"%s into %s runs after the final USER: the directories it makes stay closed to group 0 (755, owned by root or its --chown user); move it before USER, or give it --chmod with group write (BuildKit)",
					strings.ToUpper(ins.Keyword), dest)})
				break
			}
		}
	}
	return findings
}

// place adds directory d to group g: it is created when nothing before the
// fix makes it (a RUN that only names the path, `git config safe.directory
// /p`, counts as a writer but does not make it, and find fails on a missing
// path), its trees made by the RUN g folds into get chgrp -R and chmod -R
// (free: same layer), and it is a root of the directory-only find.
func (pl *permPlanner) place(g *permGroup, d *appDir, nwriters int) {
	g.dirs = append(g.dirs, d)
	for _, s := range d.Sources {
		g.prune = g.prune || s.Kind == "home" || s.Kind == "HOME"
	}
	limit := pl.anchorIdx
	switch g.kind {
	case "fold":
		limit = pl.idx[g.at] + 1
	case "before":
		limit = pl.idx[g.at]
	}
	if !d.inherited() && !pl.existsBefore(limit, d.Path) {
		g.creates = append(g.creates, d.Path)
	}
	if g.kind == "fold" {
		i := pl.idx[g.at]
		if pl.createdIn(g.at, d.Path) && pl.freshIn(i, d.Path) && !d.inherited() && !isPrivateDir(d.Path) {
			if pl.writesFilesIn(g.at, d.Path) {
				g.fresh = append(g.fresh, d.Path)
			}
		} else {
			cwd := pl.sf.cwd(g.at)
			for _, m := range g.at.Run.Mkdirs {
				if m.Unresolved {
					continue
				}
				for _, p := range m.Paths {
					if p = resolveDir(p, cwd); pathUnder(p, d.Path) && !isPrivateDir(p) && pl.freshIn(i, p) && pl.writesFilesIn(g.at, p) {
						g.fresh = append(g.fresh, p)
					}
				}
			}
		}
	}
	g.roots = append(g.roots, d.Path)
}
