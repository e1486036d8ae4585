package precommit

import (
	"os"
	"path"
	"regexp"
	"slices"
	"testing"

	"github.com/unroot/unroot/cli"
	"go.yaml.in/yaml/v3"
)

// hook is one entry of .pre-commit-hooks.yaml, with the fields pre-commit
// requires (id, name, entry, language) and those the hooks rely on.
type hook struct {
	ID          string   `yaml:"id"`
	Name        string   `yaml:"name"`
	Description string   `yaml:"description"`
	Entry       string   `yaml:"entry"`
	Language    string   `yaml:"language"`
	Files       string   `yaml:"files"`
	Types       []string `yaml:"types"`
}

func readHooks(t *testing.T) []hook {
	t.Helper()
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []hook
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	return hooks
}

// TestHooksManifest checks the manifest's fields, and that each hook's
// files pattern matches the paths whose names unroot walks, and no others.
func TestHooksManifest(t *testing.T) {
	hooks := readHooks(t)
	var ids []string
	for _, h := range hooks {
		ids = append(ids, h.ID)
		if h.ID == "" || h.Name == "" || h.Entry == "" || h.Description == "" {
			t.Errorf("hook %+v: id, name, entry and description are required", h)
		}
		if h.Language != "golang" {
			t.Errorf("hook %s: language %q, want golang (built from this repository)", h.ID, h.Language)
		}
		// pre-commit reads the pattern with Python's re (search); this one
		// uses only syntax Go's regexp reads the same way.
		files, err := regexp.Compile(h.Files)
		if err != nil {
			t.Errorf("hook %s: files: %v", h.ID, err)
			continue
		}
		for _, p := range []string{
			"Dockerfile", "dockerfile", "Containerfile", "svc/Dockerfile", "a/b/Dockerfile.dev",
			"Containerfile.prod", "web/prod.Dockerfile", "app.dockerfile", "DOCKERFILE",
			"pkg/dockerfile/dockerfile.go", "Dockerfile.dockerignore", ".dockerfile",
			"Dockerfile/README.md", "mydockerfile", "Dockerfiles", "docs/Dockerfile.md",
			"dockerfile-lint.yaml", "README.md", "Dockerfile/x", "x.Dockerfile/y",
		} {
			want := cli.IsDockerfileName(path.Base(p))
			if got := files.MatchString(p); got != want {
				t.Errorf("hook %s: files matches %q: %v, unroot walks it: %v", h.ID, p, got, want)
			}
		}
	}
	if !slices.Equal(ids, []string{"unroot", "unroot-check"}) {
		t.Errorf("hook ids %v, want unroot and unroot-check", ids)
	}
}
