package action

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/unroot/unroot/cli"
)

// runner plays the part of a GitHub Actions runner for this action: the
// files and variables a runner gives a step (GITHUB_WORKSPACE,
// GITHUB_ACTION_PATH, RUNNER_TEMP, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY,
// GITHUB_PATH), the `${{ inputs.* }}` and `${{ runner.temp }}` expressions of
// action.yml evaluated, and each run step executed as `shell: bash` is
// (bash --noprofile --norc -eo pipefail FILE) in the workspace.
type runner struct {
	t         *testing.T
	action    actionMetadata
	repo      string // the action's checkout
	temp      string // RUNNER_TEMP, kept between jobs so the build is reused
	workspace string
}

// job is what one use of the action left behind.
type job struct {
	exit    int               // of the last step run
	log     string            // every step's output
	outputs map[string]string // the action's outputs
	summary string
	path    string // lines added to GITHUB_PATH
}

func (r *runner) run(inputs map[string]string) job {
	t := r.t
	t.Helper()
	files := t.TempDir()
	for _, f := range []string{"summary", "path"} {
		if err := os.WriteFile(filepath.Join(files, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	eval := func(s string) string {
		return expression.ReplaceAllStringFunc(s, func(e string) string {
			name := expression.FindStringSubmatch(e)[1]
			if name == "runner.temp" {
				return r.temp
			}
			in, ok := strings.CutPrefix(name, "inputs.")
			if !ok {
				t.Fatalf("expression %s: this runner knows inputs.* and runner.temp only", e)
			}
			if v, ok := inputs[in]; ok {
				return v
			}
			if d := r.action.Inputs[in].Default; d != nil {
				return *d
			}
			return ""
		})
	}
	var j job
	var log bytes.Buffer
	stepOutputs := map[string]map[string]string{}
	for i, s := range r.action.Runs.Steps {
		if s.Shell != "bash" {
			t.Fatalf("step %d: shell %q, this runner knows bash", i, s.Shell)
		}
		script := filepath.Join(files, "step.sh")
		output := filepath.Join(files, "output") // a new file for each step
		for name, content := range map[string]string{script: s.Run, output: ""} {
			if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
		cmd.Dir = r.workspace
		cmd.Env = append(os.Environ(),
			"GITHUB_ACTIONS=true",
			"GITHUB_WORKSPACE="+r.workspace,
			"GITHUB_ACTION_PATH="+r.repo,
			"RUNNER_TEMP="+r.temp,
			"GITHUB_OUTPUT="+output,
			"GITHUB_STEP_SUMMARY="+filepath.Join(files, "summary"),
			"GITHUB_PATH="+filepath.Join(files, "path"),
		)
		for k, v := range s.Env {
			cmd.Env = append(cmd.Env, k+"="+eval(v))
		}
		cmd.Stdout, cmd.Stderr = &log, &log
		err := cmd.Run()
		var exit *exec.ExitError
		switch {
		case errors.As(err, &exit):
			j.exit = exit.ExitCode()
		case err != nil:
			t.Fatal(err)
		}
		out, _ := os.ReadFile(output)
		stepOutputs[s.ID] = map[string]string{}
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if k, v, ok := strings.Cut(line, "="); ok {
				stepOutputs[s.ID][k] = v
			}
		}
		if j.exit != 0 {
			break // a failed step ends the job
		}
	}
	j.outputs = map[string]string{}
	for name, o := range r.action.Outputs {
		m := expression.FindStringSubmatch(o.Value)
		parts := strings.Split(m[1], ".") // steps.ID.outputs.NAME
		j.outputs[name] = stepOutputs[parts[1]][parts[3]]
	}
	summary, _ := os.ReadFile(filepath.Join(files, "summary"))
	path, _ := os.ReadFile(filepath.Join(files, "path"))
	j.log, j.summary, j.path = log.String(), string(summary), string(path)
	return j
}

const (
	needsFix = "FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends python3\nWORKDIR /srv/app\nCOPY . .\nCMD [\"python3\", \"main.py\"]\n"
	// compliant is left alone by unroot: numeric USER, directories of
	// group 0, HOME, an init and an entrypoint that names the UID.
	compliant = "FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends tini libnss-wrapper python3\nCOPY --chown=1001:0 app/ /srv/app/\nRUN mkdir -p /srv/app/data && chgrp -R 0 /srv/app && chmod -R g=u /srv/app\nENV HOME=/srv/app\nWORKDIR /srv/app\nUSER 1001\nENTRYPOINT [\"tini\", \"--\", \"/srv/app/entrypoint.sh\"]\nCMD [\"python3\", \"main.py\"]\n"
)

// libraryOutput is what unroot makes of src with args, run in-process.
func libraryOutput(t *testing.T, src string, args ...string) string {
	t.Helper()
	var out, errs bytes.Buffer
	if code := cli.Main(cli.Extensions{}, args, strings.NewReader(src), &out, &errs); code != 0 {
		t.Fatalf("unroot %v: exit %d: %s", args, code, errs.String())
	}
	return out.String()
}

func writeFile(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestActionSteps runs the action's steps with a runner's environment on a
// workspace holding one Dockerfile to fix and one already right, in each
// mode, and checks the exit status, outputs, job summary and files.
func TestActionSteps(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	if testing.Short() {
		t.Skip("-short: builds unroot")
	}
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	r := &runner{t: t, action: readAction(t), repo: repo, temp: t.TempDir()}
	if out := libraryOutput(t, compliant); out != compliant {
		t.Fatalf("the compliant Dockerfile is not left alone:\n%s", out)
	}
	newWorkspace := func() {
		r.workspace = t.TempDir()
		writeFile(t, r.workspace, "svc/Dockerfile", needsFix)
		writeFile(t, r.workspace, "ok/Dockerfile", compliant)
		writeFile(t, r.workspace, "svc/README.md", "not a Dockerfile\n")
	}

	t.Run("check", func(t *testing.T) {
		newWorkspace()
		j := r.run(nil)
		if j.exit != 1 {
			t.Errorf("exit %d, want 1 (a file would change)\n%s", j.exit, j.log)
		}
		if j.outputs["changed-files"] != "1" {
			t.Errorf("changed-files = %q, want 1", j.outputs["changed-files"])
		}
		// Each finding unroot prints for the file is a table row and an
		// annotation.
		var findings bytes.Buffer
		cli.Main(cli.Extensions{}, []string{"--filename", "svc/Dockerfile"}, strings.NewReader(needsFix), &bytes.Buffer{}, &findings)
		rows := 0
		for _, line := range strings.Split(strings.TrimSpace(findings.String()), "\n") {
			rest := strings.TrimPrefix(line, "svc/Dockerfile:") // LINE: RULE message
			lineNo, rest, _ := strings.Cut(rest, ": ")
			rule, message, _ := strings.Cut(rest, " ")
			row := "| `svc/Dockerfile` | " + lineNo + " | [" + rule + "](https://github.com/unroot/unroot/blob/main/docs/rules/" + rule + ".md) | " + strings.ReplaceAll(message, "|", `\|`) + " |"
			if !strings.Contains(j.summary, row+"\n") {
				t.Errorf("summary lacks the row %s", row)
			}
			if !strings.Contains(j.log, "::warning file=svc/Dockerfile,line="+lineNo+",title=unroot "+rule+"::") {
				t.Errorf("no annotation for %s", line)
			}
			rows++
		}
		if rows < 3 || j.outputs["findings"] != strconv.Itoa(rows) {
			t.Errorf("findings = %q, want %d (those of svc/Dockerfile)", j.outputs["findings"], rows)
		}
		for _, want := range []string{"## unroot (check)", "1 file(s) would change", "- `svc/Dockerfile`", "| File | Line | Rule | Finding |"} {
			if !strings.Contains(j.summary, want) {
				t.Errorf("summary lacks %q:\n%s", want, j.summary)
			}
		}
		if strings.Contains(j.summary, "ok/Dockerfile") {
			t.Errorf("summary names the compliant file:\n%s", j.summary)
		}
		if diff := libraryOutput(t, needsFix, "-d", "--filename", "svc/Dockerfile"); !strings.Contains(j.log, diff) {
			t.Errorf("the log lacks the diff of svc/Dockerfile:\n%s", j.log)
		}
		if readFile(t, r.workspace, "svc/Dockerfile") != needsFix {
			t.Error("check mode changed svc/Dockerfile")
		}
		if strings.TrimSpace(j.path) != filepath.Join(r.temp, "unroot-action", "bin") {
			t.Errorf("GITHUB_PATH got %q", j.path)
		}
	})

	t.Run("diff", func(t *testing.T) {
		newWorkspace()
		j := r.run(map[string]string{"mode": "diff"})
		if j.exit != 0 || j.outputs["changed-files"] != "1" || !strings.Contains(j.summary, "## unroot (diff)") {
			t.Errorf("exit %d, outputs %v, summary:\n%s", j.exit, j.outputs, j.summary)
		}
		if !strings.Contains(j.log, "+++ b/svc/Dockerfile") || readFile(t, r.workspace, "svc/Dockerfile") != needsFix {
			t.Errorf("diff mode: no diff in the log, or the file changed\n%s", j.log)
		}
	})

	t.Run("fix with flags and paths", func(t *testing.T) {
		newWorkspace()
		j := r.run(map[string]string{"mode": "fix", "flags": "--uid 10001  --skip UR004", "paths": "svc\nok"})
		if j.exit != 0 || j.outputs["changed-files"] != "1" || !strings.Contains(j.summary, "1 file(s) changed") {
			t.Errorf("exit %d, outputs %v, summary:\n%s\nlog:\n%s", j.exit, j.outputs, j.summary, j.log)
		}
		want := libraryOutput(t, needsFix, "--uid", "10001", "--skip", "UR004")
		if got := readFile(t, r.workspace, "svc/Dockerfile"); got != want || !strings.Contains(got, "\nUSER 10001\n") || strings.Contains(got, "tini") {
			t.Errorf("svc/Dockerfile after fix:\n%s\nwant:\n%s", got, want)
		}
		if readFile(t, r.workspace, "ok/Dockerfile") != compliant {
			t.Error("fix changed the compliant file")
		}
		// Fixed, the workspace passes a check with the same flags.
		j = r.run(map[string]string{"flags": "--uid 10001 --skip UR004"})
		if j.exit != 0 || j.outputs["changed-files"] != "0" || !strings.Contains(j.summary, "0 file(s) would change") {
			t.Errorf("check after fix: exit %d, outputs %v\n%s", j.exit, j.outputs, j.summary)
		}
	})

	t.Run("error", func(t *testing.T) {
		newWorkspace()
		writeFile(t, r.workspace, "broken/Dockerfile", "RUN echo no FROM\n")
		j := r.run(map[string]string{"mode": "diff"})
		if j.exit != 2 || !strings.Contains(j.summary, "unroot reported an error") || !strings.Contains(j.summary, "broken/Dockerfile") {
			t.Errorf("exit %d, want 2 and the error in the summary:\n%s", j.exit, j.summary)
		}
		if j.outputs["changed-files"] != "1" {
			t.Errorf("changed-files = %q: the other files are still counted", j.outputs["changed-files"])
		}
	})

	t.Run("bad mode", func(t *testing.T) {
		newWorkspace()
		j := r.run(map[string]string{"mode": "rewrite"})
		if j.exit != 2 || !strings.Contains(j.log, "::error title=unroot::mode must be check, diff or fix") {
			t.Errorf("exit %d\n%s", j.exit, j.log)
		}
	})
}
