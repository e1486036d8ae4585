package transform

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/unroot/unroot/parser"
	"mvdan.cc/sh/v3/syntax"
)

func installTarget(t *testing.T, src string) (*parser.Document, *Target) {
	t.Helper()
	doc := epParse(t, src)
	target, err := NewTarget(doc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return doc, target
}

func TestPlanTiniFolds(t *testing.T) {
	cases := []struct {
		name, src string
		line      int    // line of the install tini is added to (0: none)
		want      string // the install command's text after the edit
	}{
		{"apt one line", "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n",
			2, "apt-get install -y curl tini && rm"},
		{"apt one package a line keeps the layout", "FROM debian:bookworm\nRUN apt-get update \\\n && apt-get install -y \\\n      curl \\\n      git \\\n && true\n",
			2, "      git \\\n      tini \\\n && true"},
		{"apk: not the --virtual one", "FROM alpine:3.20\nRUN apk add --no-cache --virtual .deps gcc && apk add --no-cache curl && apk del .deps\n",
			2, "apk add --no-cache curl tini && apk del"},
		{"apk: only --virtual", "FROM alpine:3.20\nRUN apk add --no-cache -t .deps gcc && make && apk del .deps\n", 0, ""},
		{"apt-mark auto", "FROM debian:bookworm\nRUN apt-get install -y gcc; apt-mark auto '.*'; apt-get purge -y --auto-remove\n", 0, ""},
		{"inside if", "FROM debian:bookworm\nRUN if [ -n \"$X\" ]; then apt-get install -y gdb; fi\n", 0, ""},
		{"after ||", "FROM debian:bookworm\nRUN apt-get install -y a || true\n", 0, ""},
		{"in a pipeline", "FROM debian:bookworm\nRUN apt-get install -y a | tee /log\n", 0, ""},
		{"in a function", "FROM debian:bookworm\nRUN f() { apt-get install -y a; }; f\n", 0, ""},
		{"second command of && is fine", "FROM debian:bookworm\nRUN apt-get update && apt-get install -y a\n", 2, "apt-get install -y a tini\n"},
		{"packages only from a variable", "FROM debian:bookworm\nARG PKGS=\"a b\"\nRUN apt-get install -y $PKGS\n", 0, ""},
		{"run as a non-root user", "FROM debian:bookworm\nUSER app\nRUN apt-get install -y a\nUSER root\n", 0, ""},
		{"run as root again", "FROM debian:bookworm\nUSER app\nUSER 0:0\nRUN apt-get update && apt-get install -y a\n", 4, "apt-get install -y a tini\n"},
		{"no package lists", "FROM debian:bookworm\nRUN apt-get install -y a\n", 0, ""},
		{"download only", "FROM debian:bookworm\nRUN apt-get update && apt-get install -y --download-only a\n", 0, ""},
		{"computed purge", "FROM debian:bookworm\nRUN apt-get update && apt-get install -y a && apt-get remove --purge -y $(cat /tmp/new)\n", 0, ""},
		{"plain purge", "FROM debian:bookworm\nRUN apt-get update && apt-get install -y a gcc && apt-get purge -y gcc\n", 2, "apt-get install -y a gcc tini"},
		{"another root", "FROM alpine:3.20\nRUN apk --root /rootfs --initdb add busybox\n", 0, ""},
		{"exec form", "FROM debian:bookworm\nRUN [\"apt-get\", \"install\", \"-y\", \"a\"]\n", 0, ""},
		{"other manager", "FROM debian:bookworm\nRUN pip install flask\n", 0, ""},
		{"builder stage untouched", "FROM debian:bookworm AS b\nRUN apt-get install -y gcc\nFROM debian:bookworm\nCOPY --from=b /x /x\n", 0, ""},
		{"EPEL first", "FROM rockylinux:9\nRUN dnf install -y nginx && dnf install -y epel-release && dnf install -y jq\n",
			2, "dnf install -y jq tini\n"},
		{"Fedora", "FROM fedora:40\nRUN dnf install -y redis\n", 2, "dnf install -y redis tini\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, target := installTarget(t, c.src)
			p := planTini(doc, target)
			if c.line == 0 {
				if p.Way == wayFold {
					t.Fatalf("folded into line %d", p.Fold.Ins.StartLine)
				}
				return
			}
			if p.Way != wayFold {
				t.Fatalf("not folded: %+v", p)
			}
			if p.Fold.Ins.StartLine != c.line {
				t.Errorf("folded into line %d, want %d", p.Fold.Ins.StartLine, c.line)
			}
			out := epApply(doc, p.Fold.edit("tini", orderTiniPackage))
			if !strings.Contains(out, c.want) {
				t.Errorf("output lacks %q:\n%s", c.want, out)
			}
			// The project's own analyzer must see tini installed now.
			doc2 := epParse(t, out)
			if bin, _, ok := tiniInstalled(doc2, doc2.FinalStage()); !ok || !strings.HasSuffix(bin, "/tini") {
				t.Errorf("tini not seen as installed in the output (%q)", bin)
			}
		})
	}
}

