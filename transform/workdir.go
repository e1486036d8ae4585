package transform

import (
	"strings"

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

// baseUserSpec is the user a stage's instructions run as before any USER:
// the base image's default user when it is a known non-root one, else ""
// (root).
func baseUserSpec(st *parser.Stage) string {
	if d, ok := baseusers.DefaultUser(st.Image()); ok {
		return d.UID
	}
	return ""
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
