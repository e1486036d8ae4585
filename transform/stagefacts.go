package transform

import (
	"path"
	"slices"
	"strings"

	"github.com/unroot/unroot/parser"
)

// Stage facts: what UR002 and UR003 know of the target stage, computed once
// per file: the working directory and user before each instruction, where
// each COPY puts its files, and what each RUN removes or opens with find.

// stageFacts are facts about the instructions of a stage and its
// ancestors, computed once: the working directory and user in force before
// each, and what each RUN script does beyond RunFacts.
type stageFacts struct {
	doc        *parser.Document
	st         *parser.Stage
	cwds       map[*parser.Instruction]string
	users      map[*parser.Instruction]string
	endCwd     string
	endUser    string
	scripts    map[*parser.Instruction]runChanges
	own        map[*parser.Instruction]bool // RUNs unroot wrote, see ownRun
	indexes    map[*parser.Instruction]*runIndex
	chainInstr []*parser.Instruction
	copyDests  map[*parser.Instruction]copyDest
	removals   map[string][]int            // rm -r targets -> positions in chainInstr (see removedLater)
	chainPos   map[*parser.Instruction]int // positions in chainInstr
	treeDests  []string                    // where COPY/ADD put directory trees (see copiedTreeInto)
}

// sharedStageFacts are the stage facts of the target stage, made once per
// file for UR002 and UR003.
func sharedStageFacts(p *Pass) *stageFacts {
	return shared(p.Target, "stageFacts", func() *stageFacts { return newStageFacts(p.Doc, p.Target.Stage) })
}

func newStageFacts(doc *parser.Document, st *parser.Stage) *stageFacts {
	sf := &stageFacts{doc: doc, st: st, cwds: map[*parser.Instruction]string{}, users: map[*parser.Instruction]string{},
		scripts: map[*parser.Instruction]runChanges{}, indexes: map[*parser.Instruction]*runIndex{}}
	// "" is a working directory the Dockerfile does not show: the base
	// image's own WORKDIR. Relative paths do not resolve against it.
	cwd, user := "", baseUserSpec(st)
	if baseWorkdirIsRoot(st.Image()) {
		cwd = "/"
	}
	for _, c := range st.Chain() {
		for _, i := range c.Instructions {
			sf.cwds[i], sf.users[i] = cwd, user
			sf.chainInstr = append(sf.chainInstr, i)
			switch {
			case i.Keyword == "workdir" && len(i.Args) > 0:
				if p, known := doc.ExpandKnown(i.Args[0], i.Env); known {
					cwd = resolveDir(p, cwd)
				} else {
					cwd = ""
				}
			case i.Keyword == "user" && len(i.Args) > 0:
				user = doc.Expand(i.Args[0], i.Env)
			}
		}
	}
	sf.endCwd, sf.endUser = cwd, user
	return sf
}

// cwd returns the working directory in force before ins (at the end of the
// stage when ins is nil).
func (sf *stageFacts) cwd(ins *parser.Instruction) string {
	if ins == nil {
		return sf.endCwd
	}
	if c, ok := sf.cwds[ins]; ok {
		return c
	}
	return "/"
}

// root reports whether ins runs as root.
func (sf *stageFacts) root(ins *parser.Instruction) bool { return isRootUser(sf.users[ins]) }

func isRootUser(spec string) bool {
	name, _, _ := strings.Cut(spec, ":")
	return name == "" || name == "root" || isZeroID(name)
}

// script returns the RUN's finds and recursive removals, resolved.
func (sf *stageFacts) script(ins *parser.Instruction) runChanges {
	f, ok := sf.scripts[ins]
	if !ok {
		f = resolveRunChanges(ins, sf.cwd(ins))
		sf.scripts[ins] = f
	}
	return f
}

// resolveRunChanges resolves a RUN's finds (those that open to group 0 or
// change modes) and recursive removals against its working directory.
func resolveRunChanges(ins *parser.Instruction, cwd string) runChanges {
	var rc runChanges
	if ins.Keyword != "run" || ins.Run == nil {
		return rc
	}
	for _, f := range ins.Run.Finds {
		fc := findCommand{Chmods: f.Chmods, DirsOnly: f.DirsOnly}
		for _, g := range f.ExecGroups {
			fc.Chgrp0 = fc.Chgrp0 || isGroupZero(g)
		}
		if len(fc.Chmods) == 0 && !fc.Chgrp0 {
			continue
		}
		for _, r := range f.Roots {
			if p := resolveDir(r, cwd); p != "" {
				fc.Roots = append(fc.Roots, p)
			}
		}
		if len(fc.Roots) == 0 {
			fc.Roots = []string{resolveDir(".", cwd)}
		}
		rc.finds = append(rc.finds, fc)
	}
	for _, r := range ins.Run.Removes {
		if !r.Recursive {
			continue
		}
		for _, p := range r.Paths {
			if p = resolveDir(p, cwd); p != "" {
				rc.removes = append(rc.removes, p)
			}
		}
	}
	return rc
}

