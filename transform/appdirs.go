package transform

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/unroot/unroot/parser"
)

// This file holds what the permissions pass (UR002) and the HOME pass
// (UR003) share: which directories the app uses, what the stage does to
// them, and which of them are already open to group 0.

// dirSource says why a directory is one of the app's.
type dirSource struct {
	Kind string // "WORKDIR", "COPY", "ADD", "VOLUME", "mkdir", "HOME", "home", "--dir", "ENV NAME"
	Line int    // 0 when not from a line (--dir)
	// Inherited is true when the source is in an ancestor stage (FROM
	// <stage>): the directory exists before the target stage starts.
	Inherited bool
	// Guessed is true for a COPY destination that may be a file (one
	// source, no trailing slash, no extension: `COPY server /server`),
	// and for a directory unroot's own fix creates: neither is evidence
	// for choosing HOME.
	Guessed bool
}

// appDir is one directory the app may write at run time.
type appDir struct {
	Path    string
	Sources []dirSource
}

func (d *appDir) add(s dirSource) {
	for _, o := range d.Sources {
		if o == s {
			return
		}
	}
	d.Sources = append(d.Sources, s)
}

// why describes the directory's sources: "/app (WORKDIR line 4, COPY line 6)".
func (d *appDir) why() string {
	var parts []string
	for _, s := range d.Sources {
		switch {
		case s.Kind == "new HOME" && len(d.Sources) > 1:
			// The HOME UR003 sets is worth naming only when nothing else is.
		case s.Line > 0 && s.Inherited:
			parts = append(parts, fmt.Sprintf("%s line %d, earlier stage", s.Kind, s.Line))
		case s.Line > 0:
			parts = append(parts, fmt.Sprintf("%s line %d", s.Kind, s.Line))
		default:
			parts = append(parts, s.Kind)
		}
	}
	return fmt.Sprintf("%s (%s)", d.Path, strings.Join(parts, ", "))
}

// inherited reports whether the directory comes (also) from an earlier stage.
func (d *appDir) inherited() bool {
	for _, s := range d.Sources {
		if s.Inherited {
			return true
		}
	}
	return false
}

// onlyGuessed reports whether every source of the directory is a guess
// (a COPY destination that may be a file, or unroot's own mkdir).
func (d *appDir) onlyGuessed() bool {
	for _, s := range d.Sources {
		if !s.Guessed {
			return false
		}
	}
	return len(d.Sources) > 0
}

// onlyCopied reports whether the directory is known only as a COPY/ADD
// destination (not as a WORKDIR, VOLUME, HOME, mkdir or --dir).
func (d *appDir) onlyCopied() bool {
	for _, s := range d.Sources {
		if s.Kind != "COPY" && s.Kind != "ADD" {
			return false
		}
	}
	return true
}

// systemDirs are directories that are never an app's own, though
// directories below them may be (/usr/src/app, /var/lib/app, /opt/app).
var systemDirs = map[string]bool{
	"/": true, "/bin": true, "/boot": true, "/dev": true, "/etc": true, "/home": true, "/lib": true,
	"/lib32": true, "/lib64": true, "/libx32": true, "/media": true, "/mnt": true, "/opt": true,
	"/proc": true, "/run": true, "/sbin": true, "/srv": true, "/sys": true, "/tmp": true, "/usr": true,
	"/var": true, "/usr/local": true, "/usr/src": true, "/var/lib": true, "/var/cache": true,
	"/var/log": true, "/var/run": true, "/var/spool": true, "/var/opt": true, "/var/mail": true,
	"/var/lock": true, "/run/lock": true, "/var/local": true, "/var/backups": true,
	"/var/www": false, // an app's own (/var/www/html is the classic one)
}

// systemDirTrees are directories nothing below which is an app's writable
// directory: binaries, libraries, system configuration, temporary space.
var systemDirTrees = []string{
	"/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/boot", "/dev", "/proc", "/sys", "/etc",
	"/tmp", "/var/tmp", "/usr/bin", "/usr/sbin", "/usr/lib", "/usr/lib32", "/usr/lib64", "/usr/libexec",
	"/usr/include", "/usr/share", "/usr/local/bin", "/usr/local/sbin", "/usr/local/lib",
	"/usr/local/include", "/usr/local/share", "/usr/local/etc", "/var/lib/apt", "/var/lib/dpkg",
	"/var/cache/apt", "/var/lib/rpm", "/var/cache/dnf", "/var/cache/yum", "/var/cache/apk",
	"/var/lib/apk", "/var/lib/alternatives", "/var/lib/dnf", "/var/lib/yum", "/var/lib/ucf", "/var/lib/systemd",
	"/var/lib/pam", "/var/lib/misc", "/var/cache/debconf", "/var/cache/ldconfig", "/var/cache/man",
	"/usr/local/go", "/usr/lib/jvm", // toolchains: group write would let the app change them
}

