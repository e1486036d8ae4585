package transform

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/unroot/unroot/parser"
)

// runArgv is what `docker run IMAGE` executes for the final stage:
// ENTRYPOINT followed by CMD, and whether both are known.
func runArgv(t *testing.T, src []byte, opts Options) ([]string, bool) {
	t.Helper()
	doc, err := parser.Parse("Dockerfile", src)
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, src)
	}
	rc := stageRunConfig(doc, doc.FinalStage(), opts)
	return slices.Concat(rc.Entrypoint.Args, rc.Cmd.Args), rc.Entrypoint.Known && rc.Cmd.Known
}

func runRules(t *testing.T, src string, opts Options) (*Result, string) {
	t.Helper()
	doc := epParse(t, src)
	res, err := Run(doc, opts)
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, src)
	}
	return res, string(res.Output)
}

func findingsOf(res *Result, rule string) []Finding {
	var out []Finding
	for _, f := range res.Findings {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

// The image must run the same command as before, behind tini (and the
// start-up script).
func TestInitKeepsTheCommand(t *testing.T) {
	cases := map[string]string{
		"exec entrypoint and cmd": "FROM debian:bookworm\nRUN apt-get install -y curl\nENTRYPOINT [\"/app\", \"-v\"]\nCMD [\"serve\"]\n",
		"shell entrypoint":        "FROM alpine:3.20\nRUN apk add --no-cache curl\nENTRYPOINT exec /app --port \"$PORT\"\nCMD [\"ignored\"]\n",
		"exec cmd only":           "FROM debian:bookworm\nCOPY app /app\nCMD [\"/app\", \"serve\"]\n",
		"shell cmd only":          "FROM python:3.12-slim\nCOPY app.py /\nCMD python /app.py > /tmp/log 2>&1\n",
		"custom shell": "FROM debian:bookworm\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n" +
			"RUN apt-get install -y curl\nENTRYPOINT app | tee /tmp/log\n",
		"cmd from a parent stage": "FROM python:3.12 AS base\nCMD [\"python\", \"-m\", \"app\"]\nFROM base\nCOPY . /app\n",
		"entrypoint from a parent stage": "FROM alpine:3.20 AS base\nENTRYPOINT [\"/app\"]\nCMD [\"serve\"]\n" +
			"FROM base\nRUN apk add --no-cache ca-certificates\n",
		"parent entrypoint reset cmd": "FROM alpine:3.20 AS base\nCMD [\"lost\"]\nFROM base AS mid\nENTRYPOINT [\"/app\"]\nFROM mid\nCOPY a /a\n",
		"empty entrypoint":            "FROM debian:bookworm\nENTRYPOINT []\nCMD [\"/app\"]\n",
		"two entrypoints":             "FROM debian:bookworm\nENTRYPOINT [\"/old\"]\nENTRYPOINT [\"/new\"]\nCMD [\"x\"]\n",
		"multi-line array":            "FROM debian:bookworm\nENTRYPOINT [\"/app\", \\\n    \"--flag\"]\n",
		"backtick and CRLF":           "# escape=`\r\nFROM debian:bookworm\r\nRUN apt-get update `\r\n && apt-get install -y curl\r\nENTRYPOINT [\"C:\\\\x\", `\r\n  \"-v\"]\r\n",
		"target stage":                "FROM debian:bookworm AS run\nCMD [\"/app\"]\nFROM scratch AS other\nCOPY --from=run / /\n",
	}
	for name, src := range cases {
		for _, rules := range [][]string{{"UR004"}, {"UR004", "UR005"}, {"UR005"}} {
			t.Run(name+"/"+strings.Join(rules, "+"), func(t *testing.T) {
				opts := Options{Only: rules}
				if name == "target stage" {
					opts.Target = "run"
				}
				before, known := runArgv(t, []byte(src), opts)
				if name == "target stage" {
					doc := epParse(t, src)
					rc := stageRunConfig(doc, doc.StageByName("run"), opts)
					before, known = slices.Concat(rc.Entrypoint.Args, rc.Cmd.Args), true
				}
				if !known {
					t.Fatal("test input: command not known")
				}
				res, out := runRules(t, src, opts)
				doc2 := epParse(t, out)
				st := doc2.FinalStage()
				if name == "target stage" {
					st = doc2.StageByName("run")
				}
				rc := stageRunConfig(doc2, st, opts)
				after := slices.Concat(rc.Entrypoint.Args, rc.Cmd.Args)
				var prefix []string
				if slices.Contains(rules, "UR004") {
					prefix = append(prefix, "tini", "-g", "--")
				}
				if slices.Contains(rules, "UR005") {
					prefix = append(prefix, entrypointScript)
				}
				if !slices.Equal(after, slices.Concat(prefix, before)) {
					t.Fatalf("runs %q, want %q + %q\n%s\nfindings: %v", after, prefix, before, out, res.Findings)
				}
				for _, r := range rules {
					if fs := findingsOf(res, r); len(fs) != 1 || fs[0].Fix == nil {
						t.Errorf("%s: findings %v", r, fs)
					}
				}
				if slices.Contains(rules, "UR004") {
					if _, _, ok := tiniInstalled(doc2, st); !ok {
						t.Errorf("tini is run but not installed:\n%s", out)
					}
				}
				res2, err := Run(doc2, opts)
				if err != nil || res2.Changed() {
					t.Errorf("second run changes the output (err %v):\n%s", err, res2.Output)
				}
			})
		}
	}
}

func TestInitLeavesExistingInits(t *testing.T) {
	for _, src := range []string{
		"FROM ubuntu:22.04\nRUN apt-get install -y tini\nENTRYPOINT [\"tini\", \"--\"]\nCMD [\"jupyter\", \"notebook\"]\n",
		"FROM alpine\nRUN apk add dumb-init\nENTRYPOINT [\"/usr/bin/dumb-init\", \"--\", \"app\"]\n",
		"FROM alpine\nENTRYPOINT [\"/init\"]\n",
		"FROM debian\nCMD [\"/usr/bin/supervisord\", \"-n\"]\n",
		"FROM debian\nENTRYPOINT /bin/sh -c \"exec tini -- app\"\n",
		"FROM debian AS base\nENTRYPOINT [\"catatonit\", \"--\"]\nFROM base\nCMD [\"app\"]\n",
	} {
		res, out := runRules(t, src, Options{Only: []string{"UR004"}})
		if out != src || len(res.Findings) != 0 {
			t.Errorf("changed or reported:\n%s\n%v", out, res.Findings)
		}
	}
}

func TestInitReportsWhatItCannotFix(t *testing.T) {
	cases := map[string]string{
		"FROM scratch\nCOPY app /app\nENTRYPOINT [\"/app\"]\n":                                "no shell",
		"FROM gcr.io/distroless/static-debian12\nCOPY app /app\nENTRYPOINT [\"/app\"]\n":      "no shell",
		"FROM myorg/node:20\nCOPY . /app\n":                                                   "may set one",
		"FROM myorg/node:20\nCOPY . /app\nCMD [\"--port\", \"80\"]\n":                         "starts with an option",
		"FROM myorg/tool:1\nCOPY . /app\nCMD [\"serve\", \"/app\"]\n":                         "does not start with a command unroot knows",
		"FROM myorg/java:1\nCOPY app.jar /app/\nCMD [\"/app/app.jar\"]\n":                     "may be an argument",
		"FROM perl:5\nRUN cpanm App::Ack\n":                                                   "reset the one of its base image",
		"FROM --platform=linux/s390x busybox\nCOPY app /app\nCMD [\"/app\"]\n":                "no package manager",
		"FROM debian AS b\nUSER app\nFROM b\nUSER root\nRUN true\nUSER app\nCMD [\"/app\"]\n": "",
	}
	for src, want := range cases {
		res, out := runRules(t, src, Options{Only: []string{"UR004"}})
		fs := findingsOf(res, "UR004")
		if want == "" {
			continue // covered elsewhere
		}
		if out != src || len(fs) != 1 || fs[0].Fix != nil || !strings.Contains(fs[0].Message, want) {
			t.Errorf("%q: output changed or findings %v (want a report with %q)", src, fs, want)
		}
	}
}

func TestInitWithEngineInspect(t *testing.T) {
	src := "FROM example.invalid/node:20\nRUN apt-get update && apt-get install -y curl\nCOPY . /app\n"
	base := &ImageConfig{Entrypoint: []string{"docker-entrypoint.sh"}, Cmd: []string{"node"}}
	opts := Options{Only: []string{"UR004", "UR005"}, Inspect: func(string) (*ImageConfig, error) { return base, nil }}
	_, out := runRules(t, src, opts)
	after, _ := runArgv(t, []byte(out), opts)
	want := []string{"tini", "-g", "--", entrypointScript, "docker-entrypoint.sh", "node"}
	if !slices.Equal(after, want) {
		t.Errorf("runs %q, want %q\n%s", after, want, out)
	}
	if !strings.Contains(out, `CMD ["node"]`) {
		t.Errorf("the base CMD is not repeated:\n%s", out)
	}
	// A base that runs an init already: no tini.
	base = &ImageConfig{Entrypoint: []string{"tini", "-g", "--", "start.sh"}, Cmd: []string{"lab"}}
	res, out := runRules(t, src, Options{Only: []string{"UR004"}, Inspect: opts.Inspect})
	if out != src || len(res.Findings) != 0 {
		t.Errorf("base with tini changed:\n%s", out)
	}
	// An engine error is reported, not fatal.
	failing := Options{Only: []string{"UR004"}, Inspect: func(string) (*ImageConfig, error) { return nil, errors.New("no such image") }}
	res, out = runRules(t, src, failing)
	if fs := findingsOf(res, "UR004"); out != src || len(fs) != 1 || !strings.Contains(fs[0].Message, "no such image") {
		t.Errorf("engine error: %v", res.Findings)
	}
}

func TestInitTiniWordFollowsPATH(t *testing.T) {
	cases := map[string]string{
		"FROM alpine:3.20\nRUN apk add --no-cache curl\nCMD [\"/app\"]\n":                                       `["tini", "-g", "--"]`,
		"FROM alpine:3.20\nENV PATH=/opt/venv/bin:$PATH\nRUN apk add --no-cache curl\nCMD [\"/app\"]\n":         `["tini", "-g", "--"]`,
		"FROM alpine:3.20\nENV PATH=/opt/app/bin:/usr/bin\nRUN apk add --no-cache curl\nCMD [\"/app\"]\n":       `["/sbin/tini", "-g", "--"]`,
		"FROM alpine:3.20\nCOPY tini /tini\nCMD [\"/app\"]\n":                                                   `["/tini", "-g", "--"]`,
		"FROM registry.access.redhat.com/ubi9/ubi\nENV PATH=/usr/bin:/bin\nRUN dnf install -y x\nCMD [\"a\"]\n": `["/usr/local/bin/tini", "-g", "--"]`,
	}
	for src, want := range cases {
		_, out := runRules(t, src, Options{Only: []string{"UR004"}})
		if !strings.Contains(out, "ENTRYPOINT "+want) {
			t.Errorf("want ENTRYPOINT %s:\n%s", want, out)
		}
	}
}

// UR004 and UR005 edit the same instruction; with other passes' edits at
// the same places nothing may be dropped.
func TestInitAndPasswdComposeWithOtherEdits(t *testing.T) {
	src := "FROM debian:bookworm\nRUN apt-get install -y curl\nCMD [\"/app\"]\n"
	res, out := runRules(t, src, Options{})
	for _, f := range res.Findings {
		if strings.Contains(f.Message, "not fixed") {
			t.Errorf("dropped: %v", f)
		}
	}
	if strings.Count(out, "tini") < 2 || strings.Count(out, "ENTRYPOINT") != 1 || strings.Count(out, "printf '%s\\n'") != 1 {
		t.Errorf("unexpected output:\n%s", out)
	}
}

// An old Debian or Ubuntu release without a tini package gets the pinned,
// checked download, as RHEL without EPEL does (issue 11).
func TestInitOldAptReleaseDownloadsTini(t *testing.T) {
	src := "FROM ubuntu:14.04\nRUN apt-get install -y curl\nCMD [\"/app\"]\n"
	res, out := runRules(t, src, Options{Only: []string{"UR004"}})
	fs := findingsOf(res, "UR004")
	if len(fs) != 1 || fs[0].Fix == nil || !strings.Contains(fs[0].Message, "not packaged for ubuntu:14.04") {
		t.Fatalf("findings %v", fs)
	}
	if !strings.Contains(out, "sha256sum -c -") || !strings.Contains(out, `ENTRYPOINT ["tini", "-g", "--"]`) {
		t.Errorf("no pinned download:\n%s", out)
	}
}
