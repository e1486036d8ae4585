package transform

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/unroot/unroot/parser"
)

func epParse(t *testing.T, src string) *parser.Document {
	t.Helper()
	doc, err := parser.Parse("Dockerfile", []byte(src))
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, src)
	}
	return doc
}

// lastOf returns the last instruction with the keyword in the file.
func epLastOf(doc *parser.Document, kw string) *parser.Instruction {
	var found *parser.Instruction
	for _, ins := range doc.Instructions {
		if ins.Keyword == kw {
			found = ins
		}
	}
	return found
}

// applyEdits applies edits to the document's bytes, in the applier's way.
func epApply(doc *parser.Document, edits ...Edit) string {
	var fs []Finding
	for _, e := range edits {
		fs = append(fs, Finding{Fix: &Fix{Edits: []Edit{e}}})
	}
	out, _, _ := Apply(doc, fs)
	return string(out)
}

// bkArgs returns the arguments BuildKit reads from the last instruction
// with the keyword.
func epBKArgs(t *testing.T, src, kw string) []string {
	t.Helper()
	res, err := bkparser.Parse(bytes.NewReader([]byte(src)))
	if err != nil {
		t.Fatalf("BuildKit parse: %v\n%s", err, src)
	}
	var args []string
	for _, n := range res.AST.Children {
		if strings.EqualFold(n.Value, kw) {
			args = nil
			for a := n.Next; a != nil; a = a.Next {
				args = append(args, a.Value)
			}
		}
	}
	return args
}

func TestLocateExecArrayAndInsert(t *testing.T) {
	cases := []struct {
		name, src string
		idx       int
		want      []string
		text      string // expected instruction text after the edit, when set
	}{
		{"spaced", "FROM a\nENTRYPOINT [\"/app\", \"--port\", \"80\"]\n", 0,
			[]string{"X", "Y", "/app", "--port", "80"}, `ENTRYPOINT ["X", "Y", "/app", "--port", "80"]`},
		{"compact keeps the file's separator", "FROM a\nENTRYPOINT [\"/app\",\"--port\"]\n", 0,
			[]string{"X", "Y", "/app", "--port"}, `ENTRYPOINT ["X","Y","/app","--port"]`},
		{"middle", "FROM a\nENTRYPOINT [\"tini\", \"--\", \"app\"]\n", 2,
			[]string{"tini", "--", "X", "Y", "app"}, ""},
		{"end", "FROM a\nENTRYPOINT [\"tini\", \"--\"]\n", 2,
			[]string{"tini", "--", "X", "Y"}, `ENTRYPOINT ["tini", "--", "X", "Y"]`},
		{"empty", "FROM a\nENTRYPOINT []\n", 0, []string{"X", "Y"}, `ENTRYPOINT ["X", "Y"]`},
		{"blanks inside brackets", "FROM a\nENTRYPOINT [ \"app\" ]\n", 0, []string{"X", "Y", "app"}, `ENTRYPOINT [ "X", "Y", "app" ]`},
		{"escaped quotes", "FROM a\nENTRYPOINT [\"sh\", \"-c\", \"echo \\\"hi\\\" ]\"]\n", 0,
			[]string{"X", "Y", "sh", "-c", `echo "hi" ]`}, ""},
		{"continued over lines with a comment", "FROM a\nENTRYPOINT [\"app\", \\\n# the port\n  \"--port\", \\\n  \"80\"]\n", 1,
			[]string{"app", "X", "Y", "--port", "80"}, ""},
		{"backtick escape", "# escape=`\nFROM a\nENTRYPOINT [\"C:\\\\app\", `\n  \"-v\"]\n", 2,
			[]string{`C:\app`, "-v", "X", "Y"}, ""},
		{"CRLF", "FROM a\r\nENTRYPOINT [\"app\", \\\r\n \"-v\"]\r\n", 1, []string{"app", "X", "Y", "-v"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := epParse(t, c.src)
			ins := epLastOf(doc, "entrypoint")
			a, ok := locateExecArray(doc, ins)
			if !ok {
				t.Fatal("array not located")
			}
			if len(a.Elems) != len(ins.Args) {
				t.Fatalf("%d elements, want %d", len(a.Elems), len(ins.Args))
			}
			for i, e := range a.Elems {
				if got := string(doc.Src[e.Start:e.End]); !strings.HasPrefix(got, `"`) || !strings.HasSuffix(got, `"`) {
					t.Errorf("element %d spans %q", i, got)
				}
			}
			out := epApply(doc, a.insertElems(c.idx, []string{"X", "Y"}))
			if got := epBKArgs(t, out, "entrypoint"); !slices.Equal(got, c.want) {
				t.Errorf("BuildKit reads %q, want %q\n%s", got, c.want, out)
			}
			if c.text != "" && !strings.Contains(out, c.text) {
				t.Errorf("output lacks %q:\n%s", c.text, out)
			}
		})
	}
}