// isSystemPath reports whether p is a system directory (or inside a system
// tree): unroot never changes the group or mode of those.
func isSystemPath(p string) bool {
	p = path.Clean(p)
	if systemDirs[p] {
		return true
	}
	for _, t := range systemDirTrees {
		if pathWithin(p, t) {
			return true
		}
	}
	return false
}

// pathWithin reports whether p is root or inside it (both clean, absolute).
func pathWithin(p, root string) bool {
	if root == "/" {
		return strings.HasPrefix(p, "/")
	}
	return p == root || strings.HasPrefix(p, root+"/")
}

// pathUnder reports whether p is strictly inside root.
func pathUnder(p, root string) bool { return p != root && pathWithin(p, root) }

// pathsRelated reports whether one path contains the other.
func pathsRelated(a, b string) bool { return pathWithin(a, b) || pathWithin(b, a) }

// privateHomeDirs are dot-directories under a home that must keep their strict
// modes (ssh and gpg refuse group-writable files).
var privateHomeDirs = map[string]bool{".ssh": true, ".gnupg": true}

func isPrivateDir(p string) bool {
	for _, part := range strings.Split(p, "/") {
		if privateHomeDirs[part] {
			return true
		}
	}
	return false
}

// saneDir reports whether p is an absolute path unroot can write into a
// shell command and read back the same way: no control characters, and none
// of the characters that quoting and expansion give a meaning (\ ' " $ `).
func saneDir(p string) bool {
	if !path.IsAbs(p) {
		return false
	}
	for _, c := range p {
		if c < 0x20 || c == 0x7f || strings.ContainsRune("\\'\"$`", c) {
			return false
		}
	}
	return true
}

// resolveDir makes p absolute against the working directory cwd and cleans it;
// "" when p is empty or cannot be resolved.
func resolveDir(p, cwd string) string {
	if p == "" {
		return ""
	}
	if !path.IsAbs(p) {
		if cwd == "" {
			return "" // relative to a working directory nobody knows
		}
		p = path.Join(cwd, p)
	}
	return path.Clean(p)
}

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
}

// sharedStageFacts are the stage facts of the target stage, made once per
// file for UR002 and UR003.
func sharedStageFacts(p *Pass) *stageFacts {
	return shared(p.Target, "stageFacts", func() *stageFacts { return newStageFacts(p.Doc, p.Target.Stage) })
}

