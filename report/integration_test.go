package report_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/unroot/unroot/cli"
	"github.com/unroot/unroot/golden"
	"github.com/unroot/unroot/internal/props"
	"github.com/unroot/unroot/parser"
	"github.com/unroot/unroot/transform"
)

// The formats read by their real clients: the SARIF SDK's validator
// (sarif-multitool, from npm) and reviewdog. `make integration` installs
// both outside the repository and sets UNROOT_INTEGRATION=1,
// SARIF_MULTITOOL and REVIEWDOG (see scripts/integration-setup.sh).

func integrationTool(t *testing.T, env string) string {
	t.Helper()
	if os.Getenv("UNROOT_INTEGRATION") != "1" {
		t.Skip("set UNROOT_INTEGRATION=1 (make integration) to run the formats through their real clients")
	}
	p := os.Getenv(env)
	if p == "" {
		t.Fatalf("UNROOT_INTEGRATION=1 needs %s (the path of the tool)", env)
	}
	return p
}

// runCLI runs unroot in-process, as a user would run the command.
func runCLI(t *testing.T, args []string, stdin []byte) (stdout, stderr []byte, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = cli.Main(cli.Extensions{}, args, bytes.NewReader(stdin), &out, &errb)
	return out.Bytes(), errb.Bytes(), code
}

// TestIntegrationSARIFValidates validates unroot's SARIF with the SARIF
// SDK's own validator, with its SARIF rules and with --rule-kind Gh (what
// GitHub code scanning requires): zero errors for every golden case and for
// a run over the whole corpus (when UNROOT_CORPUS is set).
func TestIntegrationSARIFValidates(t *testing.T) {
	tool := integrationTool(t, "SARIF_MULTITOOL")
	cases, err := golden.Cases()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var logs []string
	for _, c := range cases {
		args := append([]string{"--format", "sarif", "--filename", "Dockerfile"}, c.Args...)
		out, stderr, code := runCLI(t, args, c.Input)
		if code != cli.ExitOK {
			t.Fatalf("%s: exit %d: %s", c.Name, code, stderr)
		}
		p := filepath.Join(dir, strings.TrimSuffix(c.Name, ".txtar")+".sarif")
		if err := os.WriteFile(p, out, 0o644); err != nil {
			t.Fatal(err)
		}
		logs = append(logs, p)
	}
	if dirs := os.Getenv("UNROOT_CORPUS"); dirs != "" {
		for i, d := range filepath.SplitList(dirs) {
			logs = append(logs, corpusSARIF(t, d, filepath.Join(dir, fmt.Sprintf("corpus-%d.sarif", i))))
		}
	}
	for _, kind := range []string{"", "Gh"} {
		errs, warnings, scanned := validateSARIF(t, tool, kind, dir, logs)
		t.Logf("sarif-multitool validate %s: %d files, %d errors, %d warnings", map[string]string{"": "(SARIF rules)", "Gh": "--rule-kind Gh"}[kind], scanned, len(errs), warnings)
		if scanned != len(logs) {
			t.Errorf("the validator scanned %d files, want %d", scanned, len(logs))
		}
		for _, e := range errs {
			t.Error(e)
		}
	}
}

