package transform

import (
	"path"

	"github.com/unroot/unroot/parser"
)

// Spelling values with the file's build arguments. A Dockerfile that makes
// its user from build arguments (`ARG APP_USER=svc`, `ARG APP_UID=2000`,
// `useradd -u ${APP_UID} -m ${APP_USER}`) is built with others too
// (`--build-arg APP_USER=worker`): what unroot writes back (USER, ENV HOME,
// the directories it opens) must keep the variables, or the patched file
// names a user and a home that such a build does not make.

// spellArgs records how the runtime user's UID and home are spelled with
// build arguments, where they come from them.
func (t *Target) spellArgs(doc *parser.Document) {
	u := t.RuntimeUser
	if u == nil {
		return
	}
	if t.Kind == UserNamed && t.User != nil {
		if s, ok := parser.SpellWithArgs(u.UIDWord, t.User.Env, t.RuntimeUID); ok {
			t.UIDSpelled = s
		}
	}
	last := t.Stage.Last()
	if last == nil || u.Home == "" {
		return
	}
	raw := u.HomeWord
	if raw == "" && u.NameWord != "" {
		// The tool's default home: its base directory and the name.
		raw = path.Dir(u.Home) + "/" + u.NameWord
	}
	if s, ok := parser.SpellWithArgs(raw, last.Env, u.Home); ok {
		t.homeSpelled = [2]string{u.Home, s}
	}
}

// spellPath returns p with the runtime user's home spelled with build
// arguments, and whether it was.
func (t *Target) spellPath(p string) (string, bool) {
	home, s := t.homeSpelled[0], t.homeSpelled[1]
	if home == "" || !pathWithin(p, home) {
		return p, false
	}
	return s + p[len(home):], true
}
