package transform

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/unroot/unroot/baseimages"

	"github.com/unroot/unroot/parser"
)

// Adding a package to the stage being changed: into an install command the
// stage already runs as root and keeps (one more word, no new layer), else
// with a new install command.

// pkgWay is how a package gets into the image.
type pkgWay int

const (
	wayNone     pkgWay = iota // it cannot be installed; pkgPlan.Why says why
	wayFold                   // added to an existing install command
	wayNew                    // installed by a new command in the new RUN
	wayDownload               // tini only: the pinned release, checked by sha256
	wayPresent                // the stage installs it already
	wayAdd                    // tini only: the pinned release by ADD, checked by sha256 in a RUN
)

// pkgPlan says how one package is installed.
type pkgPlan struct {
	Way     pkgWay
	Manager string
	Package string
	Fold    *foldSite
	Binary  string // tini: where the program lands
	Why     string // wayNone: why not; else how, for the finding
	Reason  string // wayDownload: why there is no package
}

// foldSite is an install command a package can be added to.
type foldSite struct {
	Ins     *parser.Instruction
	Install *parser.PackageInstall
	Offset  int    // source offset just after the last package word
	Indent  string // the package list is one word a line with this indent ("" otherwise)
}

// edit returns the insertion of pkg into the install command.
func (f *foldSite) edit(pkg string, order int) Edit {
	text := " " + pkg
	if f.Indent != "" {
		text = " \\\n" + f.Indent + pkg
	}
	e := Insert(f.Offset, text)
	e.Order = order
	return e
}

// Tini's pinned release: static binaries, with the checksums its release
// publishes next to them (tini-static-<arch>.sha256sum).
const (
	tiniVersion     = "v0.19.0"
	tiniSHA256AMD64 = "c5b0666b4cb676901f90dfcb37106783c5fe2077b04590973b885950611b30ee"
	tiniSHA256ARM64 = "eae1d3aa50c48fb23b8cbdf4e369d0910dfc538566bfd09df89a774aa84a48b9"
	tiniDownloadBin = "/usr/local/bin/tini"
)

// installVerb is how the findings name a manager's install command.
var installVerb = map[string]string{
	"apt": "apt-get install", "apk": "apk add", "dnf": "dnf install", "microdnf": "microdnf install",
	"yum": "yum install", "zypper": "zypper install",
}

// planTini decides how tini gets into the target stage.
func planTini(doc *parser.Document, t *Target) pkgPlan {
	st := t.Stage
	mgr := st.PackageManager()
	image := st.Image()
	p := pkgPlan{Manager: mgr, Package: "tini"}
	if bin, line, ok := tiniInstalled(doc, st); ok {
		p.Way, p.Binary = wayPresent, bin
		p.Why = fmt.Sprintf("installed already, by line %d", line)
		return p
	}
	var after *position
	switch mgr {
	case "apt":
		if oldAptRelease(image) {
			return fetchTini(st, p, fmt.Sprintf("tini is not packaged for %s (Debian 10 and Ubuntu 20.04 are the first releases that have it)", image))
		}
		p.Binary = "/usr/bin/tini"
	case "apk":
		p.Binary = "/sbin/tini"
	case "dnf", "microdnf", "yum":
		if !isFedora(image) {
			if after = epelAt(doc, st); after == nil {
				return fetchTini(st, p, fmt.Sprintf("%s has no tini package without EPEL", orUnknown(image)))
			}
		}
		p.Binary = "/usr/bin/tini"
	case "zypper":
		return fetchTini(st, p, fmt.Sprintf("%s has no tini package", orUnknown(image)))
	default:
		return fetchTini(st, p, fmt.Sprintf("no package manager is known for %s to install tini with", orUnknown(image)))
	}
	return placePackage(doc, t, p, after)
}

// tiniPaths are where tini's packages put it.
var tiniPaths = map[string]string{"apt": "/usr/bin", "apk": "/sbin", "dnf": "/usr/bin", "microdnf": "/usr/bin", "yum": "/usr/bin", "zypper": "/usr/bin"}