// corpusSARIF runs unroot --format sarif over every corpus file of dir at
// once (from dir, so that paths are relative) and returns the log's path.
func corpusSARIF(t *testing.T, dir, out string) string {
	files, err := props.CorpusFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	var rel []string
	for _, f := range files {
		r, err := filepath.Rel(dir, f)
		if err != nil {
			t.Fatal(err)
		}
		rel = append(rel, r)
	}
	t.Chdir(dir)
	args := append(strings.Fields(os.Getenv("UNROOT_CORPUS_ARGS")), "--format", "sarif")
	stdout, stderr, code := runCLI(t, append(args, rel...), nil)
	if code != cli.ExitOK && code != cli.ExitError {
		t.Fatalf("corpus: exit %d: %s", code, stderr)
	}
	var log struct {
		Runs []struct {
			Results     []json.RawMessage
			Invocations []struct {
				ToolExecutionNotifications []json.RawMessage
			}
		}
	}
	if err := json.Unmarshal(stdout, &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("corpus: not one SARIF run: %v", err)
	}
	t.Logf("corpus %s: %d files in one SARIF log: %d results, %d files unroot refused (tool notifications)",
		dir, len(rel), len(log.Runs[0].Results), len(log.Runs[0].Invocations[0].ToolExecutionNotifications))
	if err := os.WriteFile(out, stdout, 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// validateSARIF runs the validator on logs and returns its errors, the
// number of its warnings and how many files it scanned. The validator exits
// 0 even when it finds errors: its own SARIF output is what counts.
func validateSARIF(t *testing.T, tool, kind, dir string, logs []string) (errs []string, warnings, scanned int) {
	out := filepath.Join(dir, "validation-"+kind+".sarif.out")
	// --rule-kind takes a list: it goes after the files, or it would
	// take them in.
	// The corpus log is larger than the validator's default limit (10 MB).
	args := append([]string{"validate", "-o", out, "--max-file-size-in-kb", "204800"}, logs...)
	os.Remove(out)
	if kind != "" {
		args = append(args, "--rule-kind", kind)
	}
	cmd := exec.Command(tool, args...)
	cmd.Env = append(os.Environ(), "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1")
	console, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s validate %s: %v\n%s", tool, kind, err, console)
	}
	m := regexp.MustCompile(`Done\. (\d+) files? scanned`).FindSubmatch(console)
	if m == nil {
		t.Fatalf("validator output has no count of files scanned:\n%s", console)
	}
	scanned, _ = strconv.Atoi(string(m[1]))
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID  string
				Level   string
				Message struct {
					Text      string
					Arguments []string
				}
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
					}
				}
			}
			Invocations []struct {
				ExecutionSuccessful        bool
				ToolExecutionNotifications []struct {
					Level   string
					Message struct{ Text string }
				}
			}
		}
	}
	if err := json.Unmarshal(b, &log); err != nil {
		t.Fatalf("validator output: %v", err)
	}
	for _, run := range log.Runs {
		for _, inv := range run.Invocations {
			for _, n := range inv.ToolExecutionNotifications {
				if n.Level == "error" {
					errs = append(errs, "validator: "+n.Message.Text)
				}
			}
		}
		for _, r := range run.Results {
			where := ""
			if len(r.Locations) > 0 {
				where = r.Locations[0].PhysicalLocation.ArtifactLocation.URI
			}
			// A result's level defaults to warning.
			if r.Level == "error" {
				errs = append(errs, fmt.Sprintf("%s: %s %s %q", where, r.Level, r.RuleID, r.Message.Arguments))
			} else {
				warnings++
				t.Logf("%s: warning %s %q", filepath.Base(where), r.RuleID, r.Message.Arguments)
			}
		}
	}
	return errs, warnings, scanned
}

