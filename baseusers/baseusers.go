// Package baseusers is a small, sourced table of the users that common base
// images ship, so that a Dockerfile saying "USER www-data" can be rewritten
// to the numeric UID the base image uses for that name.
//
// Every value in the table cites where it comes from (an upstream passwd
// file, the official image's Dockerfile, or distribution documentation); see
// README.md in this directory for the full list.
package baseusers

// Entry is one user a base image ships.
type Entry struct {
	Name   string // user name
	UID    string // numeric
	GID    string // numeric primary group
	Images string // which images this applies to, human-readable (e.g. "Debian/Ubuntu base images")
	Source string // URL citing where this value comes from (upstream passwd file, official image Dockerfile, distro docs)
}

// rule is an Entry together with where it applies.
//
// A family rule (family != "") applies to images whose Family is family and,
// when match is non-nil, for which match also holds (used for version or
// vendor carve-outs inside a family). An image rule (family == "") applies to
// images for which match holds, whatever their family.
type rule struct {
	Entry
	family string
	match  func(r ref, family string) bool
}

func (rl rule) applies(r ref, family string) bool {
	if rl.family != "" && rl.family != family {
		return false
	}
	return rl.match == nil || rl.match(r, family)
}

// Lookup returns the entry for user name in an image whose reference is
// image (e.g. "node:20-bookworm", "docker.io/library/alpine:3.20", "nginx",
// "gcr.io/distroless/static-debian12:nonroot", "python:3.12-alpine",
// "registry.access.redhat.com/ubi9/ubi-minimal"), or false when unknown.
//
// Resolution order:
//  1. Entries specific to the image (the "node" user of the node images, the
//     "postgres" user of the postgres images with its Alpine/Debian variant
//     chosen by tag, …).
//  2. Entries of the image's family, as returned by Family (e.g. www-data is
//     33 for "debian" and 82 for "alpine").
//  3. When the family is unknown — in particular when image is "" — only a
//     name that every known family ("debian", "alpine", "rhel", "busybox",
//     "distroless") defines family-wide with the same UID and the same GID
//     qualifies. Today these are root (0:0) and nobody (65534:65534). A
//     name missing from any family (www-data is absent from distroless and
//     Alpine's base, sys from Alpine, …) or whose IDs differ between
//     families (daemon is 1 on Debian but 2 on Alpine) yields false.
//     Version carve-outs inside a family are not considered for this
//     comparison, since an unknown image has no version: the legacy RHEL 7
//     era images (centos:7, amazonlinux:2, …) whose nobody predates the move
//     to 65534 are excluded from the rhel entry only when named explicitly.
//
// name must be a bare user name (split "user:group" before calling); it is
// matched case-sensitively, as in /etc/passwd.
func Lookup(image, name string) (Entry, bool) {
	if name == "" {
		return Entry{}, false
	}
	r := parseRef(image)
	family := r.family()
	for _, rl := range imageRules {
		if rl.Name == name && rl.applies(r, family) {
			return rl.Entry, true
		}
	}
	if family == "" {
		return consensus(name)
	}
	for _, rl := range familyRules {
		if rl.Name == name && rl.applies(r, family) {
			return rl.Entry, true
		}
	}
	return Entry{}, false
}

// consensus returns the entry for name when every known family has at least
// one family-wide rule for it and all of those rules agree on UID and GID.
// The returned entry carries the first family's Source; the per-family
// sources are listed in README.md.
func consensus(name string) (Entry, bool) {
	var first *rule
	for _, fam := range knownFamilies {
		found := false
		for i := range familyRules {
			rl := &familyRules[i]
			if rl.family != fam || rl.Name != name {
				continue
			}
			found = true
			if first == nil {
				first = rl
			} else if rl.UID != first.UID || rl.GID != first.GID {
				return Entry{}, false
			}
		}
		if !found {
			return Entry{}, false
		}
	}
	e := first.Entry
	e.Images = "any base image: the same UID and GID in every known family " +
		"(Debian/Ubuntu, Alpine, RHEL family, BusyBox, distroless/Chainguard); " +
		"per-family sources in baseusers/README.md"
	return e, true
}

// entries returns a copy of every entry in the table, family-wide entries
// first, in table order.
func entries() []Entry {
	out := make([]Entry, 0, len(familyRules)+len(imageRules))
	for _, rl := range familyRules {
		out = append(out, rl.Entry)
	}
	for _, rl := range imageRules {
		out = append(out, rl.Entry)
	}
	return out
}
