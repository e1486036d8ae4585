package parser

import "strings"

// Package managers: what apt, apk, dnf, yum, microdnf and zypper install.

// PackageInstall is one package-install command.
type PackageInstall struct {
	Manager  string   // "apt", "apk", "dnf", "yum", "microdnf", "zypper" ("apt-get" and "apt" both map to "apt")
	Packages []string // package words as written after expansion (flags excluded)
	// InsertAt is the byte offset in script just after the last package word of this install command,
	// where " tini" can be inserted to add a package to the same command. -1 if not safely insertable
	// (e.g. packages come only from a variable expansion or a subshell).
	InsertAt            int
	NoInstallRecommends bool   // apt --no-install-recommends (or -o APT::Install-Recommends=false), zypper --no-recommends, dnf/yum install_weak_deps=False
	Virtual             string // apk --virtual/-t NAME: the packages are usually removed later with `apk del NAME`
	// Unconditional is set when the command always runs and its failure
	// fails the RUN: not in an if, a loop, a case or a function, not beside
	// ||, not in a pipeline, not negated or in the background.
	Unconditional bool
	// Elsewhere is set when the command installs somewhere other than the
	// image's own system, or only downloads (--download-only, -d, --root,
	// -p, --installroot, --root-dir).
	Elsewhere  bool
	Unresolved bool
	Start, End int
}

// InstalledPackage returns the first package word of the RUN's installs
// that match accepts.
func (f *RunFacts) InstalledPackage(match func(pkg string) bool) (string, bool) {
	for _, in := range f.Installs {
		for _, p := range in.Packages {
			if match(p) {
				return p, true
			}
		}
	}
	return "", false
}

var (
	aptSpec = newShOptSpec("o,option=", "c,config-file=", "t,target-release=", ",default-release=", "a,host-architecture=",
		"P,build-profiles=", ",solver=", ",planner=")
	apkSpec = newShOptSpec("t,virtual=", "X,repository=", "p,root=", ",keys-dir=", ",repositories-file=", ",arch=",
		",cache-dir=", ",cache-max-age=", ",progress-fd=", ",timeout=", ",wait=", ",from=", "U,update-cache")
	dnfSpec = newShOptSpec("c,config=", ",releasever=", ",installroot=", ",setopt=", ",enablerepo=", ",disablerepo=",
		",repo=", ",repoid=", "x,exclude=", "d,debuglevel=", "e,errorlevel=", ",color=", ",forcearch=", ",downloaddir=",
		",destdir=", ",comment=", ",advisory=", ",advisories=", ",bz=", ",cve=", ",sec-severity=", ",secseverity=",
		",repofrompath=", ",rpmverbosity=", ",disableplugin=", ",enableplugin=", ",exclude=", ",excludepkgs=",
		",includepkgs=", "R,randomwait=", ",platform-id=", ",use-host-config")
	zypperGlobalSpec = newShOptSpec("R,root=", "D,reposd-dir=", "C,cache-dir=", "c,config=", ",raw-cache-dir=",
		",solv-cache-dir=", ",pkg-cache-dir=", ",userdata=", ",installroot=", "s,table-style=", "n,non-interactive",
		"t,terse", "x,xmlout", "q,quiet", "v,verbose", "A,no-abbrev", "i,ignore-unknown")
	zypperCmdSpec = newShOptSpec("t,type=", "r,repo=", ",from=", ",download=", "y,no-confirm", ",no-recommends",
		",recommends", "n,name", "C,capability", "f,force", "l,auto-agree-with-licenses", "D,dry-run", "d,download-only")
)

func (a *runAnalyzer) useManager(m string) {
	for _, x := range a.f.Managers {
		if x == m {
			return
		}
	}
	a.f.Managers = append(a.f.Managers, m)
}