func TestPlanTiniWays(t *testing.T) {
	cases := []struct {
		src  string
		way  pkgWay
		bin  string
		word string // in Why
	}{
		{"FROM debian:bookworm\nCOPY a /a\n", wayNew, "/usr/bin/tini", ""},
		{"FROM alpine:3.20\nCOPY a /a\n", wayNew, "/sbin/tini", ""},
		{"FROM registry.access.redhat.com/ubi9/ubi\nRUN dnf install -y python3\n", wayDownload, tiniDownloadBin, "EPEL"},
		{"FROM opensuse/leap:15.6\nRUN zypper install -y python3\n", wayDownload, tiniDownloadBin, "no tini package"},
		{"FROM ubuntu:16.04\nRUN apt-get install -y curl\n", wayDownload, tiniDownloadBin, ""},
		{"FROM busybox\nCOPY a /a\n", wayDownload, tiniDownloadBin, "no package manager"},
		{"FROM gcr.io/distroless/static:debug\nRUN ln -s /busybox/sh /bin/sh\n", wayDownload, tiniDownloadBin, "no package manager"},
		{"FROM example.invalid/app:1\nRUN curl -fsSLo /x https://example.invalid/x\n", wayDownload, tiniDownloadBin, "no package manager"},
		{"FROM example.invalid/app:1\nRUN echo hi\n", wayAdd, tiniDownloadBin, "no package manager"},
		{"FROM debian:stretch-slim\nCOPY a /a\n", wayAdd, tiniDownloadBin, "not packaged"},
		{"FROM --platform=linux/s390x busybox\nCOPY a /a\n", wayNone, "", "not linux/s390x"},
		{"ARG ARCH=amd64\nFROM quay.io/prometheus/busybox-linux-${ARCH}:latest\nCOPY a /a\n", wayNone, "", "per architecture ($ARCH)"},
		{"FROM debian:bookworm\nRUN apt-get install -y tini\n", wayPresent, "/usr/bin/tini", "line 2"},
		{"FROM alpine\nADD https://example.invalid/tini-static /usr/local/sbin/\n", wayPresent, "/usr/local/sbin/tini-static", "line 2"},
	}
	for _, c := range cases {
		doc, target := installTarget(t, c.src)
		p := planTini(doc, target)
		why := p.Why
		if p.Way == wayDownload || p.Way == wayAdd {
			why = p.Reason
		}
		if p.Way != c.way || p.Binary != c.bin || !strings.Contains(why, c.word) {
			t.Errorf("%q: %+v; want way %d, binary %q, why with %q", c.src, p, c.way, c.bin, c.word)
		}
	}
}

func TestPlanNSSWrapperPackages(t *testing.T) {
	for image, want := range map[string]string{
		"debian:bookworm": "libnss-wrapper", "alpine:3.20": "nss_wrapper", "fedora:40": "nss_wrapper-libs",
		"registry.access.redhat.com/ubi9/ubi-minimal": "nss_wrapper-libs", "centos:7": "nss_wrapper", "busybox": "",
	} {
		doc, target := installTarget(t, "FROM "+image+"\nCOPY a /a\n")
		p := planNSSWrapper(doc, target)
		if p.Package != want || (want == "") != (p.Way == wayNone) {
			t.Errorf("%s: %+v, want package %q", image, p, want)
		}
	}
}