// sharedHome is UR003's choice of HOME, which UR002 also opens to group 0.
func sharedHome(p *Pass) homeChoice {
	return shared(p.Target, "home", func() homeChoice { return chooseHome(sharedStageFacts(p), p.Target, p.Options) })
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
	seen := false
	for _, i := range sf.chainInstr {
		if i == ins {
			seen = true
			continue
		}
		if seen && i.Keyword == "run" && removedBy(sf.script(i).removes, p) {
			return true
		}
	}
	return false
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

// isGroupZero reports whether a --chown or chown group names group 0.
func isGroupZero(g string) bool { return isZeroID(g) || g == "root" }

// isZeroID reports whether s is the numeric ID 0, however written ("0",
// "00").
func isZeroID(s string) bool { return s != "" && strings.Trim(s, "0") == "" }

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

// appDirectories lists the app's directories in the target stage and its
// ancestors, in path order, and the WORKDIR / instructions (reported, never
// fixed). extra adds directories (HOME chosen by UR003, --dir).
func appDirectories(sf *stageFacts, t *Target, extra map[string]dirSource) ([]*appDir, []*parser.Instruction) {
	doc, st := sf.doc, t.Stage
	byPath := map[string]*appDir{}
	add := func(p string, s dirSource) {
		// Only absolute paths: a relative one means a destination
		// could not be read (e.g. a COPY without arguments).
		if !saneDir(p) || isSystemPath(p) {
			return
		}
		if (s.Kind == "mkdir" || s.Kind == "COPY" || s.Kind == "ADD") && notAppData(p, st.Env) {
			return // installs a toolchain, or what the app only reads
		}
		d := byPath[p]
		if d == nil {
			d = &appDir{Path: p}
			byPath[p] = d
		}
		d.add(s)
	}
	var rootWorkdirs []*parser.Instruction
	for _, c := range st.Chain() {
		inherited := c != st
		for _, ins := range c.Instructions {
			src := dirSource{Line: ins.StartLine, Inherited: inherited}
			switch ins.Keyword {
			case "workdir":
				if len(ins.Args) == 0 {
					continue
				}
				w, known := doc.ExpandKnown(ins.Args[0], ins.Env)
				if !known {
					continue
				}
				p := resolveDir(w, sf.cwd(ins))
				if sf.removedLater(ins, p) && !pathWithin(sf.cwd(nil), p) {
					continue
				}
				if p == "/" && !inherited {
					rootWorkdirs = append(rootWorkdirs, ins)
				}
				src.Kind = "WORKDIR"
				add(p, src)
			case "copy", "add":
				p, isDir := copyDestination(sf, ins)
				if !isDir {
					p = path.Dir(p)
				}
				if sf.removedLater(ins, p) && !pathWithin(sf.cwd(nil), p) {
					continue // a build tree the build deletes again
				}
				src.Kind = strings.ToUpper(ins.Keyword)
				src.Guessed = isDir && copyGuessed(doc, ins)
				add(p, src)
			case "volume":
				src.Kind = "VOLUME"
				for _, p := range volumePaths(doc, ins) {
					add(p, src)
				}
			case "run":
				if ins.Run == nil || !sf.root(ins) {
					continue
				}
				cwd := sf.cwd(ins)
				removed := sf.script(ins).removes
				for _, m := range ins.Run.Mkdirs {
					if m.Unresolved {
						continue
					}
					for _, p := range m.Paths {
						p = resolveDir(p, cwd)
						if pathWithin(p, "/root") || removedBy(removed, p) || sf.removedLater(ins, p) {
							continue
						}
						src.Kind = "mkdir"
						src.Guessed = sf.ownRun(ins)
						add(p, src)
					}
				}
			}
		}
	}
	if home, ok := st.Env.EnvValue("HOME"); ok {
		if p := resolveDir(home, "/"); p != "" && !isSystemPath(p) {
			add(p, dirSource{Kind: "HOME", Line: envSetLine(st, "HOME")})
		}
	}
	for _, k := range st.Env.Keys() {
		// XDG_CACHE_HOME=/var/cache/app, APP_DATA_DIR=/var/lib/app: the
		// ENV tells the app where to write.
		if !dataDirVar.MatchString(k) || !st.Env.IsEnv(k) {
			continue
		}
		v, _ := st.Env.EnvValue(k)
		if !envValueKnown(doc, st, k) || strings.Contains(v, ":") || hasFileExt(path.Base(v)) {
			continue // a --build-arg or the base image's ENV in it, a list, a file
		}
		if p := resolveDir(v, "/"); path.IsAbs(v) && p != "" && !isSystemPath(p) && !notAppData(p, st.Env) {
			add(p, dirSource{Kind: "ENV " + k, Line: envSetLine(st, k)})
		}
	}
	if u := homeMadeHere(t); u != nil {
		add(path.Clean(u.Home), dirSource{Kind: "home", Line: runLineOfUser(st, u)})
	}
	for p, s := range extra {
		if p == "/" || systemDirs[p] {
			continue
		}
		d := byPath[p]
		if d == nil {
			d = &appDir{Path: p}
			byPath[p] = d
		}
		d.add(s)
	}
	var out []*appDir
	for _, d := range byPath {
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b *appDir) int { return strings.Compare(a.Path, b.Path) })
	return out, rootWorkdirs
}