// reviewdogRun pipes input into reviewdog run from dir, with the file to
// review written there.
func reviewdogRun(t *testing.T, tool, dir string, input []byte, args ...string) string {
	t.Helper()
	cmd := exec.Command(tool, args...)
	cmd.Dir = dir
	cmd.Stdin = bytes.NewReader(input)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("reviewdog %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return stdout.String()
}

// TestIntegrationReviewdog feeds every golden case's rdjson, rdjsonl and
// unified diff to the real reviewdog (-reporter=local, no filter): it prints
// every finding at its line; what it parsed (re-emitted as rdjsonl) holds
// every suggestion, which applied give unroot's output; and every line of
// the diff it reports is the original's or the output's line at that
// number.
func TestIntegrationReviewdog(t *testing.T) {
	tool := integrationTool(t, "REVIEWDOG")
	cases, err := golden.Cases()
	if err != nil {
		t.Fatal(err)
	}
	var findings, suggestions, diffLines int
	for _, c := range cases {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), c.Input, 0o644); err != nil {
			t.Fatal(err)
		}
		opts, err := cli.ParseOptions(c.Args)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := parser.Parse("Dockerfile", c.Input)
		if err != nil {
			t.Fatal(err)
		}
		res, err := transform.Run(doc, opts)
		if err != nil {
			t.Fatal(err)
		}
		findings += len(res.Findings)
		for _, format := range []string{"rdjson", "rdjsonl"} {
			out, stderr, code := runCLI(t, append([]string{"--format", format, "--filename", "Dockerfile"}, c.Args...), c.Input)
			if code != cli.ExitOK {
				t.Fatalf("%s: exit %d: %s", c.Name, code, stderr)
			}
			local := reviewdogRun(t, tool, dir, out, "-f="+format, "-reporter=local", "-filter-mode=nofilter")
			for _, f := range res.Findings {
				want := fmt.Sprintf("Dockerfile:%d: %s ", max(f.Line, 1), f.Rule)
				if !strings.Contains(local, want) {
					t.Errorf("%s: reviewdog -f=%s -reporter=local does not print %q:\n%s", c.Name, format, want, local)
				}
			}
			parsed := reviewdogRun(t, tool, dir, out, "-f="+format, "-reporter=rdjsonl", "-filter-mode=nofilter")
			got, n, err := applyRDJSON(doc, []byte(strings.ReplaceAll(parsed, `"path":"Dockerfile"`, `"path":"sub dir/Dockerfile"`)), true, res.Findings)
			if err != nil {
				t.Errorf("%s: what reviewdog read from -f=%s: %v\n%s", c.Name, format, err, parsed)
				continue
			}
			if !bytes.Equal(got, res.Output) {
				t.Errorf("%s: the suggestions reviewdog read from -f=%s do not give unroot's output:\n%s", c.Name, format, sideBySide(got, res.Output))
			}
			if format == "rdjson" {
				suggestions += n
			}
		}
		if !res.Changed() {
			continue
		}
		d, stderr, code := runCLI(t, append([]string{"-d", "--filename", "Dockerfile"}, c.Args...), c.Input)
		if code != cli.ExitOK {
			t.Fatalf("%s: -d: exit %d: %s", c.Name, code, stderr)
		}
		local := reviewdogRun(t, tool, dir, d, "-f=diff", "-reporter=local", "-filter-mode=nofilter")
		n, err := checkDiffLines(local, doc, res.Output)
		if err != nil {
			t.Errorf("%s: reviewdog -f=diff: %v\n%s", c.Name, err, local)
		}
		diffLines += n
	}
	t.Logf("reviewdog: %d golden cases, %d findings printed at their lines (rdjson and rdjsonl), %d suggestions read back and applied, %d diff lines at their lines", len(cases), findings, suggestions, diffLines)
}

var diffLineRE = regexp.MustCompile(`^Dockerfile:(\d+):([-+])(.*)$`)

// checkDiffLines checks reviewdog's report of a unified diff: every removed
// line is the original's line at its number, every added line the output's.
func checkDiffLines(local string, doc *parser.Document, output []byte) (int, error) {
	newDoc, err := parser.Parse("Dockerfile", output)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, l := range strings.Split(strings.TrimSuffix(local, "\n"), "\n") {
		m := diffLineRE.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		line, _ := strconv.Atoi(m[1])
		src := doc
		if m[2] == "+" {
			src = newDoc
		}
		if got := src.LineText(line); got != strings.TrimRight(m[3], "\r") && got != m[3] {
			return n, fmt.Errorf("line %d%s is %q in the file, reviewdog says %q", line, m[2], got, m[3])
		}
		n++
	}
	if n == 0 {
		return 0, fmt.Errorf("no changed line reported")
	}
	return n, nil
}
