package baseusers

import (
	"strconv"
	"strings"
)

// Families returned by Family.
const (
	FamilyDebian     = "debian"     // Debian and Ubuntu (base-passwd)
	FamilyAlpine     = "alpine"     // Alpine Linux (alpine-baselayout)
	FamilyRHEL       = "rhel"       // Fedora, RHEL/UBI, CentOS, Rocky, Alma, Oracle, Amazon Linux (setup.rpm)
	FamilyBusyBox    = "busybox"    // the busybox image (buildroot skeleton)
	FamilyDistroless = "distroless" // gcr.io/distroless and cgr.dev (Chainguard)
)

// knownFamilies is every family Family can return, in the order used when
// comparing family-wide entries for an unknown image.
var knownFamilies = []string{FamilyDebian, FamilyAlpine, FamilyRHEL, FamilyBusyBox, FamilyDistroless}

// ref is a parsed, lower-cased image reference.
type ref struct {
	registry string // "" for Docker Hub
	path     string // repository path; Docker Hub official images get "library/"
	name     string // last path component
	tag      string // "" when absent (or only a digest was given)
}

// Ref is an image reference split into its parts. Registry is "" for Docker
// Hub; Path drops Docker Hub's "library/" ("node", "bitnami/redis"); Name
// is the last path component; Tag is "" when absent.
type Ref struct {
	Registry, Path, Name, Tag string
}

// ParseRef parses an image reference as Lookup and Family read it (a
// digest, a leading --platform flag and a trailing "AS name" are ignored).
func ParseRef(image string) Ref {
	r := parseRef(image)
	p := r.path
	if r.registry == "" {
		p = strings.TrimPrefix(p, "library/")
	}
	return Ref{Registry: r.registry, Path: p, Name: r.name, Tag: r.tag}
}

// dockerHubHosts are registry host names that all mean Docker Hub.
var dockerHubHosts = map[string]bool{
	"docker.io":               true,
	"index.docker.io":         true,
	"registry-1.docker.io":    true,
	"registry.hub.docker.com": true,
}

// parseRef parses an image reference such as
// "docker.io/library/node:20-bookworm@sha256:…". It tolerates a leading
// "--platform=…" flag (as copied from a FROM line) and never fails: an
// unparseable or empty reference yields the zero ref.
func parseRef(image string) ref {
	s := strings.ToLower(strings.TrimSpace(image))
	for strings.HasPrefix(s, "--") { // e.g. "--platform=$BUILDPLATFORM node:20"
		i := strings.IndexAny(s, " \t")
		if i < 0 {
			return ref{}
		}
		s = strings.TrimSpace(s[i:])
	}
	if i := strings.IndexAny(s, " \t"); i >= 0 { // "node:20 AS build"
		s = s[:i]
	}
	if i := strings.IndexByte(s, '@'); i >= 0 {
		s = s[:i]
	}
	if s == "" {
		return ref{}
	}
	var r ref
	parts := strings.Split(s, "/")
	if len(parts) > 1 && (strings.ContainsAny(parts[0], ".:") || parts[0] == "localhost") {
		r.registry = parts[0]
		parts = parts[1:]
	}
	last := parts[len(parts)-1]
	if i := strings.IndexByte(last, ':'); i >= 0 {
		r.tag = last[i+1:]
		parts[len(parts)-1] = last[:i]
	}
	if dockerHubHosts[r.registry] {
		r.registry = ""
	}
	if r.registry == "" && len(parts) == 1 {
		parts = []string{"library", parts[0]}
	}
	r.path = strings.Join(parts, "/")
	r.name = parts[len(parts)-1]
	if r.name == "" {
		return ref{}
	}
	return r
}

// official returns the name of the Docker Official Image r refers to, or "".
// Besides Docker Hub itself it accepts mirrors that keep the "library/"
// path, e.g. mirror.gcr.io/library/node or public.ecr.aws/docker/library/node.
func (r ref) official() string {
	if r.path == "library/"+r.name || strings.HasSuffix(r.path, "/library/"+r.name) {
		return r.name
	}
	return ""
}

// hasComponent reports whether one of r's path components is exactly c.
func (r ref) hasComponent(c string) bool {
	for _, p := range strings.Split(r.path, "/") {
		if p == c {
			return true
		}
	}
	return false
}

// tagTokens splits the tag on the separators used in image tags.
func (r ref) tagTokens() []string {
	return strings.FieldsFunc(r.tag, func(c rune) bool { return c == '-' || c == '.' || c == '_' })
}

func (r ref) tagHasToken(set map[string]bool) bool {
	for _, t := range r.tagTokens() {
		if set[t] {
			return true
		}
	}
	return false
}

// version parses the leading "major[.minor]" of the tag, skipping a
// non-numeric prefix such as "centos" in "centos7". ok is false when the tag
// has no leading number.
func (r ref) version() (major, minor int, ok bool) {
	t := strings.TrimLeft(r.tag, "abcdefghijklmnopqrstuvwxyz")
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i == 0 {
		return 0, 0, false
	}
	major, _ = strconv.Atoi(t[:i])
	if i < len(t) && t[i] == '.' {
		j := i + 1
		for j < len(t) && t[j] >= '0' && t[j] <= '9' {
			j++
		}
		minor, _ = strconv.Atoi(t[i+1 : j])
	}
	return major, minor, true
}

// latestTag reports whether the tag is absent or "latest".
func (r ref) latestTag() bool { return r.tag == "" || r.tag == "latest" }

