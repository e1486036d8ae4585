// Package verify runs a container image the way OpenShift does, as an
// arbitrary non-root UID in group 0 (`docker run -u 123456:0`), and
// checks that it works there: it starts, its user resolves, HOME and the
// application directories are writable, PID 1 reaps zombies and stops on
// SIGTERM, nothing is world-writable, and so on.
//
// It drives the docker command-line client through os/exec.
package verify

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Check names, in the order Run reports them.
const (
	CheckStart         = "start"
	CheckUser          = "user"
	CheckUserExec      = "user-exec"
	CheckHome          = "home"
	CheckPaths         = "paths"
	CheckWorldWritable = "world-writable"
	CheckZombies       = "zombies"
	CheckPorts         = "ports"
	CheckSigterm       = "sigterm"
	CheckReadOnly      = "read-only"
)

// Random UIDs are drawn from [MinRandomUID, MaxRandomUID]: far above any
// UID an image's /etc/passwd is likely to list, and covering the ranges
// OpenShift assigns to projects.
const (
	MinRandomUID = 100000
	MaxRandomUID = 2000000000
)

// DefaultTimeout bounds a whole Run when Options.Timeout is zero.
const DefaultTimeout = 5 * time.Minute

// Options configures Run.
type Options struct {
	Image string
	// UID to run as; 0 or less picks one at random in
	// [MinRandomUID, MaxRandomUID]. GID is the group (0 normally).
	UID, GID int
	// Profile is ProfileRestricted (the default when empty) or
	// ProfilePlain. FSGroup is the supplemental group the restricted
	// profile adds; 0 or less picks one at random like UID.
	Profile string
	FSGroup int
	// Docker is the docker client binary; empty means $DOCKER, else the
	// first docker on $PATH.
	Docker string
	// Paths are extra directories that must be writable (checked like
	// WORKDIR and VOLUMEs). Relative ones are relative to the WORKDIR.
	Paths []string
	// Timeout bounds the whole verification (DefaultTimeout when zero).
	Timeout time.Duration
	// Command, when set, replaces the image's CMD.
	Command []string
	// OneShot says the image runs a task and exits: `start` then waits for
	// it to exit 0 instead of expecting it to stay up.
	OneShot bool
	// Stdout, when set, receives each check line as soon as it is known.
	// Stderr, when set, receives progress notes.
	Stdout, Stderr io.Writer
	// Verbose also logs every docker command run to Stderr.
	Verbose bool
}

// How long a container must stay up to count as started, and other waits.
var (
	startupWait   = 3 * time.Second
	zombieWait    = 2500 * time.Millisecond
	stopTimeout   = 10 // seconds given to `docker stop -t`
	stopThreshold = 2 * time.Second
	cmdTimeout    = 60 * time.Second // one docker command
	// userTimeout bounds `docker run --rm IMAGE id -un`: an entrypoint
	// that ignores its arguments runs its server instead and never ends.
	userTimeout = 10 * time.Second
)

// containerState is the outcome of starting the main container.
type containerState int

const (
	stateRunning containerState = iota // up after startupWait
	stateExited0                       // exited 0: a one-shot image
	stateFailed                        // could not start, or exited non-zero
)

type verifier struct {
	o          Options
	d          *docker
	cfg        ImageConfig
	rep        Report
	containers []string // to remove at the end
	name       string   // main container
	state      containerState
	home       string // HOME as seen by docker exec, "" if unknown
	noShell    bool
}

