// Package fleet holds the recipes for running unroot over many
// repositories with multi-gitter and turbolift (see README.md). This file
// tests them on local git repositories.
package fleet

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A repository of the test fleet: its files, and what the recipes must
// make of it.
type fleetRepo struct {
	name  string // owner/name, as multi-gitter sets REPOSITORY
	files map[string]string
	// exit is the status the multi-gitter script must end with.
	exit int
	// committed: the script made one commit (multi-gitter opens a PR).
	committed bool
	// want are lines each named file must hold afterwards; unchanged
	// files must be byte for byte as they were.
	want      map[string][]string
	unchanged []string
	// bodyHas are lines the PR description must hold.
	bodyHas []string
	// absent are texts no file of want may hold afterwards.
	absent []string
}

const fixDebian = "FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nCMD [\"bash\"]\n"

const compliant = `FROM debian:bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 tini libnss-wrapper \
 && rm -rf /var/lib/apt/lists/*
COPY entrypoint.sh /usr/local/bin/entrypoint.sh
RUN mkdir -p /home/app && chgrp -R 0 /home/app && chmod -R g=u /home/app
ENV HOME=/home/app
USER 1001
ENTRYPOINT ["tini", "--", "entrypoint.sh"]
CMD ["python3", "-m", "http.server", "8081"]
`

var fleet = []fleetRepo{
	{
		name:  "acme/api",
		files: map[string]string{"Dockerfile": fixDebian, "README.md": "# api\n"},
		exit:  0, committed: true,
		want: map[string][]string{"Dockerfile": {"USER 1001", `ENTRYPOINT ["tini", "-g", "--", "/usr/local/bin/unroot-entrypoint"]`}},
		bodyHas: []string{"## Why", "### `Dockerfile`", "unroot verify --build .",
			"| [UR001 numeric-user](https://github.com/unroot/unroot/blob/main/docs/rules/UR001.md): the final stage must run as a numeric, non-zero USER | 1 | 0 | 0 |"},
	},
	{
		name: "acme/worker",
		files: map[string]string{"Dockerfile": `FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt && mkdir -p /app/uploads
COPY . .
CMD ["python3", "worker.py"]
`},
		exit: 0, committed: true,
		want:    map[string][]string{"Dockerfile": {"ENV HOME=/app", "USER 1001"}},
		bodyHas: []string{"UR002: group 0 cannot write /app"},
	},
	{
		name: "acme/gateway",
		files: map[string]string{"Dockerfile": `FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN go build -o /out/server ./cmd/server

FROM debian:bookworm-slim
COPY --from=build /out/server /usr/local/bin/server
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/server"]
`},
		exit: 0, committed: true,
		want: map[string][]string{"Dockerfile": {`ENTRYPOINT ["tini", "-g", "--", "/usr/local/bin/unroot-entrypoint", "/usr/local/bin/server"]`, "ENV HOME=/home/default"}},
		// The build stage is not the image that runs: left as it was. The
		// final stage offers no directory of its own: it gets a new HOME.
		bodyHas: []string{"UR003", "/home/default"},
	},
	{
		name:      "acme/compliant",
		files:     map[string]string{"Dockerfile": compliant, "entrypoint.sh": "#!/bin/sh\nexec \"$@\"\n"},
		exit:      0,
		unchanged: []string{"Dockerfile"},
	},
	{
		name:      "acme/compliant-too",
		files:     map[string]string{"deploy/Containerfile": compliant},
		exit:      0,
		unchanged: []string{"deploy/Containerfile"},
	},
	{
		name:  "acme/docs",
		files: map[string]string{"README.md": "# docs only\n", "mkdocs.yml": "site_name: docs\n"},
		exit:  0,
	},
	{
		name: "acme/configured",
		files: map[string]string{
			".unroot.yaml":      "# our cluster's UID range starts here\nuid: 1000680000\nexclude: [\"legacy/**\"]\n",
			"Dockerfile":        fixDebian,
			"legacy/Dockerfile": fixDebian,
		},
		exit: 0, committed: true,
		want:      map[string][]string{"Dockerfile": {"USER 1000680000"}},
		unchanged: []string{"legacy/Dockerfile", ".unroot.yaml"},
		bodyHas:   []string{"### `Dockerfile`"},
	},
	{
		name: "acme/pragmas",
		files: map[string]string{"Dockerfile": `FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*
USER 1001
# unroot ignore=UR004 the app reaps its children itself
CMD ["python3", "app.py"]
`},
		exit: 0, committed: true,
		want:    map[string][]string{"Dockerfile": {`ENTRYPOINT ["/usr/local/bin/unroot-entrypoint"]`}},
		absent:  []string{"tini"},
		bodyHas: []string{"| [UR004 init-process](https://github.com/unroot/unroot/blob/main/docs/rules/UR004.md): the final stage must run its command under an init (tini) as PID 1 | 0 | 0 | 1 |"},
	},
	{
		name:      "acme/broken",
		files:     map[string]string{"Dockerfile": "FROM alpine:3.20\nFROBNICATE --now\n", "svc/Dockerfile": fixDebian},
		exit:      2,
		unchanged: []string{"Dockerfile"},
	},
	{
		name: "acme/monorepo",
		files: map[string]string{
			"services/a/Dockerfile":     fixDebian,
			"services/b/Containerfile":  fixDebian,
			"services/c/web.Dockerfile": compliant,
			"node_modules/x/Dockerfile": fixDebian, // never walked
		},
		exit: 0, committed: true,
		want: map[string][]string{
			"services/a/Dockerfile":    {"USER 1001"},
			"services/b/Containerfile": {"USER 1001"},
		},
		unchanged: []string{"services/c/web.Dockerfile", "node_modules/x/Dockerfile"},
		bodyHas:   []string{"rewrote 2 of 3 Dockerfiles.", "### `services/a/Dockerfile`", "### `services/b/Containerfile`"},
	},
	{
		name: "acme/variants",
		files: map[string]string{
			"Dockerfile.dev": fixDebian,
			"dockerfile.go":  "package dockerfile\n", // a Go file, not a Dockerfile
		},
		exit: 0, committed: true,
		want:      map[string][]string{"Dockerfile.dev": {"USER 1001"}},
		unchanged: []string{"dockerfile.go"},
	},
	{
		// --strict in the repository's config is for its CI: the fleet
		// run still proposes the fixes (--strict=false).
		name: "acme/strict",
		files: map[string]string{
			".unroot.yaml": "strict: true\n",
			"Dockerfile":   "FROM debian:bookworm\nEXPOSE 80\nCMD [\"bash\"]\n",
		},
		exit: 0, committed: true,
		want:    map[string][]string{"Dockerfile": {"USER 1001"}},
		bodyHas: []string{"- `Dockerfile` line 2, UR006: EXPOSE 80"},
	},
}

