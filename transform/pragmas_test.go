package transform

import (
	"slices"
	"testing"

	"github.com/unroot/unroot/parser"
)

func TestPragmas(t *testing.T) {
	src := `FROM debian:bookworm
# unroot global ignore=UR003
# unroot ignore=UR002 the data is a volume
RUN mkdir /data

RUN apt-get update && \
# unroot ignore=ur004,numeric-user
    apt-get install -y curl
# unroot ignore=UR005

CMD ["bash"]
RUN <<EOF
# unroot ignore=UR006
echo hi
EOF
# unroot ignore=UR999,UR001
# unroot ignore UR001
# unroot rewrote this file
USER 1001
`
	doc, err := parser.Parse("Dockerfile", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	p := ReadPragmas(doc)
	for _, tc := range []struct {
		rule string
		line int
		want bool
	}{
		{"UR003", 0, true},   // global: any line, even none
		{"UR003", 19, true},  //
		{"UR002", 4, true},   // the instruction below the pragma
		{"UR002", 6, false},  // not the next one
		{"UR004", 6, true},   // inside the continued RUN: by ID, lower case
		{"UR001", 7, true},   // by name
		{"UR004", 8, true},   // any line of that RUN
		{"UR005", 11, false}, // a blank line ends the block
		{"UR006", 12, false}, // a here-document's line is script text
		{"UR001", 19, true},  // the unknown ID is left out, the known one counts
		{"", 4, false},       // notes of no rule
	} {
		if got := p.Silences(Finding{Rule: tc.rule, Line: tc.line}); got != tc.want {
			t.Errorf("%s at line %d: silenced %v, want %v", tc.rule, tc.line, got, tc.want)
		}
	}
	var lines []int
	for _, w := range p.Warnings {
		lines = append(lines, w.Line)
	}
	slices.Sort(lines)
	// 9: no instruction below; 16: unknown rule; 17: malformed.
	if want := []int{9, 16, 17}; !slices.Equal(lines, want) {
		t.Errorf("warnings at lines %v, want %v: %+v", lines, want, p.Warnings)
	}
}

// Run leaves a silenced finding's edits out and reports it in Ignored.
func TestRunIgnore(t *testing.T) {
	doc, err := parser.Parse("Dockerfile", []byte("FROM debian:bookworm\nCMD [\"bash\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(doc, Options{Only: []string{"UR001"}, Ignore: func(f Finding) bool { return f.Rule == "UR001" }})
	if err != nil {
		t.Fatal(err)
	}
	if res.Changed() || len(res.Findings) != 0 || len(res.Ignored) != 1 || res.Ignored[0].Rule != "UR001" {
		t.Errorf("changed %v, findings %v, ignored %v", res.Changed(), res.Findings, res.Ignored)
	}
}