// tiniInstalled finds a tini the stage (or an ancestor) installs without
// running it: a package, or a file added as .../tini.
func tiniInstalled(doc *parser.Document, st *parser.Stage) (bin string, line int, ok bool) {
	for _, s := range st.Chain() {
		for _, ins := range s.Instructions {
			switch ins.Keyword {
			case "run":
				if ins.Run == nil {
					continue
				}
				for _, in := range ins.Run.Installs {
					for _, p := range in.Packages {
						if (p == "tini" || p == "tini-static") && tiniPaths[in.Manager] != "" {
							return tiniPaths[in.Manager] + "/" + p, ins.StartLine, true
						}
					}
				}
			case "add", "copy":
				if len(ins.Args) < 2 || ins.JSON {
					continue
				}
				dest := ins.Args[len(ins.Args)-1]
				if strings.HasSuffix(dest, "/") {
					src := ins.Args[len(ins.Args)-2]
					dest += src[strings.LastIndexByte(src, '/')+1:]
				}
				if name, _ := knownInitName(dest); name == "tini" && strings.HasPrefix(dest, "/") && !strings.ContainsAny(dest, "$*?[") {
					return dest, ins.StartLine, true
				}
			}
		}
	}
	return "", 0, false
}

// fetchTini plans tini's pinned static release where no package has it:
// downloaded by the stage's own curl or wget when the file shows one, else
// added by ADD (which every builder can fetch a URL with), both checked
// against the pinned sha256 before they are installed.
func fetchTini(st *parser.Stage, p pkgPlan, why string) pkgPlan {
	if pl := strings.ToLower(st.Root().Platform); pl != "" && !strings.Contains(pl, "$") &&
		!strings.HasSuffix(pl, "/amd64") && !strings.HasSuffix(pl, "/arm64") && !strings.Contains(pl, "/arm64/") {
		// Checksums are pinned for amd64 and arm64 only: on another
		// platform the download would stop the build.
		p.Why = fmt.Sprintf("%s, and unroot pins tini's checksum for linux/amd64 and linux/arm64 only, not %s", why, pl)
		return p
	}
	if v := archVariable(st.Root().BaseRaw); v != "" {
		// FROM busybox-${ARCH}: the file is built for several
		// architectures, and a build for one without a pinned
		// checksum would stop.
		p.Why = fmt.Sprintf("%s, and the base image is chosen per architecture (%s) while unroot pins tini's checksum for amd64 and arm64 only", why, v)
		return p
	}
	p.Binary, p.Reason = tiniDownloadBin, why
	p.Way = wayAdd
	switch p.Manager {
	case "dnf", "microdnf", "yum", "zypper":
		// The RHEL-family and openSUSE images ship curl.
		p.Way = wayDownload
	default:
		if downloaderShown(st) {
			p.Way = wayDownload
		}
	}
	return p
}

// archWords are the words of a build variable's name that name an
// architecture or platform ($ARCH, $TARGETARCH, $BASE_ARCH, $GOARCH), not
// $OPENSEARCH_VERSION.
var archWords = map[string]bool{
	"ARCH": true, "ARCHITECTURE": true, "PLATFORM": true, "TARGETARCH": true, "BUILDARCH": true,
	"TARGETPLATFORM": true, "BUILDPLATFORM": true, "TARGETVARIANT": true, "GOARCH": true,
}

// archVariable returns the build variable naming an architecture in a FROM
// image ($ARCH, ${TARGETARCH}, $BUILDARCH...), or "".
func archVariable(image string) string {
	for i := 0; i < len(image); i++ {
		if image[i] != '$' {
			continue
		}
		j := i + 1
		if j < len(image) && image[j] == '{' {
			j++
		}
		k := j
		for k < len(image) && (image[k] == '_' || image[k] >= 'A' && image[k] <= 'Z' || image[k] >= 'a' && image[k] <= 'z' || image[k] >= '0' && image[k] <= '9') {
			k++
		}
		for _, w := range strings.Split(strings.ToUpper(image[j:k]), "_") {
			if archWords[w] {
				return "$" + image[j:k]
			}
		}
	}
	return ""
}

