// Package site assembles the browser playground into a folder that any
// static host can serve: the page (playground/web), the Go toolchain's
// wasm_exec.js, unroot compiled to WebAssembly, and data.js holding the
// example Dockerfiles and the rules, read at build time so that the page
// needs nothing else once loaded.
package site

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/unroot/unroot/playground"
)

// WasmFile is the name of the compiled program in the folder.
const WasmFile = "unroot.wasm"

// Example is a Dockerfile the page offers to load.
type Example struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Path   string `json:"path"` // in the repository
	Source string `json:"source"`
	// Result is what unroot makes of Source with the default options,
	// computed here by the same library the WebAssembly runs: a page that
	// opens on an example shows it at once, before the 10 MB module is
	// compiled and started (about a second here), and replaces it with
	// the module's own result when that is ready. The browser test checks
	// that the two are the same.
	Result playground.Response `json:"result"`
}

// examples are the files offered, in the menu's order (the first is shown
// when a page opens without a link), relative to the repository's root.
var examples = []struct{ id, title, path string }{
	{"jupyter-notebook", "Jupyter notebook (Ubuntu, tini by hand)", "examples/jupyter-notebook/Dockerfile"},
	{"node-express", "Node.js service (port 80, npm start)", "playground/examples/node-express.Dockerfile"},
	{"python-gunicorn", "Django + gunicorn (multi-stage, named user)", "playground/examples/python-gunicorn.Dockerfile"},
	{"alpine-worker", "Go worker on Alpine (shell-form ENTRYPOINT)", "playground/examples/alpine-worker.Dockerfile"},
}

// webFiles are the page's own files, copied from playground/web.
var webFiles = []string{"index.html", "style.css", "app.js"}

// Config says where the repository is, where the folder goes and which go
// command compiles.
type Config struct {
	Root string // the repository's root
	Out  string // the folder to write (created; files in it are replaced)
	Go   string // the go command; "go" when empty
}

// Stats are sizes of what was built, in bytes.
type Stats struct {
	Wasm, WasmGzip int64
}

// Build writes the playground into cfg.Out.
func Build(cfg Config) (Stats, error) {
	goCmd := cfg.Go
	if goCmd == "" {
		goCmd = "go"
	}
	if err := os.MkdirAll(cfg.Out, 0o755); err != nil {
		return Stats{}, err
	}
	for _, name := range webFiles {
		if err := copyFile(filepath.Join(cfg.Root, "playground", "web", name), filepath.Join(cfg.Out, name)); err != nil {
			return Stats{}, err
		}
	}
	if err := writeData(cfg.Root, filepath.Join(cfg.Out, "data.js")); err != nil {
		return Stats{}, err
	}
	goroot, err := output(cfg.Root, nil, goCmd, "env", "GOROOT")
	if err != nil {
		return Stats{}, err
	}
	if err := copyFile(wasmExecJS(strings.TrimSpace(goroot)), filepath.Join(cfg.Out, "wasm_exec.js")); err != nil {
		return Stats{}, err
	}
	wasm, err := filepath.Abs(filepath.Join(cfg.Out, WasmFile))
	if err != nil {
		return Stats{}, err
	}
	// -s -w: no symbol table or DWARF, which the page never reads (about
	// a third of the size); -trimpath: no paths of the build machine.
	if _, err := output(cfg.Root, []string{"GOOS=js", "GOARCH=wasm"}, goCmd, "build", "-trimpath", "-ldflags=-s -w", "-o", wasm, "./playground/wasm"); err != nil {
		return Stats{}, err
	}
	return measure(wasm)
}

// wasmExecJS is the toolchain's JavaScript support file for js/wasm: in
// lib/wasm since Go 1.24, in misc/wasm before.
func wasmExecJS(goroot string) string {
	p := filepath.Join(goroot, "lib", "wasm", "wasm_exec.js")
	if _, err := os.Stat(p); err == nil {
		return p
	}
	return filepath.Join(goroot, "misc", "wasm", "wasm_exec.js")
}

func writeData(root, path string) error {
	var data struct {
		Examples []Example         `json:"examples"`
		Rules    []playground.Rule `json:"rules"`
	}
	for _, e := range examples {
		src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(e.path)))
		if err != nil {
			return err
		}
		data.Examples = append(data.Examples, Example{ID: e.id, Title: e.title, Path: e.path, Source: string(src),
			Result: playground.Run(playground.Request{Source: string(src)})})
	}
	data.Rules = playground.Rules()
	js, err := json.Marshal(data)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	b.WriteString("// Made by playground/site at build time: the examples (with unroot's result\n// under the default options) and the rules.\n")
	b.WriteString("window.UNROOT_PLAYGROUND_DATA = ")
	b.Write(js)
	b.WriteString(";\n")
	return os.WriteFile(path, b.Bytes(), 0o644)
}

func measure(wasm string) (Stats, error) {
	b, err := os.ReadFile(wasm)
	if err != nil {
		return Stats{}, err
	}
	var gz bytes.Buffer
	w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	w.Write(b)
	if err := w.Close(); err != nil {
		return Stats{}, err
	}
	return Stats{Wasm: int64(len(b)), WasmGzip: int64(gz.Len())}, nil
}

func output(dir string, env []string, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return string(out), nil
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}
