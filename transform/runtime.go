package transform

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/unroot/unroot/parser"
)

// UR004 (an init as PID 1) and UR005 (a passwd entry for an unknown UID)
// both change what the image runs: the final ENTRYPOINT becomes
//
//	tini -g -- /usr/local/bin/unroot-entrypoint <original command>
//
// planRuntime computes both changes at once, so that each pass reports its
// own finding while the edits they share (one insertion into ENTRYPOINT,
// one new RUN) are identical in both findings: the applier keeps one copy.
// With only one of the rules selected, the plan holds only its part.

// Passwd strategies (--passwd).
const (
	PasswdNSSWrapper = "nss-wrapper"
	PasswdWritable   = "writable"
	PasswdNone       = "none"
)

// PasswdStrategies lists the values --passwd accepts.
var PasswdStrategies = []string{PasswdNSSWrapper, PasswdWritable, PasswdNone}

// entrypointScript is where UR005's start-up script is written.
const entrypointScript = "/usr/local/bin/unroot-entrypoint"

// Edit orders: packages added to an install, then commands appended to the
// same RUN, go before anything other passes append at the end of it (UR002's
// " && chgrp ..."); a new RUN goes where root commands go, before the final
// USER; a new ENTRYPOINT after it.
const (
	orderTiniPackage = -20
	orderNSSPackage  = -10
	orderAppend      = -5
	orderScriptCopy  = OrderHome - 1 // after what is appended to the last RUN (a file without a final newline ends there too), before ENV HOME and USER
	orderRuntimeRun  = 50
	orderEntrypoint  = OrderUser + 50
)

// passPlan is what one of the two passes reports.
type passPlan struct {
	Line    int
	Message string
	Edits   []Edit
}

func (pp *passPlan) report(p *Pass) {
	if pp == nil || pp.Message == "" {
		return
	}
	f := Finding{Line: pp.Line, Message: pp.Message}
	if len(pp.Edits) > 0 {
		f.Fix = &Fix{Edits: pp.Edits}
	}
	p.Report(f)
}

type runtimePlan struct {
	Init, Passwd *passPlan
}

// ruleOn reports whether the rule runs with these options.
func ruleOn(id string, opts Options) bool {
	r, ok := LookupRule(id)
	if !ok {
		return false
	}
	if len(opts.Only) > 0 && !matchesRule(r, opts.Only) {
		return false
	}
	return !matchesRule(r, opts.Skip)
}

func (o Options) passwd() string {
	if o.Passwd == "" {
		return PasswdNSSWrapper
	}
	return o.Passwd
}

// planner holds the facts both passes decide on.
type planner struct {
	doc  *parser.Document
	t    *Target
	opts Options
	st   *parser.Stage
	rc   *runConfig

	init, passwd *passPlan
	want4, want5 bool

	initUse  initUse
	hasInit  bool
	initInEP bool // the init is in ENTRYPOINT (else in CMD)
	// wrapCmd: the base image's ENTRYPOINT is not known and CMD is a
	// command: tini and the start-up script go into CMD (cmdwrap.go).
	wrapCmd bool

	tini, nss   pkgPlan
	scriptWhere string // where the start-up script is written
	// fallback says why UR005 appends to /etc/passwd although
	// nss_wrapper is the default: nss_wrapper cannot be installed.
	fallback string
}

// sharedRuntime is the plan of UR004 and UR005, made once per file.
func sharedRuntime(p *Pass) *runtimePlan {
	return shared(p.Target, "runtime", func() *runtimePlan { return planRuntime(p.Doc, p.Target, p.Options) })
}

