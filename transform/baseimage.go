package transform

import (
	"strings"

	"github.com/unroot/unroot/baseimages"

	"github.com/unroot/unroot/baseusers"
)

// ImageConfig is the part of a base image's configuration that UR004 and
// UR005 need: what it runs. Nil slices mean "not set".
type ImageConfig struct {
	Entrypoint, Cmd []string
	Shell           []string // SHELL for shell-form instructions; nil = /bin/sh -c
}

// Inspector returns the configuration of a local image, for --engine-inspect.
// It must not pull the image; it is called once per pass and file, so an
// implementation that runs a command should remember its answers.
type Inspector func(image string) (*ImageConfig, error)

// imageRef is the little that the init and passwd passes read from an image
// reference: the registry, the repository name and the tag.
type imageRef struct {
	registry, path, name, tag string
}

func parseImageRef(image string) imageRef {
	r := baseusers.ParseRef(image)
	return imageRef{registry: r.Registry, path: r.Path, name: r.Name, tag: r.Tag}
}

// official reports whether the reference is the Docker Hub official image name.
func (r imageRef) official(name string) bool { return r.registry == "" && r.path == name }

// noEntrypointImages are base images whose own Dockerfiles set no
// ENTRYPOINT (and no init): the OS images, which are a root file system plus
// CMD, and the language images of the Docker official images built on them.
// Images not listed (node, nginx, postgres, php, eclipse-temurin... set an
// ENTRYPOINT script) are unknown: a new ENTRYPOINT could replace theirs.
var noEntrypointImages = map[string]bool{
	"debian": true, "ubuntu": true, "alpine": true, "busybox": true, "fedora": true,
	"centos": true, "rockylinux": true, "almalinux": true, "amazonlinux": true, "oraclelinux": true,
	"python": true, "golang": true, "ruby": true, "perl": true, "rust": true, "gcc": true,
	"buildpack-deps": true, "pypy": true, "openjdk": true,
}

// knownNoEntrypoint reports whether image is known to set no ENTRYPOINT.
func knownNoEntrypoint(image string) bool {
	r := parseImageRef(image)
	if r.registry == "" && !strings.Contains(r.path, "/") {
		return noEntrypointImages[r.path]
	}
	// Red Hat's Universal Base Images: ubi, ubi-minimal, ubi-micro
	// (ubi-init runs systemd and is not listed).
	if r.registry == "registry.access.redhat.com" || r.registry == "registry.redhat.io" {
		n := strings.TrimLeft(strings.TrimPrefix(r.name, "ubi"), "0123456789")
		return strings.HasPrefix(r.name, "ubi") && (n == "" || n == "-minimal" || n == "-micro")
	}
	if r.registry == "quay.io" && (r.path == "fedora/fedora" || r.path == "centos/centos") {
		return true
	}
	return r.registry == "registry.fedoraproject.org" && r.name == "fedora"
}

// baseEntrypoint is the ENTRYPOINT a known base image sets.
type baseEntrypoint struct {
	args []string
	// handlesPasswd: the entrypoint gives a UID without a passwd entry a
	// name itself.
	handlesPasswd bool
	source        string
}

// knownBaseEntrypoint returns the ENTRYPOINT of base images known to set one
// that unroot's rules care about: the Jupyter Docker Stacks run their
// start.sh under tini, and start.sh appends a passwd entry for an unknown
// UID (their /etc/passwd is group-writable, so it works in group 0).
func knownBaseEntrypoint(image string) (baseEntrypoint, bool) {
	r := parseImageRef(image)
	if (r.registry == "" || r.registry == "quay.io") && strings.HasPrefix(r.path, "jupyter/") {
		return baseEntrypoint{
			args:          []string{"tini", "-g", "--", "start.sh"},
			handlesPasswd: true,
			source:        "the Jupyter Docker Stacks' docker-stacks-foundation Dockerfile (ENTRYPOINT [\"tini\", \"-g\", \"--\", \"start.sh\"])",
		}, true
	}
	return baseEntrypoint{}, false
}

// isFedora reports whether image is Fedora (which packages tini, unlike
// RHEL, UBI, CentOS, Rocky and Alma without EPEL).
func isFedora(image string) bool {
	r := parseImageRef(image)
	return r.name == "fedora" || strings.HasPrefix(r.name, "fedora-")
}

// oldAptRelease reports whether image is a Debian or Ubuntu release older
// than tini's packaging (Debian 10, Ubuntu 20.04): from the base-image
// facts where they know, else from the release the tag names.
func oldAptRelease(image string) bool {
	if f, ok := baseimages.Lookup(image); ok && f.PackageManagerKnown && f.PackageManager == "apt" && f.TiniKnown {
		return f.TiniPackage == ""
	}
	r := parseImageRef(image)
	tag := r.tag
	switch {
	case r.official("debian"):
		for _, old := range []string{"wheezy", "jessie", "stretch", "7", "8", "9"} {
			if tag == old || strings.HasPrefix(tag, old+".") || strings.HasPrefix(tag, old+"-") {
				return true
			}
		}
	case r.official("ubuntu"):
		for _, old := range []string{"precise", "trusty", "xenial", "bionic", "12.04", "14.04", "16.04", "18.04", "12.10", "14.10", "15.04", "15.10", "16.10", "17.04", "17.10", "18.10", "19.04", "19.10"} {
			if tag == old || strings.HasPrefix(tag, old+"-") {
				return true
			}
		}
	default:
		// Other images name the release in the tag (python:3.6-jessie,
		// nvidia/cuda:10.0-base-ubuntu16.04), or are an Ubuntu or
		// Debian rebuild tagged by release (brimstone/ubuntu:14.04).
		for _, word := range strings.FieldsFunc(tag, func(c rune) bool { return c == '-' || c == '_' }) {
			switch strings.TrimPrefix(strings.TrimPrefix(word, "ubuntu"), "debian") {
			case "wheezy", "jessie", "stretch", "precise", "trusty", "xenial", "bionic", "12.04", "14.04", "16.04", "18.04":
				return true
			}
		}
		if r.name == "ubuntu" || r.name == "debian" {
			return oldAptRelease(r.name + ":" + tag)
		}
	}
	return false
}

// shellLess reports whether the stage's image has no shell and no package
// manager (scratch, distroless): nothing can be installed there.
func shellLess(image string) bool {
	img := strings.ToLower(strings.TrimSpace(image))
	if img == "scratch" {
		return true
	}
	if f, ok := baseimages.Lookup(image); ok && f.ShellKnown {
		return f.Shell == ""
	}
	if strings.Contains(img, ":debug") || strings.Contains(img, "-debug") {
		return false // distroless :debug images ship a BusyBox shell
	}
	return baseusers.Family(img) == baseusers.FamilyDistroless || strings.Contains(img, "distroless") ||
		strings.Contains(img, "chiseled")
}
