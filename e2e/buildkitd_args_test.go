package e2e

import (
	"strings"
	"testing"
)

// These run without docker: the contexts file and the buildctl command line.

func TestParseContexts(t *testing.T) {
	got, err := parseContexts([]byte("debian:bookworm\t/c/oci/aa\tsha256:11\nbusybox\t/c/oci/bb\tsha256:22\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []namedContext{{"debian:bookworm", "/c/oci/aa", "sha256:11"}, {"busybox", "/c/oci/bb", "sha256:22"}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("parseContexts = %v, want %v", got, want)
	}
	for _, bad := range []string{"", "busybox /c/oci/bb sha256:22\n", "busybox\t/c/oci/bb\tmd5:22\n", "\t/c/oci/bb\tsha256:22\n"} {
		if _, err := parseContexts([]byte(bad)); err == nil {
			t.Errorf("parseContexts(%q): no error", bad)
		}
	}
}

func TestBuildctlArgs(t *testing.T) {
	s := buildkitdState{buildctl: "buildctl", addr: "unix:///x.sock", contexts: []namedContext{
		{"debian:bookworm", "/c/oci/0123456789abcdef", "sha256:11"},
		{"debian:12", "/c/oci/0123456789abcdef", "sha256:11"},
		{"busybox", "/c/oci/fedcba9876543210", "sha256:22"},
	}}
	args := strings.Join(s.buildctlArgs("/ctx", "heredoc.Dockerfile", "stage", "img:t", "/out.tar"), " ")
	for _, want := range []string{
		"--addr unix:///x.sock build ",
		"--local context=/ctx --local dockerfile=/ctx --opt filename=heredoc.Dockerfile",
		"--opt cmdline=dockerfile.v0",
		"--output type=docker,name=img:t,dest=/out.tar",
		"--opt target=stage",
		"--opt context:debian:bookworm=oci-layout://base-0123456789ab@sha256:11",
		"--opt context:debian:12=oci-layout://base-0123456789ab@sha256:11",
		"--opt context:busybox=oci-layout://base-fedcba987654@sha256:22",
		"--oci-layout base-fedcba987654=/c/oci/fedcba9876543210",
	} {
		if !strings.Contains(args, want) {
			t.Errorf("buildctl args lack %q:\n%s", want, args)
		}
	}
	// Two names of one image share one layout store.
	if n := strings.Count(args, "--oci-layout base-0123456789ab="); n != 1 {
		t.Errorf("layout of debian given %d times, want 1:\n%s", n, args)
	}
}
