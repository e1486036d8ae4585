package parser

import (
	"reflect"
	"testing"
)

func TestAnalyzeRunFinds(t *testing.T) {
	tests := []struct {
		script string
		want   []Find
	}{
		{`find /app /data -type d -exec chmod g+rwx {} + -exec chgrp 0 {} \;`,
			[]Find{{Roots: []string{"/app", "/data"}, Chmods: []string{"g+rwx"}, ExecGroups: []string{"0"}, DirsOnly: true}}},
		{`cd /srv && find . -exec chown app:root {} +`, []Find{{Roots: []string{"/srv"}, ExecGroups: []string{"root"}}}},
		{`find -L -exec chmod -w {} +`, []Find{{Roots: []string{"."}, Chmods: []string{"-w"}}}},
		{`D=/opt/x; sudo find "$D" -exec chmod 775 {} +`, []Find{{Roots: []string{"/opt/x"}, Chmods: []string{"775"}}}},
		{`find /app -name '*.pyc' -delete`, nil}, // changes no mode or group
	}
	for _, tt := range tests {
		f, err := AnalyzeRun(tt.script, nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.script, err)
		}
		for i := range f.Finds {
			f.Finds[i].Start, f.Finds[i].End = 0, 0
		}
		if !reflect.DeepEqual(f.Finds, tt.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.script, f.Finds, tt.want)
		}
	}
}

