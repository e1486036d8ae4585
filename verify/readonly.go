package verify

import (
	"context"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// The read-only check runs the image as platforms that set
// readOnlyRootFilesystem do: the root file system read-only, an empty
// tmpfs on /tmp and a writable volume on each VOLUME path (Docker and
// podman mount an anonymous volume there by themselves).

// readOnlyFlags returns the extra `docker run` flags of the check.
func readOnlyFlags(cfg ImageConfig) []string {
	f := []string{"--read-only"}
	if !slices.Contains(cfg.Volumes, "/tmp") {
		f = append(f, "--tmpfs", "/tmp")
	}
	return f
}

// readOnlyMounts lists the writable mounts the check gives: /tmp and the
// VOLUMEs.
func readOnlyMounts(cfg ImageConfig) []string {
	m := []string{"/tmp"}
	for _, v := range cfg.Volumes {
		if !slices.Contains(m, v) {
			m = append(m, v)
		}
	}
	return m
}

// readOnlyErrorRE finds the lines of an error output that report a write
// to a read-only file system (EROFS), in the words of the C library,
// Python, Go, Node.js and Java.
var readOnlyErrorRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)read-only file system|EROFS`) })

// quotedPathRE and barePathRE pick the file named on such a line.
var (
	quotedPathRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`['"\x60](/[^'"\x60]*)['"\x60]`) })
	barePathRE   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?:^|[\s(])(/[^\s:'",)]+)`) })
)

// ReadOnlyWrites returns the files or directories that an error output
// says could not be written because the file system is read-only, in
// order, without duplicates.
func ReadOnlyWrites(out string) []string {
	var found []string
	for _, l := range strings.Split(out, "\n") {
		if !readOnlyErrorRE().MatchString(l) {
			continue
		}
		// A quoted path is the file; else the last path before the error
		// ("sh: x: line 5: can't create /etc/passwd: Read-only file
		// system" names the script first), else the first after it.
		p := ""
		if m := quotedPathRE().FindStringSubmatch(l); m != nil {
			p = m[1]
		} else {
			at := readOnlyErrorRE().FindStringIndex(l)[0]
			for _, m := range barePathRE().FindAllStringSubmatchIndex(l, -1) {
				if m[2] < at || p == "" {
					p = l[m[2]:m[3]]
				}
			}
		}
		if p != "" && !slices.Contains(found, path.Clean(p)) {
			found = append(found, path.Clean(p))
		}
	}
	return found
}

const readOnlyHomeScript = `f="${HOME:-/}/.unroot-verify.$$"
if ( : > "$f" ) 2>/dev/null; then rm -f "$f"; echo writable; else printf 'notwritable %s\n' "${HOME-}"; fi`

func (v *verifier) checkReadOnly(ctx context.Context) Check {
	if c, _ := v.rep.Check(CheckStart); c.Status == StatusFail {
		return Check{Name: CheckReadOnly, Status: StatusSkip, Evidence: "the image does not start without --read-only either"}
	}
	name := v.name + "-ro"
	flags := readOnlyFlags(v.cfg)
	how := "with " + strings.Join(flags, " ") + " and its VOLUMEs writable"
	st, ev := v.startContainer(ctx, name, v.o.Profile, flags...)
	defer v.d.run(ctx, cmdTimeout, "rm", "-f", "-v", name)
	if st == stateFailed {
		logs := v.d.run(ctx, cmdTimeout, "logs", "--tail", "50", name)
		if writes := ReadOnlyWrites(logs.Stdout + "\n" + logs.Stderr); len(writes) > 0 {
			ev = "the app tried to write " + strings.Join(writes, ", ") + " (mount a writable volume there or write under /tmp); " + ev
		}
		return Check{Name: CheckReadOnly, Status: StatusWarn, Evidence: how + ": " + ev}
	}
	if st == stateRunning && !v.noShell {
		// It starts. Tools it runs later may still want to write HOME:
		// say so, without failing what worked.
		r := v.d.run(ctx, cmdTimeout, "exec", name, "sh", "-c", readOnlyHomeScript)
		if home, bad := strings.CutPrefix(strings.TrimSpace(r.Stdout), "notwritable "); bad {
			ev += " (HOME=" + home + " is read-only: mount a volume there if the app writes to it)"
		}
	}
	v.rep.readOnlyMounts = readOnlyMounts(v.cfg)
	return Check{Name: CheckReadOnly, Status: StatusPass, Evidence: how + ": " + ev}
}
