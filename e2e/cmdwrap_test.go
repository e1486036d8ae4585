package e2e

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/unroot/unroot/diff"
	"github.com/unroot/unroot/transform"
	"github.com/unroot/unroot/verify"
)

// cmdWrapBase is the tag of the base image TestCmdWrapUnknownBase builds:
// a name unroot has no facts about.
const cmdWrapBase = "unroot-e2e/cmdwrap-base:1"

// TestCmdWrapUnknownBase proves UR004/UR005's CMD wrapping on a real
// build. The base image (testdata/cmd-wrap-unknown-base/base.Dockerfile) is
// unknown to unroot and sets an ENTRYPOINT script that execs its
// arguments; the app (app.Dockerfile) sets CMD only. unroot must leave
// ENTRYPOINT alone and run the CMD under tini and its start-up script; the
// rewritten image, run as a random UID in group 0, must pass every verify
// check, have tini as PID 1, and still have run the base image's script.
// The fixture's files are not named Dockerfile, so the generic fixture
// tests leave it out.
func TestCmdWrapUnknownBase(t *testing.T) {
	bin := requireDocker(t)
	dir := filepath.Join("testdata", "cmd-wrap-unknown-base")
	buildImage(t, bin, dir, filepath.Join(dir, "base.Dockerfile"), cmdWrapBase, verify.BuilderClassic)

	src, res := rewrite(t, filepath.Join(dir, "app.Dockerfile"), "Dockerfile", transform.Options{})
	t.Logf("unroot diff:\n%s", diff.Unified("Dockerfile", src, res.Output))
	for _, id := range []string{"UR004", "UR005"} {
		f, ok := findingOf(res, id)
		if !ok || f.Fix == nil || !strings.Contains(f.Message, "leaving ENTRYPOINT to the base image") {
			t.Errorf("%s: want a fix that wraps CMD, got %v", id, f)
		}
	}
	if !strings.Contains(string(res.Output), `CMD ["tini", "-s", "-g", "--", "/usr/local/bin/unroot-entrypoint", "python3", "/opt/spawner/spawner.py"]`) {
		t.Fatalf("CMD not wrapped:\n%s", res.Output)
	}
	if strings.Contains("\n"+string(res.Output), "\nENTRYPOINT") {
		t.Fatalf("unroot set an ENTRYPOINT, which replaces the base image's:\n%s", res.Output)
	}

	orig := "unroot-e2e/cmd-wrap-unknown-base:classic"
	buildImage(t, bin, dir, filepath.Join(dir, "app.Dockerfile"), orig, verify.BuilderClassic)
	before := runVerify(t, bin, orig, nil, verify.ProfileRestricted)
	if before.Counts()[verify.StatusFail] == 0 {
		t.Errorf("the original passes every check: the fixture proves nothing")
	}

	patched := copyContext(t, dir, res.Output)
	for _, b := range builders() {
		tag := fmt.Sprintf("unroot-e2e/cmd-wrap-unknown-base-unroot:%s", b)
		buildImage(t, bin, patched, "", tag, b)
		rep := runVerify(t, bin, tag, nil, verify.ProfileRestricted)
		for _, c := range rep.Checks {
			// verify's user check runs `id -un` in place of CMD,
			// which drops the wrapped start-up script with it (the
			// limit of a fix in CMD, see docs/rules/UR005.md):
			// probeCmdUser checks the name through the CMD instead.
			if c.Status == verify.StatusFail && c.Name != verify.CheckUser {
				t.Errorf("%s: the rewritten image fails %s", b, c)
			}
		}
		for _, c := range []string{verify.CheckZombies, verify.CheckSigterm, verify.CheckHome} {
			if got, _ := rep.Check(c); got.Status != verify.StatusPass {
				t.Errorf("%s: %s", b, got)
			}
		}
		probePID1(t, bin, tag, verify.RandomUID())
		probeCmdUser(t, bin, tag, verify.RandomUID())
	}
}

// probeCmdUser runs the wrapped CMD's prefix with `id -un` as its command,
// through the base image's ENTRYPOINT, as a UID without a passwd entry:
// unroot's start-up script must give it a name.
func probeCmdUser(t *testing.T, bin, image string, uid int) {
	t.Helper()
	out, err := runDocker(bin, "run", "--rm", "--network", "host", "-u", fmt.Sprintf("%d:0", uid), image,
		"tini", "-s", "-g", "--", "/usr/local/bin/unroot-entrypoint", "id", "-un")
	if err != nil || strings.TrimSpace(out) != "default" {
		t.Errorf("%s: id -un through the wrapped CMD as %d: %q, %v; want default", image, uid, out, err)
	}
}

// probePID1 runs image as uid:0 and checks that PID 1 is tini and that its
// environment holds what the base image's ENTRYPOINT script exported: the
// script ran, then exec'd tini.
func probePID1(t *testing.T, bin, image string, uid int) {
	t.Helper()
	name, stop := runDetached(t, bin, image, uid)
	defer stop()
	var cmdline, environ string
	for i := 0; i < 20; i++ {
		c, err1 := runDocker(bin, "exec", name, "cat", "/proc/1/cmdline")
		e, err2 := runDocker(bin, "exec", name, "cat", "/proc/1/environ")
		if err1 == nil && err2 == nil {
			cmdline, environ = strings.ReplaceAll(c, "\x00", " "), strings.ReplaceAll(e, "\x00", " ")
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	if !strings.HasPrefix(cmdline, "tini -s -g -- /usr/local/bin/unroot-entrypoint python3") {
		t.Errorf("%s: PID 1 is %q, want tini", image, cmdline)
	}
	if !strings.Contains(environ, "BASE_ENTRYPOINT=ran") {
		t.Errorf("%s: the base image's ENTRYPOINT script did not run before tini (PID 1 environment %q)", image, environ)
	}
}

func findingOf(res *transform.Result, id string) (transform.Finding, bool) {
	for _, f := range res.Findings {
		if f.Rule == id {
			return f, true
		}
	}
	return transform.Finding{}, false
}