// removedLater reports whether a RUN after ins removes p.
func (sf *stageFacts) removedLater(ins *parser.Instruction, p string) bool {
	if sf.removals == nil {
		// Asked for every app directory: the removals are indexed by
		// path once, with their positions in the chain.
		sf.removals, sf.chainPos = map[string][]int{}, map[*parser.Instruction]int{}
		for pos, i := range sf.chainInstr {
			sf.chainPos[i] = pos
			if i.Keyword == "run" {
				for _, r := range sf.script(i).removes {
					sf.removals[r] = append(sf.removals[r], pos)
				}
			}
		}
	}
	pos, ok := sf.chainPos[ins]
	if !ok || !path.IsAbs(p) {
		return false
	}
	// removedBy: a removal of p or of a directory holding it.
	for a := path.Clean(p); ; a = path.Dir(a) {
		if l := sf.removals[a]; len(l) > 0 && l[len(l)-1] > pos {
			return true
		}
		if a == "/" {
			return false
		}
	}
}

// copiedTreeInto reports whether a COPY or ADD of the stage copies a
// directory tree into dir (not a single file).
func copiedTreeInto(sf *stageFacts, dir string) bool {
	if sf.treeDests == nil {
		sf.treeDests = []string{}
		for _, ins := range sf.st.Instructions {
			if ins.Keyword == "copy" || ins.Keyword == "add" {
				if dest, isDir := copyDestination(sf, ins); isDir {
					sf.treeDests = append(sf.treeDests, dest)
				}
			}
		}
	}
	return slices.ContainsFunc(sf.treeDests, func(dest string) bool { return pathWithin(dest, dir) })
}

// copyDestination returns where a COPY or ADD puts its files: the destination
// path and whether it is a directory (false when it names a file).
func copyDestination(sf *stageFacts, ins *parser.Instruction) (string, bool) {
	// Asked for every app directory and every COPY: computed once each.
	if d, ok := sf.copyDests[ins]; ok {
		return d.path, d.isDir
	}
	p, isDir := computeCopyDestination(sf, ins)
	if sf.copyDests == nil {
		sf.copyDests = map[*parser.Instruction]copyDest{}
	}
	sf.copyDests[ins] = copyDest{p, isDir}
	return p, isDir
}

type copyDest struct {
	path  string
	isDir bool
}

func computeCopyDestination(sf *stageFacts, ins *parser.Instruction) (string, bool) {
	doc := sf.doc
	args := ins.Args
	if len(args) < 2 {
		return "", false
	}
	rawDest := args[len(args)-1]
	dest, known := doc.ExpandKnown(rawDest, ins.Env)
	if !known {
		// `COPY lib /opt/lib-${VER}` with VER a --build-arg: the path is
		// not known, and "/opt/lib-" is not it.
		return "", false
	}
	srcs := args[:len(args)-1]
	p := resolveDir(dest, sf.cwd(ins))
	if p == "" {
		return "", false
	}
	if strings.HasSuffix(dest, "/") || dest == "." || strings.HasSuffix(dest, "/.") || len(srcs) > 1 {
		return p, true
	}
	src := doc.Expand(srcs[0], ins.Env)
	if strings.Contains(src, "://") {
		return p, false // ADD of a URL downloads one file
	}
	if src == "." || strings.HasSuffix(src, "/") || strings.HasSuffix(src, "/.") {
		return p, true
	}
	if strings.ContainsAny(src, "*?[") {
		return p, true // a glob: BuildKit and the classic builder copy into a directory
	}
	// One source to a path without a trailing slash: a file when either
	// name looks like one.
	if hasFileExt(path.Base(src)) || hasFileExt(path.Base(p)) {
		return p, false
	}
	return p, true
}

// copyGuessed reports whether copyDestination had to guess that the
// destination is a directory.
func copyGuessed(doc *parser.Document, ins *parser.Instruction) bool {
	args := ins.Args
	if len(args) != 2 {
		return false
	}
	dest, src := doc.Expand(args[1], ins.Env), doc.Expand(args[0], ins.Env)
	if strings.HasSuffix(dest, "/") || dest == "." || strings.HasSuffix(dest, "/.") {
		return false
	}
	return !(src == "." || strings.HasSuffix(src, "/") || strings.HasSuffix(src, "/.") || strings.ContainsAny(src, "*?["))
}

