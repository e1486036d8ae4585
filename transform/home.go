package transform

import (
	"fmt"
	"path"
	"strings"

	"github.com/unroot/unroot/parser"
)

// The HOME pass. Docker sets HOME=/ for a UID without a passwd entry, so
// anything that writes under ~ fails under an arbitrary UID (Jupyter dies at
// start on '/.local'). The final stage gets an ENV HOME that exists and is
// group-0 writable.
func ruleWritableHome() *Rule {
	return &Rule{
		ID:      "UR003",
		Name:    "writable-home",
		Summary: "the final stage must set HOME to a directory that exists and group 0 can write",
		Rationale: "A UID with no /etc/passwd entry gets HOME=/, which it cannot write: tools that keep caches, " +
			"configuration or history under ~ fail at start. An explicit ENV HOME pointing at a group-0 writable " +
			"directory works for any UID.",
		URL:   docsURL("UR003"),
		Check: checkHome,
	}
}

// OrderHome sorts ENV HOME after the RUNs that open directories and before
// the final USER.
const OrderHome = OrderUser - 10

func checkHome(p *Pass) {
	doc, t := p.Doc, p.Target
	sf := sharedStageFacts(p)
	hc := sharedHome(p)
	if hc.Problem != "" {
		line := hc.Line
		if line == 0 {
			line = t.Stage.From.StartLine
		}
		p.Report(Finding{Line: line, Message: hc.Problem})
		return
	}
	if !hc.Existing {
		value, why := quoteShellPath(hc.Path), hc.Why
		if spelled, ok := t.spellPath(hc.Path); ok {
			// ENV expands the build argument as the build does.
			value, why = spelled, hc.Why+", spelled with the build arguments that name it"
		}
		e := t.InsertRoot(doc, "ENV HOME="+value)
		e.Order = OrderHome
		line := t.Stage.From.StartLine
		if t.User != nil {
			line = t.User.StartLine
		}
		p.Report(Finding{Line: line, Message: fmt.Sprintf(
			"no ENV HOME: under a UID without a passwd entry HOME is /, which it cannot write; set HOME=%s (%s)", value, why),
			Fix: &Fix{Edits: []Edit{e}}})
	}
	if ruleSelected(p.Options, "UR002") {
		return // UR002 opens HOME to group 0 with the app's other directories
	}
	extra := map[string]dirSource{hc.Path: {Kind: "new HOME"}}
	if hc.Existing {
		extra[hc.Path] = dirSource{Kind: "HOME", Line: hc.Line}
	}
	dirs, _ := appDirectories(sf, t, extra)
	var only []*appDir
	for _, d := range dirs {
		if d.Path == hc.Path {
			only = append(only, d)
		}
	}
	if len(only) == 0 {
		return
	}
	for _, f := range newPermPlanner(sf, t, p.Options).plan(only) {
		p.Report(f)
	}
}

// sharedHome is UR003's choice of HOME, which UR002 also opens to group 0.
func sharedHome(p *Pass) homeChoice {
	return shared(p.Target, "home", func() homeChoice { return chooseHome(sharedStageFacts(p), p.Target, p.Options) })
}

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
	if ins, name := envUnderRoot(sf.doc, st); ins != nil {
		return homeChoice{Path: "/root", Line: ins.StartLine, Why: fmt.Sprintf(
			"ENV %s keeps the app's configuration under /root, which is HOME for the build", name)}
	}
	if wd := st.LastOf("workdir", true); wd != nil {
		p := sf.cwd(nil)
		if saneDir(p) && appMayOwn(p, "WORKDIR") {
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
	if shellless {
		return homeChoice{Problem: "no directory of the app's own to use as HOME, and the stage has no shell to make one: set ENV HOME to a directory the app may write, or name one with --dir"}
	}
	return homeChoice{Path: DefaultHome, Why: "a new home: the file offers no directory of the app's own; made and opened to group 0"}
}

// DefaultHome is the HOME unroot makes for an image that offers no
// directory of its own: a home like any other, named after the "default"
// user its start-up script gives a UID without a passwd entry.
const DefaultHome = "/home/default"

// envUnderRoot returns the ENV instruction of the stage (or its ancestors)
// that points a variable into a dot-directory under /root
// (MAVEN_CONFIG=/root/.m2, CARGO_HOME=/root/.cargo...): the app keeps state
// in root's home, so HOME stays /root (opened to group 0).
func envUnderRoot(doc *parser.Document, st *parser.Stage) (*parser.Instruction, string) {
	for _, c := range st.Chain() {
		for _, ins := range c.Instructions {
			if ins.Keyword != "env" {
				continue
			}
			for _, kv := range ins.Pairs {
				v := path.Clean(doc.Expand(kv.Value, ins.Env))
				if rest, ok := strings.CutPrefix(v, "/root/."); ok && rest != "" && kv.Key != "HOME" {
					return ins, kv.Key
				}
			}
		}
	}
	return nil, ""
}

// isDataDirVar reports whether an ENV name gives the app a directory to
// write: the XDG base directories, and *_DATA_DIR, *_LOG_DIR, *_CACHE_DIR...
// (a *_DIR suffix, so the value is a directory, not a file). What the
// pattern
//
//	^(XDG_(CACHE|CONFIG|DATA|STATE|RUNTIME)_(HOME|DIR)|[A-Z0-9_]*_(DATA|LOG|LOGS|CACHE|STATE|UPLOAD|UPLOADS|STORAGE|WORK|TMP|TEMP)_?DIR)$
//
// says, in word lists: compiling it cost a one-file run more than matching
// every name of a large file does.
func isDataDirVar(k string) bool {
	if xdgDirVars[k] {
		return true
	}
	for _, c := range []byte(k) {
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	rest, ok := strings.CutSuffix(k, "DIR")
	if !ok {
		return false
	}
	for _, stem := range []string{rest, strings.TrimSuffix(rest, "_")} {
		for _, w := range dataDirWords {
			if strings.HasSuffix(stem, "_"+w) {
				return true
			}
		}
	}
	return false
}

var xdgDirVars = setOf("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_HOME",
	"XDG_CACHE_DIR", "XDG_CONFIG_DIR", "XDG_DATA_DIR", "XDG_STATE_DIR", "XDG_RUNTIME_DIR")

var dataDirWords = []string{"DATA", "LOG", "LOGS", "CACHE", "STATE", "UPLOAD", "UPLOADS", "STORAGE", "WORK", "TMP", "TEMP"}

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
