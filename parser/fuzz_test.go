package parser

import (
	"strings"
	"testing"

	"github.com/unroot/unroot/golden"
)

// FuzzParse checks the document model on any input: no panic, and every
// span, line and offset it reports lies inside the source and in order.
func FuzzParse(f *testing.F) {
	inputs, err := golden.Inputs()
	if err != nil {
		f.Fatal(err)
	}
	for _, in := range inputs {
		f.Add(in)
	}
	f.Add([]byte("FROM a\nRUN x \\\n# c\n\n y\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 64<<10 {
			return
		}
		doc, err := Parse("Dockerfile", src)
		if err != nil {
			return
		}
		checkModel(t, doc)
	})
}

func checkModel(t *testing.T, doc *Document) {
	t.Helper()
	n := len(doc.Src)
	prev := 0
	for i, ln := range doc.Lines {
		if ln.Start < prev || ln.Start > ln.End || ln.End > ln.Next || ln.Next > n {
			t.Fatalf("line %d out of order: %+v", i+1, ln)
		}
		prev = ln.Next
	}
	last := -1
	for _, ins := range doc.Instructions {
		if ins.StartLine < 1 || ins.EndLine < ins.StartLine || ins.EndLine > len(doc.Lines) {
			t.Fatalf("%s: lines %d-%d of %d", ins.Keyword, ins.StartLine, ins.EndLine, len(doc.Lines))
		}
		s := ins.Span
		if s.Start < 0 || s.Start > s.End || s.End > n || s.Start < last {
			t.Fatalf("%s: span %+v (source %d bytes, previous end %d)", ins.Keyword, s, n, last)
		}
		if ins.ArgsStart < s.Start || ins.ArgsStart > s.End || ins.FlagsEnd < s.Start || ins.FlagsEnd > s.End {
			t.Fatalf("%s: args %d flags end %d outside span %+v", ins.Keyword, ins.ArgsStart, ins.FlagsEnd, s)
		}
		// A keyword split by a continuation ("RU\\\nN") is only a prefix.
		if kw := strings.ToLower(string(doc.Src[ins.KeywordSpan.Start:ins.KeywordSpan.End])); ins.Keyword != "" && !strings.HasPrefix(ins.Keyword, kw) {
			t.Fatalf("keyword span %q is not a prefix of %q", kw, ins.Keyword)
		}
		last = s.End
		if ins.Keyword == "run" && !ins.JSON && len(ins.Heredocs) == 0 {
			if got, want := len(doc.ShellScript(ins)), max(0, s.End-ins.ArgsStart); got != want {
				t.Fatalf("shell script is %d bytes, source slice %d", got, want)
			}
		}
		if ins.Run != nil && ins.ScriptBase >= 0 && ins.Run.End >= 0 && ins.ScriptBase+ins.Run.End > n {
			t.Fatalf("RUN end %d past the source", ins.ScriptBase+ins.Run.End)
		}
	}
}
