package transform

import (
	"slices"
	"strings"

	"github.com/unroot/unroot/baseimages"
	"github.com/unroot/unroot/baseusers"
	"github.com/unroot/unroot/parser"
)

// rootWorkdirImages are Docker Hub images known to set no WORKDIR, so that a
// relative path in a stage built on them without a WORKDIR of its own is
// relative to /. Others set one (golang: /go, php: /var/www/html, redis:
// /data, httpd, tomcat, bitnami...), and a relative path there cannot be
// resolved from the Dockerfile alone.
var rootWorkdirImages = map[string]bool{
	"scratch": true, "debian": true, "ubuntu": true, "alpine": true, "busybox": true,
	"fedora": true, "centos": true, "rockylinux": true, "almalinux": true, "amazonlinux": true,
	"oraclelinux": true, "archlinux": true, "photon": true, "opensuse/leap": true, "opensuse/tumbleweed": true,
	"python": true, "node": true, "ruby": true, "perl": true, "openjdk": true, "eclipse-temurin": true,
	"amazoncorretto": true, "nginx": true, "buildpack-deps": true, "bash": true,
}

// baseWorkdirIsRoot reports whether image starts with / as its working
// directory.
func baseWorkdirIsRoot(image string) bool {
	if strings.EqualFold(image, "scratch") {
		return true
	}
	r := baseusers.ParseRef(image)
	switch {
	case r.Registry == "":
		return rootWorkdirImages[r.Path]
	case r.Registry == "gcr.io" && strings.HasPrefix(r.Path, "distroless/"):
		return true
	case strings.HasPrefix(r.Name, "ubi") && (strings.Contains(r.Registry, "redhat") || r.Registry == ""):
		return true
	}
	return false
}

// unknownBaseUser stands for the user of a base image unroot knows nothing
// about (quay.io/keycloak/keycloak ends with USER 1000): not root, as far
// as unroot can tell.
const unknownBaseUser = "(the base image's user)"

// baseUserSpec is the user a stage's instructions run as before any USER:
// the base image's default user when it is a known non-root one; root ("")
// for the images unroot knows (the families of the base-user table,
// scratch) and when the file shows it (a RUN before any USER installs
// packages, adds users or changes owners, which needs root); else
// unknownBaseUser.
func baseUserSpec(st *parser.Stage) string {
	image := st.Image()
	if d, ok := baseusers.DefaultUser(image); ok {
		return d.UID
	}
	if st.IsScratch() || baseusers.Family(image) != "" || rootEvidence(st) {
		return ""
	}
	if f, ok := baseimages.Lookup(image); ok && f.ConfigKnown && f.User == "" {
		// The base-image facts read its USER: none, so root.
		return ""
	}
	return unknownBaseUser
}

// rootEvidence reports whether a RUN of the stage (or its ancestors), before
// any USER, does what only root can.
func rootEvidence(st *parser.Stage) bool {
	for _, c := range st.Chain() {
		for _, ins := range c.Instructions {
			if ins.Keyword == "user" {
				return false
			}
			r := ins.Run
			if r == nil {
				continue
			}
			if slices.Contains(r.Commands, "sudo") || slices.Contains(r.Commands, "doas") {
				return false // the stage runs as a user who needs sudo
			}
			if len(r.Installs) > 0 || len(r.Managers) > 0 || len(r.Users) > 0 || len(r.Groups) > 0 || len(r.Chowns) > 0 {
				return true
			}
			for _, cmd := range r.Commands {
				if rootCommands[cmd] {
					return true
				}
			}
		}
	}
	return false
}

// rootCommands need root to do their work.
var rootCommands = map[string]bool{
	"tdnf": true, "pacman": true, "install_packages": true, "clean-install": true, "apt-get": true, "apt": true,
	"apk": true, "dnf": true, "yum": true, "microdnf": true, "zypper": true, "dpkg": true, "rpm": true,
	"useradd": true, "adduser": true, "groupadd": true, "addgroup": true, "usermod": true, "chown": true,
	"update-ca-certificates": true, "ldconfig": true,
}

// osImages are base images that set no ENV but PATH: a variable a Dockerfile
// on them does not set is empty for the builder, not the base image's.
var osImages = map[string]bool{
	"scratch": true, "debian": true, "ubuntu": true, "alpine": true, "busybox": true,
	"fedora": true, "centos": true, "rockylinux": true, "almalinux": true, "amazonlinux": true,
	"oraclelinux": true, "archlinux": true,
}

func osImageEnv(image string) bool {
	if strings.EqualFold(image, "scratch") {
		return true
	}
	r := baseusers.ParseRef(image)
	return r.Registry == "" && osImages[r.Path]
}
