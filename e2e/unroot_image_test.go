package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/unroot/unroot/cli"
)

// TestOwnDockerfileIsCompliant: unroot's own Dockerfile is one unroot
// leaves alone (unroot --check passes on it).
func TestOwnDockerfileIsCompliant(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := cli.Main(cli.Extensions{}, []string{"--check", "../Dockerfile"}, nil, &stdout, &stderr); code != cli.ExitOK {
		var diff bytes.Buffer
		cli.Main(cli.Extensions{}, []string{"-d", "../Dockerfile"}, nil, &diff, &diff)
		t.Fatalf("unroot --check Dockerfile: exit %d; unroot -d says:\n%s", code, diff.String())
	}
}

// unrootImageMaxBytes is the size the image of unroot must stay under.
const unrootImageMaxBytes = 15_000_000

// TestDockerUnrootImage builds the image of unroot from the repository's
// Dockerfile (its build stage is the golang image scripts/e2e-setup.sh
// makes; modules come from the Go module proxy over the host network), then
// runs it as a random UID in group 0 over a mounted directory, as a
// pipeline would.
func TestDockerUnrootImage(t *testing.T) {
	bin := requireDocker(t)
	src, err := os.ReadFile("../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^ARG GO_IMAGE=(\S+)$`).FindSubmatch(src)
	if m == nil {
		t.Fatal("Dockerfile: no ARG GO_IMAGE=... default")
	}
	if _, err := runDocker(bin, "image", "inspect", string(m[1])); err != nil {
		t.Fatalf("the build stage's base %s is missing (scripts/e2e-setup.sh makes it): %v", m[1], err)
	}
	goproxy, _ := exec.Command("go", "env", "GOPROXY").Output()
	const tag = "unroot-e2e/unroot:latest"
	const version = "v0.0.0-e2e"
	if out, err := runDocker(bin, "build", "--network", "host", "-t", tag,
		"--build-arg", "GOPROXY="+strings.TrimSpace(string(goproxy)),
		"--build-arg", "VERSION="+version, ".."); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}

	size := imageBytes(t, bin, tag)
	t.Logf("image %s: %d bytes", tag, size)
	if size >= unrootImageMaxBytes {
		t.Errorf("image is %d bytes, want under %d", size, unrootImageMaxBytes)
	}
	user, err := runDocker(bin, "image", "inspect", "--format", "{{.Config.User}}", tag)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^[1-9][0-9]*:0$`).MatchString(strings.TrimSpace(user)) {
		t.Errorf("image USER is %q, want a numeric non-root UID in group 0", strings.TrimSpace(user))
	}
	out, err := runDocker(bin, "run", "--rm", "--network", "host", "-u", "123456:0", tag, "--version")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "unroot "+version) {
		t.Errorf("--version in the image: %q", out)
	}

	// A directory of a project, readable by anyone (the container's UID
	// is not its owner), mounted as /src.
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	dockerfile := []byte("FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends python3\nWORKDIR /app\nCOPY app.py .\nCMD [\"python3\", \"app.py\"]\n")
	if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), dockerfile, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err = runDocker(bin, "run", "--rm", "--network", "host", "-u", "123456:0", "-v", dir+":/src", tag, "-d", "/src")
	if err != nil {
		t.Fatal(err)
	}
	// The same diff the library gives for the same file under that name.
	var want, stderr bytes.Buffer
	cli.Main(cli.Extensions{}, []string{"-d", "--filename", "src/Dockerfile"}, bytes.NewReader(dockerfile), &want, &stderr)
	if out != want.String() || !strings.Contains(out, "+USER 1001") {
		t.Errorf("unroot -d /src in the image printed:\n%s\nwant:\n%s", out, want.String())
	}
}
