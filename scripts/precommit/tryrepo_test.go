package precommit

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPreCommitTryRepo runs the hooks the way a user meets them: Debian's
// pre-commit, `pre-commit try-repo` of this repository (which builds unroot
// with `go install`) in a scratch git repository holding a Dockerfile. It
// needs pre-commit and git, and the module proxy or a filled module cache:
// it runs only with UNROOT_PRECOMMIT_TESTS=1 (make integration sets it).
func TestPreCommitTryRepo(t *testing.T) {
	if os.Getenv("UNROOT_PRECOMMIT_TESTS") != "1" {
		t.Skip("set UNROOT_PRECOMMIT_TESTS=1 to run pre-commit try-repo (make integration; needs apt-get install pre-commit)")
	}
	for _, tool := range []string{"pre-commit", "git", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not found: %v", tool, err)
		}
	}
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	// pre-commit's hook environments and the build go in temporary
	// directories; modules come from the machine's module cache.
	modcache, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(),
		"PRE_COMMIT_HOME="+t.TempDir(),
		"GOMODCACHE="+strings.TrimSpace(string(modcache)),
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.invalid",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.invalid",
	)

	scratch := t.TempDir()
	dockerfile := "FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nCMD [\"curl\", \"--version\"]\n"
	goSource := "package dockerfile\n"
	write := func(name, content string) {
		p := filepath.Join(scratch, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("Dockerfile", dockerfile)
	write("pkg/dockerfile/dockerfile.go", goSource) // named like a variant, not one
	write("README.md", "FROM is a word\n")
	run := func(name string, args ...string) (string, int) {
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = scratch, env
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		var exit *exec.ExitError
		switch {
		case errors.As(err, &exit):
			return out.String(), exit.ExitCode()
		case err != nil:
			t.Fatalf("%s %v: %v\n%s", name, args, err, out.String())
		}
		return out.String(), 0
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "."}, {"commit", "-q", "-m", "scratch"}} {
		if out, code := run("git", args...); code != 0 {
			t.Fatalf("git %v: exit %d\n%s", args, code, out)
		}
	}
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(scratch, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}

	// unroot-check fails, prints the diff and changes nothing.
	out, code := run("pre-commit", "try-repo", repo, "unroot-check", "--all-files")
	t.Logf("pre-commit try-repo unroot-check:\n%s", out)
	if code != 1 || !strings.Contains(out, "--- a/Dockerfile") || !strings.Contains(out, "+USER 1001") {
		t.Errorf("unroot-check: exit %d, want 1 with the diff of Dockerfile", code)
	}
	if read("Dockerfile") != dockerfile {
		t.Error("unroot-check changed Dockerfile")
	}

	// unroot rewrites the Dockerfile and fails the first run ...
	out, code = run("pre-commit", "try-repo", repo, "unroot", "--all-files")
	t.Logf("pre-commit try-repo unroot (first run):\n%s", out)
	if code != 1 || !strings.Contains(out, "files were modified by this hook") {
		t.Errorf("unroot, first run: exit %d, want 1 with files modified", code)
	}
	fixed := read("Dockerfile")
	if !strings.Contains(fixed, "\nUSER 1001\n") {
		t.Errorf("unroot did not rewrite Dockerfile:\n%s", fixed)
	}
	if read("pkg/dockerfile/dockerfile.go") != goSource || read("README.md") != "FROM is a word\n" {
		t.Error("unroot changed a file that is not a Dockerfile")
	}
	// ... and passes the second, leaving the file as the first run made it.
	out, code = run("pre-commit", "try-repo", repo, "unroot", "--all-files")
	t.Logf("pre-commit try-repo unroot (second run):\n%s", out)
	if code != 0 || !strings.Contains(out, "Passed") {
		t.Errorf("unroot, second run: exit %d, want 0 (Passed)", code)
	}
	if read("Dockerfile") != fixed {
		t.Error("the second run changed Dockerfile again")
	}
	// unroot-check now passes too.
	if out, code := run("pre-commit", "try-repo", repo, "unroot-check", "--all-files"); code != 0 {
		t.Errorf("unroot-check after the fix: exit %d\n%s", code, out)
	}
}
