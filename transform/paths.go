package transform

import (
	"path"
	"slices"
	"strings"
)

// Paths: the FHS tables of system directories unroot never opens, and the
// predicates and quoting every rule uses on absolute paths.

// systemDirs are directories that are never an app's own, though
// directories below them may be (/usr/src/app, /var/lib/app, /opt/app).
var systemDirs = map[string]bool{
	"/": true, "/bin": true, "/boot": true, "/dev": true, "/etc": true, "/home": true, "/lib": true,
	"/lib32": true, "/lib64": true, "/libx32": true, "/media": true, "/mnt": true, "/opt": true,
	"/proc": true, "/run": true, "/sbin": true, "/srv": true, "/sys": true, "/tmp": true, "/usr": true,
	"/var": true, "/usr/local": true, "/usr/src": true, "/var/lib": true, "/var/cache": true,
	"/var/log": true, "/var/run": true, "/var/spool": true, "/var/opt": true, "/var/mail": true,
	"/var/lock": true, "/run/lock": true, "/var/local": true, "/var/backups": true,
	"/var/www": false, // an app's own (/var/www/html is the classic one)
}

// appTopDirs are system directories that a Dockerfile may make its app's
// own: when it makes one the app's WORKDIR, copies the app into it or
// declares it a VOLUME (`COPY app.py /srv/app.py`, `WORKDIR /srv`), the app
// writes there whatever the FHS calls it. The others (/, /usr, /var, /etc,
// /home, /tmp...) hold the system or other users' files and are never
// opened.
var appTopDirs = map[string]bool{"/srv": true, "/opt": true, "/mnt": true, "/media": true, "/var/opt": true, "/var/local": true}

// appMayOwn reports whether p may be an app directory for a source of this
// kind: not a system path, or a top directory the app was put in.
func appMayOwn(p, kind string) bool {
	if !isSystemPath(p) {
		return true
	}
	switch kind {
	case "WORKDIR", "COPY", "ADD", "VOLUME":
		return appTopDirs[path.Clean(p)]
	}
	return false
}

// systemDirTrees are directories nothing below which is an app's writable
// directory: binaries, libraries, system configuration, temporary space.
var systemDirTrees = []string{
	"/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/boot", "/dev", "/proc", "/sys", "/etc",
	"/tmp", "/var/tmp", "/usr/bin", "/usr/sbin", "/usr/lib", "/usr/lib32", "/usr/lib64", "/usr/libexec",
	"/usr/include", "/usr/share", "/usr/local/bin", "/usr/local/sbin", "/usr/local/lib",
	"/usr/local/include", "/usr/local/share", "/usr/local/etc", "/var/lib/apt", "/var/lib/dpkg",
	"/var/cache/apt", "/var/lib/rpm", "/var/cache/dnf", "/var/cache/yum", "/var/cache/apk",
	"/var/lib/apk", "/var/lib/alternatives", "/var/lib/dnf", "/var/lib/yum", "/var/lib/ucf", "/var/lib/systemd",
	"/var/lib/pam", "/var/lib/misc", "/var/cache/debconf", "/var/cache/ldconfig", "/var/cache/man",
	"/usr/local/go", "/usr/lib/jvm", // toolchains: group write would let the app change them
}

// isSystemPath reports whether p is a system directory (or inside a system
// tree): unroot never changes the group or mode of those.
func isSystemPath(p string) bool {
	p = path.Clean(p)
	if systemDirs[p] {
		return true
	}
	for _, t := range systemDirTrees {
		if pathWithin(p, t) {
			return true
		}
	}
	return false
}

// pathWithin reports whether p is root or inside it (both clean, absolute).
func pathWithin(p, root string) bool {
	if root == "/" {
		return strings.HasPrefix(p, "/")
	}
	return p == root || strings.HasPrefix(p, root+"/")
}

// pathUnder reports whether p is strictly inside root.
func pathUnder(p, root string) bool { return p != root && pathWithin(p, root) }

// pathsRelated reports whether one path contains the other.
func pathsRelated(a, b string) bool { return pathWithin(a, b) || pathWithin(b, a) }

// privateHomeDirs are dot-directories under a home that must keep their strict
// modes (ssh and gpg refuse group-writable files).
var privateHomeDirs = map[string]bool{".ssh": true, ".gnupg": true}

func isPrivateDir(p string) bool {
	for _, part := range strings.Split(p, "/") {
		if privateHomeDirs[part] {
			return true
		}
	}
	return false
}

// saneDir reports whether p is an absolute path unroot can write into a
// shell command and read back the same way: no control characters, and none
// of the characters that quoting and expansion give a meaning (\ ' " $ `).
func saneDir(p string) bool {
	if !path.IsAbs(p) {
		return false
	}
	for _, c := range p {
		if c < 0x20 || c == 0x7f || strings.ContainsRune("\\'\"$`", c) {
			return false
		}
	}
	return true
}

// resolveDir makes p absolute against the working directory cwd and cleans it;
// "" when p is empty or cannot be resolved.
func resolveDir(p, cwd string) string {
	if p == "" {
		return ""
	}
	if !path.IsAbs(p) {
		if cwd == "" {
			return "" // relative to a working directory nobody knows
		}
		p = path.Join(cwd, p)
	}
	return path.Clean(p)
}

// isGroupZero reports whether a --chown or chown group names group 0.
func isGroupZero(g string) bool { return isZeroID(g) || g == "root" }

// isZeroID reports whether s is the numeric ID 0, however written ("0",
// "00").
func isZeroID(s string) bool { return s != "" && strings.Trim(s, "0") == "" }

func removedBy(removed []string, p string) bool {
	for _, r := range removed {
		if pathWithin(p, r) {
			return true
		}
	}
	return false
}

// quoteShellPath quotes a path for a shell command when it needs it.
func quoteShellPath(p string) string {
	safe := true
	for _, c := range p {
		if !(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strings.ContainsRune("/.-+@%=:,", c)) {
			safe = false
			break
		}
	}
	if safe && p != "" {
		return p
	}
	return "'" + strings.ReplaceAll(p, "'", `'\''`) + "'"
}

// innermostPaths sorts, deduplicates and drops paths that hold another:
// `mkdir -p` of the inner one makes the outer one too.
func innermostPaths(ps []string) []string {
	ps = slices.Clone(ps)
	slices.Sort(ps)
	ps = slices.Compact(ps)
	var out []string
	for i, p := range ps {
		if i+1 < len(ps) && pathUnder(ps[i+1], p) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// outermostPaths sorts, deduplicates and drops paths inside another.
func outermostPaths(ps []string) []string {
	ps = slices.Clone(ps)
	slices.Sort(ps)
	ps = slices.Compact(ps)
	var out []string
	for _, p := range ps {
		if n := len(out); n > 0 && pathWithin(p, out[n-1]) {
			continue
		}
		out = append(out, p)
	}
	return out
}