var debianCodenames = map[string]bool{
	// Debian
	"jessie": true, "stretch": true, "buster": true, "bullseye": true, "bookworm": true,
	"trixie": true, "forky": true, "duke": true, "sid": true,
	// Ubuntu
	"xenial": true, "bionic": true, "focal": true, "jammy": true, "lunar": true,
	"mantic": true, "noble": true, "oracular": true, "plucky": true, "questing": true,
	"resolute": true,
	// distribution names used as tag tokens ("8.0-debian") and the
	// official-image convention for Debian "-slim" variants
	"debian": true, "ubuntu": true, "slim": true,
}

var rhelDistros = map[string]bool{
	"fedora": true, "centos": true, "rockylinux": true, "almalinux": true,
	"amazonlinux": true, "oraclelinux": true,
}

// debianDefault lists Docker Official Images whose untagged/default variants
// are built on Debian or Ubuntu (variants with "alpine" in the tag are caught
// earlier).
var debianDefault = map[string]bool{
	"node": true, "python": true, "ruby": true, "golang": true, "php": true,
	"perl": true, "httpd": true, "nginx": true, "postgres": true, "redis": true,
	"mongo": true, "rabbitmq": true, "buildpack-deps": true, "wordpress": true,
	"mariadb": true, "eclipse-temurin": true, "tomcat": true, "maven": true,
	"rust": true, "gcc": true, "gradle": true, "pypy": true, "haskell": true,
	"elixir": true, "erlang": true, "julia": true, "r-base": true, "swift": true, "clojure": true,
}

// Family classifies an image reference: "debian", "alpine", "rhel",
// "busybox", "distroless", or "" when unknown.
//
// Registry prefixes (docker.io/library/, quay.io/…), tags and digests are
// understood. Rules, first match wins:
//   - gcr.io/distroless/* and cgr.dev/* (Chainguard) → distroless
//   - Windows, Ubuntu "chiseled", Azure Linux/CBL-Mariner and other
//     "distroless" tags → "" (their users are not those of a family)
//   - a tag containing "alpine", or the alpine image → alpine
//   - the busybox image → busybox
//   - a path component debian or ubuntu → debian
//   - registry.access.redhat.com, registry.redhat.io, a path component
//     fedora/centos/rockylinux/almalinux/amazonlinux/oraclelinux, a
//     ubiN/rhelN path component or a ubiN tag token → rhel
//   - a Debian/Ubuntu codename, "debian", "ubuntu" or "slim" tag token → debian
//   - official images whose default variant is Debian/Ubuntu (node, python,
//     nginx, postgres, …), jenkins/jenkins, the Jupyter docker-stacks and
//     mcr.microsoft.com/dotnet/* → debian; mysql (Oracle Linux) → rhel
func Family(image string) string {
	return parseRef(image).family()
}

func (r ref) family() string {
	if r.name == "" {
		return ""
	}
	if (r.registry == "gcr.io" && strings.HasPrefix(r.path, "distroless/")) || r.registry == "cgr.dev" {
		return FamilyDistroless
	}
	for _, s := range []string{"windowsservercore", "nanoserver", "ltsc", "chiseled", "distroless", "azurelinux", "cbl-mariner"} {
		if strings.Contains(r.tag, s) {
			return ""
		}
	}
	if strings.Contains(r.tag, "alpine") || r.official() == "alpine" {
		return FamilyAlpine
	}
	if r.official() == "busybox" {
		return FamilyBusyBox
	}
	if r.hasComponent("debian") || r.hasComponent("ubuntu") {
		return FamilyDebian
	}
	if r.registry == "registry.access.redhat.com" || r.registry == "registry.redhat.io" {
		return FamilyRHEL
	}
	for _, p := range strings.Split(r.path, "/") {
		if rhelDistros[p] || isNumbered(p, "ubi") || isNumbered(p, "rhel") {
			return FamilyRHEL
		}
	}
	for _, t := range r.tagTokens() {
		if isNumbered(t, "ubi") {
			return FamilyRHEL
		}
	}
	if r.tagHasToken(debianCodenames) {
		return FamilyDebian
	}
	if debianDefault[r.official()] || r.isJenkins() || r.isJupyterStack() || r.isDotnet() {
		return FamilyDebian
	}
	if r.official() == "mysql" {
		// Default mysql tags are built on oraclelinux ("8.0-debian" was
		// caught by the tag-token check above).
		return FamilyRHEL
	}
	return ""
}

// isNumbered reports whether s is prefix followed by one or more digits,
// e.g. "ubi9" or "rhel8".
func isNumbered(s, prefix string) bool {
	_, ok := numbered(s, prefix)
	return ok
}

// numbered returns n when s is prefix followed by the decimal number n.
func numbered(s, prefix string) (int, bool) {
	rest, ok := strings.CutPrefix(s, prefix)
	if !ok || rest == "" {
		return 0, false
	}
	for _, c := range rest {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(rest)
	return n, err == nil
}

func (r ref) isStepCLI() bool { return r.registry == "" && r.path == "smallstep/step-cli" }

func (r ref) isJenkins() bool { return r.registry == "" && r.path == "jenkins/jenkins" }

// isJupyterStack matches the Jupyter docker-stacks images on Docker Hub and
// quay.io, e.g. jupyter/scipy-notebook or quay.io/jupyter/base-notebook.
func (r ref) isJupyterStack() bool {
	if r.registry != "" && r.registry != "quay.io" {
		return false
	}
	if !strings.HasPrefix(r.path, "jupyter/") || strings.Count(r.path, "/") != 1 {
		return false
	}
	return strings.HasSuffix(r.name, "-notebook") || r.name == "docker-stacks-foundation"
}

// isDotnet matches Microsoft's .NET images, e.g. mcr.microsoft.com/dotnet/aspnet.
func (r ref) isDotnet() bool {
	return r.registry == "mcr.microsoft.com" && strings.HasPrefix(r.path, "dotnet/")
}
