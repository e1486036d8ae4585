package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/unroot/unroot/parser"
	"github.com/unroot/unroot/transform"
)

// result builds a Result from hand-written findings, the way transform.Run
// applies them.
func result(t *testing.T, src string, findings ...transform.Finding) *transform.Result {
	t.Helper()
	doc, err := parser.Parse("Dockerfile", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	out, fs, edits := transform.Apply(doc, findings)
	return &transform.Result{Doc: doc, Output: out, Findings: fs, Edits: edits}
}

func fix(edits ...transform.Edit) *transform.Fix { return &transform.Fix{Edits: edits} }

type want struct {
	start, end int
	text       string
	findings   []int
	carrier    int
}

func TestSuggestions(t *testing.T) {
	src := "FROM alpine\nRUN apk add curl\n\nCOPY . /app\nCMD [\"app\"]\n"
	doc, _ := parser.Parse("Dockerfile", []byte(src))
	line := func(n int) int { return doc.LineStart(n) }
	for _, tc := range []struct {
		name     string
		src      string
		findings []transform.Finding
		want     []want
	}{{
		name: "an insertion repeats the line after it",
		src:  src,
		findings: []transform.Finding{{Rule: "UR001", Line: 5, Fix: fix(
			transform.InsertBefore(doc, 5, "USER 1001"))}},
		want: []want{{5, 5, "USER 1001\nCMD [\"app\"]", []int{0}, 0}},
	}, {
		name: "before a blank line, it repeats the line before it",
		src:  src,
		findings: []transform.Finding{{Rule: "UR001", Line: 2, Fix: fix(
			transform.InsertBefore(doc, 3, "USER 1001"))}},
		want: []want{{2, 2, "RUN apk add curl\nUSER 1001", []int{0}, 0}},
	}, {
		name: "distant edits of one finding give one suggestion each",
		src:  src,
		findings: []transform.Finding{{Rule: "UR004", Line: 5, Fix: fix(
			transform.Insert(line(2)+len("RUN apk add curl"), " tini"),
			transform.Replace(line(5)+len("CMD "), line(5)+len(`CMD ["app"]`), `["tini", "--", "app"]`))}},
		want: []want{
			{2, 2, "RUN apk add curl tini", []int{0}, 0},
			{5, 5, `CMD ["tini", "--", "app"]`, []int{0}, 0},
		},
	}, {
		name: "edits of two findings on one line share one suggestion, shown by the finding on that line",
		src:  src,
		findings: []transform.Finding{
			{Rule: "UR001", Line: 1, Fix: fix(transform.Insert(line(2)+len("RUN apk add curl"), " tini"))},
			{Rule: "UR004", Line: 2, Fix: fix(transform.Insert(line(2)+len("RUN apk add curl"), " nss_wrapper"))},
		},
		want: []want{{2, 2, "RUN apk add curl tini nss_wrapper", []int{0, 1}, 1}},
	}, {
		name: "deleting a whole line takes in the next line",
		src:  src,
		findings: []transform.Finding{{Rule: "UR002", Line: 4, Fix: fix(
			transform.Replace(line(4), line(5), ""))}},
		want: []want{{4, 5, "CMD [\"app\"]", []int{0}, 0}},
	}, {
		name: "an edit that replaces a line's terminator takes in the next line",
		src:  src,
		findings: []transform.Finding{{Rule: "UR002", Line: 4, Fix: fix(
			transform.Replace(doc.LineEnd(4), line(5), " "))}},
		want: []want{{4, 5, "COPY . /app CMD [\"app\"]", []int{0}, 0}},
	}, {
		name: "appending at the end of a file without a final newline",
		src:  "FROM alpine\nCMD [\"app\"]",
		findings: []transform.Finding{{Rule: "UR001", Line: 2, Fix: fix(
			transform.Insert(len("FROM alpine\nCMD [\"app\"]"), "\nUSER 1001"))}},
		want: []want{{2, 2, "CMD [\"app\"]\nUSER 1001", []int{0}, 0}},
	}, {
		name: "CRLF: the file's terminators inside the text",
		src:  "FROM alpine\r\nCMD [\"app\"]\r\n",
		findings: []transform.Finding{{Rule: "UR001", Line: 2, Fix: fix(
			transform.Insert(len("FROM alpine\r\n"), "USER 1001\n"))}},
		want: []want{{2, 2, "USER 1001\r\nCMD [\"app\"]", []int{0}, 0}},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			res := result(t, tc.src, tc.findings...)
			got, err := Suggestions(res)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %d suggestions %+v, want %d", len(got), got, len(tc.want))
			}
			for i, w := range tc.want {
				g := got[i]
				if g.StartLine != w.start || g.EndLine != w.end || g.Text != w.text || g.Carrier != w.carrier || !equalInts(g.Findings, w.findings) {
					t.Errorf("suggestion %d = lines %d-%d %q findings %v carrier %d, want lines %d-%d %q findings %v carrier %d",
						i, g.StartLine, g.EndLine, g.Text, g.Findings, g.Carrier, w.start, w.end, w.text, w.findings, w.carrier)
				}
			}
			applied, err := ApplySuggestions(res.Doc, got)
			if err != nil || !bytes.Equal(applied, res.Output) {
				t.Errorf("applied: %q (%v), want %q", applied, err, res.Output)
			}
		})
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestApplySuggestionsRefusesOverlap(t *testing.T) {
	doc, _ := parser.Parse("Dockerfile", []byte("FROM a\nRUN b\nCMD c\n"))
	_, err := ApplySuggestions(doc, []Suggestion{{StartLine: 1, EndLine: 2, Text: "x"}, {StartLine: 2, EndLine: 3, Text: "y"}})
	if err == nil || !strings.Contains(err.Error(), "overlap") {
		t.Fatalf("err = %v, want an overlap", err)
	}
}

func TestMessagesNameTheSharedSuggestion(t *testing.T) {
	src := "FROM alpine\nRUN apk add curl\nCMD [\"app\"]\n"
	doc, _ := parser.Parse("Dockerfile", []byte(src))
	end := doc.LineEnd(2)
	res := result(t, src,
		transform.Finding{Rule: "UR004", Line: 2, Message: "add tini", Fix: fix(transform.Insert(end, " tini"))},
		transform.Finding{Rule: "UR005", Line: 3, Message: "add nss_wrapper", Fix: fix(transform.Insert(end, " nss_wrapper"))},
	)
	m, err := newFileModel(File{Path: "Dockerfile", Result: res})
	if err != nil {
		t.Fatal(err)
	}
	if got := m.message(1); !strings.Contains(got, "part of the suggestion on line 2, shown with UR004 at line 2") {
		t.Errorf("message of the finding whose change is shown elsewhere: %q", got)
	}
	if got := m.suggestionNote(0); got != "This suggestion also holds the change for UR005 at line 3." {
		t.Errorf("note: %q", got)
	}
}

func TestFingerprintIgnoresUnrelatedLineMoves(t *testing.T) {
	a := result(t, "FROM alpine\nUSER app\n", transform.Finding{Rule: "UR001", Line: 2, Message: "m"})
	b := result(t, "# a comment\n\nFROM alpine\nUSER app\n", transform.Finding{Rule: "UR001", Line: 4, Message: "m"})
	c := result(t, "FROM alpine\nUSER other\n", transform.Finding{Rule: "UR001", Line: 2, Message: "m"})
	fp := func(res *transform.Result) string {
		m, err := newFileModel(File{Path: "Dockerfile", Result: res})
		if err != nil {
			t.Fatal(err)
		}
		return m.findings[0].fingerprint
	}
	if fp(a) != fp(b) {
		t.Error("moving the finding's line changed its fingerprint")
	}
	if fp(a) == fp(c) {
		t.Error("a different line gave the same fingerprint")
	}
}

func TestWorkflowCommandEscaping(t *testing.T) {
	if got := escapeData("50% done\r\nnext"); got != "50%25 done%0D%0Anext" {
		t.Errorf("escapeData: %q", got)
	}
	if got := escapeProperty("a:b,c%"); got != "a%3Ab%2Cc%25" {
		t.Errorf("escapeProperty: %q", got)
	}
}

func TestFenceOutgrowsBackticks(t *testing.T) {
	if got := suggestionBlock("RUN echo ```` x"); !strings.HasPrefix(got, "`````suggestion\n") || !strings.HasSuffix(got, "\n`````") {
		t.Errorf("block: %q", got)
	}
}