// Run verifies o.Image and returns the report. An error means the
// verification itself could not be done (no docker, no such image, ...);
// failed checks are reported in the Report, see Report.Failed.
func Run(ctx context.Context, o Options) (Report, error) {
	if o.Image == "" {
		return Report{}, errors.New("verify: no image given")
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.UID <= 0 {
		o.UID = RandomUID()
	}
	if o.GID < 0 {
		o.GID = 0
	}
	if o.Profile == "" {
		o.Profile = ProfileRestricted
	}
	if !validProfile(o.Profile) {
		return Report{}, fmt.Errorf("verify: unknown profile %q (want %s)", o.Profile, strings.Join(Profiles, " or "))
	}
	if o.FSGroup <= 0 {
		o.FSGroup = RandomUID()
	}
	if o.Docker == "" {
		o.Docker = ResolveDocker(ctx, "", false)
	}
	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()

	v := &verifier{
		o:    o,
		d:    &docker{bin: o.Docker},
		rep:  Report{Image: o.Image, UID: o.UID, GID: o.GID, Profile: o.Profile},
		name: "unroot-verify-" + randomHex(6),
	}
	if o.Verbose {
		v.d.log = o.Stderr
	}
	defer v.cleanup(ctx)

	r := v.d.run(ctx, cmdTimeout, "image", "inspect", o.Image)
	if !r.OK() {
		return v.rep, fmt.Errorf("verify: docker image inspect %s: %s", o.Image, r.Describe())
	}
	cfg, err := ParseImageInspect([]byte(r.Stdout))
	if err != nil {
		return v.rep, fmt.Errorf("verify: %w", err)
	}
	v.cfg = cfg
	if o.Profile == ProfileRestricted {
		v.rep.FSGroup = o.FSGroup
	}
	v.notef("running %s with %s (image USER %q, ENTRYPOINT %q, CMD %q)",
		o.Image, describeProfile(o.Profile, o.UID, o.GID, o.FSGroup), cfg.User, cfg.Entrypoint, cfg.Cmd)

	v.add(v.checkStart(ctx))
	v.add(v.checkUser(ctx))
	v.add(v.checkUserExec(ctx))
	v.add(v.checkHome(ctx))
	v.add(v.checkPaths(ctx))
	v.add(v.checkWorldWritable(ctx))
	v.add(v.checkZombies(ctx))
	v.add(v.checkPorts(ctx))
	v.add(v.checkSigterm(ctx))
	v.add(v.checkReadOnly(ctx))
	if ctx.Err() != nil {
		return v.rep, fmt.Errorf("verify: %w after %s", ctx.Err(), o.Timeout)
	}
	if !v.rep.Failed() {
		v.rep.SecurityContext = securityContextFor(v.rep)
	}
	return v.rep, nil
}

// RandomUID returns a random UID in [MinRandomUID, MaxRandomUID].
func RandomUID() int {
	n, err := rand.Int(rand.Reader, big.NewInt(MaxRandomUID-MinRandomUID+1))
	if err != nil {
		return MinRandomUID + int(time.Now().UnixNano()%(MaxRandomUID-MinRandomUID))
	}
	return MinRandomUID + int(n.Int64())
}

func (v *verifier) add(c Check) {
	c.Evidence = oneLine(c.Evidence)
	if c.Profile == "" {
		c.Profile = v.o.Profile
	}
	v.rep.Checks = append(v.rep.Checks, c)
	if v.o.Stdout != nil {
		fmt.Fprintln(v.o.Stdout, c.String())
	}
}

func (v *verifier) notef(format string, args ...any) {
	if v.o.Stderr != nil {
		fmt.Fprintf(v.o.Stderr, "verify: "+format+"\n", args...)
	}
}

func (v *verifier) cleanup(ctx context.Context) {
	if len(v.containers) == 0 {
		return
	}
	// Clean up even when ctx is done.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 60*time.Second)
	defer cancel()
	args := append([]string{"rm", "-f", "-v"}, v.containers...)
	v.d.run(ctx, 0, args...)
}

func (v *verifier) user() string { return fmt.Sprintf("%d:%d", v.o.UID, v.o.GID) }

// runFlags are the `docker run` flags that set who the container runs as
// under profile.
func (v *verifier) runFlags(profile string) []string {
	f := append([]string{"-u", v.user()}, profileRunFlags(profile, v.o.FSGroup)...)
	return append(f, engineRunFlags(v.o.Docker)...)
}

func (v *verifier) track(name string) { v.containers = append(v.containers, name) }

// ---------------------------------------------------------------- start

type dockerState struct {
	Status    string
	Running   bool
	ExitCode  int
	OOMKilled bool
	Error     string
}

func (v *verifier) inspectState(ctx context.Context, name string) (dockerState, error) {
	r := v.d.run(ctx, cmdTimeout, "container", "inspect", "--format", "{{json .State}}", name)
	if !r.OK() {
		return dockerState{}, errors.New(r.Describe())
	}
	var s dockerState
	if err := json.Unmarshal([]byte(strings.TrimSpace(r.Stdout)), &s); err != nil {
		return dockerState{}, err
	}
	return s, nil
}

// startContainer runs IMAGE detached under name and profile with extra
// docker run flags, then waits: for a one-shot image until it exits, else until it
// has been up for startupWait or exited. It returns the state, and on
// failure the evidence.
func (v *verifier) startContainer(ctx context.Context, name, profile string, extra ...string) (containerState, string) {
	args := append([]string{"run", "-d", "--network", "host", "--name", name}, v.runFlags(profile)...)
	args = append(args, extra...)
	args = append(args, v.o.Image)
	args = append(args, v.o.Command...)
	v.track(name)
	r := v.d.run(ctx, cmdTimeout, args...)
	if !r.OK() {
		return stateFailed, "docker run: " + r.Describe()
	}
	wait := startupWait
	if v.o.OneShot {
		wait = min(time.Until(deadlineOr(ctx, time.Now().Add(4*time.Minute)))/2, 2*time.Minute)
	}
	deadline := time.Now().Add(wait)
	var st dockerState
	for {
		var err error
		st, err = v.inspectState(ctx, name)
		if err != nil {
			return stateFailed, "docker inspect: " + err.Error()
		}
		if !st.Running || time.Now().After(deadline) || ctx.Err() != nil {
			break
		}
		sleep(ctx, 300*time.Millisecond)
	}
	switch {
	case st.Running && v.o.OneShot:
		return stateFailed, fmt.Sprintf("one-shot container still running after %s", wait.Round(time.Second))
	case st.Running:
		return stateRunning, fmt.Sprintf("running after %s", wait)
	case st.ExitCode == 0 && !st.OOMKilled:
		return stateExited0, "exited 0" + v.logTail(ctx, name)
	default:
		why := fmt.Sprintf("exited %d", st.ExitCode)
		if st.OOMKilled {
			why += " (OOM killed)"
		}
		if st.Error != "" {
			why += ": " + st.Error
		}
		return stateFailed, why + v.logTail(ctx, name)
	}
}

func (v *verifier) logTail(ctx context.Context, name string) string {
	r := v.d.run(ctx, cmdTimeout, "logs", "--tail", "5", name)
	out := strings.TrimSpace(r.Stdout + "\n" + r.Stderr)
	if out == "" {
		return ""
	}
	return "; last output: " + out
}

func (v *verifier) checkStart(ctx context.Context) Check {
	st, ev := v.startContainer(ctx, v.name, v.o.Profile)
	v.state = st
	switch st {
	case stateRunning:
		return Check{Name: CheckStart, Status: StatusPass, Evidence: ev + " as " + v.user()}
	case stateExited0:
		if !v.o.OneShot {
			ev += " within " + startupWait.String() + " (treated as one-shot)"
		}
		return Check{Name: CheckStart, Status: StatusPass, Evidence: ev}
	default:
		if v.o.Profile == ProfileRestricted {
			ev += v.explainRestricted(ctx)
		}
		return Check{Name: CheckStart, Status: StatusFail, Evidence: ev}
	}
}

// ---------------------------------------------------------------- user

var userNameRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.@-]*\$?$`) })

// lastLine returns the last non-empty line of s.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// userFromID judges the output of `id -un`: a name and exit 0.
func userFromID(r result) (string, bool) {
	name := lastLine(r.Stdout)
	return name, r.OK() && userNameRE().MatchString(name)
}

func notFound(r result) bool {
	s := r.Stderr + r.Stdout
	return strings.Contains(s, "executable file not found") || strings.Contains(s, "no such file or directory")
}

func (v *verifier) runOnce(ctx context.Context, timeout time.Duration, extra []string, cmd ...string) result {
	return v.runOnceAs(ctx, v.o.Profile, timeout, extra, cmd...)
}

// runOnceAs runs cmd in a fresh container under profile and removes it.
func (v *verifier) runOnceAs(ctx context.Context, profile string, timeout time.Duration, extra []string, cmd ...string) result {
	name := v.name + "-" + randomHex(3)
	v.track(name)
	args := append([]string{"run", "--rm", "--network", "host", "--name", name}, v.runFlags(profile)...)
	args = append(args, extra...)
	args = append(args, v.o.Image)
	args = append(args, cmd...)
	r := v.d.run(ctx, timeout, args...)
	if r.TimedOut() {
		// Killing the client leaves the container running.
		v.d.run(context.WithoutCancel(ctx), cmdTimeout, "rm", "-f", "-v", name)
	}
	return r
}

func (v *verifier) checkUser(ctx context.Context) Check {
	// Through the image's own ENTRYPOINT (if any): `id -un` replaces CMD,
	// so an entrypoint that sets up nss_wrapper and execs "$@" is honoured.
	via := "directly (no ENTRYPOINT)"
	if len(v.cfg.Entrypoint) > 0 {
		via = fmt.Sprintf("through ENTRYPOINT %q", v.cfg.Entrypoint)
	}
	r := v.runOnce(ctx, userTimeout, nil, "id", "-un")
	if name, ok := userFromID(r); ok {
		return Check{Name: CheckUser, Status: StatusPass, Evidence: fmt.Sprintf("id -un %s printed %q", via, name)}
	}
	ev := fmt.Sprintf("id -un %s: %s", via, r.Describe())
	if len(v.cfg.Entrypoint) > 0 {
		// An entrypoint that does not run its arguments (it starts its
		// own command: `id -un` never ends, or ends printing something
		// else) cannot answer; `--entrypoint id` skips whatever passwd
		// set-up the entrypoint does, so only its success counts.
		ignored := r.TimedOut() || (r.OK() && !strings.Contains(r.Stdout+r.Stderr, "cannot find name"))
		r2 := v.runOnce(ctx, userTimeout, []string{"--entrypoint", "id"}, "-un")
		if name, ok := userFromID(r2); ok {
			return Check{Name: CheckUser, Status: StatusPass, Evidence: fmt.Sprintf("id -un with --entrypoint id printed %q (%s)", name, ev)}
		}
		if notFound(r2) {
			return Check{Name: CheckUser, Status: StatusSkip, Evidence: "no id command in the image; " + ev}
		}
		if ignored {
			why := "it did not finish in " + userTimeout.String()
			if !r.TimedOut() {
				why = fmt.Sprintf("it printed %q instead of a name", lastLine(r.Stdout))
			}
			return Check{Name: CheckUser, Status: StatusWarn, Evidence: fmt.Sprintf(
				"inconclusive: the ENTRYPOINT does not run its arguments (`id -un`: %s), and `--entrypoint id` skips its passwd set-up (%s); check the name the app sees yourself", why, r2.Describe())}
		}
		ev += "; with --entrypoint id: " + r2.Describe()
	} else if notFound(r) {
		return Check{Name: CheckUser, Status: StatusSkip, Evidence: "no id command in the image: " + r.Describe()}
	}
	return Check{Name: CheckUser, Status: StatusFail, Evidence: fmt.Sprintf("uid %d has no name: %s", v.o.UID, ev)}
}

// usesNSSWrapper reports whether the image's configuration shows it gives
// names through nss_wrapper (an entrypoint that sets it up, or its
// variables): only then does a process started by docker exec miss it.
func (v *verifier) usesNSSWrapper() bool {
	words := append(append(append([]string{}, v.cfg.Entrypoint...), v.cfg.Cmd...), v.cfg.Env...)
	for _, w := range words {
		if strings.Contains(w, "nss_wrapper") || strings.Contains(w, "NSS_WRAPPER") || strings.Contains(w, "unroot-entrypoint") {
			return true
		}
	}
	return false
}

func (v *verifier) exec(ctx context.Context, asRoot bool, cmd ...string) result {
	args := []string{"exec"}
	if asRoot {
		args = append(args, "-u", "0:0")
	}
	args = append(args, v.name)
	args = append(args, cmd...)
	r := v.d.run(ctx, cmdTimeout, args...)
	if len(cmd) > 0 && cmd[0] == "sh" && notFound(r) {
		v.noShell = true
	}
	return r
}

func (v *verifier) running() bool { return v.state == stateRunning }

func (v *verifier) checkUserExec(ctx context.Context) Check {
	if !v.running() {
		return Check{Name: CheckUserExec, Status: StatusSkip, Evidence: "container not running"}
	}
	r := v.exec(ctx, false, "id", "-un")
	if name, ok := userFromID(r); ok {
		return Check{Name: CheckUserExec, Status: StatusPass, Evidence: fmt.Sprintf("docker exec id -un printed %q", name)}
	}
	if notFound(r) {
		return Check{Name: CheckUserExec, Status: StatusSkip, Evidence: "no id command in the image"}
	}
	ev := "docker exec id -un: " + r.Describe()
	if v.usesNSSWrapper() {
		ev += " (processes started with docker exec do not get an entrypoint's nss_wrapper environment)"
	}
	return Check{Name: CheckUserExec, Status: StatusWarn, Evidence: ev}
}

// ---------------------------------------------------------------- home, paths

// shell runs a sh script in the running container (exec) or, when it is
// not running, in a fresh one with --entrypoint sh.
func (v *verifier) shell(ctx context.Context, asRoot bool, script string, args ...string) result {
	cmd := append([]string{"-c", script, "sh"}, args...)
	if v.running() {
		return v.exec(ctx, asRoot, append([]string{"sh"}, cmd...)...)
	}
	extra := []string{"--entrypoint", "sh"}
	if asRoot {
		// A later -u wins over the one runOnce sets.
		extra = append(extra, "-u", "0:0")
	}
	r := v.runOnce(ctx, cmdTimeout, extra, cmd...)
	if notFound(r) {
		v.noShell = true
	}
	return r
}

func (v *verifier) where() string {
	if v.running() {
		return "docker exec"
	}
	return "docker run --entrypoint sh"
}

const homeScript = `printf 'HOME=%s\n' "${HOME-}"
[ -n "${HOME-}" ] || exit 0
if [ -d "$HOME" ]; then echo dir; else echo nodir; fi
f="$HOME/.unroot-verify.$$"
if ( : > "$f" ) 2>/dev/null; then rm -f "$f"; echo writable; else echo notwritable; fi`

// judgeHome interprets homeScript's output.
func judgeHome(out string) (home string, c Check) {
	c.Name = CheckHome
	set := false
	var dir, writable bool
	for _, l := range strings.Split(out, "\n") {
		switch l = strings.TrimSpace(l); {
		case strings.HasPrefix(l, "HOME="):
			home, set = strings.TrimPrefix(l, "HOME="), true
		case l == "dir":
			dir = true
		case l == "writable":
			writable = true
		}
	}
	switch {
	case !set:
		c.Status, c.Evidence = StatusFail, "could not read HOME: "+out
	case home == "":
		c.Status, c.Evidence = StatusFail, "HOME is not set"
	case home == "/":
		c.Status, c.Evidence = StatusFail, "HOME is / (set ENV HOME to a writable directory)"
	case !dir:
		c.Status, c.Evidence = StatusFail, fmt.Sprintf("HOME=%s does not exist", home)
	case !writable:
		c.Status, c.Evidence = StatusFail, fmt.Sprintf("HOME=%s is not writable", home)
	default:
		c.Status, c.Evidence = StatusPass, fmt.Sprintf("HOME=%s is writable", home)
	}
	return home, c
}

func (v *verifier) checkHome(ctx context.Context) Check {
	r := v.shell(ctx, false, homeScript)
	if v.noShell {
		return Check{Name: CheckHome, Status: StatusSkip, Evidence: "no sh in the image"}
	}
	if !r.OK() {
		return Check{Name: CheckHome, Status: StatusFail, Evidence: v.where() + ": " + r.Describe()}
	}
	home, c := judgeHome(r.Stdout)
	v.home = home
	c.Evidence += " (" + v.where() + ")"
	return c
}

const pathsScript = `for d do
  if [ ! -d "$d" ]; then echo "missing $d"; continue; fi
  f="$d/.unroot-verify.$$"
  if ( : > "$f" ) 2>/dev/null; then rm -f "$f"; echo "ok $d"; else echo "notwritable $d"; fi