// dirFlags returns the --dir directories, resolved against the stage's
// final working directory.
func dirFlags(sf *stageFacts, opts Options) map[string]dirSource {
	extra := map[string]dirSource{}
	for _, d := range opts.Dirs {
		if dir := resolveDir(d, sf.cwd(nil)); dir != "" {
			extra[dir] = dirSource{Kind: "--dir"}
		}
	}
	return extra
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

func removedBy(removed []string, p string) bool {
	for _, r := range removed {
		if pathWithin(p, r) {
			return true
		}
	}
	return false
}

// ---- finds and removals, resolved ----

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

// quoteShellPath quotes a path for a shell command when it needs it.
func quoteShellPath(p string) string {
	safe := true
	for _, c := range p {
		if !(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strings.ContainsRune("/.-+@%=:,", c)) {
			safe = false
			break
		}
	}
	if safe && p != "" {
		return p
	}
	return "'" + strings.ReplaceAll(p, "'", `'\''`) + "'"
}

// ---- HOME ----

// homeChoice is what HOME the final stage should have.
type homeChoice struct {
	Path string
	// Existing is set when the stage already sets HOME with ENV.
	Existing bool
	Line     int    // the line the choice comes from (ENV, useradd, RUN, WORKDIR)
	Why      string // "the home of app, created on line 5"
	Problem  string // set when no HOME can be chosen, or the existing one is wrong
}

// chooseHome decides the HOME of the target stage: an existing ENV HOME; the
// runtime user's home when the file creates one; /root when the build
// writes configuration there; else a directory the file already uses.
func chooseHome(sf *stageFacts, t *Target, opts Options) homeChoice {
	st := t.Stage
	if home, ok := st.Env.EnvValue("HOME"); ok {
		p := resolveDir(home, "/")
		hc := homeChoice{Path: p, Existing: true, Line: envSetLine(st, "HOME")}
		switch {
		case pathWithin(p, "/tmp") || pathWithin(p, "/var/tmp"):
			hc.Problem = fmt.Sprintf("ENV HOME=%s is shared scratch space (writable by every user, cleaned at will); set HOME to a directory of the app's own", home)
		case p == "" || (isSystemPath(p) && p != "/root"):
			hc.Problem = fmt.Sprintf("ENV HOME=%s is a system directory the app cannot write; set HOME to a directory of the app's own", home)
		}
		return hc
	}
	if u := homeMadeHere(t); u != nil && !isSystemPath(u.Home) {
		return homeChoice{Path: path.Clean(u.Home), Line: runLineOfUser(st, u),
			Why: fmt.Sprintf("the home of %s, which this Dockerfile creates", u.Name)}
	}
	if ins := rootHomeWrites(sf); ins != nil {
		why := fmt.Sprintf("the build writes configuration under /root (line %d): moving HOME away would lose it", ins.StartLine)
		if ins.Keyword == "volume" {
			why = fmt.Sprintf("the VOLUME under /root (line %d) is where the app keeps its data in HOME", ins.StartLine)
		}
		return homeChoice{Path: "/root", Line: ins.StartLine, Why: why}
	}
	if wd := st.LastOf("workdir", true); wd != nil {
		p := sf.cwd(nil)
		if saneDir(p) && !isSystemPath(p) {
			return homeChoice{Path: p, Line: wd.StartLine, Why: "the app's working directory"}
		}
	}
	dirs, _ := appDirectories(sf, t, dirFlags(sf, opts))
	var best *appDir
	rank := func(d *appDir) (int, int) {
		kinds := map[string]int{"--dir": 0, "mkdir": 1, "COPY": 2, "ADD": 2, "VOLUME": 3}
		r, line := 4, 0
		for _, s := range d.Sources {
			if k, ok := kinds[s.Kind]; ok && !s.Guessed && (k < r || (k == r && s.Line < line)) {
				r, line = k, s.Line
			}
		}
		return r, line
	}
	shellless := stageWithoutShell(st)
	for _, d := range dirs {
		if r, _ := rank(d); pathWithin(d.Path, "/root") || r == 4 {
			continue
		}
		if shellless && !copiedTreeInto(sf, d.Path) {
			// Without a shell only a COPY of a directory tree can
			// make it writable (--chown, --chmod): a HOME nothing
			// can open is no better than /.
			continue
		}
		if best == nil {
			best = d
			continue
		}
		r1, l1 := rank(d)
		r2, l2 := rank(best)
		if r1 < r2 || (r1 == r2 && l1 < l2) {
			best = d
		}
	}
	if best != nil {
		_, line := rank(best)
		return homeChoice{Path: best.Path, Line: line, Why: "a directory the app already uses"}
	}
	return homeChoice{Problem: "no directory of the app's own to use as HOME: set ENV HOME to a directory the app may write, or name one with --dir"}
}

// dataDirVar matches ENV names that give the app a directory to write:
// the XDG base directories and *_DATA_DIR, *_LOG_DIR, *_CACHE_DIR... (a
// *_DIR suffix, so the value is a directory, not a file).
var dataDirVar = regexp.MustCompile(`^(XDG_(CACHE|CONFIG|DATA|STATE|RUNTIME)_(HOME|DIR)|[A-Z0-9_]*_(DATA|LOG|LOGS|CACHE|STATE|UPLOAD|UPLOADS|STORAGE|WORK|TMP|TEMP)_?DIR)$`)

// copiedTreeInto reports whether a COPY or ADD of the stage copies a
// directory tree into dir (not a single file).
func copiedTreeInto(sf *stageFacts, dir string) bool {
	for _, ins := range sf.st.Instructions {
		if ins.Keyword != "copy" && ins.Keyword != "add" {
			continue
		}
		if dest, isDir := copyDestination(sf, ins); isDir && pathWithin(dest, dir) {
			return true
		}
	}
	return false
}

// rootHomeWrites returns the first instruction of the target stage that, as
// root, writes configuration under /root, or declares a volume there (the
// app keeps its data in ~/.name); nil when none.
func rootHomeWrites(sf *stageFacts) *parser.Instruction {
	st := sf.st
	for _, ins := range st.Instructions {
		switch ins.Keyword {
		case "copy", "add":
			if p, _ := copyDestination(sf, ins); pathUnder(p, "/root") {
				return ins
			}
		case "volume":
			for _, v := range volumePaths(sf.doc, ins) {
				if pathUnder(v, "/root") && !isPrivateDir(v) {
					return ins
				}
			}
		case "run":
			// unroot's own RUN makes /root's directories because of the
			// instructions above, not as a reason of its own.
			if ins.Run == nil || !sf.root(ins) || sf.ownRun(ins) {
				continue
			}
			cwd := sf.cwd(ins)
			for _, m := range ins.Run.Mkdirs {
				for _, p := range m.Paths {
					if p = resolveDir(p, cwd); pathUnder(p, "/root") && !isPrivateDir(p) && !m.Unresolved {
						return ins
					}
				}
			}
			for _, w := range ins.Run.Writes {
				if w = resolveDir(w, cwd); pathUnder(w, "/root") && !isPrivateDir(w) {
					return ins
				}
			}
			if _, ok := ins.Env.EnvValue("HOME"); !ok && ins.Run.HomeConfig {
				return ins // ~ is /root for root
			}
		}
	}
	return nil
}

// ---- planning the permission fixes ----

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
		// WORKDIR only writes when it creates its directory: one that
		// an earlier instruction made keeps its owner and mode.
		for _, prev := range pl.st.Instructions[:pl.idx[ins]] {
			if prev.Keyword != "workdir" && pl.makes(prev, p) {
				return false
			}
		}
		return true
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
	for _, ins := range pl.st.Instructions[min(pl.anchorIdx, len(pl.st.Instructions)):] {
		if ins.Keyword == "run" && !pl.sf.root(ins) && pl.writes(ins, dir) {
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
	for _, ins := range pl.st.Instructions[:limit] {
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
	for _, ins := range pl.st.Instructions[:i] {
		if ins.Keyword != "workdir" && pl.writes(ins, p) {
			return false
		}
	}
	return true
}

// nonRootGroup reports whether a RUN before index limit gives files in dir
// a group other than 0 (chown to another group, a user's home).
func (pl *permPlanner) nonRootGroup(dir string, limit int) bool {
	for _, ins := range pl.st.Instructions[:limit] {
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
	for _, ins := range pl.st.Instructions[from:limit] {
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
	return volumeCovering(pl.doc, pl.st.Instructions, dir)
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
		for _, ins := range pl.st.Instructions[:limit] {
			if pl.writes(ins, d.Path) {
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
		if nwriters == 0 && !d.inherited() {
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
	for _, dc := range decisions {
		coveredBy := false
		for _, a := range decisions {
			if a.d == dc.d || !pathUnder(dc.d.Path, a.d.Path) || dc.nwriters == 0 {
				continue
			}
			pos := position(a)
			if (dc.last == nil || pos > float64(pl.idx[dc.last])) && pos < float64(dc.limit) {
				coveredBy = true
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

// innermostPaths sorts, deduplicates and drops paths that hold another:
// `mkdir -p` of the inner one makes the outer one too.
func innermostPaths(ps []string) []string {
	ps = slices.Clone(ps)
	slices.Sort(ps)
	ps = slices.Compact(ps)
	var out []string
	for i, p := range ps {
		if i+1 < len(ps) && pathUnder(ps[i+1], p) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// outermostPaths sorts, deduplicates and drops paths inside another.
func outermostPaths(ps []string) []string {
	ps = slices.Clone(ps)
	slices.Sort(ps)
	ps = slices.Compact(ps)
	var out []string
	for _, p := range ps {
		if n := len(out); n > 0 && pathWithin(p, out[n-1]) {
			continue
		}
		out = append(out, p)
	}
	return out
}

func quotePaths(ps []string) string {
	q := make([]string, len(ps))
	for i, p := range ps {
		q[i] = quoteShellPath(p)
	}
	return strings.Join(q, " ")
}

// commands returns the shell commands of a group.
func (g *permGroup) commands() []string {
	var cmds []string
	if len(g.creates) > 0 {
		cmds = append(cmds, "mkdir -p "+quotePaths(g.creates))
	}
	if len(g.fresh) > 0 {
		cmds = append(cmds, "chgrp -R 0 "+quotePaths(g.fresh), "chmod -R g=u "+quotePaths(g.fresh))
	}
	find := "find " + quotePaths(g.roots) + " "
	if g.prune || slices.ContainsFunc(g.roots, mayHoldPrivateDirs) {
		find += privateDirsPrune + " "
	}
	return append(cmds, find+groupWriteFind)
}

// privateDirsPrune keeps find out of the private dot-directories of a home
// (ssh and gpg refuse keys in a group-writable directory).
const privateDirsPrune = `-type d \( -name .ssh -o -name .gnupg \) -prune -o`

// mayHoldPrivateDirs reports whether a directory is, or holds, a home.
func mayHoldPrivateDirs(p string) bool {
	return pathWithin(p, "/root") || pathWithin(p, "/home") || p == "/"
}

func appDirList(dirs []*appDir) string {
	parts := make([]string, len(dirs))
	for i, d := range dirs {
		parts[i] = d.why()
	}
	return strings.Join(parts, ", ")
}

func (pl *permPlanner) groupFinding(g *permGroup) Finding {
	doc := pl.doc
	cmds := g.commands()
	list := appDirList(g.dirs)
	it := "it"
	if len(g.dirs) > 1 {
		it = "them"
	}
	switch g.kind {
	case "fold":
		ins := g.at
		off := ins.ScriptBase + ins.Run.End
		line := doc.LineAt(off)
		oneLine := " && " + strings.Join(cmds, " && ")
		var text string
		switch {
		case len(ins.Heredocs) > 0:
			text = oneLine // a continuation inside a here-document is the shell's, not the file's
		case ins.StartLine == ins.EndLine && len(doc.LineText(line))+len(oneLine) <= maxLineWidth:
			text = oneLine
		default:
			last := doc.LineText(line)
			indent := lineIndent(last)
			leading := strings.HasPrefix(strings.TrimSpace(last), "&&") && line != ins.StartLine
			if line == ins.StartLine || (indent == "" && !leading) {
				indent = "    "
			}
			for _, c := range cmds {
				if leading {
					// The RUN puts && at the start of its lines: so do the fixes.
					text += " \\\n" + indent + "&& " + c
				} else {
					text += " && \\\n" + indent + c
				}
			}
		}
		where := "the last to write there"
		for _, d := range g.dirs {
			if !pl.writes(ins, d.Path) {
				where = "which runs after every write there"
				break
			}
		}
		return Finding{Line: ins.StartLine, Message: fmt.Sprintf(
			"group 0 cannot write %s: open %s to group 0 at the end of this RUN, %s (no extra layer, no file stored twice)", list, it, where),
			Fix: &Fix{Edits: []Edit{Insert(off, text)}}}
	case "before":
		return Finding{Line: g.at.StartLine, Message: fmt.Sprintf(
			"group 0 cannot write %s: create %s group-0 writable before the VOLUME (the classic builder discards changes made to a volume path after VOLUME)", list, it),
			Fix: &Fix{Edits: []Edit{InsertBefore(doc, g.at.StartLine, newRun(cmds))}}}
	}
	line := pl.st.From.StartLine
	for _, d := range g.dirs {
		for _, s := range d.Sources {
			if s.Line > 0 && !s.Inherited {
				line = s.Line
				break
			}
		}
		if line != pl.st.From.StartLine {
			break
		}
	}
	if !isRootUser(pl.anchorUser) && pl.anchorUser != unknownBaseUser {
		return Finding{Line: line, Message: fmt.Sprintf(
			"group 0 cannot write %s, and the place for commands that need root (before the final USER) runs as USER %s: open %s to group 0 in a RUN as root (%s)",
			list, pl.anchorUser, it, strings.Join(cmds, " && "))}
	}
	e := pl.t.InsertRoot(doc, newRun(cmds))
	e.Order = OrderUser - 20
	edits := []Edit{e}
	how := ""
	if sw, ok := pl.t.RootSwitch(doc); ok {
		edits = append([]Edit{sw}, edits...)
		how = ", after USER root as the base image is not known to run as root"
	}
	return Finding{Line: line, Message: fmt.Sprintf(
		"group 0 cannot write %s: open %s to group 0 in one RUN that changes directories only (their files are not stored again)%s", list, it, how),
		Fix: &Fix{Edits: edits}}
}

// maxLineWidth is how long a one-line RUN may grow before unroot continues
// it on new lines.
const maxLineWidth = 100

// newRun writes a RUN of cmds, one command a line.
func newRun(cmds []string) string {
	return "RUN " + strings.Join(cmds, " && \\\n    ")
}

func lineIndent(s string) string {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return s[:i]
}

// ---- COPY --chown ----

// chownFlagValue locates the --chown flag of a COPY/ADD in the source: the span
// of its value.
func chownFlagValue(doc *parser.Document, ins *parser.Instruction) (start, end int, ok bool) {
	p := ins.KeywordSpan.End
	for p < ins.FlagsEnd {
		for p < ins.FlagsEnd && !strings.HasPrefix(string(doc.Src[p:min(p+2, len(doc.Src))]), "--") {
			p++
		}
		if p >= ins.FlagsEnd {
			break
		}
		q := p
		for q < ins.FlagsEnd && !strings.ContainsRune(" \t\r\n", rune(doc.Src[q])) {
			q++
		}
		word := string(doc.Src[p:q])
		if k, _, has := strings.Cut(word, "="); has && strings.EqualFold(k, "--chown") {
			return p + len(k) + 1, q, true
		}
		p = q
	}
	return 0, 0, false
}

// copyWriters returns the COPY/ADD instructions of the target stage that
// put files in dir.
func (pl *permPlanner) copyWriters(dir string) []*parser.Instruction {
	var out []*parser.Instruction
	for _, ins := range pl.st.Instructions {
		if (ins.Keyword == "copy" || ins.Keyword == "add") && pl.writes(ins, dir) {
			out = append(out, ins)
		}
	}
	return out
}

// copyGroupFixes makes COPY/ADD --chown give group 0: `--chown=app:app`
// becomes `--chown=app:0` (0 bytes: the files are written once).
func (pl *permPlanner) copyGroupFixes(dirs []*appDir) []Finding {
	var findings []Finding
	seen := map[*parser.Instruction]bool{}
	for _, d := range dirs {
		for _, ins := range pl.copyWriters(d.Path) {
			if seen[ins] {
				continue
			}
			seen[ins] = true
			if f, ok := pl.chownGroupFix(ins, d); ok {
				findings = append(findings, f)
			}
		}
	}
	return findings
}

// chownGroupFix returns the fix for a --chown whose group is not 0.
func (pl *permPlanner) chownGroupFix(ins *parser.Instruction, d *appDir) (Finding, bool) {
	raw, ok := ins.Flag("chown")
	if !ok || strings.TrimSpace(raw) == "" {
		// `--chown=` with no value: the builders refuse it; nothing to
		// give a group to.
		return Finding{}, false
	}
	val := pl.doc.Expand(raw, ins.Env)
	user, group, hasGroup := strings.Cut(val, ":")
	if hasGroup && isGroupZero(group) {
		return Finding{}, false
	}
	if !hasGroup && (user == "root" || isZeroID(user)) {
		return Finding{}, false
	}
	start, end, ok := chownFlagValue(pl.doc, ins)
	if !ok {
		return Finding{}, false
	}
	text := string(pl.doc.Src[start:end])
	if strings.ContainsAny(text, `"'`) {
		return Finding{}, false
	}
	var e Edit
	switch i := strings.IndexByte(text, ':'); {
	case i >= 0:
		e = Replace(start+i+1, end, "0")
	case hasGroup:
		return Finding{}, false // the colon comes from a variable: do not guess
	default:
		e = Insert(end, ":0")
	}
	what := fmt.Sprintf("group %s", group)
	if !hasGroup {
		what = fmt.Sprintf("the primary group of %s", user)
	}
	return Finding{Line: ins.StartLine, Message: fmt.Sprintf(
		"%s --chown=%s gives the files in %s %s: give them group 0 instead (the files are written once, no extra layer)",
		strings.ToUpper(ins.Keyword), raw, d.Path, what), Fix: &Fix{Edits: []Edit{e}}}, true
}

// planShellless handles a stage without a shell: only COPY flags can help.
// Each COPY into a directory the app uses gets --chown=<uid>:0 (and, with
// BuildKit, --chmod=775, which makes the copied files and subdirectories
// group-writable).
func (pl *permPlanner) planShellless(dirs []*appDir) []Finding {
	var findings []Finding
	seen := map[*parser.Instruction]bool{}
	bk := buildKitOn(pl.doc, pl.opts)
	uid := pl.t.RuntimeUID
	for _, d := range dirs {
		if d.onlyCopied() {
			continue
		}
		var writers []*parser.Instruction
		for _, ins := range pl.copyWriters(d.Path) {
			if dest, isDir := copyDestination(pl.sf, ins); isDir {
				// A copy into an ancestor (`COPY rootfs /`) brings
				// system files too: its owner and modes stay.
				if pathWithin(dest, d.Path) {
					writers = append(writers, ins)
				}
			} else if !seen[ins] {
				// A copied file does not make its directory writable:
				// only its group is fixed.
				seen[ins] = true
				if f, ok := pl.chownGroupFix(ins, d); ok {
					findings = append(findings, f)
				}
			}
		}
		if len(writers) == 0 {
			findings = append(findings, Finding{Line: dirFirstLine(d, pl.st), Message: fmt.Sprintf(
				"group 0 cannot write %s and the stage has no shell to change it: copy the directory in with COPY --chown=%s:0 (and, with BuildKit, --chmod=775) from a stage that makes it", d.why(), uidOrPlaceholder(uid))})
			continue
		}
		for _, ins := range writers {
			if seen[ins] {
				continue
			}
			seen[ins] = true
			raw, has := ins.Flag("chown")
			_, hasChmod := ins.Flag("chmod")
			var add []string
			var edits []Edit
			if has {
				if f, ok := pl.chownGroupFix(ins, d); ok {
					edits = append(edits, f.Fix.Edits...)
				}
			} else if uid != "" {
				add = append(add, "--chown="+uid+":0")
			}
			if bk && !hasChmod {
				add = append(add, "--chmod=775")
			}
			if len(add) > 0 {
				edits = append(edits, Insert(ins.FlagsEnd, " "+strings.Join(add, " ")))
			}
			if len(edits) == 0 {
				continue
			}
			var how string
			switch {
			case has:
				user, _, _ := strings.Cut(raw, ":")
				how = fmt.Sprintf("give its files group 0 (--chown=%s:0)", user)
			case uid != "":
				how = "give its files to UID " + uid + " and group 0"
			default:
				how = "its files keep their owner (the runtime UID is not known: pass --uid N for --chown=N:0)"
			}
			if bk && !hasChmod {
				how += "; BuildKit's --chmod=775 makes the copied files and subdirectories group-writable"
			} else {
				how += "; without BuildKit only the owner can write them (declare `# syntax=` or pass --buildkit for --chmod)"
			}
			findings = append(findings, Finding{Line: ins.StartLine, Message: fmt.Sprintf(
				"%s copies into %s, and the stage has no shell to fix permissions later: %s", strings.ToUpper(ins.Keyword), d.why(), how),
				Fix: &Fix{Edits: edits}})
		}
	}
	return findings
}

func uidOrPlaceholder(uid string) string {
	if uid == "" {
		return "<uid>"
	}
	return uid
}

func dirFirstLine(d *appDir, st *parser.Stage) int {
	for _, s := range d.Sources {
		if s.Line > 0 {
			return s.Line
		}
	}
	return st.From.StartLine
}
