package e2e

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestHeredocBuildKitd builds testdata/heredoc-buildkitd (RUN <<EOT,
// <<'EOT', <<-EOT with tabs, two heredocs in one RUN, COPY <<EOF with an
// ARG, COPY --chmod=0755 <<'EOF' of a start-up script) FROM busybox and
// FROM debian:bookworm with the standalone buildkitd, and runs each image
// as a random UID in group 0.
func TestHeredocBuildKitd(t *testing.T) {
	s := requireBuildKitd(t)
	bin := requireDocker(t)
	cases := []struct {
		target string
		// files is what `cat /srv/demo/*` prints (in name order).
		files string
	}{
		{"busybox-heredoc", strings.Join([]string{
			"tabs", "stripped", // dash: <<- removed the leading tabs
			"one",             // first of two heredocs in one RUN
			"hello from COPY", // greeting: unquoted COPY heredoc expands ARGs
			"quoted terminator",
			"two",            // second
			"built by uid 0", // unquoted
		}, "\n") + "\n"},
		{"debian-heredoc", "tabs\nstripped\nbuilt by uid 0\n"},
	}
	for _, c := range cases {
		t.Run(c.target, func(t *testing.T) {
			tag := "unroot-e2e/heredoc-buildkitd:" + c.target
			took := buildWithBuildKitd(t, s, bin, "testdata/heredoc-buildkitd", "heredoc.Dockerfile", c.target, tag)
			t.Logf("buildkitd build of %s: %.1f s", c.target, took.Seconds())

			uid := 100000 + rand.IntN(2000000000-100000)
			user := fmt.Sprintf("%d:0", uid)
			out, err := runDocker(bin, "run", "--rm", "--network", "host", "-u", user, tag)
			if err != nil {
				t.Fatal(err)
			}
			// The quoted COPY heredoc kept $(id -u) and ${HOME:-} for run
			// time: docker sets HOME=/ for a UID without a passwd entry.
			want := fmt.Sprintf("entrypoint: uid=%d gid=0 HOME=/\n", uid) + c.files
			if out != want {
				t.Errorf("docker run -u %s %s printed\n%s\nwant\n%s", user, tag, out, want)
			}
			mode, err := runDocker(bin, "run", "--rm", "--network", "host", "-u", user,
				"--entrypoint", "stat", tag, "-c", "%a %u:%g", "/usr/local/bin/unroot-entrypoint")
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.TrimSpace(mode); got != "755 0:0" {
				t.Errorf("COPY --chmod=0755: unroot-entrypoint has mode and owner %q, want \"755 0:0\"", got)
			}
		})
	}
}
