package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"unroot": func() { os.Exit(run()) },
	})
}

// TestScripts runs the command-line scripts in testdata/script: each is a
// txtar archive of files and commands, see the testscript package.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script"})
}