func hasFileExt(base string) bool {
	i := strings.LastIndexByte(base, '.')
	return i > 0 && i < len(base)-1
}

// stageWithoutShell reports whether the stage has no shell to run commands in:
// scratch, or a distroless-style image that no RUN of the stage uses.
func stageWithoutShell(st *parser.Stage) bool {
	for _, c := range st.Chain() {
		if len(c.Find("run")) > 0 {
			return false
		}
	}
	return shellLess(st.Image())
}

// buildKitOn reports whether the file is built with BuildKit: it declares a
// frontend with `# syntax=`, or --buildkit says so.
func buildKitOn(doc *parser.Document, opts Options) bool {
	if opts.BuildKit {
		return true
	}
	_, ok := doc.Directive("syntax")
	return ok
}

// ruleSelected reports whether --only/--skip let rule id run.
func ruleSelected(opts Options, id string) bool {
	for _, r := range selectRules(opts) {
		if r.ID == id {
			return true
		}
	}
	return false
}

// volumePaths returns the paths a VOLUME instruction declares, expanded.
func volumePaths(doc *parser.Document, ins *parser.Instruction) []string {
	var out []string
	for _, a := range ins.Args {
		v, known := doc.ExpandKnown(a, ins.Env)
		if !known {
			continue
		}
		for _, f := range strings.Fields(v) {
			if p := resolveDir(f, "/"); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// runtimeAccount returns the account the file creates for the user the
// image runs as, also when its UID is left to the system.
func runtimeAccount(t *Target) *parser.User {
	if t.RuntimeUser != nil {
		return t.RuntimeUser
	}
	if t.Kind == UserNamed {
		return t.Stage.LookupUser(t.UserName)
	}
	return nil
}

// homeMadeHere returns the runtime account when a RUN of the target stage
// (or its ancestors) made its home directory; nil for an account whose
// passwd entry was copied from another stage, whose home is not here.
func homeMadeHere(t *Target) *parser.User {
	u := runtimeAccount(t)
	if u == nil || !u.CreateHome || u.Unresolved || !path.IsAbs(u.Home) || runLineOfUser(t.Stage, u) == 0 {
		return nil
	}
	return u
}

// envValueKnown reports whether the ENV that last set name in the stage (or
// its ancestors) uses only variables the file knows.
func envValueKnown(doc *parser.Document, st *parser.Stage, name string) bool {
	ins, kv := lastEnvSet(st, name)
	if ins == nil {
		return true
	}
	_, known := doc.ExpandKnown(kv.Value, ins.Env)
	return known
}

// envSetLine returns the line of the ENV instruction (in st or its ancestors)
// that last set name, 0 when none.
func envSetLine(st *parser.Stage, name string) int {
	if ins, _ := lastEnvSet(st, name); ins != nil {
		return ins.StartLine
	}
	return 0
}

// lastEnvSet returns the ENV instruction (in st or its ancestors) that last
// set name, and its assignment; nil when none.
func lastEnvSet(st *parser.Stage, name string) (*parser.Instruction, parser.KeyValue) {
	var last *parser.Instruction
	var pair parser.KeyValue
	for _, c := range st.Chain() {
		for _, ins := range c.Instructions {
			if ins.Keyword != "env" {
				continue
			}
			for _, kv := range ins.Pairs {
				if kv.Key == name {
					last, pair = ins, kv
				}
			}
		}
	}
	return last, pair
}

// runLineOfUser finds the RUN that created u.
func runLineOfUser(st *parser.Stage, u *parser.User) int {
	for _, c := range st.Chain() {
		for _, ins := range c.Instructions {
			if ins.Run == nil {
				continue
			}
			for i := range ins.Run.Users {
				if &ins.Run.Users[i] == u {
					return ins.StartLine
				}
			}
		}
	}
	return 0
}

// findCommand is one `find ROOTS ... -exec chmod/chgrp ...`.
type findCommand struct {
	Roots    []string
	Chmods   []string // modes of -exec chmod MODE {}
	Chgrp0   bool     // -exec chgrp 0 {} (or chown X:0)
	DirsOnly bool     // -type d
}

// runChanges are the finds and recursive removals of a RUN (from its
// RunFacts), resolved against the RUN's working directory.
type runChanges struct {
	finds   []findCommand
	removes []string // rm -r targets, absolute
}
