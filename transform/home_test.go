package transform

import (
	"strings"
	"testing"
)

func TestHomeSetBeforeFinalUser(t *testing.T) {
	out, findings := permRunRules(t, `FROM debian:bookworm
RUN useradd -m -u 1000 app
WORKDIR /app
COPY . .
USER app
CMD ["app"]
`, permOnly123)
	env := permLineIndex(t, out, "ENV HOME=/home/app")
	if env > permLineIndex(t, out, "USER 1000") || env < permLineIndex(t, out, "COPY . .") {
		t.Errorf("ENV HOME must go with the root part, before the final USER:\n%s", out)
	}
	var home *Finding
	for i := range findings {
		if findings[i].Rule == "UR003" {
			home = &findings[i]
		}
	}
	if home == nil || home.Fix == nil || !strings.Contains(home.Message, "home of app") {
		t.Errorf("UR003 finding = %v", home)
	}
	// UR002 opens the home, in the RUN that creates it.
	if !strings.Contains(out, "useradd -m -u 1000 app && \\\n    find /home/app -type d") {
		t.Errorf("home not opened to group 0 where it is made:\n%s", out)
	}
}

func TestHomeExistingIsLeftAlone(t *testing.T) {
	src := "FROM debian:bookworm\nENV HOME=/srv/home\nRUN mkdir -p /srv/home && chgrp -R 0 /srv/home && chmod -R g=u /srv/home\nUSER 1001\n"
	doc := appdirsParse(t, src)
	res, err := Run(doc, Options{Only: []string{"UR002", "UR003"}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Changed() || len(res.Findings) != 0 {
		t.Errorf("a correct ENV HOME was changed: %v\n%s", res.Findings, res.Output)
	}
}

func TestHomeExistingIsOpened(t *testing.T) {
	out, _ := permRunRules(t, "FROM debian:bookworm\nENV HOME=/srv/home\nRUN mkdir -p /srv/home\nUSER 1001\n", Options{Only: []string{"UR003"}})
	if strings.Count(out, "ENV HOME") != 1 {
		t.Errorf("ENV HOME must not be repeated:\n%s", out)
	}
	if !strings.Contains(out, "RUN mkdir -p /srv/home && \\\n    find /srv/home -type d") {
		t.Errorf("UR003 alone must open HOME to group 0:\n%s", out)
	}
}

func TestHomeRootConfigurationKept(t *testing.T) {
	src := `FROM debian:bookworm
RUN mkdir -p -m 700 /root/.jupyter/ && \
    echo "c.NotebookApp.ip = '*'" >> /root/.jupyter/jupyter_notebook_config.py
VOLUME /notebooks
WORKDIR /notebooks
CMD ["jupyter", "notebook"]
`
	for _, only := range [][]string{{"UR001", "UR002", "UR003"}, {"UR001", "UR003"}} {
		out, _ := permRunRules(t, src, Options{Only: only})
		if !strings.Contains(out, "ENV HOME=/root\n") {
			t.Errorf("%v: HOME must stay at /root where the configuration is:\n%s", only, out)
		}
		for _, want := range []string{"chgrp -R 0 /root/.jupyter", "chmod -R g=u /root/.jupyter", " /root -type d", "-exec chmod g+rwxs"} {
			if !strings.Contains(out, want) {
				t.Errorf("%v: output lacks %q:\n%s", only, want, out)
			}
		}
		fold := permLineIndex(t, out, "find /")
		if fold > permLineIndex(t, out, "VOLUME /notebooks") {
			t.Errorf("%v: fixes must be folded before the VOLUME:\n%s", only, out)
		}
		if strings.Count(out, "RUN ") != 1 {
			t.Errorf("%v: no RUN may be added:\n%s", only, out)
		}
	}
}

func TestHomeProblems(t *testing.T) {
	for name, tc := range map[string]struct{ src, want string }{
		"slash":             {"FROM debian\nENV HOME=/\nWORKDIR /app\n", "ENV HOME=/ is a system directory"},
		"nothing, no shell": {"FROM scratch\nCOPY run /usr/local/bin/run\n", "no directory of the app's own"},
	} {
		t.Run(name, func(t *testing.T) {
			doc := appdirsParse(t, tc.src)
			res, err := Run(doc, Options{Only: []string{"UR003"}})
			if err != nil {
				t.Fatal(err)
			}
			if res.Changed() || len(res.Findings) != 1 || !strings.Contains(res.Findings[0].Message, tc.want) {
				t.Errorf("findings = %v\n%s", res.Findings, res.Output)
			}
		})
	}
}
