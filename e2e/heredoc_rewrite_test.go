package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/unroot/unroot/diff"
	"github.com/unroot/unroot/transform"
	"github.com/unroot/unroot/verify"
)

// TestRewrittenHeredocFixtures builds here-document fixtures (which docker
// 20.10 cannot parse) before and after unroot with the standalone buildkitd,
// and verifies both as a random UID: the original fails checks, the
// rewritten one passes them all (issue 17).
func TestRewrittenHeredocFixtures(t *testing.T) {
	s := requireBuildKitd(t)
	bin := requireDocker(t)
	for _, name := range []string{"heredoc-app"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("testdata", name)
			src, res := rewrite(t, filepath.Join(dir, "heredoc.Dockerfile"), "heredoc.Dockerfile", transform.Options{})
			out := string(res.Output)
			t.Logf("unroot diff:\n%s", diff.Unified("heredoc.Dockerfile", src, res.Output))
			// The reader's view: packages in the body's install, the
			// start-up script a heredoc COPY, no line glued onto the body.
			for _, want := range []string{
				"apt-get install -y --no-install-recommends procps tini libnss-wrapper\n",
				"COPY --chmod=0755 <<'EOF' /usr/local/bin/unroot-entrypoint\n",
			} {
				if !strings.Contains(out, want) {
					t.Errorf("rewritten file lacks %q", want)
				}
			}
			for _, l := range strings.Split(out, "\n") {
				if len(l) > 120 {
					t.Errorf("an added line is %d characters long: %s", len(l), l)
				}
			}

			orig := "unroot-e2e/" + name + ":buildkitd"
			buildWithBuildKitd(t, s, bin, dir, "heredoc.Dockerfile", "", orig)
			before := runVerify(t, bin, orig, nil, verify.ProfileRestricted)
			if before.Counts()[verify.StatusFail] == 0 {
				t.Errorf("the original passes every check: the fixture proves nothing")
			}
			patched := copyContext(t, dir, res.Output)
			if err := os.WriteFile(filepath.Join(patched, "heredoc.Dockerfile"), res.Output, 0o644); err != nil {
				t.Fatal(err)
			}
			tag := "unroot-e2e/" + name + "-unroot:buildkitd"
			took := buildWithBuildKitd(t, s, bin, patched, "heredoc.Dockerfile", "", tag)
			after := runVerify(t, bin, tag, nil, verify.ProfileRestricted)
			if n := after.Counts()[verify.StatusFail]; n > 0 {
				var text strings.Builder
				after.WriteText(&text)
				t.Errorf("the rewritten image fails %d checks:\n%s", n, text.String())
			}
			t.Logf("%s: before %s; after (buildkitd, restricted) %s; build %s; size %s -> %s", name, checksLine(before), checksLine(after),
				took.Round(100*time.Millisecond), imageSize(t, bin, orig), imageSize(t, bin, tag))
		})
	}
}
