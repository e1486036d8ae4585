package site

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestData checks data.js: every example with its file's bytes, the
// Jupyter example first (the page opens on it), and every rule.
func TestData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data.js")
	if err := writeData(filepath.Join("..", ".."), path); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const prefix = "window.UNROOT_PLAYGROUND_DATA = "
	_, js, ok := strings.Cut(string(b), prefix)
	if !ok || !strings.HasSuffix(js, ";\n") {
		t.Fatalf("data.js does not assign %s...;:\n%.200s", prefix, b)
	}
	var data struct {
		Examples []Example `json:"examples"`
		Rules    []struct{ ID, URL string }
	}
	if err := json.Unmarshal([]byte(strings.TrimSuffix(js, ";\n")), &data); err != nil {
		t.Fatal(err)
	}
	if len(data.Examples) != len(examples) || data.Examples[0].Path != "examples/jupyter-notebook/Dockerfile" {
		t.Fatalf("examples: %+v", data.Examples)
	}
	for _, e := range data.Examples {
		src, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(e.Path)))
		if err != nil {
			t.Fatal(err)
		}
		if e.Source != string(src) || e.ID == "" || e.Title == "" {
			t.Errorf("example %s: id %q, title %q, source equal to the file: %v", e.Path, e.ID, e.Title, e.Source == string(src))
		}
	}
	if len(data.Rules) < 6 || data.Rules[0].ID != "UR001" || data.Rules[0].URL == "" {
		t.Errorf("rules: %+v", data.Rules)
	}
}

// TestWebFiles checks that the page's files exist and that index.html
// loads each script the folder holds.
func TestWebFiles(t *testing.T) {
	html, err := os.ReadFile(filepath.Join("..", "web", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range webFiles {
		if _, err := os.Stat(filepath.Join("..", "web", name)); err != nil {
			t.Error(err)
		}
	}
	for _, ref := range []string{`href="style.css"`, `src="wasm_exec.js"`, `src="data.js"`, `src="app.js"`, `"` + WasmFile + `"`} {
		if !strings.Contains(string(html), ref) {
			t.Errorf("index.html does not load %s", ref)
		}
	}
}