// TestMultiGitter runs unroot-fleet.sh in each repository as multi-gitter
// does (working directory = a fresh clone, REPOSITORY=owner/name, the
// script's exit status decides, --manual-commit: the script's commit
// message becomes the PR) and checks the trees, exit codes and PR texts.
// multi-gitter itself needs a code host; its documented behaviour is
// emulated here.
func TestMultiGitter(t *testing.T) {
	bin := buildUnroot(t)
	script, err := filepath.Abs("unroot-fleet.sh")
	if err != nil {
		t.Fatal(err)
	}
	for _, repo := range fleet {
		t.Run(repo.name, func(t *testing.T) {
			dir := makeRepo(t, repo)
			out, code := runIn(t, dir, bin, []string{"REPOSITORY=" + repo.name}, script)
			if code != repo.exit {
				t.Fatalf("exit %d, want %d; output:\n%s", code, repo.exit, out)
			}
			if code != 0 {
				return // multi-gitter discards a failed repository's clone
			}
			// Nothing left behind: multi-gitter would commit it.
			if st := git(t, dir, "status", "--porcelain", "--ignored"); st != "" {
				t.Errorf("the script left changes in the clone:\n%s", st)
			}
			commits := strings.Count(git(t, dir, "log", "--format=%H"), "\n")
			if got := commits - 1; (got == 1) != repo.committed || got > 1 {
				t.Fatalf("%d new commits, want committed=%v; output:\n%s", got, repo.committed, out)
			}
			checkTree(t, dir, repo)
			if !repo.committed {
				return
			}
			title := strings.TrimSpace(git(t, dir, "log", "-1", "--format=%s"))
			if title != "Run containers as an arbitrary non-root UID" {
				t.Errorf("PR title %q", title)
			}
			body := git(t, dir, "log", "-1", "--format=%b")
			for _, line := range append(repo.bodyHas, "## Why", "## How to check") {
				if !strings.Contains(body, line) {
					t.Errorf("PR body lacks %q:\n%s", line, body)
				}
			}
			// Re-running on the updated branch: nothing more to change.
			if out, code := runIn(t, dir, bin, []string{"REPOSITORY=" + repo.name}, script); code != 0 || !strings.Contains(out, "already fine") {
				t.Errorf("second run: exit %d:\n%s", code, out)
			}
			// The same repository cloned again gives the same PR text.
			again := makeRepo(t, repo)
			runIn(t, again, bin, []string{"REPOSITORY=" + repo.name}, script)
			if b := git(t, again, "log", "-1", "--format=%B"); b != git(t, dir, "log", "-1", "--format=%B") {
				t.Errorf("PR text differs between two runs:\n%s", b)
			}
		})
	}
}

