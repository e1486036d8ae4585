package verify

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The docker tests need a daemon and a local busybox image (see
// scripts/e2e-setup.sh):
//
//	UNROOT_DOCKER_TESTS=1 go test ./verify/ -run Docker -v
func requireDocker(t *testing.T) string {
	t.Helper()
	if os.Getenv("UNROOT_DOCKER_TESTS") != "1" {
		t.Skip("set UNROOT_DOCKER_TESTS=1 to run tests that need docker")
	}
	if testing.Short() {
		t.Skip("-short")
	}
	bin := ResolveDocker(context.Background(), "", true)
	d := &docker{bin: bin}
	if r := d.run(context.Background(), 30*time.Second, "image", "inspect", "busybox:latest"); !r.OK() {
		t.Fatalf("no local busybox image (run scripts/e2e-setup.sh): %s", r.Describe())
	}
	return bin
}

// Two images on busybox: "zombie" runs `sh -c 'sleep 1000'` as PID 1 with
// no USER, HOME or writable dirs; "fixed" runs a shell loop that reaps
// orphans and exits on SIGTERM, as a numeric USER with a writable HOME and
// WORKDIR and an entrypoint that names the arbitrary UID.
var testImages = map[string]map[string]string{
	"zombie": {
		"Dockerfile": `FROM busybox
CMD ["sh", "-c", "sleep 1000"]
`,
	},
	"fixed": {
		"Dockerfile": `FROM busybox
COPY entrypoint.sh /usr/local/bin/entrypoint.sh
RUN chmod 755 /usr/local/bin/entrypoint.sh \
 && mkdir -p /app/data /home/app \
 && chgrp -R 0 /app /home/app /etc/passwd \
 && chmod -R g=u /app /home/app /etc/passwd
ENV HOME=/home/app
WORKDIR /app
VOLUME /app/data
USER 10001
ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]
CMD ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $!; done"]
`,
		"entrypoint.sh": `#!/bin/sh
# Name an arbitrary UID: append it to the group-writable /etc/passwd.
if ! whoami >/dev/null 2>&1; then
	echo "app:x:$(id -u):0:app:/home/app:/bin/sh" >>/etc/passwd
fi
exec "$@"
`,
	},
}

func buildTestImage(t *testing.T, bin, name, builder string) string {
	t.Helper()
	dir := t.TempDir()
	for f, body := range testImages[name] {
		if err := os.WriteFile(filepath.Join(dir, f), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	img, err := Build(ctx, BuildOptions{Context: dir, Builder: builder, Docker: bin})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = RemoveImage(context.Background(), bin, img) })
	return img
}

func runVerify(t *testing.T, bin, img string) Report {
	t.Helper()
	var log strings.Builder
	rep, err := Run(context.Background(), Options{Image: img, Docker: bin, Timeout: 3 * time.Minute, Stdout: &log})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s:\n%s", img, log.String())
	return rep
}

func wantStatus(t *testing.T, rep Report, name, status string) {
	t.Helper()
	c, ok := rep.Check(name)
	if !ok {
		t.Errorf("%s: no check %s", rep.Image, name)
	} else if c.Status != status {
		t.Errorf("%s: %s is %s, want %s: %s", rep.Image, name, c.Status, status, c.Evidence)
	}
}

func TestDockerZombieVersusFixed(t *testing.T) {
	bin := requireDocker(t)
	zombie := buildTestImage(t, bin, "zombie", BuilderClassic)
	fixed := buildTestImage(t, bin, "fixed", BuilderBuildKit)

	bad := runVerify(t, bin, zombie)
	if !bad.Failed() {
		t.Errorf("zombie image passed")
	}
	wantStatus(t, bad, CheckStart, StatusPass)
	wantStatus(t, bad, CheckUser, StatusFail)
	wantStatus(t, bad, CheckHome, StatusFail)
	wantStatus(t, bad, CheckZombies, StatusFail)
	wantStatus(t, bad, CheckSigterm, StatusFail)
	if c, _ := bad.Check(CheckZombies); !strings.Contains(c.Evidence, "state Z ppid 1") {
		t.Errorf("zombie evidence: %s", c.Evidence)
	}

	good := runVerify(t, bin, fixed)
	if good.Failed() {
		t.Errorf("fixed image failed")
	}
	for _, name := range []string{CheckStart, CheckUser, CheckUserExec, CheckHome, CheckPaths,
		CheckWorldWritable, CheckZombies, CheckPorts, CheckSigterm, CheckReadOnly} {
		wantStatus(t, good, name, StatusPass)
	}

	// Nothing is left behind.
	d := &docker{bin: bin}
	r := d.run(context.Background(), 30*time.Second, "ps", "-a", "--filter", "name=unroot-verify-", "--format", "{{.Names}}")
	if strings.TrimSpace(r.Stdout) != "" {
		t.Errorf("containers left: %s", r.Stdout)
	}
}

func TestDockerOneShotAndCommand(t *testing.T) {
	bin := requireDocker(t)
	rep, err := Run(context.Background(), Options{Image: "busybox:latest", Docker: bin, UID: 123456,
		Command: []string{"true"}, OneShot: true, Paths: []string{"/tmp"}, Timeout: 2 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, rep, CheckStart, StatusPass)
	wantStatus(t, rep, CheckZombies, StatusSkip)
	wantStatus(t, rep, CheckSigterm, StatusSkip)
	wantStatus(t, rep, CheckPaths, StatusPass) // /tmp is 1777, via docker run --entrypoint sh
	wantStatus(t, rep, CheckWorldWritable, StatusPass)
	wantStatus(t, rep, CheckReadOnly, StatusPass)

	// A command that fails at once fails start.
	rep, err = Run(context.Background(), Options{Image: "busybox:latest", Docker: bin,
		Command: []string{"sh", "-c", "echo cannot write >&2; exit 3"}, Timeout: 2 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, rep, CheckStart, StatusFail)
	if c, _ := rep.Check(CheckStart); !strings.Contains(c.Evidence, "exited 3") || !strings.Contains(c.Evidence, "cannot write") {
		t.Errorf("start evidence %q", c.Evidence)
	}
}
