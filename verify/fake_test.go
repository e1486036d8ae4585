package verify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakeDocker writes a docker stand-in: a shell script that logs its
// arguments and answers like a daemon whose container exits 3 at once.
func fakeDocker(t *testing.T) (bin, logFile string) {
	t.Helper()
	dir := t.TempDir()
	logFile = filepath.Join(dir, "log")
	inspect := filepath.Join(dir, "inspect.json")
	if err := os.WriteFile(inspect, []byte(inspectOutput), 0o644); err != nil {
		t.Fatal(err)
	}
	script := `#!/bin/sh
echo "$*" >> '` + logFile + `'
case "$1" in
image) [ "$3" = missing ] && { echo "Error: No such image: missing" >&2; exit 1; }; cat '` + inspect + `' ;;
run) [ "$2" = -d ] && { echo 0123abcd; exit 0; }; echo "id: cannot find name for user ID 4242" >&2; exit 1 ;;
container) echo '{"Status":"exited","Running":false,"ExitCode":3,"OOMKilled":false,"Error":""}' ;;
logs) echo "PermissionError: [Errno 13] Permission denied: '/notebooks'" >&2 ;;
rm) ;;
*) echo "fake docker: unexpected $1" >&2; exit 1 ;;
esac
`
	bin = filepath.Join(dir, "docker")
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return bin, logFile
}

func TestRunWithFakeDocker(t *testing.T) {
	bin, logFile := fakeDocker(t)
	var out bytes.Buffer
	rep, err := Run(context.Background(), Options{Image: "jupyter", UID: 4242, Docker: bin, Stdout: &out, Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Failed() || rep.UID != 4242 || rep.Image != "jupyter" {
		t.Errorf("report %+v", rep)
	}
	var names []string
	for _, c := range rep.Checks {
		names = append(names, c.Name)
	}
	if got := strings.Join(names, " "); got != "start user user-exec home paths world-writable zombies ports sigterm read-only" {
		t.Errorf("checks %s", got)
	}
	want := map[string]string{
		CheckStart: StatusFail, CheckUser: StatusFail, CheckUserExec: StatusSkip, CheckZombies: StatusSkip,
		CheckSigterm: StatusSkip, CheckReadOnly: StatusSkip, CheckPorts: StatusWarn,
	}
	for name, status := range want {
		if c, _ := rep.Check(name); c.Status != status {
			t.Errorf("%s: %+v, want %s", name, c, status)
		}
	}
	if c, _ := rep.Check(CheckStart); !strings.Contains(c.Evidence, "exited 3") || !strings.Contains(c.Evidence, "Permission denied") {
		t.Errorf("start evidence %q", c.Evidence)
	}
	if !strings.Contains(out.String(), "FAIL start [restricted]: exited 3") {
		t.Errorf("streamed output:\n%s", out.String())
	}
	log, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(log)), "\n")
	if !strings.HasPrefix(lines[1], "run -d --network host --name unroot-verify-") ||
		!strings.Contains(lines[1], " -u 4242:0 --cap-drop ALL --security-opt no-new-privileges --group-add ") ||
		!strings.HasSuffix(lines[1], " jupyter") {
		t.Errorf("run line %q", lines[1])
	}
	if rep.Profile != ProfileRestricted || rep.FSGroup < MinRandomUID || !strings.Contains(lines[1], fmt.Sprintf("--group-add %d ", rep.FSGroup)) {
		t.Errorf("profile %q fsGroup %d, run line %q", rep.Profile, rep.FSGroup, lines[1])
	}
	// The restricted start failed: a plain start is tried to tell whether
	// the profile is the cause (here it fails too, so nothing is blamed).
	plainRuns := 0
	for _, l := range lines {
		if strings.HasPrefix(l, "run -d ") && strings.Contains(l, "-plain -u 4242:0 jupyter") {
			plainRuns++
		}
	}
	if c, _ := rep.Check(CheckStart); plainRuns != 1 || strings.Contains(c.Evidence, "profile plain") {
		t.Errorf("%d plain start(s); start evidence %q", plainRuns, c.Evidence)
	}
	if rep.SecurityContext != nil {
		t.Errorf("a failed image got a securityContext: %+v", rep.SecurityContext)
	}
	last := lines[len(lines)-1]
	if !strings.HasPrefix(last, "rm -f -v unroot-verify-") {
		t.Errorf("no cleanup at the end: %q", last)
	}
	// Every container named in a run is removed.
	for _, l := range lines {
		if f := strings.Fields(l); len(f) > 0 && f[0] == "run" {
			for i, a := range f {
				if a == "--name" && !strings.Contains(last, f[i+1]) {
					t.Errorf("container %s not removed", f[i+1])
				}
			}
		}
	}
}

