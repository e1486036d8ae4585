package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFormatFlagValidation(t *testing.T) {
	for _, args := range [][]string{
		{"--format", "xml"},
		{"--format", "sarif", "-d"},
		{"--format", "json", "-w", "x"},
		{"--format", "rdjson", "--check"},
	} {
		var out, errb bytes.Buffer
		code := Main(Extensions{}, args, strings.NewReader("FROM alpine\n"), &out, &errb)
		if code != ExitError || out.Len() != 0 || !strings.Contains(errb.String(), "--format") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and a message about --format", args, code, out.String(), errb.String())
		}
	}
}

// TestFormatOneDocumentPerRun: several files give one document (SARIF,
// json), one line per diagnostic (rdjsonl), paths relative to where unroot
// runs, and a file unroot cannot read is an error in the report.
func TestFormatOneDocumentPerRun(t *testing.T) {
	dir := t.TempDir()
	write := func(p, s string) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("api/Dockerfile", "FROM alpine:3.20\nCMD [\"api\"]\n")
	write("web/Dockerfile", "FROM alpine:3.20\nEXPOSE 80\nCMD [\"web\"]\n")
	write("empty/Dockerfile", "\n")
	t.Chdir(dir)

	run := func(format string) ([]byte, int) {
		var out, errb bytes.Buffer
		code := Main(Extensions{}, []string{"--format", format, "."}, strings.NewReader(""), &out, &errb)
		if strings.Contains(errb.String(), "UR00") {
			t.Errorf("--format %s: findings on stderr: %s", format, errb.String())
		}
		return out.Bytes(), code
	}

	out, code := run("sarif")
	if code != ExitError { // empty/Dockerfile
		t.Errorf("sarif: exit %d, want %d", code, ExitError)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }
					}
				}
			}
			Invocations []struct {
				ExecutionSuccessful        bool
				ToolExecutionNotifications []json.RawMessage
			}
		}
	}
	if err := json.Unmarshal(out, &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("sarif: not one log with one run (%v):\n%s", err, out)
	}
	uris := map[string]bool{}
	for _, r := range log.Runs[0].Results {
		l := r.Locations[0].PhysicalLocation.ArtifactLocation
		if l.URIBaseID != "%SRCROOT%" {
			t.Errorf("uriBaseId %q", l.URIBaseID)
		}
		uris[l.URI] = true
	}
	if !uris["api/Dockerfile"] || !uris["web/Dockerfile"] || len(uris) != 2 {
		t.Errorf("sarif: results in %v, want api/Dockerfile and web/Dockerfile", uris)
	}
	if inv := log.Runs[0].Invocations[0]; inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 1 {
		t.Errorf("sarif: invocation %+v, want one error for empty/Dockerfile", inv)
	}

	out, _ = run("json")
	var rep struct {
		Version int
		Files   []struct {
			Path, Error string
			Changed     bool
		}
	}
	if err := json.Unmarshal(out, &rep); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if rep.Version != 1 || len(rep.Files) != 3 || rep.Files[0].Path != "api/Dockerfile" || !rep.Files[0].Changed ||
		rep.Files[1].Path != "empty/Dockerfile" || rep.Files[1].Error == "" || rep.Files[2].Path != "web/Dockerfile" {
		t.Errorf("json: %+v", rep)
	}

	out, _ = run("rdjsonl")
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	for _, l := range lines {
		var d struct{ Code struct{ Value string } }
		if err := json.Unmarshal([]byte(l), &d); err != nil || d.Code.Value == "" {
			t.Errorf("rdjsonl line %q: %v", l, err)
		}
	}
	if len(lines) < 3 {
		t.Errorf("rdjsonl: %d lines, want a diagnostic per finding of both files", len(lines))
	}
}

// Reported-only findings do not change the exit code of a --format run
// unless --strict asks (the integration tests run every golden case so).
func TestFormatExitWithReportsOnly(t *testing.T) {
	src := "FROM scratch\nCOPY app /usr/local/bin/app\nUSER app\nENTRYPOINT [\"/usr/local/bin/app\"]\n"
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{"--format", "json"}, ExitOK},
		{[]string{"--format", "json", "--strict"}, ExitChanged},
	} {
		var out, errb bytes.Buffer
		if code := Main(Extensions{}, tc.args, strings.NewReader(src), &out, &errb); code != tc.want {
			t.Errorf("%v: exit %d, want %d: %s", tc.args, code, tc.want, errb.String())
		}
	}
}
