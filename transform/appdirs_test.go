package transform

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/unroot/unroot/parser"
)

func appdirsParse(t *testing.T, src string) *parser.Document {
	t.Helper()
	doc, err := parser.Parse("Dockerfile", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func appdirsTarget(t *testing.T, doc *parser.Document, opts Options) *Target {
	t.Helper()
	tg, err := NewTarget(doc, opts)
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

func TestAppdirsIsSystemPath(t *testing.T) {
	for p, want := range map[string]bool{
		"/": true, "/usr": true, "/etc": true, "/var": true, "/bin": true, "/lib": true, "/usr/local": true,
		"/etc/nginx": true, "/usr/local/bin": true, "/usr/lib/python3": true, "/tmp/build": true, "/home": true,
		"/app": false, "/usr/src/app": false, "/var/www/html": false, "/var/lib/app": false, "/opt/app": false,
		"/home/app": false, "/root": false, "/srv/data": false, "/var/cache/nginx": false, "/var/log/app": false,
		"/usr/share/nginx/html": true, "/var/lib/dpkg/info": true,
	} {
		if got := isSystemPath(p); got != want {
			t.Errorf("isSystemPath(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestAppdirsCopyDestination(t *testing.T) {
	doc := appdirsParse(t, `FROM debian:bookworm
WORKDIR /app
COPY . .
COPY requirements.txt .
COPY package.json package-lock.json ./
COPY src /srv/src
COPY config.yml /etc/app/config.yml
COPY --from=build /out/server /usr/local/bin/server
COPY static/ static
COPY *.py /app/lib
ARG DEST=/data
COPY data ${DEST}/
`)
	sf := newStageFacts(doc, doc.FinalStage())
	type res struct {
		p     string
		isDir bool
	}
	want := []res{
		{"/app", true}, {"/app", true}, {"/app", true}, {"/srv/src", true},
		{"/etc/app/config.yml", false}, {"/usr/local/bin/server", true}, {"/app/static", true}, {"/app/lib", true},
		{"/data", true},
	}
	var got []res
	for _, ins := range doc.FinalStage().Instructions {
		if ins.Keyword == "copy" {
			p, d := copyDestination(sf, ins)
			got = append(got, res{p, d})
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("copy destinations:\n got %v\nwant %v", got, want)
	}
}

func TestAppdirsAppDirectories(t *testing.T) {
	doc := appdirsParse(t, `FROM debian:bookworm AS base
WORKDIR /opt/base
FROM base
RUN useradd -m -u 1000 app
RUN mkdir -p /srv/uploads /etc/app /root/.cache && mkdir /build && rm -rf /build
RUN mkdir -p /tmp/x /var/log/app
WORKDIR /
WORKDIR app
COPY . .
COPY entrypoint.sh /usr/local/bin/
VOLUME ["/data"]
ENV HOME=/home/app
USER app
RUN mkdir -p /home/app/by-app
`)
	tg := appdirsTarget(t, doc, Options{})
	dirs, roots := appDirectories(newStageFacts(doc, tg.Stage), tg, map[string]dirSource{"/extra": {Kind: "--dir"}, "/": {Kind: "--dir"}})
	var paths []string
	kinds := map[string][]string{}
	for _, d := range dirs {
		paths = append(paths, d.Path)
		for _, s := range d.Sources {
			kinds[d.Path] = append(kinds[d.Path], s.Kind)
		}
	}
	want := []string{"/app", "/data", "/extra", "/home/app", "/opt/base", "/srv/uploads", "/var/log/app"}
	if !reflect.DeepEqual(paths, want) {
		t.Errorf("app dirs = %v, want %v", paths, want)
	}
	if got := kinds["/app"]; !reflect.DeepEqual(got, []string{"WORKDIR", "COPY"}) {
		t.Errorf("/app sources = %v", got)
	}
	if got := kinds["/home/app"]; !reflect.DeepEqual(got, []string{"HOME", "home"}) {
		t.Errorf("/home/app sources = %v", got)
	}
	if len(roots) != 1 || roots[0].StartLine != 7 {
		t.Errorf("WORKDIR / instructions = %v, want the one on line 7", roots)
	}
	for _, d := range dirs {
		if d.Path == "/opt/base" && !d.inherited() {
			t.Error("/opt/base comes from the parent stage and must be marked inherited")
		}
		if d.Path == "/app" && d.inherited() {
			t.Error("/app is not inherited")
		}
	}
}

func TestAppdirsResolveRunChanges(t *testing.T) {
	doc := appdirsParse(t, `FROM debian:bookworm
ENV D=/srv
WORKDIR /app
RUN find . "$D/x" -type d \( ! -group 0 -o ! -perm -2070 \) -exec chgrp 0 {} + -exec chmod g+rwxs {} + && rm -rf /tmp/b build && rm -f /app/keep
`)
	ins := doc.FinalStage().Instructions[2]
	sf := resolveRunChanges(ins, "/app")
	if len(sf.finds) != 1 {
		t.Fatalf("finds = %+v", sf.finds)
	}
	f := sf.finds[0]
	if !reflect.DeepEqual(f.Roots, []string{"/app", "/srv/x"}) || !f.DirsOnly || !f.Chgrp0 || !reflect.DeepEqual(f.Chmods, []string{"g+rwxs"}) {
		t.Errorf("find = %+v", f)
	}
	if !reflect.DeepEqual(sf.removes, []string{"/tmp/b", "/app/build"}) {
		t.Errorf("removes = %v", sf.removes)
	}
}

func TestAppdirsChooseHome(t *testing.T) {
	for _, tc := range []struct {
		name, src, want, problem string
		dirs                     []string
		existing                 bool
	}{
		{name: "existing", src: "FROM debian\nENV HOME=/srv/home\nUSER 1001\n", want: "/srv/home", existing: true},
		{name: "existing root is kept", src: "FROM debian\nENV HOME=/root\n", want: "/root", existing: true},
		{name: "existing slash", src: "FROM debian\nENV HOME=/\n", want: "/", existing: true, problem: "system directory"},
		{name: "user home", src: "FROM debian\nRUN useradd -m -d /home/svc svc\nWORKDIR /app\nUSER svc\n", want: "/home/svc"},
		{name: "user without home", src: "FROM debian\nRUN useradd -M svc\nWORKDIR /app\nUSER svc\n", want: "/app"},
		{name: "root config", src: "FROM debian\nRUN mkdir -p /root/.jupyter && echo x > /root/.jupyter/c.py\nWORKDIR /nb\n", want: "/root"},
		{name: "root ssh is not configuration", src: "FROM debian\nRUN mkdir -p /root/.ssh && ssh-keyscan h > /root/.ssh/known_hosts\nWORKDIR /app\n", want: "/app"},
		{name: "root cleanup is not configuration", src: "FROM debian\nRUN pip install x && rm -rf /root/.cache\nWORKDIR /app\n", want: "/app"},
		{name: "workdir", src: "FROM debian\nWORKDIR /app\nCOPY . .\n", want: "/app"},
		{name: "mkdir before copy", src: "FROM debian\nCOPY a /opt/a/\nRUN mkdir -p /var/lib/svc\n", want: "/var/lib/svc"},
		{name: "--dir first", src: "FROM debian\nRUN mkdir -p /var/lib/svc\n", dirs: []string{"/var/cache/svc"}, want: "/var/cache/svc"},
		{name: "none: a new home", src: "FROM debian\nCOPY app /usr/local/bin/app\n", want: DefaultHome},
		{name: "none, no shell", src: "FROM scratch\nCOPY app /usr/local/bin/app\n", problem: "no directory"},
		{name: "workdir /srv", src: "FROM debian\nCOPY app.py /srv/app.py\nWORKDIR /srv\n", want: "/srv"},
		{name: "config under /root", src: "FROM maven:3\nARG H=/root\nENV MAVEN_CONFIG=$H/.m2\n", want: "/root"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := appdirsParse(t, tc.src)
			opts := Options{Dirs: tc.dirs}
			tg := appdirsTarget(t, doc, opts)
			hc := chooseHome(newStageFacts(doc, tg.Stage), tg, opts)
			if hc.Path != tc.want || hc.Existing != tc.existing {
				t.Errorf("home = %q (existing %v), want %q (existing %v)", hc.Path, hc.Existing, tc.want, tc.existing)
			}
			if (tc.problem == "") != (hc.Problem == "") || !strings.Contains(hc.Problem, tc.problem) {
				t.Errorf("problem = %q, want %q", hc.Problem, tc.problem)
			}
		})
	}
}

func TestAppdirsStageWithoutShell(t *testing.T) {
	for src, want := range map[string]bool{
		"FROM scratch\nCOPY a /a\n":                                           true,
		"FROM gcr.io/distroless/static-debian12\nCOPY a /a\n":                 true,
		"FROM gcr.io/distroless/static-debian12:debug\nCOPY a /a\n":           false,
		"FROM mcr.microsoft.com/dotnet/runtime:8.0-jammy-chiseled\n":          true,
		"FROM debian:bookworm\nCOPY a /a\n":                                   false,
		"FROM gcr.io/distroless/base\nRUN [\"/busybox/sh\", \"-c\", \"x\"]\n": false,
	} {
		doc := appdirsParse(t, src)
		if got := stageWithoutShell(doc.FinalStage()); got != want {
			t.Errorf("stageWithoutShell(%q) = %v, want %v", src, got, want)
		}
	}
}

func TestAppdirsQuoteShellPath(t *testing.T) {
	for in, want := range map[string]string{"/app": "/app", "/my app": "'/my app'", "/a'b": `'/a'\''b'`, "/x-1.2/y_z": "/x-1.2/y_z"} {
		if got := quoteShellPath(in); got != want {
			t.Errorf("quoteShellPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAppdirsOutermostPaths(t *testing.T) {
	got := outermostPaths([]string{"/b/c", "/a", "/b", "/a/x", "/ab", "/b"})
	if want := []string{"/a", "/ab", "/b"}; !slices.Equal(got, want) {
		t.Errorf("outermostPaths = %v, want %v", got, want)
	}
}