func TestLocateExecArrayRefusesShellForm(t *testing.T) {
	doc := epParse(t, "FROM a\nENTRYPOINT exec app [x]\n")
	if _, ok := locateExecArray(doc, epLastOf(doc, "entrypoint")); ok {
		t.Error("a shell-form instruction was taken for an array")
	}
}

func TestJSONStringRoundTrip(t *testing.T) {
	args := []string{`a "quoted" \ word`, "<html> & co", "tab\there", "ünïcode", "$HOME ${X:-y}"}
	src := "FROM a\nCMD " + jsonArrayText(args) + "\n"
	if strings.Contains(src, `\u003c`) {
		t.Errorf("HTML escaping in %s", src)
	}
	if got := epBKArgs(t, src, "cmd"); !slices.Equal(got, args) {
		t.Errorf("round trip gives %q, want %q", got, args)
	}
}

func TestFindInit(t *testing.T) {
	cases := []struct {
		args  []string
		name  string
		chain bool
		next  int
	}{
		{[]string{"tini", "--", "app"}, "tini", true, 2},
		{[]string{"/sbin/tini", "-s", "-g", "--"}, "tini", true, 4},
		{[]string{"/usr/bin/tini-static", "-p", "SIGTERM", "app", "--flag"}, "tini", true, 3},
		{[]string{"tini", "-e", "143", "--", "java"}, "tini", true, 4},
		{[]string{"/docker-entrypoint.sh", "tini", "--", "x"}, "tini", true, 3},
		{[]string{"dumb-init", "--rewrite", "15:2", "--single-child", "node"}, "dumb-init", true, 4},
		{[]string{"/usr/bin/catatonit", "-g", "--", "app"}, "catatonit", true, 3},
		{[]string{"docker-init", "--"}, "docker-init", true, 2},
		{[]string{"/bin/sh", "-c", "exec tini -- app"}, "tini", true, 0},
		{[]string{"/init"}, "/init", false, 1},
		{[]string{"/usr/bin/supervisord", "-n", "-c", "/etc/supervisord.conf"}, "supervisord", false, 2},
		{[]string{"/sbin/my_init", "--", "app"}, "my_init", false, 1},
		{[]string{"/usr/sbin/init"}, "/usr/sbin/init", false, 1},
	}
	for _, c := range cases {
		u, ok := findInit(c.args)
		if !ok || u.Name != c.name || u.Chain != c.chain || (c.chain && u.Next != c.next) {
			t.Errorf("findInit(%q) = %+v, %v; want %s chain=%v next=%d", c.args, u, ok, c.name, c.chain, c.next)
		}
	}
	for _, args := range [][]string{
		{"/app/init"}, {"/usr/local/bin/initialize"}, {"tinyproxy", "-d"}, {"python3", "-m", "tini_app"},
		{"/bin/sh", "-c", "./init.sh && exec app"}, {"--init"},
	} {
		if u, ok := findInit(args); ok {
			t.Errorf("findInit(%q) found %+v", args, u)
		}
	}
}