func planRuntime(doc *parser.Document, t *Target, opts Options) *runtimePlan {
	pl := &planner{doc: doc, t: t, opts: opts, st: t.Stage}
	if busyboxShellOnly(t.Stage) {
		pl.opts.scriptShell = busyboxShell[0]
	}
	pl.rc = stageRunConfig(doc, pl.st, opts)
	pl.init, pl.passwd = &passPlan{}, &passPlan{}
	pl.init.Line = pl.reportLine()
	pl.passwd.Line = pl.init.Line
	pl.want4 = ruleOn("UR004", opts)
	pl.want5 = ruleOn("UR005", opts) && opts.passwd() != PasswdNone
	pl.plan()
	return &runtimePlan{Init: pl.init, Passwd: pl.passwd}
}

// reportLine is the line findings point at: the stage's own ENTRYPOINT,
// else its CMD, else its FROM.
func (pl *planner) reportLine() int {
	if ins := pl.st.LastOf("entrypoint", false); ins != nil {
		return ins.StartLine
	}
	if ins := pl.st.LastOf("cmd", false); ins != nil {
		return ins.StartLine
	}
	return pl.st.From.StartLine
}

// stop4 and stop5 turn a pass into a report without a fix.
func (pl *planner) stop4(format string, args ...any) {
	if pl.want4 {
		pl.init.Message = "no init runs as PID 1, so orphaned zombies are not reaped and signals without a handler are ignored; " +
			fmt.Sprintf(format, args...)
		pl.want4 = false
	}
}

func (pl *planner) stop5(format string, args ...any) {
	if pl.want5 {
		pl.passwd.Message = "a UID without an /etc/passwd entry (docker run -u 123456:0) makes whoami and getpwuid fail; " +
			fmt.Sprintf(format, args...)
		pl.want5 = false
	}
}

func (pl *planner) plan() {
	rc := pl.rc
	ep, cmd := rc.Entrypoint, rc.Cmd
	for _, v := range []cmdValue{ep, cmd} {
		if v.Ins != nil && len(v.Ins.Flags) > 0 {
			// ENTRYPOINT and CMD take no flags: the build fails there.
			why := fmt.Sprintf("%s at line %d has flags (%s), which Docker rejects: fix it first", strings.ToUpper(v.Ins.Keyword), v.Ins.StartLine, strings.Join(v.Ins.Flags, " "))
			pl.stop4("%s", why)
			pl.stop5("%s", why)
			return
		}
	}
	pl.initUse, pl.hasInit, pl.initInEP = rc.runsInit()
	if pl.hasInit {
		pl.want4 = false // an init runs already: leave it
	}
	if pl.want5 && passwdHandled(pl.st, rc) {
		pl.want5 = false
	}
	if !pl.want4 && !pl.want5 {
		return
	}
	if stageWithoutShell(pl.st) {
		what := "FROM " + rc.Base
		pl.stop4("%s has no shell or package manager to install tini: the program must reap its children itself, or run the container with `docker run --init`", what)
		pl.stop5("%s has no shell to run a start-up script: the program must not need a user name", what)
		return
	}
	if pl.hasInit && !pl.initUse.Chain {
		pl.stop5("%s starts services itself: unroot does not put its start-up script in front of it; give each service a user name (see nss_wrapper) by hand", pl.initUse.Name)
	}
	pl.checkKnown()
	if pl.want4 {
		if pl.tini = planTini(pl.doc, pl.t); pl.tini.Way == wayNone {
			pl.stop4("%s", pl.tini.Why)
		}
	}
	if pl.want5 && pl.opts.passwd() == PasswdNSSWrapper {
		if pl.nss = planNSSWrapper(pl.doc, pl.t); pl.nss.Way == wayNone {
			if pl.opts.Passwd == "" && pl.nss.Manager == "" {
				// No package manager to install nss_wrapper with
				// (BusyBox), or no package (old Alpine): the one way
				// left that needs no package is a group-writable
				// /etc/passwd.
				pl.fallback = pl.nss.Why
				pl.opts.Passwd = PasswdWritable
			} else {
				pl.stop5("%s", pl.nss.Why)
			}
		}
		if pl.want4 && pl.tini.Way == wayFold && pl.nss.Way == wayFold && pl.tini.Manager == pl.nss.Manager {
			// Both packages into one install command.
			pl.nss.Fold, pl.nss.Why = pl.tini.Fold, pl.tini.Why
		}
	}
	if !anchorRunsAsRoot(pl.doc, pl.t) {
		why := "the place for commands that need root (before the final USER) does not run as root"
		pl.stop5("%s", why)
		if pl.tini.Way != wayFold {
			pl.stop4("%s", why)
		}
	}
	if !pl.want4 && !pl.want5 {
		return
	}
	pl.build()
}

