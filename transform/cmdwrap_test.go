package transform

import (
	"strings"
	"testing"

	"github.com/unroot/unroot/parser"
)

func TestCmdIsCommand(t *testing.T) {
	cases := []struct {
		src  string
		want bool
		why  string // in the reason when not a command
	}{
		{"FROM x\nCMD node server.js\n", true, ""},
		{"FROM x\nCMD [\"python3\", \"app.py\"]\n", true, ""},
		{"FROM x\nCMD [\"python3.12\", \"-m\", \"app\"]\n", true, ""},
		{"FROM x\nCMD [\"/usr/local/bin/server\", \"--port\", \"80\"]\n", true, ""},
		{"FROM x\nCMD [\"/docker/run.sh\"]\n", true, ""},
		{"FROM x\nCMD [\"catalina.sh\", \"run\"]\n", true, ""},
		{"FROM x\nCMD [\"./run.sh\"]\n", true, ""},
		{"FROM x\nCMD [\"./main.py\"]\n", false, "may be an argument"},
		{"FROM x\nCMD [\"bin/server\"]\n", false, "does not start with a command"},
		{"FROM x\nCOPY mytool /usr/local/bin/\nCMD [\"mytool\", \"serve\"]\n", true, ""},
		{"FROM x\nCOPY build/mytool /usr/bin/mytool\nCMD [\"mytool\"]\n", true, ""},
		{"FROM x\nRUN apt-get update && apt-get install -y redis-server\nCMD [\"redis-server\"]\n", true, ""},
		{"FROM x\nCMD [\"--config\", \"/etc/x.yaml\"]\n", false, "starts with an option"},
		{"FROM x\nCMD [\"$APP\"]\n", false, "starts with a variable"},
		{"FROM x\nCMD [\"/app/app.jar\"]\n", false, "may be an argument"},
		{"FROM x\nCMD [\"serve\", \"--port\", \"80\"]\n", false, "does not start with a command unroot knows"},
		{"FROM x\nCMD []\n", false, "empty"},
	}
	for _, c := range cases {
		doc, err := parser.Parse("Dockerfile", []byte(c.src))
		if err != nil {
			t.Fatal(err)
		}
		st := doc.Stages[len(doc.Stages)-1]
		rc := stageRunConfig(doc, st, Options{})
		got, why := cmdIsCommand(doc, st, rc.Cmd)
		if got != c.want || !strings.Contains(why, c.why) {
			t.Errorf("%q: %v %q; want %v with %q", c.src, got, why, c.want, c.why)
		}
	}
}

// The CMD of a file on an unknown base image is wrapped, ENTRYPOINT is
// left alone, and a second run changes nothing; an argument list is left
// alone and reported.
func TestCmdWrapOnUnknownBase(t *testing.T) {
	src := "FROM example.invalid/base:1\nRUN apk add --no-cache python3\nCMD [\"python3\", \"-m\", \"http.server\"]\n"
	res, out := runRules(t, src, Options{Only: []string{"UR004", "UR005"}})
	want := `CMD ["tini", "-s", "-g", "--", "/usr/local/bin/unroot-entrypoint", "python3", "-m", "http.server"]`
	if !strings.Contains(out, want) || strings.Contains(out, "ENTRYPOINT") {
		t.Fatalf("output:\n%s", out)
	}
	for _, id := range []string{"UR004", "UR005"} {
		fs := findingsOf(res, id)
		if len(fs) != 1 || fs[0].Fix == nil || !strings.Contains(fs[0].Message, "runs CMD as a command") {
			t.Errorf("%s: %v", id, fs)
		}
	}
	res2, out2 := runRules(t, out, Options{Only: []string{"UR004", "UR005"}})
	if out2 != out || len(res2.Findings) != 0 {
		t.Errorf("second run: %v\n%s", res2.Findings, out2)
	}

	// Only UR005: the start-up script alone goes into CMD, and tini's
	// -s is not mentioned.
	res, out = runRules(t, src, Options{Only: []string{"UR005"}})
	if !strings.Contains(out, `CMD ["/usr/local/bin/unroot-entrypoint", "python3"`) || strings.Contains(findingsOf(res, "UR005")[0].Message, "-s keeps") {
		t.Errorf("UR005 only:\n%s\n%v", out, res.Findings)
	}

	args := "FROM example.invalid/base:1\nCMD [\"-v\"]\n"
	res, out = runRules(t, args, Options{Only: []string{"UR004"}})
	if fs := findingsOf(res, "UR004"); out != args || len(fs) != 1 || fs[0].Fix != nil {
		t.Errorf("argument list changed or not reported:\n%s\n%v", out, fs)
	}
}

func TestArchVariable(t *testing.T) {
	for image, want := range map[string]string{
		"quay.io/prometheus/busybox-${OS}-${ARCH}:latest":    "$ARCH",
		"example.invalid/base:1-$TARGETARCH":                 "$TARGETARCH",
		"${REGISTRY}/busybox:${TAG}":                         "",
		"opensearchproject/opensearch:${OPENSEARCH_VERSION}": "",
		"example.invalid/base-${BASE_ARCH}:1":                "$BASE_ARCH",
		"busybox":                                            "",
	} {
		if got := archVariable(image); got != want {
			t.Errorf("%q: %q, want %q", image, got, want)
		}
	}
}
