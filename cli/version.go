package cli

import (
	"runtime/debug"
)

// Version is the release version, set at build time with
// -ldflags "-X github.com/unroot/unroot/cli.Version=v1.2.3" (make dist does).
// When it is empty, the version `go install` recorded in the build info is
// used instead.
var Version = ""

// Commit is the VCS revision, set at build time with -ldflags -X like
// Version, for builds whose build info records none: the go command stamps
// vcs.revision only where .git is a directory, not in a `git worktree`, and
// make dist sets both so that a release says the same wherever it was built.
var Commit = ""

// buildInfo is the binary's build info, or nil in a build without it.
func buildInfo() *debug.BuildInfo {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return nil
	}
	return info
}

// versionString is what --version prints after "unroot ": the version, then
// the VCS commit the binary was built from when the build recorded one
// ("v1.2.3 (commit 0123abc..., modified)"), so a bug report names the exact
// source even for a build of a work tree with local changes.
func versionString(set, commit string, info *debug.BuildInfo) string {
	v := set
	if v == "" && info != nil && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = info.Main.Version
	}
	if v == "" {
		v = "dev"
	}
	var revision, modified string
	if info != nil {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				revision = s.Value
			case "vcs.modified":
				modified = s.Value
			}
		}
	}
	if revision == "" {
		revision = commit
	}
	if revision == "" {
		return v
	}
	if modified == "true" {
		return v + " (commit " + revision + ", modified)"
	}
	return v + " (commit " + revision + ")"
}