// checkKnown stops both passes when what the image runs is not known well
// enough to change it without changing its meaning.
func (pl *planner) checkKnown() {
	rc := pl.rc
	ep, cmd := rc.Entrypoint, rc.Cmd
	if pl.hasInit && !pl.initInEP {
		return // the init is in CMD and ENTRYPOINT is known to be empty
	}
	inspect := "pass --engine-inspect with the image pulled, or set it in the Dockerfile"
	if rc.BaseErr != "" && pl.opts.Inspect != nil {
		inspect = "docker image inspect: " + rc.BaseErr
	}
	if !ep.Known {
		why := fmt.Sprintf("the stage sets no ENTRYPOINT and its %s may set one, which a new ENTRYPOINT would replace (%s)", baseImageNamed(rc.Base), inspect)
		if cmd.Ins != nil {
			ok, whyNot := cmdIsCommand(pl.doc, pl.st, cmd)
			if ok {
				pl.wrapCmd = true
				return
			}
			why += "; unroot would run the CMD under tini instead, but " + whyNot
		}
		pl.stop4("%s", why)
		pl.stop5("%s", why)
		return
	}
	if pl.owns(ep) || pl.owns(cmd) || cmd.Known {
		return
	}
	why := fmt.Sprintf("the stage sets no CMD and a new ENTRYPOINT would reset the one of its %s, which is not known (%s)", baseImageNamed(rc.Base), inspect)
	pl.stop4("%s", why)
	pl.stop5("%s", why)
}

// owns reports whether the value was set in the target stage itself.
func (pl *planner) owns(v cmdValue) bool { return v.Ins != nil && v.Ins.Stage == pl.st }

// tiniWord is how ENTRYPOINT names tini: by name when it is on the PATH the
// stage sets, else by its full path.
func (pl *planner) tiniWord() string {
	dir := pathDir(pl.tini.Binary)
	raw, set := "", false
	for _, s := range pl.st.Chain() {
		for _, ins := range s.Instructions {
			if ins.Keyword != "env" {
				continue
			}
			for _, kv := range ins.Pairs {
				if kv.Key == "PATH" {
					raw, set = kv.Value, true
				}
			}
		}
	}
	onDefault := slices.Contains(strings.Split(defaultPATH, ":"), dir)
	inherits := !set || strings.Contains(raw, "$PATH") || strings.Contains(raw, "${PATH}")
	if (inherits && onDefault) || (set && slices.Contains(strings.Split(raw, ":"), dir)) {
		return pathBase(pl.tini.Binary)
	}
	return pl.tini.Binary
}

// tiniOptions are tini's options before the command: -g, and -s when tini
// runs from CMD after an ENTRYPOINT unroot does not know (cmdwrap.go).
func (pl *planner) tiniOptions() []string {
	if pl.wrapCmd {
		return tiniCmdOptions
	}
	return []string{"-g", "--"}
}

// defaultPATH is the PATH of an image that sets none (and of the common
// base images).
const defaultPATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

func pathBase(p string) string { return p[strings.LastIndexByte(p, '/')+1:] }

func pathDir(p string) string {
	if i := strings.LastIndexByte(p, '/'); i > 0 {
		return p[:i]
	}
	return "/"
}