done`

// judgePaths interprets pathsScript's output.
func judgePaths(out string, dirs []string) Check {
	var ok, bad []string
	seen := map[string]bool{}
	for _, l := range strings.Split(out, "\n") {
		verdict, dir, found := strings.Cut(strings.TrimSpace(l), " ")
		if !found {
			continue
		}
		seen[dir] = true
		switch verdict {
		case "ok":
			ok = append(ok, dir)
		case "missing":
			bad = append(bad, dir+" (missing)")
		default:
			bad = append(bad, dir+" (not writable)")
		}
	}
	for _, d := range dirs {
		if !seen[d] {
			bad = append(bad, d+" (not checked)")
		}
	}
	if len(bad) > 0 {
		ev := strings.Join(bad, ", ")
		if len(ok) > 0 {
			ev += "; writable: " + strings.Join(ok, ", ")
		}
		return Check{Name: CheckPaths, Status: StatusFail, Evidence: ev}
	}
	return Check{Name: CheckPaths, Status: StatusPass, Evidence: "writable: " + strings.Join(ok, ", ")}
}

func (v *verifier) checkPaths(ctx context.Context) Check {
	dirs := appDirs(v.cfg, v.o.Paths...)
	if len(dirs) == 0 {
		return Check{Name: CheckPaths, Status: StatusSkip, Evidence: "no WORKDIR, VOLUME or --path to check"}
	}
	r := v.shell(ctx, false, pathsScript, dirs...)
	if v.noShell {
		return Check{Name: CheckPaths, Status: StatusSkip, Evidence: "no sh in the image"}
	}
	if !r.OK() {
		return Check{Name: CheckPaths, Status: StatusFail, Evidence: v.where() + ": " + r.Describe()}
	}
	return judgePaths(r.Stdout, dirs)
}

// ---------------------------------------------------------------- world-writable

// Files and directories writable by others, except symlinks and sticky
// directories, not crossing into other filesystems or /proc, /sys, /dev.
const worldWritableScript = `for d do
  [ -d "$d" ] || continue
  find "$d" -xdev \( -path /proc -o -path /sys -o -path /dev \) -prune -o ! -type l -perm -0002 ! \( -type d -perm -1000 \) -print 2>/dev/null