// downloaderShown reports whether the stage can fetch a URL: a RUN of the
// stage (or a stage it is built from) runs or installs curl or wget, or its
// base image is BusyBox-based (its wget applet).
func downloaderShown(st *parser.Stage) bool {
	for _, s := range st.Chain() {
		for _, ins := range s.Instructions {
			if ins.Run == nil {
				continue
			}
			if contains(ins.Run.Commands, "curl") || contains(ins.Run.Commands, "wget") {
				return true
			}
			for _, in := range ins.Run.Installs {
				if !in.Elsewhere && (contains(in.Packages, "curl") || contains(in.Packages, "wget")) {
					return true
				}
			}
		}
	}
	return busyboxBased(st.Image())
}

// busyboxBased reports whether the image is BusyBox, or a distroless
// :debug image, whose shell is BusyBox with its applets.
func busyboxBased(image string) bool {
	if f, ok := baseimages.Lookup(image); ok && (f.Family == "busybox" || f.ShellKnown && f.Shell == busyboxShell[0]) {
		return true
	}
	r := parseImageRef(image)
	return r.name == "busybox" || strings.HasPrefix(r.name, "busybox-")
}

// nssWrapperPackages name the nss_wrapper library's package per manager
// (RHEL 8.6+/9 and Fedora split the library out into nss_wrapper-libs).
var nssWrapperPackages = map[string]string{
	"apt": "libnss-wrapper", "apk": "nss_wrapper", "dnf": "nss_wrapper-libs", "microdnf": "nss_wrapper-libs",
	"yum": "nss_wrapper", "zypper": "nss_wrapper",
}

// planNSSWrapper decides how the nss_wrapper library gets into the stage.
func planNSSWrapper(doc *parser.Document, t *Target) pkgPlan {
	st := t.Stage
	mgr := st.PackageManager()
	p := pkgPlan{Manager: mgr, Package: nssWrapperPackages[mgr]}
	if p.Package == "" {
		p.Why = fmt.Sprintf("no package manager is known for %s to install nss_wrapper with", orUnknown(st.Image()))
		return p
	}
	if f, ok := baseimages.Lookup(st.Image()); ok && f.NSSWrapperKnown && f.PackageManagerKnown && f.PackageManager == mgr {
		if f.NSSWrapperPackage == "" {
			// As if there were no package manager: UR005 falls back
			// to a group-writable /etc/passwd, which needs no package.
			p.Package, p.Manager = "", ""
			p.Why = fmt.Sprintf("nss_wrapper is not packaged for %s", st.Image())
			return p
		}
		p.Package = f.NSSWrapperPackage
	}
	if mgr == "apk" && oldAlpine(st.Image()) {
		// As if there were no package manager: UR005 falls back to a
		// group-writable /etc/passwd, which needs no package.
		p.Package, p.Manager = "", ""
		p.Why = fmt.Sprintf("nss_wrapper is not packaged for %s (unroot relies on it from Alpine 3.19)", st.Image())
		return p
	}
	return placePackage(doc, t, p, nil)
}