// build computes the edits of both passes.
func (pl *planner) build() {
	doc, st, rc := pl.doc, pl.st, pl.rc
	var elems []string
	if pl.want4 {
		elems = append(elems, pl.tiniWord())
		elems = append(elems, pl.tiniOptions()...)
	}
	if pl.want5 {
		elems = append(elems, entrypointScript)
	}

	// 1. What runs: insert the elements into ENTRYPOINT (or into the CMD
	// that runs an init), in place when the stage sets it, else in a new
	// instruction.
	v, keyword, idx := rc.Entrypoint, "entrypoint", 0
	switch {
	case pl.hasInit:
		idx = pl.initUse.Next
		if !pl.initInEP {
			v, keyword = rc.Cmd, "cmd"
		}
	case pl.wrapCmd:
		v, keyword = rc.Cmd, "cmd"
	}
	newArgs := slices.Concat(v.Args[:idx], elems, v.Args[idx:])
	var entry Edit
	var how string
	switch {
	case pl.owns(v) && !v.shellForm():
		if a, ok := locateExecArray(doc, v.Ins); ok {
			entry = a.insertElems(idx, elems)
		} else {
			entry = ReplaceArgs(doc, v.Ins, jsonArrayText(newArgs))
		}
		how = "in " + strings.ToUpper(keyword)
	case pl.owns(v):
		// A shell form written over continued lines keeps its line
		// breaks, where the joined command holds the blanks they left.
		entry = ReplaceArgs(doc, v.Ins, wrapAtBlankRuns(jsonArrayText(newArgs), len(keyword)+1, wrapLimit(doc, v.Ins)))
		how = fmt.Sprintf("in %s, turned from shell form into exec form running the same `%s` command", strings.ToUpper(keyword), strings.Join(v.Shell, " "))
	default:
		text := strings.ToUpper(keyword) + " " + jsonArrayText(newArgs)
		how = fmt.Sprintf("in a new %s", strings.ToUpper(keyword))
		if v.Ins != nil {
			how += fmt.Sprintf(" that runs the one of line %d", v.Ins.StartLine)
		} else if len(v.Args) > 0 {
			how += " that runs the ENTRYPOINT of " + rc.BaseSource
		}
		before := 0 // insert before this line, else after the stage's last instruction
		if keyword == "entrypoint" {
			cmd := rc.Cmd
			switch {
			case pl.owns(cmd):
				before = cmd.Ins.StartLine
				how += " before CMD"
			case len(cmd.Args) > 0:
				text += "\nCMD " + jsonArrayText(cmd.Args)
				from := rc.BaseSource
				if cmd.Ins != nil {
					from = fmt.Sprintf("line %d", cmd.Ins.StartLine)
				}
				how += fmt.Sprintf(", with CMD repeated from %s since a new ENTRYPOINT resets it", from)
			}
		}
		if before > 0 {
			entry = InsertBefore(doc, before, text)
		} else {
			entry = InsertAfter(doc, st.Last().EndLine, text)
		}
		entry.Order = orderEntrypoint
	}

	if pl.wrapCmd {
		how += fmt.Sprintf(", leaving ENTRYPOINT to the %s, whose ENTRYPOINT unroot does not know; %s", baseImageNamed(rc.Base), cmdWrapAssumption)
		if pl.want4 {
			how += cmdWrapSubreaper
		}
	}

	// 2. Packages: folded into an install of the stage, or new commands
	// in one new RUN with the start-up script.
	var run4, run5 []string // commands of the new RUN, per pass
	var pkgs []string       // packages installed by a new command
	var fold4, fold5 []Edit
	if pl.want4 {
		switch pl.tini.Way {
		case wayFold:
			fold4 = append(fold4, pl.tini.Fold.edit("tini", orderTiniPackage))
		case wayNew:
			pkgs = append(pkgs, "tini")
		case wayDownload:
			run4 = tiniDownloadCommands()
		}
	}
	if pl.want5 && pl.opts.passwd() == PasswdNSSWrapper {
		switch pl.nss.Way {
		case wayFold:
			fold5 = append(fold5, pl.nss.Fold.edit(pl.nss.Package, orderNSSPackage))
		case wayNew:
			pkgs = append(pkgs, pl.nss.Package)
		}
	}
	var scriptCopy *Edit
	if pl.want5 && heredocScript(doc, pl.opts) {
		e := pl.t.InsertRoot(doc, scriptHeredoc(pl.opts))
		e.Order = orderScriptCopy
		scriptCopy = &e
		if pl.opts.passwd() == PasswdWritable {
			run5 = []string{"chmod g=u /etc/passwd"}
		}
	} else if pl.want5 {
		run5 = scriptCommands(pl.opts)
	}
	mgr := pl.t.Stage.PackageManager()
	install := installCommands(mgr, pkgs)
	var cmds []string
	if mgr == "" && len(run4)+len(run5) > 0 {
		// Not a distribution known to have /usr/local/bin (BusyBox
		// has none), where the download and the script go.
		cmds = append(cmds, "mkdir -p "+pathDir(entrypointScript))
	}
	cmds = append(cmds, install...)
	cmds = append(cmds, run4...)
	cmds = append(cmds, run5...)
	var newRun, tiniAdd *Edit
	var rootSwitch []Edit
	where := "in a new RUN"
	if len(cmds) > 0 {
		var e Edit
		if site := appendSite(doc, pl.t); site != nil {
			if heredocLineAppend(doc, site) {
				e = heredocAppend(doc, site, cmds)
			} else {
				e = Insert(site.ScriptBase+site.Run.End, appendText(doc, site, cmds))
			}
			e.Order = orderAppend
			where = fmt.Sprintf("at the end of the RUN at line %d", site.StartLine)
		} else {
			e = pl.t.InsertRoot(doc, "RUN "+strings.Join(cmds, " \\\n && "))
			e.Order = orderRuntimeRun
			if sw, ok := pl.t.RootSwitch(doc); ok {
				rootSwitch = sw.Edits
				if sw.Why != "" {
					where = "in a new RUN after USER root, as " + sw.Why
				}
			}
		}
		newRun = &e
	}
	addWhere := ""
	var addSwitch []Edit
	if pl.want4 && pl.tini.Way == wayAdd {
		e, at, sw := pl.tiniAddEdit()
		tiniAdd, addWhere, addSwitch = &e, at, sw
	}
	uses := func(pkg string) bool { return slices.Contains(pkgs, pkg) }
	newWhy := func(p *pkgPlan) {
		switch p.Way {
		case wayNew:
			p.Why = fmt.Sprintf("a new `%s` %s, as the stage has no install run as root to add it to", installVerb[p.Manager], where)
		case wayDownload:
			p.Why = fmt.Sprintf("the pinned %s release, checked by sha256, fetched %s, as %s", tiniVersion, where, p.Reason)
		case wayAdd:
			p.Why = fmt.Sprintf("the pinned %s static releases for amd64 and arm64 added by ADD (the file shows no curl or wget to fetch one with), and the build's own checked by sha256 and installed, %s, as %s", tiniVersion, addWhere, p.Reason)
		}
	}
	newWhy(&pl.tini)
	newWhy(&pl.nss)
	pl.scriptWhere = where
	if scriptCopy != nil {
		pl.scriptWhere = "by a COPY of a here-document before USER"
	}

	if pl.want4 {
		pl.init.Edits = append(fold4, entry)
		if newRun != nil && (uses("tini") || len(run4) > 0) {
			pl.init.Edits = append(pl.init.Edits, *newRun)
			if rootSwitch != nil {
				pl.init.Edits = append(pl.init.Edits, rootSwitch...)
			}
		}
		if tiniAdd != nil {
			pl.init.Edits = append(pl.init.Edits, *tiniAdd)
			if addSwitch != nil {
				pl.init.Edits = append(pl.init.Edits, addSwitch...)
			}
		}
		pl.init.Message = pl.initMessage(v, keyword, how)
	}
	if pl.want5 {
		pl.passwd.Edits = append(fold5, entry)
		if scriptCopy != nil {
			pl.passwd.Edits = append(pl.passwd.Edits, *scriptCopy)
		}
		if newRun != nil {
			pl.passwd.Edits = append(pl.passwd.Edits, *newRun)
			if rootSwitch != nil {
				pl.passwd.Edits = append(pl.passwd.Edits, rootSwitch...)
			}
		}
		pl.passwd.Message = pl.passwdMessage(how)
	}
}

