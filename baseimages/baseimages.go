// Package baseimages is a sourced table of public facts about common base
// images: what they run (ENTRYPOINT, CMD), as whom (USER), where (WORKDIR,
// HOME), and what a Dockerfile built on them can use (shell, package manager,
// whether tini and nss_wrapper are packaged in the release's repositories).
//
// The facts are data, kept in images.go (one row per image family) and
// distros.go (one rule per distribution); every row names the published
// Dockerfile, image configuration or documentation it was read from, pinned
// to a commit where the source is a repository. README.md says how to add a
// row.
//
// A fact that the sources do not settle is reported as unknown (the *Known
// flags), never guessed: callers keep their own fallback for it.
package baseimages

import (
	"strings"

	"github.com/unroot/unroot/baseusers"
)

// Facts are what a base image is known to set and offer.
type Facts struct {
	// Family is the table row that matched, e.g. "python", "node",
	// "debian", "ubi-minimal", "distroless-static".
	Family string
	// Distro is the distribution the variant is built on: "debian",
	// "ubuntu", "alpine", "busybox", "fedora", "centos", "ubi", "rocky",
	// "alma", "amazonlinux", "oraclelinux", "distroless", "wolfi"; "" when
	// the tag does not say and the image has no default.
	Distro string
	// Release is the distribution release the tag names ("bookworm",
	// "12", "3.20", "22.04", "9"), or "" when it names none: a floating tag
	// follows the current release.
	Release string

	// Entrypoint and Cmd in exec form; nil means "not set". They are
	// meaningful only when EntrypointKnown / CmdKnown.
	Entrypoint, Cmd           []string
	EntrypointKnown, CmdKnown bool
	// EntrypointNotInit: the ENTRYPOINT is a path that is an init in other
	// images (/init is s6-overlay's) but a plain program in this one
	// (mvdan/shfmt's -alpine /init is a script that execs shfmt).
	EntrypointNotInit bool

	// User is the image's USER ("" for root), Workdir its WORKDIR ("" when
	// it sets none), Home the HOME its ENV sets ("" when it sets none).
	// Meaningful only when ConfigKnown.
	User, Workdir, Home string
	ConfigKnown         bool

	// Shell is the best shell the image has: "/bin/bash", "/bin/sh",
	// "/busybox/sh" (distroless debug images), or "" for none. Meaningful
	// only when ShellKnown.
	Shell      string
	ShellKnown bool

	// PackageManager is "apt", "apk", "dnf", "microdnf", "yum", or "" for
	// none; InstallHelper names a wrapper the image adds (bitnami's
	// install_packages). Meaningful only when PackageManagerKnown.
	PackageManager      string
	InstallHelper       string
	PackageManagerKnown bool

	// TiniPackage and NSSWrapperPackage name the package in the
	// release's default repositories ("" = not packaged there). Meaningful
	// only when TiniKnown / NSSWrapperKnown.
	TiniPackage       string
	TiniKnown         bool
	NSSWrapperPackage string
	NSSWrapperKnown   bool

	// Source cites the image facts (Entrypoint … Home); DistroSource the
	// distribution facts (Shell … NSSWrapperPackage). Several sources are
	// separated by " ; ".
	Source, DistroSource string
}

// Lookup returns the facts of the base image a FROM line names, e.g.
// "python:3.12-slim-bookworm", "node:20-alpine", "alpine@sha256:…",
// "docker.io/library/alpine:3.20", "mirror.gcr.io/alpine",
// "public.ecr.aws/docker/library/alpine",
// "registry.access.redhat.com/ubi9/ubi-minimal". It returns false for an
// image the table does not know: private registries, references that use a
// build argument in the repository ("${BASE}"), scratch, Windows variants.
//
// A build argument in the tag ("python:${PY}-slim") or a bare digest
// ("node@sha256:…") leaves the image known but its version not: facts that
// changed between versions are then reported unknown.
func Lookup(image string) (Facts, bool) {
	r, ok := parse(image)
	if !ok {
		return Facts{}, false
	}
	for i := range table {
		row := &table[i]
		if !row.match(r) {
			continue
		}
		return row.facts(r)
	}
	return Facts{}, false
}

