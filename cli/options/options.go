// Package options turns unroot's command-line choices into the options the
// rules read. It is apart from package cli so that the browser playground
// shares the flags' meaning without linking the command line (cobra and
// text/template add about 3 MB to a WebAssembly build).
package options

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/unroot/unroot/transform"
)

// Flags are the command-line choices that change what the rules do, as
// given (strings unparsed, defaults as the flags' defaults).
type Flags struct {
	UID       string // --uid, "" when not given
	UIDSet    bool   // --uid was given
	GID       string // --gid ("0" by default)
	Target    string // --target
	Only      []string
	Skip      []string
	BuildKit  bool
	Dirs      []string // --dir
	Passwd    string   // --passwd's value (its default is transform.PasswdNSSWrapper)
	PasswdSet bool     // --passwd was given
	NoUmask   bool     // --no-umask or --umask=false
	Script    string   // --script: "" (by the file), printf or heredoc
}

// Options checks the choices and returns the options they stand for.
func (f Flags) Options() (transform.Options, error) {
	if err := transform.ValidateRuleList(f.Only); err != nil {
		return transform.Options{}, err
	}
	if err := transform.ValidateRuleList(f.Skip); err != nil {
		return transform.Options{}, err
	}
	for _, v := range []struct{ name, val string }{{"--uid", f.UID}, {"--gid", f.GID}} {
		if v.val != "" && !isNumeric(v.val) {
			return transform.Options{}, fmt.Errorf("%s must be a number, not %q", v.name, v.val)
		}
	}
	for _, v := range []struct{ name, val string }{{"--uid", f.UID}, {"--gid", f.GID}} {
		if _, err := strconv.ParseUint(v.val, 10, 32); v.val != "" && err != nil {
			return transform.Options{}, fmt.Errorf("%s %s is out of range: IDs go up to 4294967295", v.name, v.val)
		}
	}
	if f.UID != "" && strings.Trim(f.UID, "0") == "" {
		return transform.Options{}, fmt.Errorf("--uid 0 is root: choose a non-zero UID")
	}
	for _, o := range f.Only {
		ro, ok := transform.LookupRule(o)
		if !ok {
			continue
		}
		for _, sk := range f.Skip {
			if rs, ok := transform.LookupRule(sk); ok && rs.ID == ro.ID {
				return transform.Options{}, fmt.Errorf("%s is in both --only and --skip: say which", ro.ID)
			}
		}
	}
	if f.Script != "" && !slices.Contains(transform.ScriptForms, f.Script) {
		return transform.Options{}, fmt.Errorf("--script must be one of %s, not %q", strings.Join(transform.ScriptForms, ", "), f.Script)
	}
	passwd := f.Passwd
	if passwd == "" {
		passwd = transform.PasswdNSSWrapper
	}
	if !slices.Contains(transform.PasswdStrategies, passwd) {
		return transform.Options{}, fmt.Errorf("--passwd must be one of %s, not %q", strings.Join(transform.PasswdStrategies, ", "), passwd)
	}
	if !f.PasswdSet {
		// "" is the default, nss-wrapper with a fallback where it cannot
		// be installed; an explicit --passwd=nss-wrapper has none.
		passwd = ""
	}
	return transform.Options{
		UID: f.UID, UIDSet: f.UIDSet, GID: f.GID,
		Target: f.Target, Only: f.Only, Skip: f.Skip, BuildKit: f.BuildKit, Dirs: f.Dirs,
		Passwd: passwd, NoUmask: f.NoUmask, Script: f.Script,
	}, nil
}

func isNumeric(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}