// alpineVersion matches the Alpine release in an image reference:
// alpine:3.8, ruby:2.4.1-alpine3.6, golang:1.9.2-alpine3.7.
var alpineVersion = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?:^|[:/-])alpine:?(\d+)\.(\d+)`) })

// oldAlpine reports whether image names an Alpine release before 3.19.
// nss_wrapper was long only in the testing repository, which stable releases
// do not enable; apk then fails the whole install. An image that names no
// release (alpine, python:3.12-alpine) is taken to be current, unless the
// base-image table knows it was built on an older or unknown Alpine
// release (wjdp/htmltest on 3.9, a pinned release of a tool image).
func oldAlpine(image string) bool {
	m := alpineVersion().FindStringSubmatch(strings.ToLower(image))
	if m == nil {
		f, ok := baseimages.Lookup(image)
		if !ok || f.Distro != "alpine" {
			return false
		}
		rel := strings.SplitN(f.Release, ".", 3)
		if len(rel) < 2 {
			return !f.NSSWrapperKnown
		}
		m = []string{"", rel[0], rel[1]}
	}
	major, _ := strconv.Atoi(m[1])
	minor, _ := strconv.Atoi(m[2])
	return major < 3 || major == 3 && minor < 19
}

// placePackage folds the package into an install of the stage, or plans a
// new install command.
func placePackage(doc *parser.Document, t *Target, p pkgPlan, after *position) pkgPlan {
	if f := findFoldSite(doc, t, p.Manager, after); f != nil {
		p.Way, p.Fold = wayFold, f
		p.Why = foldWhy(p.Manager, f)
		return p
	}
	p.Way = wayNew
	return p
}

func foldWhy(mgr string, f *foldSite) string {
	return fmt.Sprintf("added to the `%s` at line %d", installVerb[mgr], f.Ins.StartLine)
}

// position is a place in the file: an instruction and an offset in its
// RUN script.
type position struct {
	Index  int // instruction index in the document
	Offset int // offset in the script (-1: the whole instruction)
}

func (p *position) before(ins *parser.Instruction, scriptOff int) bool {
	return p == nil || p.Index < ins.Index || (p.Index == ins.Index && p.Offset >= 0 && p.Offset < scriptOff)
}

// epelAt returns where the stage (or an ancestor) enables EPEL, which
// packages tini for RHEL-family images, or nil.
func epelAt(doc *parser.Document, st *parser.Stage) *position {
	for _, s := range st.Chain() {
		for _, ins := range s.Instructions {
			if ins.Keyword != "run" {
				continue
			}
			text := ins.Text(doc)
			i := strings.Index(text, "epel-release")
			if i < 0 {
				i = strings.Index(text, "enablerepo=epel")
			}
			if i < 0 {
				continue
			}
			if s != st {
				return &position{Index: -1}
			}
			off := -1
			if ins.ScriptBase >= 0 {
				off = ins.Span.Start + i - ins.ScriptBase
			}
			return &position{Index: ins.Index, Offset: off}
		}
	}
	return nil
}

// findFoldSite returns the first install command of the stage that a
// package can be added to: same manager, run as root, a plain shell-form
// RUN, a literal package list, run unconditionally, not one whose packages
// are removed again (apk --virtual, apt-mark auto), not one that only adds
// a repository, and (after != nil) after the given position.
func findFoldSite(doc *parser.Document, t *Target, mgr string, after *position) *foldSite {
	st := t.Stage
	// apt's package lists: images ship without them; `apt-get update`
	// fetches them, `rm -rf /var/lib/apt/lists/*` drops them again.
	apt, lists := mgr == "apt", false
	if apt {
		for _, c := range st.Chain() {
			if c == st {
				break
			}
			for _, ins := range c.Instructions {
				if ins.Keyword == "run" {
					lists = aptListsAt(ins.Run, -1, lists)
				}
			}
		}
	}
	for _, ins := range st.Instructions {
		if ins.Keyword != "run" {
			continue
		}
		before := lists
		if apt {
			lists = aptListsAt(ins.Run, -1, lists)
		}
		// A here-document body that maps to the source is a script like
		// any other: a package goes into its install too.
		if ins.Run == nil || ins.JSON || ins.ScriptBase < 0 {
			continue
		}
		if !runsAsRoot(doc, t, ins.StartLine) {
			continue
		}
		if apt && contains(ins.Run.Commands, "apt-mark") {
			continue
		}
		for i := range ins.Run.Installs {
			in := &ins.Run.Installs[i]
			if in.Manager != mgr || in.InsertAt < 0 || in.Virtual != "" || !after.before(ins, in.Start) || repoOnly(in.Packages) {
				continue
			}
			if !in.Unconditional || !installsHere(ins.Run, in, apt && aptListsAt(ins.Run, in.Start, before)) {
				continue
			}
			off := ins.ScriptBase + in.InsertAt
			if off <= ins.Span.Start || off > ins.Span.End {
				continue
			}
			return &foldSite{Ins: ins, Install: in, Offset: off, Indent: listIndent(doc, ins, in, off)}
		}
	}
	return nil
}

// aptListsAt reports whether apt's package lists are there at byte upto of
// a RUN's script (the end when upto < 0), given whether they were before it:
// the last `apt-get update` or removal of the lists before that point
// decides. A RUN unroot cannot read changes nothing it can tell.
func aptListsAt(r *parser.RunFacts, upto int, before bool) bool {
	if r == nil {
		return before
	}
	last, state := -1, before
	for _, c := range r.AptLists {
		if (upto < 0 || c.Offset < upto) && c.Offset > last {
			last, state = c.Offset, c.Present
		}
	}
	return state
}

// installsHere reports whether a package added to this install command ends
// up installed in the image: the package lists are there (apt needs an
// `apt-get update` earlier in the same RUN: images ship without lists, and
// the original may only install what is already there; see aptListsAt), the command does not
// only download or install into another root, and the RUN does not remove a
// computed list of packages afterwards.
func installsHere(r *parser.RunFacts, in *parser.PackageInstall, aptLists bool) bool {
	if in.Manager == "apt" && !aptLists {
		return false
	}
	if in.Elsewhere {
		return false
	}
	return !slices.ContainsFunc(r.ComputedRemoves, func(off int) bool { return off >= in.Start })
}

// repoOnly reports whether an install only adds package repositories
// (epel-release, centos-release-scl...): packages belong in the install that
// follows it.
func repoOnly(pkgs []string) bool {
	for _, p := range pkgs {
		if !strings.HasSuffix(p, "-release") && !strings.Contains(p, "-release-") {
			return false
		}
	}
	return len(pkgs) > 0
}

// listIndent returns the indentation of the last package word when it is
// alone at the start of its line, inside a continued install command.
func listIndent(doc *parser.Document, ins *parser.Instruction, in *parser.PackageInstall, off int) string {
	line := doc.LineAt(off)
	if line <= doc.LineAt(ins.ScriptBase+in.Start) {
		return ""
	}
	prefix := string(doc.Src[doc.LineStart(line):off])
	word := strings.TrimLeft(prefix, " \t")
	if word == "" || strings.ContainsAny(word, " \t") || word == prefix {
		return ""
	}
	return prefix[:len(prefix)-len(word)]
}

// runsAsRoot reports whether an instruction starting at line runs as root
// in the target stage.
func runsAsRoot(doc *parser.Document, t *Target, line int) bool {
	return isRootUser(userAt(doc, t, line))
}

// appendSite returns the RUN that new commands are appended to: the last
// RUN of the target stage before the place for root commands, run as root,
// in shell form with a script that maps to the source, not ending with
// exit, and with network access. Appending there adds no layer, and keeps
// the commands before whatever other passes append to the same RUN.
func appendSite(doc *parser.Document, t *Target) *parser.Instruction {
	var last *parser.Instruction
	for _, ins := range t.Stage.Instructions {
		if t.Anchor.Before && ins.StartLine >= t.Anchor.Line || !t.Anchor.Before && ins.StartLine > t.Anchor.Line {
			break
		}
		if ins.Keyword == "run" {
			last = ins
		}
	}
	if !Appendable(doc, last) || !runsAsRoot(doc, t, last.StartLine) {
		return nil
	}
	if n := len(last.Run.Commands); n > 0 && last.Run.Commands[n-1] == "exit" {
		return nil
	}
	if v, ok := last.Flag("network"); ok && v == "none" {
		return nil
	}
	return last
}

// appendText renders commands to append at the end of a RUN, in the RUN's
// own style: "&&" leading or trailing its continued lines, its indentation.
// Inside a here-document a continuation is the shell's: one line then.
func appendText(doc *parser.Document, ins *parser.Instruction, cmds []string) string {
	if ins.HeredocBody {
		return " && " + oneLine(strings.Join(cmds, " && "))
	}
	line := doc.LineAt(ins.ScriptBase + ins.Run.End)
	last := doc.LineText(line)
	indent := last[:len(last)-len(strings.TrimLeft(last, " \t"))]
	leading := line != ins.StartLine && strings.HasPrefix(strings.TrimSpace(last), "&&")
	if line == ins.StartLine || (indent == "" && !leading) {
		indent = "    "
	}
	var b strings.Builder
	for _, c := range cmds {
		// The commands' own continued lines are indented from four
		// blanks: indent them from the RUN's command column instead.
		inner := indent
		if leading {
			inner += "   "
		}
		c = strings.ReplaceAll(c, "\\\n    ", "\\\n"+inner)
		if leading {
			b.WriteString(" \\\n" + indent + "&& " + c)
		} else {
			b.WriteString(" && \\\n" + indent + c)
		}
	}
	return b.String()
}

// oneLine joins the continued lines of commands: each backslash-newline
// and the indentation after it become one blank.
func oneLine(cmd string) string {
	var b strings.Builder
	for {
		i := strings.Index(cmd, "\\\n")
		if i < 0 {
			b.WriteString(cmd)
			return b.String()
		}
		b.WriteString(strings.TrimRight(cmd[:i], " \t") + " ")
		cmd = strings.TrimLeft(cmd[i+2:], " \t")
	}
}

// installCommands returns shell commands that install pkgs with mgr in a
// new RUN, cleaning the package cache in the same layer.
func installCommands(mgr string, pkgs []string) []string {
	if len(pkgs) == 0 {
		return nil
	}
	list := strings.Join(pkgs, " ")
	switch mgr {
	case "apt":
		return []string{"apt-get update", "apt-get install -y --no-install-recommends " + list, "apt-get clean", "rm -rf /var/lib/apt/lists/*"}
	case "apk":
		return []string{"apk add --no-cache " + list}
	case "dnf", "microdnf", "yum":
		return []string{mgr + " install -y " + list, mgr + " clean all"}
	case "zypper":
		return []string{"zypper --non-interactive install " + list, "zypper clean --all"}
	}
	return nil
}

// tiniDownloadCommands fetch tini's static binary for the build machine's
// architecture and check it against the pinned checksum.
func tiniDownloadCommands() []string {
	url := "https://github.com/krallin/tini/releases/download/" + tiniVersion + "/tini-static-$arch"
	return []string{
		tiniArchCase(),
		"if command -v curl >/dev/null; then \\\n" +
			"      curl -fsSL -o " + tiniDownloadBin + " \"" + url + "\"; \\\n" +
			"    else \\\n" +
			"      wget -q -O " + tiniDownloadBin + " \"" + url + "\"; \\\n" +
			"    fi",
		"echo \"$sum  " + tiniDownloadBin + "\" | sha256sum -c -",
		"chmod 0755 " + tiniDownloadBin,
	}
}

// tiniAddDir is where ADD puts tini's pinned releases until the RUN that
// checks them installs one.
const tiniAddDir = "/usr/local/lib/unroot-tini"

// tiniAddText is an ADD of tini's pinned static releases for amd64 and
// arm64 (ADD cannot choose by architecture in the classic builder); the
// RUN after it checks and installs one (tiniAddCommands).
func tiniAddText() string {
	url := "https://github.com/krallin/tini/releases/download/" + tiniVersion + "/tini-static-"
	return "ADD " + url + "amd64 \\\n    " + url + "arm64 \\\n    " + tiniAddDir + "/"
}

// tiniAddCommands check the release ADD fetched for the build machine's
// architecture against its pinned sha256, install it, and remove both.
func tiniAddCommands() []string {
	return []string{
		tiniArchCase(),
		"echo \"$sum  " + tiniAddDir + "/tini-static-$arch\" | sha256sum -c -",
		"mkdir -p " + pathDir(tiniDownloadBin),
		"cp " + tiniAddDir + "/tini-static-$arch " + tiniDownloadBin,
		"chmod 0755 " + tiniDownloadBin,
		"rm -rf " + tiniAddDir,
	}
}

// tiniArchCase sets arch and sum for the build machine's architecture, and
// stops the build on one without a pinned checksum.
func tiniArchCase() string {
	return "case \"$(uname -m)\" in \\\n" +
		"      x86_64) arch=amd64 sum=" + tiniSHA256AMD64 + " ;; \\\n" +
		"      aarch64) arch=arm64 sum=" + tiniSHA256ARM64 + " ;; \\\n" +
		"      *) echo \"no pinned tini for $(uname -m)\" >&2; exit 1 ;; \\\n" +
		"    esac"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
