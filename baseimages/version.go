package baseimages

import (
	"strconv"
	"strings"
)

// version is a dotted version read from a tag: "3.12" → [3 12].
type version []int

// parseVersion reads the dotted number at the start of s ("3.12.1",
// "20", "1.26rc1" → [1 26]). exact is true when s pins one build beyond
// major.minor.patch: Temurin's "21.0.2_13" or "8u402".
func parseVersion(s string) (v version, exact bool) {
	for s != "" {
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 {
			break
		}
		n, err := strconv.Atoi(s[:i])
		if err != nil {
			break
		}
		v = append(v, n)
		s = s[i:]
		if !strings.HasPrefix(s, ".") {
			break
		}
		s = s[1:]
	}
	if len(v) > 0 && (strings.HasPrefix(s, "_") || strings.HasPrefix(s, "u")) {
		exact = true
	}
	return v, exact
}

// atLeast reports whether v >= w, comparing the components both have and
// treating a missing component of v as 0.
func (v version) atLeast(w version) bool {
	for i, x := range w {
		y := 0
		if i < len(v) {
			y = v[i]
		}
		if y != x {
			return y > x
		}
	}
	return true
}

// tagVersion is the version a tag names in its first dash-separated word
// ("3.12-slim" → 3.12, "20-alpine3.20" → 20, "v2.44.0" → 2.44.0, "latest"
// → nil). Tool images tag their releases with a leading "v".
func (r ref) tagVersion() (v version, exact bool) {
	w := r.dashWords()
	if len(w) == 0 {
		return nil, false
	}
	s := w[0]
	if len(s) > 1 && s[0] == 'v' && s[1] >= '0' && s[1] <= '9' {
		s = s[1:]
	}
	return parseVersion(s)
}

// since says from which version of an image a fact holds, for facts the
// image's maintainers added at some point (node's docker-entrypoint.sh in
// May 2019). A tag holds it when:
//   - it names no version (latest, alpine, lts, bookworm, jdk21…): floating
//     tags are rebuilt from the current Dockerfile;
//   - its version is at least from: every release line started after the
//     change;
//   - it names only a major version (or major.minor when floatMinor) at
//     least floatFrom, compared on the components the tag names (the "10"
//     tag is the newest 10.x), or a major listed in floatMajors: such tags
//     moved on to builds made after the change.
//
// A tag that pins an exact build, names an older version, or whose version
// is unknown (build argument, bare digest) does not.
type since struct {
	from        version
	floatFrom   version
	floatMinor  bool
	floatMajors []int
}

func (s since) holds(r ref) bool {
	if s.from == nil && s.floatFrom == nil && s.floatMajors == nil {
		return true // the fact never changed
	}
	if r.versionUnknown() {
		return false
	}
	v, exact := r.tagVersion()
	switch {
	case exact:
		return false
	case v == nil:
		return true
	case s.from == nil || v.atLeast(s.from):
		return true
	case len(v) == 1 || (s.floatMinor && len(v) == 2):
		if s.floatFrom != nil && v.atLeast(s.floatFrom[:min(len(v), len(s.floatFrom))]) {
			return true
		}
		for _, m := range s.floatMajors {
			if len(v) == 1 && v[0] == m {
				return true
			}
		}
	}
	return false
}
