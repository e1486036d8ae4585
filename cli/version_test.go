package cli

import (
	"runtime/debug"
	"testing"
)

func TestVersionString(t *testing.T) {
	vcs := func(rev, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	for _, tc := range []struct {
		name   string
		set    string
		commit string
		info   *debug.BuildInfo
		want   string
	}{
		{"no build info", "", "", nil, "dev"},
		{"ldflags only", "v1.2.3", "", nil, "v1.2.3"},
		{"ldflags commit (git worktree)", "v1.2.3", "abc123", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "v1.2.3 (commit abc123)"},
		{"go install @version", "", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.4.0"}}, "v0.4.0"},
		{"devel build", "", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "dev"},
		{"build info commit wins over ldflags", "v1.2.3", "def456", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-2026"}, Settings: vcs("abc123", "false")}, "v1.2.3 (commit abc123)"},
		{"modified tree", "", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-2026+dirty"}, Settings: vcs("abc123", "true")}, "v0.0.0-2026+dirty (commit abc123, modified)"},
	} {
		if got := versionString(tc.set, tc.commit, tc.info); got != tc.want {
			t.Errorf("%s: versionString = %q, want %q", tc.name, got, tc.want)
		}
	}
}
