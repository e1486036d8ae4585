package parser

import (
	"strings"

	"github.com/unroot/unroot/baseimages"
)

// LookupUser returns the last definition of user name made by a RUN in the
// stage or its ancestors, or nil.
func (s *Stage) LookupUser(name string) *User {
	return lastOf(s, func(f *RunFacts) []User { return f.Users }, func(u *User) bool { return u.Name == name })
}

// LookupUID returns the last user the stage's RUNs create with the given UID.
func (s *Stage) LookupUID(uid string) *User {
	return lastOf(s, func(f *RunFacts) []User { return f.Users }, func(u *User) bool { return u.UID == uid })
}

// LookupGroup returns the last definition of group name made by a RUN in the
// stage or its ancestors, or nil.
func (s *Stage) LookupGroup(name string) *Group {
	return lastOf(s, func(f *RunFacts) []Group { return f.Groups }, func(g *Group) bool { return g.Name == name })
}

// lastOf returns the last record that match accepts among those the RUNs of
// the stage and its ancestors create, in build order. A COPY of another
// stage's account files brings that stage's records.
func lastOf[T any](s *Stage, records func(*RunFacts) []T, match func(*T) bool) *T {
	var found *T
	for _, c := range s.Chain() {
		for _, ins := range c.Instructions {
			if ins.AccountsFrom != nil {
				if r := lastOf(ins.AccountsFrom, records, match); r != nil {
					found = r
				}
				continue
			}
			if ins.Run == nil {
				continue
			}
			rs := records(ins.Run)
			for i := range rs {
				if match(&rs[i]) {
					found = &rs[i]
				}
			}
		}
	}
	return found
}

// PackageManager returns the package manager the stage uses: the first one
// its RUNs (or its ancestors') use, else a guess from the base image name.
func (s *Stage) PackageManager() string {
	for _, c := range s.Chain() {
		for _, ins := range c.Instructions {
			if ins.Run != nil && len(ins.Run.Managers) > 0 {
				return ins.Run.Managers[0]
			}
		}
	}
	return managerForImage(s.Image())
}

func managerForImage(image string) string {
	if f, ok := baseimages.Lookup(image); ok && f.PackageManagerKnown {
		return f.PackageManager
	}
	ref := strings.ToLower(image)
	name := ref
	if i := strings.LastIndex(name, "/"); i >= 0 {
		name = name[i+1:]
	}
	tag := ""
	if i := strings.Index(name, ":"); i >= 0 {
		name, tag = name[:i], name[i+1:]
	}
	rhel := name == "fedora" || strings.HasPrefix(name, "ubi") || name == "rockylinux" || name == "almalinux" ||
		name == "centos" || name == "amazonlinux" || name == "oraclelinux"
	switch {
	case strings.Contains(tag, "alpine") || name == "alpine":
		return "apk"
	case strings.HasPrefix(name, "ubi") && strings.Contains(name, "micro"), strings.Contains(tag, "ubi") && strings.Contains(tag, "micro"):
		// ubi-micro has no package manager at all.
		return ""
	case strings.HasPrefix(name, "ubi") && strings.Contains(name, "minimal"), strings.Contains(tag, "ubi") && strings.Contains(tag, "minimal"),
		rhel && strings.Contains(tag, "minimal"), name == "oraclelinux" && strings.Contains(tag, "slim"),
		(name == "openjdk" || name == "eclipse-temurin") && (strings.Contains(tag, "oracle") || strings.Contains(tag, "ubi")):
		// The minimal RHEL-family images (ubi-minimal, rockylinux:9-minimal,
		// oraclelinux:8-slim, which openjdk:*-oracle is built on) have
		// only microdnf.
		return "microdnf"
	case name == "centos" && (strings.HasPrefix(tag, "7") || strings.HasPrefix(tag, "6") || strings.HasPrefix(tag, "centos7") || strings.HasPrefix(tag, "centos6")),
		name == "amazonlinux" && (tag == "1" || strings.HasPrefix(tag, "2") && !strings.HasPrefix(tag, "2023") || strings.HasPrefix(tag, "2018")),
		name == "oraclelinux" && (strings.HasPrefix(tag, "7") || strings.HasPrefix(tag, "6")):
		return "yum"
	case rhel:
		return "dnf"
	case name == "debian" || name == "ubuntu" || strings.Contains(tag, "bookworm") || strings.Contains(tag, "bullseye") ||
		strings.Contains(tag, "trixie") || strings.Contains(tag, "slim") || strings.Contains(tag, "jammy") || strings.Contains(tag, "noble") || strings.Contains(tag, "focal"):
		return "apt"
	case strings.Contains(name, "opensuse") || strings.Contains(ref, "suse"):
		return "zypper"
	case name == "python" || name == "node" || name == "ruby" || name == "golang" || name == "openjdk" || name == "php" ||
		name == "buildpack-deps" || name == "perl" || name == "rust" || name == "eclipse-temurin" || name == "nginx" || name == "httpd" || name == "postgres" || name == "redis":
		return "apt"
	}
	return ""
}