// tiniAddEdit is the ADD of tini's pinned releases and the RUN that checks
// and installs one (install.go), as a pair of new instructions. They go
// before the stage's first RUN that runs as root, ahead of every fix that
// UR002 appends to a RUN, which would otherwise take the new RUN for one
// that writes into its working directory after the fix; without such a
// RUN, where commands that need root go.
func (pl *planner) tiniAddEdit() (e Edit, where string, rootSwitch []Edit) {
	text := tiniAddText() + "\nRUN " + strings.Join(tiniAddCommands(), " \\\n && ")
	for _, ins := range pl.st.Instructions {
		if ins.Keyword == "run" && runsAsRoot(pl.doc, pl.t, ins.StartLine) {
			// Above the comment lines that go with the RUN.
			line := ins.StartLine
			for line > pl.st.From.EndLine+1 && strings.HasPrefix(strings.TrimSpace(pl.doc.LineText(line-1)), "#") {
				line--
			}
			e = InsertBefore(pl.doc, line, text)
			e.Order = orderRuntimeRun - 1
			return e, fmt.Sprintf("in a new RUN before the RUN at line %d", ins.StartLine), nil
		}
	}
	e = pl.t.InsertRoot(pl.doc, text)
	e.Order = orderRuntimeRun - 1
	where = "in a new RUN"
	if sw, ok := pl.t.RootSwitch(pl.doc); ok {
		rootSwitch = sw.Edits
		if sw.Why != "" {
			where = "in a new RUN after USER root, as " + sw.Why
		}
	}
	return e, where, rootSwitch
}

