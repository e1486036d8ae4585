package golden

import (
	"bytes"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/rogpeppe/go-internal/txtar"
)

// Inputs returns the Dockerfile of every golden case, for fuzz seeds and
// benchmarks in other packages (a mix of real-world shapes and parser
// hazards). It finds testdata/ next to this file, wherever the caller runs.
func Inputs() ([][]byte, error) {
	files, err := caseFiles()
	if err != nil {
		return nil, err
	}
	var out [][]byte
	for _, name := range files {
		ar, err := txtar.ParseFile(name)
		if err != nil {
			return nil, err
		}
		for _, f := range ar.Files {
			if f.Name == "Dockerfile" {
				out = append(out, f.Data)
			}
		}
	}
	return out, nil
}

// Case is a golden case as the command runs it: its Dockerfile and flags.
type Case struct {
	Name  string   // the case file's base name
	Args  []string // the flags of its args section
	Input []byte   // its Dockerfile (without the final newline when its options say no-final-newline)
}

// Cases returns every golden case, for tests in other packages that run
// unroot the way each case does (report's suggestion round trip).
func Cases() ([]Case, error) {
	files, err := caseFiles()
	if err != nil {
		return nil, err
	}
	var out []Case
	for _, name := range files {
		ar, err := txtar.ParseFile(name)
		if err != nil {
			return nil, err
		}
		c := Case{Name: filepath.Base(name)}
		noFinalNewline := false
		for _, f := range ar.Files {
			switch f.Name {
			case "args":
				c.Args = strings.Fields(string(f.Data))
			case "options":
				noFinalNewline = strings.Contains(string(f.Data), "no-final-newline")
			case "Dockerfile":
				c.Input = f.Data
			}
		}
		if noFinalNewline {
			c.Input = bytes.TrimSuffix(c.Input, []byte("\n"))
		}
		out = append(out, c)
	}
	return out, nil
}

// caseFiles lists the golden case files: testdata/ next to this file,
// wherever the caller runs.
func caseFiles() ([]string, error) {
	_, self, _, ok := runtime.Caller(0)
	if !ok {
		return nil, fmt.Errorf("golden: cannot locate the golden cases")
	}
	files, err := filepath.Glob(filepath.Join(filepath.Dir(self), "testdata", "*.txtar"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("golden: no cases found")
	}
	return files, nil
}