func TestStageRunConfig(t *testing.T) {
	src := `FROM debian:bookworm AS a
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
CMD echo a
ENTRYPOINT ["/ep-a"]

FROM a AS b
CMD ["b"]

FROM a AS c
RUN true

FROM b AS d
ENTRYPOINT ["/ep-d"]
CMD ["d"]

FROM b AS e
CMD ["e"]
ENTRYPOINT /ep-e run

FROM b AS f
ENTRYPOINT ["/ep-f"]

FROM node:20 AS g
RUN true

FROM python:3.12 AS h
RUN true

FROM myorg/node-app:1 AS i
RUN true

FROM perl:5 AS j
RUN true
`
	doc := epParse(t, src)
	cases := []struct {
		stage           string
		ep, cmd         []string
		epKnown, cmdKnw bool
	}{
		// CMD before ENTRYPOINT in the same stage is kept.
		{"a", []string{"/ep-a"}, []string{"/bin/bash", "-o", "pipefail", "-c", "echo a"}, true, true},
		{"b", []string{"/ep-a"}, []string{"b"}, true, true},
		{"c", []string{"/ep-a"}, []string{"/bin/bash", "-o", "pipefail", "-c", "echo a"}, true, true},
		{"d", []string{"/ep-d"}, []string{"d"}, true, true},
		// SHELL is inherited from stage a.
		{"e", []string{"/bin/bash", "-o", "pipefail", "-c", "/ep-e run"}, []string{"e"}, true, true},
		// ENTRYPOINT without CMD in the stage resets the inherited CMD.
		{"f", []string{"/ep-f"}, nil, true, true},
		// The published images' own values (baseimages).
		{"g", []string{"docker-entrypoint.sh"}, []string{"node"}, true, true},
		{"h", nil, []string{"python3"}, true, true},
		// Not in the table: unknown, or only known to set no ENTRYPOINT.
		{"i", nil, nil, false, false},
		{"j", nil, nil, true, false},
	}
	for _, c := range cases {
		rc := stageRunConfig(doc, doc.StageByName(c.stage), Options{})
		if !slices.Equal(rc.Entrypoint.Args, c.ep) || !slices.Equal(rc.Cmd.Args, c.cmd) ||
			rc.Entrypoint.Known != c.epKnown || rc.Cmd.Known != c.cmdKnw {
			t.Errorf("stage %s: ENTRYPOINT %q (known %v), CMD %q (known %v); want %q (%v), %q (%v)", c.stage,
				rc.Entrypoint.Args, rc.Entrypoint.Known, rc.Cmd.Args, rc.Cmd.Known, c.ep, c.epKnown, c.cmd, c.cmdKnw)
		}
	}
}

func TestStageRunConfigInspect(t *testing.T) {
	doc := epParse(t, "FROM example.invalid/app:1\nRUN true\n")
	var asked []string
	opts := Options{Inspect: func(image string) (*ImageConfig, error) {
		asked = append(asked, image)
		return &ImageConfig{Entrypoint: []string{"/entry.sh"}, Cmd: []string{"serve"}}, nil
	}}
	rc := stageRunConfig(doc, doc.FinalStage(), opts)
	if !slices.Equal(asked, []string{"example.invalid/app:1"}) {
		t.Errorf("asked about %q", asked)
	}
	if !rc.Entrypoint.Known || !rc.Cmd.Known || !slices.Equal(rc.Entrypoint.Args, []string{"/entry.sh"}) || !slices.Equal(rc.Cmd.Args, []string{"serve"}) {
		t.Errorf("got %+v", rc)
	}
	rc = stageRunConfig(doc, doc.FinalStage(), Options{})
	if rc.Entrypoint.Known || rc.Cmd.Known {
		t.Errorf("an unknown image is known without the engine: %+v", rc)
	}
}

func TestKnownNoEntrypoint(t *testing.T) {
	for image, want := range map[string]bool{
		"debian:bookworm-slim": true, "docker.io/library/python:3.12": true, "alpine": true,
		"registry.access.redhat.com/ubi9/ubi-minimal:9.4": true, "registry.access.redhat.com/ubi9/ubi": true,
		"registry.access.redhat.com/ubi9/ubi-init": false, "node:20": false, "nginx:1.27": false,
		"eclipse-temurin:21": false, "myregistry.example/python:3.12": false, "bitnami/python:3": false,
	} {
		if got := knownNoEntrypoint(image); got != want {
			t.Errorf("knownNoEntrypoint(%q) = %v", image, got)
		}
	}
}
