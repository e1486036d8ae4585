package action

import (
	"bytes"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// actionMetadata is the part of GitHub's action metadata syntax
// (action.yml) that a composite action uses.
type actionMetadata struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	Author      string `yaml:"author"`
	Branding    struct {
		Icon  string `yaml:"icon"`
		Color string `yaml:"color"`
	} `yaml:"branding"`
	Inputs map[string]struct {
		Description string  `yaml:"description"`
		Required    bool    `yaml:"required"`
		Default     *string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Description string `yaml:"description"`
		Value       string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []step `yaml:"steps"`
	} `yaml:"runs"`
}

type step struct {
	ID    string            `yaml:"id"`
	Name  string            `yaml:"name"`
	Run   string            `yaml:"run"`
	Uses  string            `yaml:"uses"`
	Shell string            `yaml:"shell"`
	Env   map[string]string `yaml:"env"`
}

func readAction(t *testing.T) actionMetadata {
	t.Helper()
	data, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a actionMetadata
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true) // a misspelt key (shel:, input:) is an error, not ignored
	if err := dec.Decode(&a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return a
}

var expression = regexp.MustCompile(`\$\{\{\s*([^}]*?)\s*\}\}`)

// TestActionMetadata checks action.yml against what GitHub requires of a
// composite action, and what this one promises.
func TestActionMetadata(t *testing.T) {
	a := readAction(t)
	if a.Name == "" || a.Description == "" {
		t.Error("name and description are required")
	}
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using is %q, want composite", a.Runs.Using)
	}
	if len(a.Runs.Steps) == 0 {
		t.Fatal("runs.steps is empty")
	}
	for _, want := range []string{"paths", "flags", "mode", "format"} {
		if _, ok := a.Inputs[want]; !ok {
			t.Errorf("input %q missing", want)
		}
	}
	for name, in := range a.Inputs {
		if in.Description == "" {
			t.Errorf("input %s: description is required", name)
		}
		if !in.Required && in.Default == nil {
			t.Errorf("input %s: optional with no default", name)
		}
	}
	if d := a.Inputs["mode"].Default; d == nil || !slices.Contains([]string{"check", "diff", "fix"}, *d) {
		t.Errorf("input mode: default %v, want check, diff or fix", d)
	}
	if d := a.Inputs["format"].Default; d == nil || *d != "text" {
		t.Errorf("input format: default %v, want text", d)
	}
	ids := map[string]bool{}
	used := map[string]bool{}
	for i, s := range a.Runs.Steps {
		if (s.Run == "") == (s.Uses == "") {
			t.Errorf("step %d: exactly one of run and uses", i)
		}
		if s.Run != "" && s.Shell == "" {
			t.Errorf("step %d: a run step of a composite action needs shell", i)
		}
		// An expression in a script is pasted into it before the shell
		// reads it: inputs must come through env instead.
		if expression.MatchString(s.Run) {
			t.Errorf("step %d: run holds an expression (%s); pass it through env", i, expression.FindString(s.Run))
		}
		if s.ID != "" {
			ids[s.ID] = true
		}
		for _, v := range s.Env {
			for _, m := range expression.FindAllStringSubmatch(v, -1) {
				if name, ok := strings.CutPrefix(m[1], "inputs."); ok {
					used[name] = true
					if _, ok := a.Inputs[name]; !ok {
						t.Errorf("step %d: uses undeclared input %s", i, name)
					}
				}
			}
		}
	}
	for name := range a.Inputs {
		if !used[name] {
			t.Errorf("input %s is declared but no step uses it", name)
		}
	}
	if _, ok := a.Outputs["changed-files"]; !ok {
		t.Error("output changed-files missing")
	}
	for name, out := range a.Outputs {
		if out.Description == "" || out.Value == "" {
			t.Errorf("output %s: a composite action's output needs description and value", name)
		}
		m := regexp.MustCompile(`^\$\{\{ steps\.([\w-]+)\.outputs\.([\w-]+) \}\}$`).FindStringSubmatch(out.Value)
		if m == nil || !ids[m[1]] {
			t.Errorf("output %s: value %q is not an output of a step of this action", name, out.Value)
		}
	}
}