// TestTurbolift runs the turbolift recipe, `turbolift foreach --
// unroot -w --progress=never --strict=false .`: no shell, no variables set, the working
// directory is the clone, and the exit status puts a repository on the
// failed list. Turbolift then commits with `git commit --all`.
func TestTurbolift(t *testing.T) {
	bin := buildUnroot(t)
	for _, repo := range fleet {
		t.Run(repo.name, func(t *testing.T) {
			dir := makeRepo(t, repo)
			cmd := exec.Command(bin, "-w", "--progress=never", "--strict=false", ".")
			cmd.Dir = dir
			out, err := cmd.CombinedOutput()
			code := exitCode(t, err)
			want := repo.exit
			if repo.name == "acme/docs" {
				want = 2 // no Dockerfiles: on turbolift's failed list (see README.md)
			}
			if code != want {
				t.Fatalf("exit %d, want %d:\n%s", code, want, out)
			}
			if code != 0 {
				return
			}
			checkTree(t, dir, repo)
			// Nothing untracked: `git commit --all` takes exactly the rewrites.
			if st := git(t, dir, "status", "--porcelain", "--untracked-files=all"); strings.Contains(st, "??") {
				t.Errorf("untracked files left:\n%s", st)
			}
			if changed := git(t, dir, "status", "--porcelain") != ""; changed != repo.committed {
				t.Errorf("changed=%v, want %v", changed, repo.committed)
			}
		})
	}
}

// checkTree checks the files of a repository after a run.
func checkTree(t *testing.T, dir string, repo fleetRepo) {
	t.Helper()
	for name, lines := range repo.want {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range lines {
			if !bytes.Contains(got, []byte("\n"+l+"\n")) {
				t.Errorf("%s lacks the line %q:\n%s", name, l, got)
			}
		}
		for _, a := range repo.absent {
			if bytes.Contains(got, []byte(a)) {
				t.Errorf("%s holds %q:\n%s", name, a, got)
			}
		}
	}
	for _, name := range repo.unchanged {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != repo.files[name] {
			t.Errorf("%s changed:\n%s", name, got)
		}
	}
}

// unrootBin is the command built once for all tests (TestMain).
var unrootBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "unroot-fleet-")
	if err != nil {
		panic(err)
	}
	unrootBin = filepath.Join(dir, "unroot")
	out, err := exec.Command("go", "build", "-o", unrootBin, "github.com/unroot/unroot/cmd/unroot").CombinedOutput()
	if err != nil {
		unrootBin = ""
		os.Stderr.Write(out)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// buildUnroot returns the command built by TestMain.
func buildUnroot(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("the fleet tests need git")
	}
	if unrootBin == "" {
		t.Fatal("go build of cmd/unroot failed (see above)")
	}
	return unrootBin
}

// makeRepo makes a git repository holding repo's files in one commit.
func makeRepo(t *testing.T, repo fleetRepo) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), filepath.FromSlash(repo.name))
	for name, content := range repo.files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git(t, dir, "init", "-q", "-b", "main")
	git(t, dir, "add", "-A", "-f")
	git(t, dir, "commit", "-q", "-m", "initial")
	return dir
}

// gitEnv isolates git from the machine's configuration.
func gitEnv(t *testing.T) []string {
	home := t.TempDir()
	return append(os.Environ(), "HOME="+home, "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+filepath.Join(home, "gitconfig"),
		"GIT_AUTHOR_NAME=fleet", "GIT_AUTHOR_EMAIL=fleet@example.com",
		"GIT_COMMITTER_NAME=fleet", "GIT_COMMITTER_EMAIL=fleet@example.com")
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = gitEnv(t)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// runIn runs the script in dir with unroot first in PATH and the extra
// environment, and returns its output and exit status.
func runIn(t *testing.T, dir, bin string, env []string, script string) (string, int) {
	t.Helper()
	cmd := exec.Command(script)
	cmd.Dir = dir
	cmd.Env = append(gitEnv(t), env...)
	cmd.Env = append(cmd.Env, "PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"), "TMPDIR="+t.TempDir())
	out, err := cmd.CombinedOutput()
	return string(out), exitCode(t, err)
}

func exitCode(t *testing.T, err error) int {
	t.Helper()
	if err == nil {
		return 0
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	t.Fatal(err)
	return -1
}