func TestRunPlainProfile(t *testing.T) {
	bin, logFile := fakeDocker(t)
	var out bytes.Buffer
	rep, err := Run(context.Background(), Options{Image: "jupyter", UID: 4242, Profile: ProfilePlain, Docker: bin, Stdout: &out, Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Profile != ProfilePlain || rep.FSGroup != 0 || !strings.Contains(out.String(), "FAIL start [plain]: exited 3") {
		t.Errorf("report %+v\n%s", rep, out.String())
	}
	log, _ := os.ReadFile(logFile)
	if strings.Contains(string(log), "--cap-drop") || !strings.Contains(string(log), " -u 4242:0 jupyter") {
		t.Errorf("plain profile runs:\n%s", log)
	}
	if _, err := Run(context.Background(), Options{Image: "jupyter", Profile: "privileged", Docker: bin}); err == nil || !strings.Contains(err.Error(), "unknown profile") {
		t.Errorf("bad profile: %v", err)
	}
}

func TestRunErrors(t *testing.T) {
	bin, _ := fakeDocker(t)
	if _, err := Run(context.Background(), Options{Docker: bin}); err == nil {
		t.Error("no image: no error")
	}
	_, err := Run(context.Background(), Options{Image: "missing", Docker: bin})
	if err == nil || !strings.Contains(err.Error(), "No such image") {
		t.Errorf("missing image: %v", err)
	}
	_, err = Run(context.Background(), Options{Image: "x", Docker: filepath.Join(t.TempDir(), "nodocker")})
	if err == nil {
		t.Error("no docker: no error")
	}
}

func TestCommand(t *testing.T) {
	bin, logFile := fakeDocker(t)
	run := func(args ...string) (string, error) {
		cmd := NewCommand()
		var out, errb bytes.Buffer
		cmd.SetOut(&out)
		cmd.SetErr(&errb)
		cmd.SetArgs(args)
		err := cmd.ExecuteContext(context.Background())
		return out.String(), err
	}
	if _, err := run(); err == nil {
		t.Error("no args: no error")
	}
	if _, err := run("a", "b"); err == nil {
		t.Error("two images: no error")
	}
	if _, err := run("--builder", "kaniko", "--build", ".", "--docker", bin); err == nil {
		t.Error("bad builder: no error")
	}
	if _, err := run("--docker", bin, "--json", "--k8s", "jupyter"); err == nil {
		t.Error("--json --k8s: no error")
	}
	out, err := run("--docker", bin, "--uid", "777", "--profile", "plain", "--json", "-q", "jupyter", "--", "/bin/true", "x")
	var ee *ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 || ee.Failed != 4 {
		t.Errorf("err %v", err)
	}
	if !strings.Contains(out, `"failed": true`) || !strings.Contains(out, `"uid": 777`) || !strings.Contains(out, `"profile": "plain"`) {
		t.Errorf("json out:\n%s", out)
	}
	log, _ := os.ReadFile(logFile)
	if !strings.Contains(string(log), "-u 777:0 jupyter /bin/true x") {
		t.Errorf("command not passed:\n%s", log)
	}
}
