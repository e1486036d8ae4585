package transform

import (
	"regexp"
	"strings"
	"testing"

	"github.com/unroot/unroot/parser"
)

// permRunRules runs the given rules on src and returns the output and findings.
func permRunRules(t *testing.T, src string, opts Options) (string, []Finding) {
	t.Helper()
	doc := appdirsParse(t, src)
	res, err := Run(doc, opts)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	again, err := Run(appdirsParse(t, string(res.Output)), opts)
	if err != nil {
		t.Fatalf("second run: %v", err)
	}
	if string(again.Output) != string(res.Output) {
		t.Errorf("not idempotent:\n--- first ---\n%s\n--- second ---\n%s", res.Output, again.Output)
	}
	return string(res.Output), res.Findings
}

var permOnly123 = Options{Only: []string{"UR001", "UR002", "UR003"}}

// permLineIndex returns the index of the first output line containing s.
func permLineIndex(t *testing.T, out, s string) int {
	t.Helper()
	for i, l := range strings.Split(out, "\n") {
		if strings.Contains(l, s) {
			return i
		}
	}
	t.Fatalf("no line contains %q in:\n%s", s, out)
	return -1
}

func TestPermissionsCopyChownGroup(t *testing.T) {
	out, _ := permRunRules(t, `FROM debian:bookworm
RUN useradd -m -u 1000 app
WORKDIR /app
COPY --chown=app:app . .
COPY --chown=app ./extra ./extra
COPY --chown=1000:0 ./more ./more
USER app
`, permOnly123)
	for _, want := range []string{"COPY --chown=app:0 . .", "COPY --chown=app:0 ./extra ./extra", "COPY --chown=1000:0 ./more ./more"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// The directories of /app are fixed after the last COPY, in one RUN.
	if permLineIndex(t, out, "RUN find /app -type d") < permLineIndex(t, out, "./more ./more") {
		t.Errorf("the directory fix must follow the last COPY into /app:\n%s", out)
	}
	if strings.Count(out, "find /app") != 1 {
		t.Errorf("want exactly one fix for /app:\n%s", out)
	}
}

func TestPermissionsFoldIntoCreatingRun(t *testing.T) {
	out, findings := permRunRules(t, `FROM debian:bookworm
RUN apt-get update && apt-get install -y curl
RUN mkdir -p /var/lib/app/state && \
    echo 1 > /var/lib/app/state/version
CMD ["app"]
`, Options{Only: []string{"UR002"}})
	want := `RUN mkdir -p /var/lib/app/state && \
    echo 1 > /var/lib/app/state/version && \
    chgrp -R 0 /var/lib/app/state && \
    chmod -R g=u /var/lib/app/state && \
    find /var/lib/app/state -type d`
	if !strings.Contains(out, want) {
		t.Errorf("fix not folded into the RUN that makes the files:\n%s", out)
	}
	if strings.Count(out, "RUN ") != 2 {
		t.Errorf("a fold must not add a RUN:\n%s", out)
	}
	if len(findings) != 1 || findings[0].Line != 3 {
		t.Errorf("findings = %v", findings)
	}
}

func TestPermissionsNeverFoldIntoNonRootRun(t *testing.T) {
	out, _ := permRunRules(t, `FROM debian:bookworm
RUN useradd -m -u 1000 app
WORKDIR /srv/app
COPY . .
USER app
RUN touch /srv/app/x
USER root
RUN apt-get update
USER 1000
`, Options{Only: []string{"UR002"}})
	if strings.Contains(out, "touch /srv/app/x &&") {
		t.Errorf("folded into a RUN that runs as app:\n%s", out)
	}
	fix := permLineIndex(t, out, "find /srv/app")
	if fix > permLineIndex(t, out, "USER 1000") || fix < permLineIndex(t, out, "RUN apt-get") {
		t.Errorf("the new RUN must go where root commands go, before the final USER:\n%s", out)
	}
}

func TestPermissionsVolumeOrdering(t *testing.T) {
	out, findings := permRunRules(t, `FROM debian:bookworm
COPY app /opt/app
RUN apt-get update
VOLUME /var/lib/data
WORKDIR /var/lib/data
CMD ["app"]
`, Options{Only: []string{"UR002"}})
	fix := permLineIndex(t, out, "mkdir -p /var/lib/data")
	if fix > permLineIndex(t, out, "VOLUME /var/lib/data") {
		t.Errorf("the volume's directory must be made before the VOLUME:\n%s", out)
	}
	if strings.Contains(out, "apt-get update &&") {
		t.Errorf("an unrelated RUN that gets no other fix must not be changed:\n%s", out)
	}
	found := false
	for _, f := range findings {
		found = found || (f.Line == 4 && strings.Contains(f.Message, "discards changes"))
	}
	if !found {
		t.Errorf("findings = %v", findings)
	}
}

func TestPermissionsWorkdirRootIsReported(t *testing.T) {
	out, findings := permRunRules(t, "FROM debian:bookworm\nWORKDIR /\nCOPY app.sh /app.sh\nUSER 1001\n", Options{Only: []string{"UR002"}})
	if strings.Contains(out, "find /") || strings.Contains(out, "chgrp") {
		t.Errorf("must never open / to group 0:\n%s", out)
	}
	if len(findings) != 1 || findings[0].Fix != nil || !strings.Contains(findings[0].Message, "WORKDIR /") {
		t.Errorf("findings = %v", findings)
	}
}

func TestPermissionsShellless(t *testing.T) {
	src := `FROM golang:1.22 AS build
RUN go build -o /out/app .
FROM scratch
COPY --from=build /out/app /app
WORKDIR /data
COPY --from=build /out/static /data/static
COPY --from=build --chown=65532:65532 /out/db /data/db
`
	out, _ := permRunRules(t, src, permOnly123)
	if !strings.Contains(out, "COPY --from=build --chown=1001:0 /out/static /data/static") {
		t.Errorf("no --chown=<uid>:0:\n%s", out)
	}
	if !strings.Contains(out, "--chown=65532:0 /out/db") {
		t.Errorf("the existing --chown must get group 0:\n%s", out)
	}
	final := out[strings.Index(out, "FROM scratch"):]
	if strings.Contains(final, "RUN ") || strings.Contains(out, "--chmod") || strings.Contains(out, "COPY --from=build --chown=1001:0 /out/app") {
		t.Errorf("classic builder, no shell: only --chown on COPYs into the app's directories:\n%s", out)
	}
	bk, _ := permRunRules(t, "# syntax=docker/dockerfile:1\n"+src, permOnly123)
	if !strings.Contains(bk, "--chown=1001:0 --chmod=775 /out/static") || !strings.Contains(bk, "--chown=65532:0 --chmod=775 /out/db") {
		t.Errorf("BuildKit: --chmod=775 expected:\n%s", bk)
	}
	flag, _ := permRunRules(t, src, Options{Only: permOnly123.Only, BuildKit: true})
	if !strings.Contains(flag, "--chmod=775") {
		t.Errorf("--buildkit: --chmod=775 expected:\n%s", flag)
	}
}

func TestPermissionsRecognisesExistingFixes(t *testing.T) {
	for name, src := range map[string]string{
		"openshift guideline":  "FROM debian\nWORKDIR /app\nCOPY . .\nRUN chgrp -R 0 /app && chmod -R g=u /app\nUSER 1001\n",
		"guideline on parent":  "FROM debian\nWORKDIR /srv/app\nCOPY . .\nRUN chgrp -R 0 /srv && chmod -R g+rwX /srv\nUSER 1001\n",
		"chown uid:0 then g+w": "FROM debian\nWORKDIR /app\nCOPY . .\nRUN chown -R 1001:0 /app && chmod -R g+w /app\nUSER 1001\n",
		"root files g+w":       "FROM debian\nWORKDIR /app\nCOPY . .\nRUN chmod -R 775 /app\nUSER 1001\n",
		"empty dir mode":       "FROM debian\nRUN mkdir -p -m 2775 /var/lib/app\nUSER 1001\n",
		"unroot's own find":    "FROM debian\nWORKDIR /app\nCOPY . .\nRUN find /app -type d \\( ! -group 0 -o ! -perm -2070 \\) -exec chgrp 0 {} + -exec chmod g+rwxs {} +\nUSER 1001\n",
	} {
		t.Run(name, func(t *testing.T) {
			doc := appdirsParse(t, src)
			res, err := Run(doc, Options{Only: []string{"UR002"}})
			if err != nil {
				t.Fatal(err)
			}
			if res.Changed() || len(res.Findings) != 0 {
				t.Errorf("changed a file that is already fixed: %v\n%s", res.Findings, res.Output)
			}
		})
	}
}

func TestPermissionsIncompleteHumanFixes(t *testing.T) {
	for name, src := range map[string]string{
		"fix before the last COPY": "FROM debian\nWORKDIR /app\nRUN chgrp -R 0 /app && chmod -R g=u /app\nCOPY . .\nUSER 1001\n",
		"g+w but group app":        "FROM debian\nRUN useradd -m app\nWORKDIR /app\nCOPY . .\nRUN chown -R app:app /app && chmod -R g+w /app\nUSER app\n",
		"chmod without write":      "FROM debian\nWORKDIR /app\nCOPY . .\nRUN chmod -R 755 /app\nUSER 1001\n",
	} {
		t.Run(name, func(t *testing.T) {
			out, _ := permRunRules(t, src, Options{Only: []string{"UR002"}})
			if !strings.Contains(out, "find /app -type d") {
				t.Errorf("an incomplete fix must be completed:\n%s", out)
			}
		})
	}
}

// TestPermissionsNeverWorldWritable checks every fix on a set of inputs:
// no o+w, no 777, no chgrp/chmod of a system directory.
func TestPermissionsNeverWorldWritable(t *testing.T) {
	inputs := []string{
		"FROM debian\nWORKDIR /app\nCOPY . .\n",
		"FROM debian\nRUN mkdir -p /var/lib/app /etc/app /usr/local/app\nVOLUME /var/lib/app\n",
		"FROM debian\nRUN mkdir -p -m 700 /root/.jupyter && echo x > /root/.jupyter/c.py\nVOLUME /nb\nWORKDIR /nb\n",
		"FROM debian\nRUN useradd -m -u 1000 app\nCOPY --chown=app:app . /home/app/src\nUSER app\n",
		"FROM debian\nWORKDIR /usr/local\nCOPY x /var/\nVOLUME /var /etc\n",
	}
	bad := regexp.MustCompile(`o\+w|a\+w|777|chmod [0-7]*[2367] |(chgrp|chmod)( -R)? [^&]* (/|/usr|/etc|/var|/bin|/lib|/usr/local)( |$)|find (/|/usr|/etc|/var|/usr/local) `)
	for _, src := range inputs {
		doc := appdirsParse(t, src)
		res, err := Run(doc, Options{Only: []string{"UR002", "UR003"}})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range res.Edits {
			if m := bad.FindString(e.Text); m != "" {
				t.Errorf("unsafe fix %q in %q", m, e.Text)
			}
		}
	}
}

func TestPermissionsSizeStrategy(t *testing.T) {
	// A COPY's files are never touched by a later RUN: the new RUN changes
	// directories only (-type d), never the files a COPY wrote.
	out, _ := permRunRules(t, "FROM debian\nWORKDIR /app\nCOPY . .\nRUN pip install .\nCOPY static/ static/\n", Options{Only: []string{"UR002"}})
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "-R") {
			t.Errorf("recursive chgrp/chmod over copied files would store them twice: %q", l)
		}
	}
	if !strings.Contains(out, "find /app -type d") {
		t.Errorf("no directory fix:\n%s", out)
	}
}