func (pl *planner) initMessage(v cmdValue, keyword, how string) string {
	what := "the image's command"
	if len(v.Args) > 0 {
		what = describeArgs(pl.doc, v, keyword)
	} else if cmd := pl.rc.Cmd; len(cmd.Args) > 0 {
		what = describeArgs(pl.doc, cmd, "cmd")
	}
	runs := "runs"
	if pl.wrapCmd {
		runs = "may run" // after the base image's ENTRYPOINT, if it execs it
	}
	msg := fmt.Sprintf("%s %s as PID 1, which does not reap orphaned zombies and ignores signals it has no handler for: run it under `tini %s` (%s); tini: %s", what, runs, strings.Join(pl.tiniOptions(), " "), how, pl.tini.Why)
	if v.shellForm() || (keyword == "entrypoint" && len(v.Args) == 0 && pl.rc.Cmd.shellForm()) {
		msg += "; the command runs under /bin/sh -c, which does not pass signals on: -g sends them to its whole process group"
	}
	return msg
}

func (pl *planner) passwdMessage(how string) string {
	place := "first"
	switch {
	case pl.want4:
		place = "after tini"
	case pl.hasInit:
		place = "after the existing " + pl.initUse.Name
	}
	does := "through nss_wrapper (no system file made writable)"
	if pl.opts.passwd() == PasswdWritable {
		does = "by appending to /etc/passwd, made group-writable (--passwd=writable)"
		if pl.fallback != "" {
			does = fmt.Sprintf("by appending to /etc/passwd, made group-writable, since %s (--passwd=none leaves the image alone)", pl.fallback)
		}
	}
	umask := " and sets umask 0002 so that files it creates stay group-writable (--no-umask to leave that out)"
	if pl.opts.NoUmask {
		umask = ""
	}
	msg := fmt.Sprintf("a UID without an /etc/passwd entry (docker run -u 123456:0) makes whoami and getpwuid fail: start the command through %s (%s, %s; written %s), which gives such a UID an entry %s%s", entrypointScript, place, how, pl.scriptWhere, does, umask)
	if pl.opts.passwd() == PasswdNSSWrapper {
		msg += fmt.Sprintf("; %s: %s", pl.nss.Package, pl.nss.Why)
	}
	return msg
}