func (a *runAnalyzer) pkg(c *shCall, mgr string) {
	a.useManager(mgr)
	var o shOpts
	var ops []shArg
	switch mgr {
	case "apt":
		o, ops = parseShOpts(c.args, aptSpec, false)
	case "apk":
		o, ops = parseShOpts(c.args, apkSpec, false)
	case "zypper":
		o, ops = zypperArgs(c.args)
	default:
		o, ops = parseShOpts(c.args, dnfSpec, false)
	}
	if len(ops) == 0 || !ops[0].known {
		return
	}
	verb := ops[0].val
	if verb == "update" && (c.name == "apt-get" || c.name == "apt") {
		a.f.AptLists = append(a.f.AptLists, AptListsChange{Offset: c.start, Present: true})
	}
	install := false
	switch mgr {
	case "apt":
		install = verb == "install" || verb == "reinstall"
	case "apk":
		install = verb == "add"
	case "zypper":
		install = verb == "install" || verb == "in"
	default:
		install = verb == "install" || verb == "localinstall" || verb == "reinstall"
	}
	if !install {
		return
	}
	pi := PackageInstall{Manager: mgr, InsertAt: -1, Start: c.start, End: c.end}
	for _, x := range c.args {
		pi.Elsewhere = pi.Elsewhere || installsElsewhere(x.val)
	}
	anyLiteral := false
	for _, x := range ops[1:] {
		pi.Packages = append(pi.Packages, x.val)
		pi.Unresolved = pi.Unresolved || !x.known
		anyLiteral = anyLiteral || x.literal
	}
	if anyLiteral {
		pi.InsertAt = a.clamp(ops[len(ops)-1].end)
	}
	for _, x := range o {
		v := strings.ToLower(x.val.val)
		switch x.key {
		case "no-install-recommends", "no-recommends":
			pi.NoInstallRecommends = true
		case "option":
			if k, val, ok := strings.Cut(v, "="); ok && k == "apt::install-recommends" && isFalseSetting(val) {
				pi.NoInstallRecommends = true
			}
		case "setopt":
			if k, val, ok := strings.Cut(v, "="); ok && k == "install_weak_deps" && isFalseSetting(val) {
				pi.NoInstallRecommends = true
			}
		case "virtual":
			pi.Virtual = x.val.val
		}
	}
	a.f.Installs = append(a.f.Installs, pi)
}

// zypperArgs parses global options before the verb and command options after it.
func zypperArgs(args []shArg) (shOpts, []shArg) {
	o, ops := parseShOpts(args, zypperGlobalSpec, true)
	if len(ops) == 0 {
		return o, nil
	}
	o2, rest := parseShOpts(ops[1:], zypperCmdSpec, false)
	return append(o, o2...), append([]shArg{ops[0]}, rest...)
}

func isFalseSetting(v string) bool {
	switch strings.Trim(v, `"'`) {
	case "false", "0", "no", "off":
		return true
	}
	return false
}

// installsElsewhere reports whether an option of an install command makes it
// install into another root or only download.
func installsElsewhere(opt string) bool {
	switch {
	case opt == "-p" || opt == "--root" || strings.HasPrefix(opt, "--root="):
		return true
	case strings.HasPrefix(opt, "-d") && !strings.HasPrefix(opt, "--"):
		return true
	}
	return strings.HasPrefix(opt, "--download-only") || strings.HasPrefix(opt, "--installroot") || strings.HasPrefix(opt, "--root-dir")
}

// AptListsChange is a point in a script where apt's package lists come
// (apt-get update) or go (rm of /var/lib/apt/lists).
type AptListsChange struct {
	Offset  int
	Present bool
}

var removeVerbs = map[string]bool{"remove": true, "purge": true, "autoremove": true, "del": true, "erase": true,
	"rm": true, "-P": true, "--purge": true, "-r": true}

// packageRemove records a remove whose package list is computed by a
// command substitution (`apt-get purge $(diff clean dirty)`): it may take
// whatever an install before it added.
func (a *runAnalyzer) packageRemove(c *shCall) {
	remove, computed := false, false
	for _, x := range c.args {
		remove = remove || removeVerbs[x.val]
		src := a.src[a.clamp(x.start):a.clamp(x.end)]
		computed = computed || strings.Contains(src, "$(") || strings.Contains(src, "`")
	}
	if remove && computed {
		a.f.ComputedRemoves = append(a.f.ComputedRemoves, c.start)
	}
}
