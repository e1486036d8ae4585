package golden

import (
	"fmt"
	"path/filepath"
	"runtime"

	"github.com/rogpeppe/go-internal/txtar"
)

// Inputs returns the Dockerfile of every golden case, for fuzz seeds and
// benchmarks in other packages (a mix of real-world shapes and parser
// hazards). It finds testdata/ next to this file, wherever the caller runs.
func Inputs() ([][]byte, error) {
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
