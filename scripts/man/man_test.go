package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The pages are written for the command and each subcommand, dated from
// SOURCE_DATE_EPOCH, with the file patterns of the long help as text, not
// Markdown emphasis.
func TestWrite(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1764806400") // 2025-12-04
	dir := filepath.Join(t.TempDir(), "man1")
	if err := write(dir); err != nil {
		t.Fatal(err)
	}
	page := func(name string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, name := range []string{"unroot-rules.1", "unroot-completion.1"} {
		page(name)
	}
	root := page("unroot.1")
	for _, re := range []string{
		`(?m)^\.TH "UNROOT" "1" "Dec 2025" "unroot `,
		`(?m)^\\fB--check\\fP`,
		`(?m)^Directories are walked for Dockerfile, Dockerfile\.\*, \*\\&\.Dockerfile,$`,
	} {
		if !regexp.MustCompile(re).MatchString(root) {
			t.Errorf("unroot.1 does not match %s", re)
		}
	}
	if strings.Contains(root, `\fI`) {
		t.Error("unroot.1 has italics: a file pattern was read as Markdown emphasis")
	}
	if !strings.Contains(page("unroot-verify.1"), `.TH "UNROOT-VERIFY"`) {
		t.Error("unroot-verify.1 has no title line")
	}
}
