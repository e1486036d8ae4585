package baseusers

import "slices"

// Sources of the complete user lists of the plain OS images.
const (
	srcDebianMirror      = "https://github.com/xaiki/base-passwd/blob/10cef173aa60e5dba6ea103e9136f43cbb5fff7a/passwd.master (a mirror of " + srcDebian + "; its first 18 entries, root to nobody, are base-passwd's)"
	srcAlpineOlder       = "https://github.com/alpinelinux/aports/blob/770d8ce7c6c556d952884ad436dd82b17ceb1a9a/main/alpine-baselayout/passwd"
	srcBuildrootSkeleton = srcBusyBox
)

// osUsers are every user name the plain OS images ship, as a union over
// their releases: a name outside the list is in no such image's
// /etc/passwd. Names the list keeps only to stay safe (present in some
// images, not in the cited file) are marked.
var osUsers = map[string]struct {
	names  []string
	what   string
	source string
}{
	"debian": {
		names: []string{"root", "daemon", "bin", "sys", "sync", "games", "man", "lp", "mail", "news", "uucp", "proxy",
			"www-data", "backup", "list", "irc", "gnats", "nobody",
			// not in base-passwd: apt's own _apt, libuuid of the
			// Debian 8-era images.
			"_apt", "libuuid"},
		what:   "base-passwd",
		source: srcDebianMirror,
	},
	"ubuntu": {
		names: []string{"root", "daemon", "bin", "sys", "sync", "games", "man", "lp", "mail", "news", "uucp", "proxy",
			"www-data", "backup", "list", "irc", "gnats", "nobody", "_apt", "libuuid",
			// ubuntu:23.04 and later (see the ubuntu row of table.go).
			"ubuntu"},
		what:   "base-passwd",
		source: srcDebianMirror,
	},
	"alpine": {
		names: []string{"root", "bin", "daemon", "adm", "lp", "sync", "shutdown", "halt", "mail", "news", "uucp",
			"operator", "man", "postmaster", "cron", "ftp", "sshd", "at", "squid", "xfs", "games", "postgres", "cyrus",
			"vpopmail", "ntp", "smmsp", "guest", "nobody",
			// not a user of alpine-baselayout (only its group), but
			// Lookup gives it 82, the ID Alpine's packages use.
			"www-data"},
		what:   "alpine-baselayout",
		source: srcAlpine + " and " + srcAlpineOlder,
	},
	"busybox": {
		names: []string{"root", "daemon", "bin", "sys", "mail", "www-data", "operator", "nobody",
			// kept to stay safe: older buildroot skeletons had more.
			"sync", "ftp", "sshd", "dbus", "haldaemon", "default"},
		what:   "buildroot's skeleton",
		source: srcBuildrootSkeleton,
	},
}

// Absence tells that a plain OS image has no user of some name.
type Absence struct {
	Image  string // the OS image ("alpine", "debian", "ubuntu", "busybox")
	What   string // the package or file its /etc/passwd comes from
	Source string
}

// Absent reports whether image is a plain OS image (the official alpine,
// debian, ubuntu or busybox image, any tag) whose /etc/passwd has no user
// called name. False for any other image, whose users are not known in
// full.
func Absent(image, name string) (Absence, bool) {
	r := parseRef(image)
	os, ok := osUsers[r.official()]
	if !ok || name == "" || slices.Contains(os.names, name) {
		return Absence{}, false
	}
	return Absence{Image: r.official(), What: os.what, Source: os.source}, true
}

// Known returns every entry of the table that applies to image: the users
// (and so the IDs) it is known to have.
func Known(image string) []Entry {
	r := parseRef(image)
	family := r.family()
	var out []Entry
	for _, rl := range imageRules {
		if rl.applies(r, family) {
			out = append(out, rl.Entry)
		}
	}
	if family != "" {
		for _, rl := range familyRules {
			if rl.applies(r, family) {
				out = append(out, rl.Entry)
			}
		}
	}
	return out
}
