package transform

import (
	"errors"
	"strings"
	"testing"

	"github.com/unroot/unroot/parser"
)

func mustParse(t *testing.T, src string) *parser.Document {
	t.Helper()
	doc, err := parser.Parse("Dockerfile", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestApplyComposesEditsOnOneInstruction(t *testing.T) {
	src := "FROM debian\nRUN apt-get install -y curl\nCMD x\n"
	doc := mustParse(t, src)
	run := doc.Instructions[1]
	pkgEnd := run.Span.End // end of "curl"
	findings := []Finding{
		{Rule: "A", Fix: &Fix{Edits: []Edit{Insert(pkgEnd, " && chgrp 0 /d")}}},
		{Rule: "B", Fix: &Fix{Edits: []Edit{{Start: pkgEnd, End: pkgEnd, Text: " tini", Order: -1}}}},
		{Rule: "C", Fix: &Fix{Edits: []Edit{{Start: doc.LineStart(3), End: doc.LineStart(3), Text: "USER 1001\n", Order: OrderUser}}}},
		{Rule: "D", Fix: &Fix{Edits: []Edit{InsertBefore(doc, 3, "RUN true")}}},
	}
	out, got, _ := Apply(doc, findings)
	want := "FROM debian\nRUN apt-get install -y curl tini && chgrp 0 /d\nRUN true\nUSER 1001\nCMD x\n"
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	for _, f := range got {
		if f.Fix == nil {
			t.Errorf("fix of %s dropped", f.Rule)
		}
	}
}

func TestApplyDropsOverlappingFix(t *testing.T) {
	doc := mustParse(t, "FROM debian\nUSER app\n")
	user := doc.Instructions[1]
	findings := []Finding{
		{Rule: "A", Message: "first", Fix: &Fix{Edits: []Edit{Replace(user.ArgsStart, user.Span.End, "1000")}}},
		{Rule: "B", Message: "second", Fix: &Fix{Edits: []Edit{Replace(user.ArgsStart+1, user.Span.End, "x")}}},
	}
	out, got, _ := Apply(doc, findings)
	if string(out) != "FROM debian\nUSER 1000\n" {
		t.Errorf("got %q", out)
	}
	if got[1].Fix != nil || !strings.Contains(got[1].Message, "conflicts") {
		t.Errorf("overlapping fix kept: %+v", got[1])
	}
}

func TestApplyRendersFileConventions(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"FROM debian\r\nRUN a\r\n", "FROM debian\r\nRUN a\r\nRUN b \\\r\n c\r\n"},
		{"# escape=`\nFROM debian\nRUN a\n", "# escape=`\nFROM debian\nRUN a\nRUN b `\n c\n"},
		{"FROM debian\nRUN a", "FROM debian\nRUN a\nRUN b \\\n c"},
	} {
		doc := mustParse(t, tc.src)
		last := doc.Instructions[len(doc.Instructions)-1]
		out, _, _ := Apply(doc, []Finding{{Fix: &Fix{Edits: []Edit{InsertAfter(doc, last.EndLine, "RUN b \\\n c")}}}})
		if string(out) != tc.want {
			t.Errorf("got %q want %q", out, tc.want)
		}
	}
}

func TestCheckOutputCatchesBrokenEdits(t *testing.T) {
	for _, bad := range []string{
		"RUN echo unfinished \\",       // swallows the CMD after it
		"RUN <<EOF\necho open heredoc", // never terminated
	} {
		doc := mustParse(t, "FROM debian\nRUN a\nCMD x\n")
		out, _, edits := Apply(doc, []Finding{{Fix: &Fix{Edits: []Edit{InsertAfter(doc, 2, bad)}}}})
		if err := checkOutput(doc, out, edits); !errors.Is(err, ErrInternal) {
			t.Errorf("%q: checkOutput = %v, want an internal error", bad, err)
		}
	}
	doc := mustParse(t, "FROM debian\nRUN a\nCMD x\n")
	out, _, edits := Apply(doc, []Finding{{Fix: &Fix{Edits: []Edit{InsertAfter(doc, 2, "USER 1001")}}}})
	if err := checkOutput(doc, out, edits); err != nil {
		t.Errorf("good edit refused: %v", err)
	}
}

func TestApplyAfterDanglingContinuation(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"FROM debian\nRUN a \\", "FROM debian\nRUN a\nUSER 1001"},
		{"FROM debian\nRUN a \\\n", "FROM debian\nRUN a\nUSER 1001\n"},
		{"FROM debian\nRUN a \\\n# note\n", "FROM debian\nRUN a\n# note\nUSER 1001\n"},
	} {
		doc := mustParse(t, tc.src)
		last := doc.Instructions[len(doc.Instructions)-1]
		out, _, edits := Apply(doc, []Finding{{Fix: &Fix{Edits: []Edit{InsertAfter(doc, last.EndLine, "USER 1001")}}}})
		if string(out) != tc.want {
			t.Errorf("%q: got %q want %q", tc.src, out, tc.want)
		}
		if err := checkOutput(doc, out, edits); err != nil {
			t.Errorf("%q: %v", tc.src, err)
		}
	}
}

func TestCheckOutputCatchesSwallowedInsert(t *testing.T) {
	src := "FROM debian\nRUN a \\"
	doc := mustParse(t, src)
	edits := []Edit{{Start: len(src), End: len(src), Text: "\nUSER 1001"}}
	out := []byte(src + "\nUSER 1001")
	if err := checkOutput(doc, out, edits); !errors.Is(err, ErrInternal) {
		t.Errorf("a USER swallowed by a dangling continuation was not caught: %v", err)
	}
}

// The regions checkOutput parses carry the file's escape token, and a
// comment at their top is not taken for a parser directive.
func TestCheckOutputKeepsEscapeToken(t *testing.T) {
	doc := mustParse(t, "# escape=`\nFROM debian\nRUN a `\n  b\nCMD x\n")
	out, _, edits := Apply(doc, []Finding{{Fix: &Fix{Edits: []Edit{InsertAfter(doc, 4, "USER 1001")}}}})
	if err := checkOutput(doc, out, edits); err != nil {
		t.Errorf("good edit refused: %v", err)
	}
	// A region that starts at a comment line which reads like a directive
	// (it is not one here: it follows FROM). Taken for one, it would make
	// RUN swallow CMD.
	src := "FROM debian\n# escape=`\nRUN a `\nCMD x\n"
	doc = mustParse(t, src)
	at, end := len("FROM debian\n# escape=`"), len("FROM debian\n# escape=`\nRUN a")
	edits = []Edit{{Start: at, End: end, Text: "\nUSER 1001\nRUN a"}}
	out = []byte(src[:at] + edits[0].Text + src[end:])
	if err := checkOutput(doc, out, edits); err != nil {
		t.Errorf("good edit after a directive-like comment refused: %v", err)
	}
}