// passwdHandled reports whether the image already copes with a UID that has
// no passwd entry: it runs unroot's start-up script, configures nss_wrapper
// (NSS_WRAPPER_* or LD_PRELOAD in ENV), or has nss_wrapper or a
// group-writable /etc/passwd and starts through a script of its own that
// can use them. nss_wrapper installed, or /etc/passwd made writable, gives no
// entry by itself: `chmod g=u /etc/passwd` with ENTRYPOINT ["tini", "--"]
// and nothing that appends the entry still fails `id -un`.
func passwdHandled(st *parser.Stage, rc *runConfig) bool {
	if rc.BaseHandlesPasswd {
		return true
	}
	name := entrypointScript[strings.LastIndexByte(entrypointScript, '/')+1:]
	if mentions(rc.Entrypoint.Args, name) || mentions(rc.Cmd.Args, name) {
		return true
	}
	means := false // nss_wrapper installed, or /etc/passwd group-writable
	for _, s := range st.Chain() {
		for _, ins := range s.Instructions {
			switch ins.Keyword {
			case "env":
				for _, kv := range ins.Pairs {
					if strings.HasPrefix(kv.Key, "NSS_WRAPPER_") || (kv.Key == "LD_PRELOAD" && strings.Contains(kv.Value, "nss_wrapper")) {
						return true
					}
				}
			case "run":
				if ins.Run == nil {
					continue
				}
				if _, ok := ins.Run.InstalledPackage(func(p string) bool {
					return strings.Contains(p, "nss_wrapper") || strings.Contains(p, "nss-wrapper")
				}); ok {
					means = true
				}
				for _, c := range ins.Run.Chmods {
					if slices.Contains(c.Paths, "/etc/passwd") && parser.GrantsGroupWrite(c.Mode) {
						means = true
					}
				}
			}
		}
	}
	return means && startsThroughScript(rc)
}

// startsThroughScript reports whether what the image runs may add a passwd
// entry at start-up: a start-up script of the image's own (unroot cannot
// read a script copied in from the build context, and trusts it), a shell
// command that writes /etc/passwd or sets up nss_wrapper, or a base
// ENTRYPOINT that is not known.
func startsThroughScript(rc *runConfig) bool {
	v := rc.Entrypoint
	if !v.Known {
		return true
	}
	if len(v.Args) == 0 {
		v = rc.Cmd
	}
	args := v.Args
	for len(args) > 0 {
		if _, chain := knownInitName(args[0]); chain {
			args = args[1:]
			for len(args) > 0 && strings.HasPrefix(args[0], "-") {
				args = args[1:] // the init's options and "--"
			}
			continue
		}
		break
	}
	for _, a := range args {
		if strings.Contains(a, "/etc/passwd") || strings.Contains(a, "nss_wrapper") || strings.Contains(a, "NSS_WRAPPER") {
			return true
		}
	}
	if len(args) == 0 {
		return false
	}
	base := path.Base(strings.Trim(args[0], `"'`))
	return strings.HasSuffix(base, ".sh") || strings.Contains(base, "entrypoint") || strings.Contains(base, "start")
}

// Start-up script forms (--script).
const (
	ScriptPrintf  = "printf"
	ScriptHeredoc = "heredoc"
)

// ScriptForms lists the values of --script.
var ScriptForms = []string{ScriptPrintf, ScriptHeredoc}