// The commands of a new install must be read back by the project's own
// analyzer as installing the packages (that is how a second run knows).
func TestInstallCommandsAreRecognised(t *testing.T) {
	for _, mgr := range []string{"apt", "apk", "dnf", "microdnf", "yum", "zypper"} {
		script := strings.Join(installCommands(mgr, []string{"tini", "pkg-b"}), " && ")
		facts, err := parser.AnalyzeRun(script, func(string) (string, bool) { return "", false })
		if err != nil {
			t.Fatalf("%s: %v", mgr, err)
		}
		found := false
		for _, in := range facts.Installs {
			if in.Manager == mgr && slices.Contains(in.Packages, "tini") && slices.Contains(in.Packages, "pkg-b") {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: %q not recognised as installing tini: %+v", mgr, script, facts.Installs)
		}
	}
	if installCommands("apt", nil) != nil {
		t.Error("commands for no package")
	}
}

func TestTiniDownloadIsChecked(t *testing.T) {
	script := strings.ReplaceAll(strings.Join(tiniDownloadCommands(), " && "), "\\\n", "")
	if _, err := syntax.NewParser(syntax.Variant(syntax.LangPOSIX)).Parse(strings.NewReader(script), ""); err != nil {
		t.Fatalf("not POSIX sh: %v\n%s", err, script)
	}
	for _, want := range []string{tiniSHA256AMD64, tiniSHA256ARM64, "sha256sum -c -", tiniVersion, "exit 1"} {
		if !strings.Contains(script, want) {
			t.Errorf("download lacks %q", want)
		}
	}
	// The checksum check must come after the download and before chmod.
	dl, check, chmod := strings.Index(script, "curl -fsSL"), strings.Index(script, "sha256sum -c"), strings.Index(script, "chmod 0755")
	if !(dl >= 0 && dl < check && check < chmod) {
		t.Errorf("order download %d, check %d, chmod %d", dl, check, chmod)
	}
	for _, sum := range []string{tiniSHA256AMD64, tiniSHA256ARM64} {
		if len(sum) != 64 || strings.Trim(sum, "0123456789abcdef") != "" {
			t.Errorf("not a sha256: %q", sum)
		}
	}
}

func TestRunsAsRoot(t *testing.T) {
	src := "FROM debian AS base\nUSER app\n\nFROM base\nRUN a\nUSER root\nRUN b\nUSER 1000:0\nRUN c\nUSER 0\nRUN d\n"
	doc, target := installTarget(t, src)
	want := map[int]bool{5: false, 7: true, 9: false, 11: true}
	for line, root := range want {
		if got := runsAsRoot(doc, target, line); got != root {
			t.Errorf("line %d: root=%v, want %v", line, got, root)
		}
	}
}

// RootSwitch makes the place for root commands run as root only where the
// stage still ends as the user it ran as: a USER follows (the stage's, or
// UR001's), or it puts the numeric user back itself.
func TestRootSwitch(t *testing.T) {
	base := "FROM debian:bookworm AS base\nRUN useradd --uid 1000 app\nUSER %s\n\nFROM base\nCOPY app /srv/app\nCMD [\"/srv/app\"]\n"
	for _, c := range []struct {
		name, user string
		opts       Options
		want       []string // the texts of the edits; nil: no switch
	}{
		{"numeric, nothing follows: put back", "1000:1000", Options{}, []string{"USER root", "USER 1000:1000"}},
		{"named, UR001 inserts USER", "app", Options{}, []string{"USER root"}},
		{"named, UR001 skipped: nothing puts it back", "app", Options{Skip: []string{"UR001"}}, nil},
		{"root: no switch", "root", Options{}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := mustParse(t, fmt.Sprintf(base, c.user))
			tg, err := NewTarget(doc, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			sw, ok := tg.RootSwitch(doc)
			var got []string
			for _, e := range sw.Edits {
				got = append(got, strings.TrimSpace(e.Text))
			}
			if ok != (c.want != nil) || !slices.Equal(got, c.want) {
				t.Errorf("RootSwitch = %q, %v; want %q", got, ok, c.want)
			}
		})
	}
}
