package playground

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/unroot/unroot/cli"
)

// examplePaths are the files the page offers, read from the repository.
func examplePaths(t *testing.T) []string {
	t.Helper()
	paths, err := filepath.Glob("examples/*.Dockerfile")
	if err != nil || len(paths) < 3 {
		t.Fatalf("playground examples: %v %v", paths, err)
	}
	return append(paths, "../examples/jupyter-notebook/Dockerfile")
}

// optionSets are choices a visitor can make on the page.
var optionSets = []Request{
	{},
	{UID: "12345", GID: "0", Skip: []string{"UR004"}},
	{UID: "2000", GID: "2000", Passwd: "writable"},
	{Passwd: "none", Skip: []string{"UR001", "UR002"}},
	{Passwd: "nss-wrapper", Filename: "Containerfile"},
}

// TestRunIsTheCLI checks that the playground shows what `unroot -d` prints
// for the same file and options: the same diff bytes and the same findings.
func TestRunIsTheCLI(t *testing.T) {
	for _, path := range examplePaths(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for i, set := range optionSets {
			t.Run(fmt.Sprintf("%s/%d", filepath.Base(filepath.Dir(path))+"/"+filepath.Base(path), i), func(t *testing.T) {
				req := set
				req.Source = string(src)
				got := Run(req)
				if got.Error != nil {
					t.Fatalf("error: %+v", got.Error)
				}
				var stdout, stderr bytes.Buffer
				if code := cli.Main(cli.Extensions{}, req.Args(), bytes.NewReader(src), &stdout, &stderr); code != cli.ExitOK {
					t.Fatalf("unroot %v: exit %d: %s", req.Args(), code, stderr.String())
				}
				if got.Diff != stdout.String() {
					t.Errorf("diff differs from unroot %v\n--- playground:\n%s\n--- cli:\n%s", req.Args(), got.Diff, stdout.String())
				}
				if got.Diff == "" || !got.Changed {
					t.Errorf("example left unchanged: changed=%v", got.Changed)
				}
				var lines []string
				for _, w := range got.Warnings {
					lines = append(lines, fmt.Sprintf("%s:%d: warning: %s", req.filename(), w.Line, w.Message))
				}
				for _, f := range got.Findings {
					lines = append(lines, fmt.Sprintf("%s:%d: %s %s", req.filename(), f.Line, f.Rule, f.Message))
				}
				if want := strings.TrimSuffix(stderr.String(), "\n"); strings.Join(lines, "\n") != want {
					t.Errorf("findings differ\n--- playground:\n%s\n--- cli:\n%s", strings.Join(lines, "\n"), want)
				}
			})
		}
	}
}

// TestRunOutputIsThePatchedFile checks Output against the command without -d.
func TestRunOutputIsThePatchedFile(t *testing.T) {
	src, err := os.ReadFile("../examples/jupyter-notebook/Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	got := Run(Request{Source: string(src), UID: "4242"})
	var stdout, stderr bytes.Buffer
	if code := cli.Main(cli.Extensions{}, []string{"--uid", "4242"}, bytes.NewReader(src), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if got.Output != stdout.String() {
		t.Errorf("output differs from the command's")
	}
	if !strings.Contains(got.Output, "USER 4242") {
		t.Errorf("--uid 4242 not applied:\n%s", got.Output)
	}
	if got.Command != "unroot -d --filename Dockerfile --uid 4242 < Dockerfile" {
		t.Errorf("command: %q", got.Command)
	}
	// The node example has findings of both kinds (EXPOSE 80 is reported).
	src, err = os.ReadFile("examples/node-express.Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	fixed, reported := 0, 0
	for _, f := range Run(Request{Source: string(src)}).Findings {
		if f.Fixed {
			fixed++
		} else {
			reported++
		}
		if f.Rule != "" && (f.Name == "" || !strings.HasSuffix(f.URL, "/docs/rules/"+f.Rule+".md")) {
			t.Errorf("finding %s has name %q, URL %q", f.Rule, f.Name, f.URL)
		}
	}
	if fixed == 0 || reported == 0 {
		t.Errorf("node example: %d fixed, %d reported findings; want both kinds", fixed, reported)
	}
}

func TestRunErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		req  Request
		line int
		msg  string
	}{
		{"unterminated heredoc", Request{Source: "FROM debian:12\nRUN <<EOF\necho hi\n"}, 2, "Dockerfile:2: unterminated heredoc"},
		{"empty", Request{Source: " \n\n"}, 0, "Dockerfile: empty file: no instructions"},
		{"uid not a number", Request{Source: "FROM debian:12\n", UID: "app"}, 0, `--uid must be a number, not "app"`},
		{"uid 0", Request{Source: "FROM debian:12\n", UID: "0"}, 0, "--uid 0 is root"},
		{"unknown rule", Request{Source: "FROM debian:12\n", Skip: []string{"UR999"}}, 0, "UR999"},
		{"unknown passwd", Request{Source: "FROM debian:12\n", Passwd: "shadow"}, 0, "--passwd must be one of"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Run(tc.req)
			if got.Error == nil {
				t.Fatalf("no error; diff:\n%s", got.Diff)
			}
			if got.Error.Line != tc.line || !strings.Contains(got.Error.Message, tc.msg) {
				t.Errorf("error %+v, want line %d and %q", got.Error, tc.line, tc.msg)
			}
			var stdout, stderr bytes.Buffer
			if code := cli.Main(cli.Extensions{}, tc.req.Args(), strings.NewReader(tc.req.Source), &stdout, &stderr); code != cli.ExitError {
				t.Errorf("the command exits %d on this input; want %d", code, cli.ExitError)
			}
		})
	}
}

func TestRules(t *testing.T) {
	rules := Rules()
	if len(rules) < 6 || rules[0].ID != "UR001" {
		t.Fatalf("rules: %+v", rules)
	}
	for _, r := range rules {
		if _, err := os.Stat(filepath.Join("..", "docs", "rules", r.ID+".md")); err != nil || !strings.HasSuffix(r.URL, "docs/rules/"+r.ID+".md") {
			t.Errorf("rule %s: URL %q, doc: %v", r.ID, r.URL, err)
		}
	}
}