// heredocScript reports whether the start-up script is written as a
// here-document COPY: asked for, or the file is built with BuildKit (which
// alone reads here-documents and COPY --chmod) unless printf is asked for;
// never in a file with CRLF line ends.
func heredocScript(doc *parser.Document, opts Options) bool {
	if doc.NL != "\n" {
		// The body of a here-document keeps the file's line ends: in a
		// CRLF file the script would start `#!/bin/sh\r`.
		return false
	}
	switch opts.Script {
	case ScriptHeredoc:
		return true
	case ScriptPrintf:
		return false
	}
	if buildKitOn(doc, opts) {
		return true
	}
	for _, ins := range doc.Instructions {
		if len(ins.Heredocs) > 0 {
			return true
		}
	}
	return false
}

// scriptHeredoc is the start-up script written by a COPY of a quoted
// here-document: verbatim, executable, no shell quoting to read through.
func scriptHeredoc(opts Options) string {
	return "COPY --chmod=0755 <<'EOF' " + entrypointScript + "\n" + strings.Join(scriptLines(opts), "\n") + "\nEOF"
}

// scriptLines is the start-up script: POSIX sh, no single quotes (it is
// written with printf '%s\n' '<line>' ...), no line ending in a backslash.
func scriptLines(opts Options) []string {
	shebang := "#!/bin/sh"
	if opts.scriptShell != "" {
		shebang = "#!" + opts.scriptShell
	}
	lines := []string{
		shebang,
		"# Written by unroot: gives a UID without a passwd entry a name, then runs the command.",
	}
	if !opts.NoUmask {
		lines = append(lines, "umask 0002")
	}
	if opts.passwd() == PasswdWritable {
		return append(lines,
			"if ! id -un >/dev/null 2>&1 && [ -w /etc/passwd ]; then",
			`  echo "default:x:$(id -u):$(id -g):default user:${HOME:-/}:/bin/sh" >>/etc/passwd`,
			"fi",
			`exec "$@"`)
	}
	return append(lines,
		"if ! id -un >/dev/null 2>&1; then",
		"  for lib in /usr/lib64/libnss_wrapper.so /usr/lib/libnss_wrapper.so /usr/lib/*/libnss_wrapper.so; do",
		`    [ -f "$lib" ] || continue`,
		`    dir=$(mktemp -d "${TMPDIR:-/tmp}/unroot.XXXXXX" 2>/dev/null) ||`,
		`      dir=$(mktemp -d /dev/shm/unroot.XXXXXX 2>/dev/null) || break`,
		"    uid=$(id -u) gid=$(id -g)",
		`    { cat /etc/passwd; echo "default:x:$uid:$gid:default user:${HOME:-/}:/bin/sh"; } >"$dir/passwd"`,
		`    { cat /etc/group; grep -q "^[^:]*:[^:]*:$gid:" /etc/group || echo "default:x:$gid:"; } >"$dir/group"`,
		`    export LD_PRELOAD="$lib${LD_PRELOAD:+ $LD_PRELOAD}"`,
		`    export NSS_WRAPPER_PASSWD="$dir/passwd" NSS_WRAPPER_GROUP="$dir/group"`,
		"    break",
		"  done",
		"fi",
		`exec "$@"`)
}

// scriptCommands write the start-up script (and, for --passwd=writable,
// open /etc/passwd to group 0).
func scriptCommands(opts Options) []string {
	var b strings.Builder
	b.WriteString(`printf '%s\n'`)
	for _, l := range scriptLines(opts) {
		b.WriteString(" \\\n      '" + l + "'")
	}
	b.WriteString(" \\\n      >" + entrypointScript)
	cmds := []string{b.String(), "chmod 0755 " + entrypointScript}
	if opts.passwd() == PasswdWritable {
		cmds = append(cmds, "chmod g=u /etc/passwd")
	}
	return cmds
}