done | head -n 1000`

func judgeWorldWritable(out string, dirs []string) Check {
	var found []string
	seen := map[string]bool{}
	for _, l := range strings.Split(out, "\n") {
		if l = strings.TrimSpace(l); l != "" && !seen[l] {
			seen[l] = true
			found = append(found, l)
		}
	}
	if len(found) == 0 {
		return Check{Name: CheckWorldWritable, Status: StatusPass, Evidence: "nothing world-writable under " + strings.Join(dirs, ", ")}
	}
	n := strconv.Itoa(len(found))
	if len(found) >= 1000 {
		n = "1000+"
	}
	show := found
	if len(show) > 5 {
		show = show[:5]
	}
	return Check{Name: CheckWorldWritable, Status: StatusFail, Evidence: fmt.Sprintf("%s world-writable entries (use chgrp 0 + chmod g=u instead): %s",
		n, strings.Join(show, ", "))}
}

func (v *verifier) checkWorldWritable(ctx context.Context) Check {
	extra := append([]string{}, v.o.Paths...)
	if v.home != "" {
		extra = append(extra, v.home)
	}
	dirs := appDirs(v.cfg, extra...)
	if len(dirs) == 0 {
		return Check{Name: CheckWorldWritable, Status: StatusSkip, Evidence: "no application directories (WORKDIR, VOLUME, HOME, --path)"}
	}
	if v.noShell {
		return Check{Name: CheckWorldWritable, Status: StatusSkip, Evidence: "no sh in the image"}
	}
	r := v.shell(ctx, true, worldWritableScript, dirs...)
	if !r.OK() {
		return Check{Name: CheckWorldWritable, Status: StatusSkip, Evidence: v.where() + " find: " + r.Describe()}
	}
	return judgeWorldWritable(r.Stdout, dirs)
}

// ---------------------------------------------------------------- zombies

const procStatScript = `for f in /proc/[0-9]*/stat; do cat "$f" 2>/dev/null; done`

func describeProcs(ps []ProcStat) string {
	ps = slices.Clone(ps)
	slices.SortFunc(ps, func(a, b ProcStat) int { return a.PID - b.PID })
	var s []string
	for _, p := range ps {
		s = append(s, fmt.Sprintf("pid %d (%s) state %s ppid %d", p.PID, p.Comm, p.State, p.PPID))
	}
	return strings.Join(s, ", ")
}

func (v *verifier) readProcs(ctx context.Context) ([]ProcStat, result) {
	r := v.exec(ctx, false, "sh", "-c", procStatScript)
	return ParseProcStats(r.Stdout), r
}

func pid1(ps []ProcStat) string {
	for _, p := range ps {
		if p.PID == 1 {
			return p.Comm
		}
	}
	return "?"
}

func (v *verifier) checkZombies(ctx context.Context) Check {
	if !v.running() {
		return Check{Name: CheckZombies, Status: StatusSkip, Evidence: "container not running"}
	}
	if v.noShell {
		return Check{Name: CheckZombies, Status: StatusSkip, Evidence: "no sh in the image"}
	}
	// The subshell exits at once, so sleep is orphaned and re-parented to
	// PID 1, which must reap it when it exits a second later.
	r := v.exec(ctx, false, "sh", "-c", "(sleep 1 </dev/null >/dev/null 2>&1 &)")
	if !r.OK() {
		return Check{Name: CheckZombies, Status: StatusSkip, Evidence: "could not start an orphan: " + r.Describe()}
	}
	sleep(ctx, zombieWait)
	procs, r := v.readProcs(ctx)
	if len(procs) == 0 {
		return Check{Name: CheckZombies, Status: StatusSkip, Evidence: "could not read /proc/*/stat: " + r.Describe()}
	}
	z := OrphanZombies(procs)
	if len(z) > 0 {
		// A zombie may be caught between its exit and its reaping: look again.
		sleep(ctx, time.Second)
		again, _ := v.readProcs(ctx)
		still := map[int]bool{}
		for _, p := range OrphanZombies(again) {
			still[p.PID] = true
		}
		var persistent []ProcStat
		for _, p := range z {
			if still[p.PID] {
				persistent = append(persistent, p)
			}
		}
		if len(persistent) > 0 {
			return Check{Name: CheckZombies, Status: StatusFail, Evidence: fmt.Sprintf("PID 1 (%s) does not reap orphans: %d zombie(s): %s",
				pid1(procs), len(persistent), describeProcs(persistent))}
		}
	}
	return Check{Name: CheckZombies, Status: StatusPass, Evidence: fmt.Sprintf("orphaned child reaped by PID 1 (%s); %d processes, no zombies", pid1(procs), len(procs))}
}

// ---------------------------------------------------------------- ports

const portsScript = `cat /proc/net/tcp /proc/net/tcp6 2>/dev/null
echo '--unroot-fds--'
ls -l /proc/[0-9]*/fd/ 2>/dev/null`

func judgePorts(exposed []Port, listening []int, note string) Check {
	var low []string
	var ex []string
	for _, p := range exposed {
		ex = append(ex, p.String())
		if p.Number < 1024 {
			low = append(low, "EXPOSE "+p.String())
		}
	}
	var ls []string
	for _, p := range listening {
		ls = append(ls, strconv.Itoa(p))
		if p < 1024 {
			low = append(low, fmt.Sprintf("listening on %d", p))
		}
	}
	desc := "EXPOSE " + orNone(strings.Join(ex, " ")) + "; listening TCP " + orNone(strings.Join(ls, " "))
	if note != "" {
		desc += " (" + note + ")"
	}
	if len(low) > 0 {
		return Check{Name: CheckPorts, Status: StatusWarn, Evidence: "privileged port(s) < 1024: " + strings.Join(low, ", ") +
			"; a non-root UID cannot bind them unless net.ipv4.ip_unprivileged_port_start allows it; " + desc}
	}
	return Check{Name: CheckPorts, Status: StatusPass, Evidence: desc}
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func (v *verifier) checkPorts(ctx context.Context) Check {
	if !v.running() || v.noShell {
		return judgePorts(v.cfg.ExposedPorts, nil, "container not running: listening sockets not read")
	}
	r := v.exec(ctx, false, "sh", "-c", portsScript)
	tcp, fds, _ := strings.Cut(r.Stdout, "--unroot-fds--")
	// With --network host /proc/net/tcp lists the host's sockets too:
	// keep those whose inode is open in one of the container's processes,
	// or that the container's (random) UID owns.
	ports := ContainerListeningPorts(ParseNetTCP(tcp), SocketInodes(fds), v.o.UID)
	return judgePorts(v.cfg.ExposedPorts, ports, "")
}

// ---------------------------------------------------------------- sigterm

func (v *verifier) checkSigterm(ctx context.Context) Check {
	if !v.running() {
		return Check{Name: CheckSigterm, Status: StatusSkip, Evidence: "container not running"}
	}
	st, err := v.inspectState(ctx, v.name)
	if err == nil && !st.Running {
		v.state = stateFailed
		return Check{Name: CheckSigterm, Status: StatusFail, Evidence: fmt.Sprintf("container died during the checks (exit %d)%s", st.ExitCode, v.logTail(ctx, v.name))}
	}
	r := v.d.run(ctx, time.Duration(stopTimeout)*time.Second+cmdTimeout, "stop", "-t", strconv.Itoa(stopTimeout), v.name)
	v.state = stateFailed // no longer running
	if !r.OK() {
		return Check{Name: CheckSigterm, Status: StatusFail, Evidence: "docker stop: " + r.Describe()}
	}
	code := ""
	if st, err := v.inspectState(ctx, v.name); err == nil {
		code = fmt.Sprintf(", exit code %d", st.ExitCode)
	}
	d := r.Dur.Round(100 * time.Millisecond)
	if r.Dur >= stopThreshold {
		return Check{Name: CheckSigterm, Status: StatusFail, Evidence: fmt.Sprintf("docker stop -t %d took %s%s: PID 1 ignored SIGTERM and was killed (run an init such as tini, or handle SIGTERM)",
			stopTimeout, d, code)}
	}
	return Check{Name: CheckSigterm, Status: StatusPass, Evidence: fmt.Sprintf("docker stop took %s%s", d, code)}
}

// ---------------------------------------------------------------- helpers

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

func deadlineOr(ctx context.Context, def time.Time) time.Time {
	if dl, ok := ctx.Deadline(); ok {
		return dl
	}
	return def
}
