package baseimages

import (
	"slices"
	"strings"
)

// row is one image family of the table.
type row struct {
	family string
	match  func(r ref) bool

	// What the image's Dockerfile sets. ep and cmd are nil for "not
	// set"; epUnknown / cmdUnknown mark values no source settled.
	ep, cmd                 []string
	epUnknown, cmdUnknown   bool
	user, workdir, home     string
	configUnknown           bool
	epSince, cmdSince, conf since // from which version each holds (zero value: always)
	source                  string

	// distro returns the distribution and release of the variant r names
	// ("" when unknown); its facts come from distroFacts. nil when
	// adjust fills them.
	distro func(r ref) (distro, release string)
	// adjust refines the facts for a variant (a CMD that differs between
	// variants, a distribution outside distroFacts).
	adjust func(r ref, f *Facts)
}

// facts builds the facts of r from the row.
func (row *row) facts(r ref) (Facts, bool) {
	f := Facts{
		Family:          row.family,
		Entrypoint:      row.ep,
		Cmd:             row.cmd,
		EntrypointKnown: !row.epUnknown && row.epSince.holds(r),
		CmdKnown:        !row.cmdUnknown && row.cmdSince.holds(r),
		User:            row.user,
		Workdir:         row.workdir,
		Home:            row.home,
		ConfigKnown:     !row.configUnknown && row.conf.holds(r),
		Source:          row.source,
	}
	if row.distro != nil {
		if d, rel := row.distro(r); d != "" {
			distroFacts(&f, d, rel)
		}
	}
	if row.adjust != nil {
		row.adjust(r, &f)
	}
	if strings.Contains(f.Release, "$") {
		f.Release = ""
	}
	if r.versionUnknown() && f.Release == "" {
		// A bare digest or a tag from a build argument may be any
		// release: what changed between releases is unknown.
		f.TiniKnown, f.NSSWrapperKnown = false, false
	}
	// Unknown facts carry no value, so that a caller cannot use one by
	// mistake.
	if !f.EntrypointKnown {
		f.Entrypoint = nil
	}
	if !f.CmdKnown {
		f.Cmd = nil
	}
	if !f.ConfigKnown {
		f.User, f.Workdir, f.Home = "", "", ""
	}
	if !f.ShellKnown {
		f.Shell = ""
	}
	if !f.PackageManagerKnown {
		f.PackageManager, f.InstallHelper = "", ""
	}
	if !f.TiniKnown {
		f.TiniPackage = ""
	}
	if !f.NSSWrapperKnown {
		f.NSSWrapperPackage = ""
	}
	return f, true
}

// never is a version no tag reaches: with it, since.from admits no tag
// by version alone.
var never = version{1 << 30}

// Matchers.

func official(names ...string) func(ref) bool {
	return func(r ref) bool { return slices.ContainsFunc(names, r.official) }
}

func hubRepo(paths ...string) func(ref) bool {
	return func(r ref) bool { return slices.ContainsFunc(paths, r.hubRepo) }
}

// redHat reports whether r is on one of Red Hat's registries.
func (r ref) redHat() bool {
	return r.registry == "registry.access.redhat.com" || r.registry == "registry.redhat.io"
}

// ubiStream returns N for a "ubiN" path component ("ubi9/python-312",
// "ubi9", "ubi9-minimal" → "ubi9").
func ubiStream(p string) (string, bool) {
	if !strings.HasPrefix(p, "ubi") {
		return "", false
	}
	n := strings.TrimLeft(p[3:], "0123456789")
	if len(n) == len(p)-3 {
		return "", false
	}
	return p[:len(p)-len(n)], true
}

// Distribution choosers.

// variantOf returns a distro function for an official image whose default
// variant is built on def.
func variantOf(def string) func(ref) (string, string) {
	return func(r ref) (string, string) { return variant(r, def) }
}

// firstWord returns the tag's first dash-separated word ("jammy-20240101"
// → "jammy"), "" for latest or no tag.
func firstWord(r ref) string {
	w := r.dashWords()
	if len(w) == 0 || w[0] == "latest" {
		return ""
	}
	return w[0]
}

// hasWord reports whether the tag has the dash-separated word w.
func (r ref) hasWord(w string) bool {
	for _, x := range r.dashWords() {
		if x == w {
			return true
		}
	}
	return false
}

// major returns the tag's leading major version, or -1.
func (r ref) major() int {
	v, _ := r.tagVersion()
	if len(v) == 0 {
		return -1
	}
	return v[0]
}
