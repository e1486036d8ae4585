package transform

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/unroot/unroot/parser"
)

// App directories: which directories the app uses (WORKDIR, COPY and ADD
// destinations, VOLUMEs, HOME, ENV data directories, mkdir, --dir), and why
// each one is the app's. UR002 opens them to group 0; UR003 chooses HOME
// among them.

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
// newHome reports whether d is a HOME that UR003 chooses and nothing in
// the file makes: it is made with the fixes, in the last root RUN when
// there is one (it holds nothing else, so no RUN writes its parents).
func (d *appDir) newHome() bool {
	for _, s := range d.Sources {
		if s.Kind != "new HOME" {
			return false
		}
	}
	return len(d.Sources) > 0
}

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

// appDirectories lists the app's directories in the target stage and its
// ancestors, in path order, and the WORKDIR / instructions (reported, never
// fixed). extra adds directories (HOME chosen by UR003, --dir).
func appDirectories(sf *stageFacts, t *Target, extra map[string]dirSource) ([]*appDir, []*parser.Instruction) {
	doc, st := sf.doc, t.Stage
	byPath := map[string]*appDir{}
	add := func(p string, s dirSource) {
		// Only absolute paths: a relative one means a destination
		// could not be read (e.g. a COPY without arguments).
		if !saneDir(p) || !appMayOwn(p, s.Kind) {
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
		if !isDataDirVar(k) || !st.Env.IsEnv(k) {
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