func TestPermissionsDirFlag(t *testing.T) {
	out, findings := permRunRules(t, "FROM nginx:1.25\nCOPY html/ /usr/share/nginx/html/\n", Options{Only: []string{"UR002"}, Dirs: []string{"/var/cache/nginx", "/var"}})
	if !strings.Contains(out, "mkdir -p /var/cache/nginx") || strings.Contains(out, "find /var ") {
		t.Errorf("--dir: %s", out)
	}
	seen := false
	for _, f := range findings {
		seen = seen || strings.Contains(f.Message, "--dir /var is a system directory")
	}
	if !seen {
		t.Errorf("findings = %v", findings)
	}
}

func TestPermissionsFoldLineStyle(t *testing.T) {
	// A one-line RUN stays one line when the fix is short, and CRLF files
	// get CRLF continuation lines.
	out, _ := permRunRules(t, "FROM debian\nRUN mkdir /d\n", Options{Only: []string{"UR002"}})
	if !strings.Contains(out, "RUN mkdir /d && \\\n    find /d -type d") {
		t.Errorf("long fix on a one-line RUN:\n%s", out)
	}
	crlf := "FROM debian\r\nRUN mkdir -p /srv/a && \\\r\n    echo x > /srv/a/f\r\n"
	doc, err := parser.Parse("Dockerfile", []byte(crlf))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(doc, Options{Only: []string{"UR002"}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(strings.ReplaceAll(string(res.Output), "\r\n", ""), "\n") {
		t.Errorf("LF in a CRLF file: %q", res.Output)
	}
}