func TestAnalyzeRunRemoves(t *testing.T) {
	env := func(name string) (string, bool) { return map[string]string{"B": "/build"}[name], name == "B" }
	f, err := AnalyzeRun(`rm -rf $B /tmp/*.tgz "$UNKNOWN" && cd /opt && rm --recursive src; rm -f /etc/x`, env)
	if err != nil {
		t.Fatal(err)
	}
	var got []Remove
	for _, r := range f.Removes {
		r.Start, r.End = 0, 0
		got = append(got, r)
	}
	want := []Remove{{Paths: []string{"/build"}, Recursive: true}, {Paths: []string{"/opt/src"}, Recursive: true}, {Paths: []string{"/etc/x"}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestAnalyzeRunPaths(t *testing.T) {
	script := "cd /app/x && tar -C \"/opt/y/\" -xf a.tgz; echo $HOME/z /usr/bin:/bin # /not/a/word\ncat > /etc/c <<EOF\n/in/body\nEOF"
	f, err := AnalyzeRun(script, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range f.Paths {
		if script[m.Offset] != '/' {
			t.Errorf("offset %d of %s does not point at it", m.Offset, m.Path)
		}
		got = append(got, m.Path)
	}
	want := []string{"/app/x", "/opt/y", "/usr/bin", "/bin", "/etc/c", "/in/body"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	// A script the grammar cannot read still names its paths.
	if got := ScriptPathMentions(`if then /app/a "/my dir" (`); len(got) != 2 || got[1].Path != "/my dir" {
		t.Errorf("ScriptPathMentions = %+v", got)
	}
}

func TestAnalyzeRunHomeConfig(t *testing.T) {
	for script, want := range map[string]bool{
		`git config --global user.name x`:        true,
		`pip3 config set global.index-url x`:     true,
		`echo x >> ~/.bashrc`:                    true,
		`cp a.conf ${HOME}/.config/a.conf`:       true,
		`sudo -u app npm config set prefix /x`:   true,
		`git config user.name x`:                 false,
		`mv $HOME/.local/bin/x /usr/local/bin/x`: false,
		`touch ~/.hushlogin`:                     true,
		`echo ~/.bashrc > /tmp/x; cp a /etc/a`:   false,
		`touch /root/.x && echo "$HOME/" > /tmp`: false,
	} {
		f, err := AnalyzeRun(script, nil)
		if err != nil {
			t.Fatal(err)
		}
		if f.HomeConfig != want {
			t.Errorf("%s: HomeConfig = %v, want %v", script, f.HomeConfig, want)
		}
	}
}

func TestAnalyzeRunUnconditional(t *testing.T) {
	script := `apt-get install -y a && (apt-get install -y b || true); if x; then apk add c; fi; yum install -y d | tee log; dnf install -y e`
	f, err := AnalyzeRun(script, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []bool
	for _, in := range f.Installs {
		got = append(got, in.Unconditional)
	}
	if want := []bool{true, false, false, false, true}; !reflect.DeepEqual(got, want) {
		t.Errorf("Unconditional = %v, want %v", got, want)
	}
}

func TestGrantsGroupWrite(t *testing.T) {
	for mode, want := range map[string]bool{
		"g+w": true, "g=u": true, "g+rwX": true, "ug+rw": true, "a+w": true, "+w": false, "+rwx": false, "g=rwx": true,
		"775": true, "2775": true, "0664": true, "770": true, "0020": true,
		"755": false, "644": false, "0700": false, "u+w": false, "o+w": false, "g-w": false, "g+r": false,
		"g=rx": false, "g+w,g-w": false, "": false, "u=rwx,go=rx": false, "u=rwx,g=rwx,o=rx": true,
	} {
		if got := GrantsGroupWrite(mode); got != want {
			t.Errorf("GrantsGroupWrite(%q) = %v, want %v", mode, got, want)
		}
	}
}

func TestUnconditional(t *testing.T) {
	cases := map[string]bool{
		"apt-get install -y a":                         true,
		"set -e; apt-get update; apt-get install -y a": true,
		"{ apt-get install -y a; }":                    true,
		"(apt-get install -y a)":                       true,
		"true && apt-get install -y a && true":         true,
		"apt-get install -y a || true":                 false,
		"false || apt-get install -y a":                false,
		"! apt-get install -y a":                       false,
		"apt-get install -y a &":                       false,
		"apt-get install -y a | cat":                   false,
		"if true; then apt-get install -y a; fi":       false,
		"for p in x; do apt-get install -y a; done":    false,
		"case x in x) apt-get install -y a;; esac":     false,
	}
	for script, want := range cases {
		f, err := AnalyzeRun(script, nil)
		if err != nil || len(f.Installs) != 1 {
			t.Fatalf("%q: %v, %+v", script, err, f)
		}
		if got := f.Installs[0].Unconditional; got != want {
			t.Errorf("%q: Unconditional = %v", script, got)
		}
	}
}

func TestAnalyzeRunAptListsAndRemoves(t *testing.T) {
	script := `apt-get -o A=b update && apt-get install -y -d a && rm -rf /var/lib/apt/lists/* && apt-get purge -y $(cat /tmp/new) && apk add --root /x b`
	f, err := AnalyzeRun(script, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.AptLists) != 2 || !f.AptLists[0].Present || f.AptLists[1].Present || f.AptLists[0].Offset >= f.AptLists[1].Offset {
		t.Errorf("AptLists = %+v", f.AptLists)
	}
	if len(f.ComputedRemoves) != 1 || script[f.ComputedRemoves[0]:][:12] != "apt-get purg" {
		t.Errorf("ComputedRemoves = %v", f.ComputedRemoves)
	}
	if len(f.Installs) != 2 || !f.Installs[0].Elsewhere || !f.Installs[1].Elsewhere {
		t.Errorf("Installs = %+v", f.Installs)
	}
	g, _ := AnalyzeRun(`apt-get install -y --no-install-recommends a && apt-get remove -y b`, nil)
	if g.Installs[0].Elsewhere || len(g.ComputedRemoves) != 0 {
		t.Errorf("plain install and remove: %+v", g)
	}
}

func TestUserWords(t *testing.T) {
	env := func(name string) (string, bool) {
		v, ok := map[string]string{"APP_USER": "svc", "APP_UID": "2000"}[name]
		return v, ok
	}
	for script, want := range map[string][3]string{
		`useradd -u ${APP_UID} -m ${APP_USER}`:            {"${APP_USER}", "${APP_UID}", ""},
		`useradd --uid="$APP_UID" -d /srv/$APP_USER app`:  {"app", `"$APP_UID"`, "/srv/$APP_USER"},
		`adduser -D -u $APP_UID -h /home/x ${APP_USER}`:   {"${APP_USER}", "$APP_UID", "/home/x"},
		`adduser --disabled-password --uid 7 "$APP_USER"`: {`"$APP_USER"`, "7", ""},
	} {
		f, err := AnalyzeRun(script, env)
		if err != nil || len(f.Users) != 1 {
			t.Fatalf("%s: %v %+v", script, err, f)
		}
		u := f.Users[0]
		if got := [3]string{u.NameWord, u.UIDWord, u.HomeWord}; got != want {
			t.Errorf("%s: words %q, want %q", script, got, want)
		}
	}
}

func TestAnalyzeRunErrExit(t *testing.T) {
	for script, want := range map[string]bool{
		"set -eux\napt-get update":      true,
		"set -o errexit; true":          true,
		"set -e; set +e; true":          false,
		"set -x\ntrue":                  false,
		"apt-get update":                false,
		"set -- -e a b":                 false,
		"set -euo pipefail\nmkdir /x\n": true,
		"set -e\nif x; then set +e; fi": false,
	} {
		f, err := AnalyzeRun(script, nil)
		if err != nil {
			t.Fatal(err)
		}
		if f.ErrExit != want {
			t.Errorf("%q: ErrExit = %v, want %v", script, f.ErrExit, want)
		}
	}
}