// ref is an image reference as the table reads it.
type ref struct {
	hub      bool   // Docker Hub or a mirror of it
	registry string // "" on Docker Hub
	path     string // repository path, without Docker Hub's "library/"
	name     string // last path component
	tag      string // "" when absent
	// digestOnly: pinned by digest without a tag, so the version is
	// unknown. varTag: the tag uses a build argument.
	digestOnly, varTag bool
}

// hubMirrors are registries that serve Docker Hub's images under the same
// path, with or without "library/" for the official images.
var hubMirrors = map[string]bool{"mirror.gcr.io": true}

// parse reads an image reference. It reuses baseusers.ParseRef (which
// lower-cases, drops a digest, a leading --platform flag and a trailing
// "AS name", and maps docker.io/index.docker.io to Docker Hub) and adds the
// mirrors of Docker Hub.
func parse(image string) (ref, bool) {
	s := strings.TrimSpace(image)
	for strings.HasPrefix(s, "--") { // "--platform=$BUILDPLATFORM node:20"
		i := strings.IndexAny(s, " \t")
		if i < 0 {
			return ref{}, false
		}
		s = strings.TrimSpace(s[i:])
	}
	if i := strings.IndexAny(s, " \t"); i >= 0 { // "node:20 AS build"
		s = s[:i]
	}
	repo, tagPart := s, ""
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		if j := strings.IndexAny(s[i:], ":@"); j >= 0 {
			repo, tagPart = s[:i+j], s[i+j:]
		}
	} else if j := strings.IndexAny(s, ":@"); j >= 0 {
		repo, tagPart = s[:j], s[j:]
	}
	if repo == "" || strings.Contains(repo, "$") {
		return ref{}, false // "${BASE}", "$REGISTRY/app": unknown
	}
	p := baseusers.ParseRef(s)
	if p.Name == "" || p.Name == "scratch" {
		return ref{}, false
	}
	r := ref{registry: p.Registry, path: p.Path, name: p.Name, tag: p.Tag}
	r.digestOnly = strings.Contains(tagPart, "@") && !strings.HasPrefix(tagPart, ":")
	r.varTag = strings.Contains(tagPart, "$")
	switch {
	case r.registry == "":
		r.hub = true
	case hubMirrors[r.registry]:
		r.hub, r.registry = true, ""
		r.path = strings.TrimPrefix(r.path, "library/")
	case r.registry == "public.ecr.aws" && strings.HasPrefix(r.path, "docker/library/"):
		r.hub, r.registry = true, ""
		r.path = strings.TrimPrefix(r.path, "docker/library/")
	}
	for _, s := range []string{"windowsservercore", "nanoserver", "ltsc"} {
		if strings.Contains(r.tag, s) {
			return ref{}, false
		}
	}
	return r, true
}

// official reports whether r is the Docker Official Image name, or its
// per-architecture copy (amd64/alpine, arm64v8/python), which Docker Hub
// publishes from the same Dockerfiles.
func (r ref) official(name string) bool {
	if !r.hub {
		return false
	}
	if arch, n, ok := strings.Cut(r.path, "/"); ok && archRepos[arch] {
		return n == name
	}
	return r.path == name
}

// archRepos are the Docker Hub namespaces of the official images' builds per
// architecture.
var archRepos = map[string]bool{
	"amd64": true, "arm32v5": true, "arm32v6": true, "arm32v7": true, "arm64v8": true,
	"i386": true, "mips64le": true, "ppc64le": true, "riscv64": true, "s390x": true,
}

// hubRepo reports whether r is the Docker Hub repository path (e.g.
// "bitnami/minideb").
func (r ref) hubRepo(path string) bool { return r.hub && r.path == path }

// versionUnknown reports whether nothing can be said about the image's
// version: a tag from a build argument, or a bare digest.
func (r ref) versionUnknown() bool { return r.varTag || r.digestOnly }

// dashWords splits the tag on "-" only ("3.12-slim-bookworm" → 3.12, slim,
// bookworm), which keeps version numbers whole.
func (r ref) dashWords() []string {
	return strings.FieldsFunc(r.tag, func(c rune) bool { return c == '-' })
}
