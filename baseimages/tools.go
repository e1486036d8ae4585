package baseimages

import "slices"

// Tool images: a program on an OS image or on scratch, tagged by the
// program's releases ("v2.44.0", "1.11.0", "9.5"). What they run changed
// between releases, so their rows list eras.

// era is what a tool image runs from one release on.
type era struct {
	from    version  // the first release with these facts
	ep, cmd []string // nil: not set
	source  string
}

// eraOf returns the era of r's tag among eras (oldest first): the last one
// whose first release the tag reaches. A tag that names no version
// (latest, alpine) is the newest; a tag that names fewer components than a
// release ("9", "9.5") is the newest release of that line. A pinned build,
// a bare digest or a tag from a build argument, or a release older than
// the first era, has none.
func eraOf(r ref, eras []era) (era, bool) {
	if r.versionUnknown() {
		return era{}, false
	}
	v, exact := r.tagVersion()
	if exact {
		return era{}, false
	}
	if v == nil {
		return eras[len(eras)-1], true
	}
	for i := len(eras) - 1; i >= 0; i-- {
		if v.reaches(eras[i].from) {
			return eras[i], true
		}
	}
	return era{}, false
}

// reaches reports whether the line v names has a release at or after w:
// v >= w, where a component v does not name is "the newest".
func (v version) reaches(w version) bool {
	for i, x := range w {
		if i >= len(v) {
			return true
		}
		if v[i] != x {
			return v[i] > x
		}
	}
	return true
}

// toolEras fills ENTRYPOINT, CMD and the config from the era of the tag
// (unknown without one). The row's own user, workdir and home hold for
// every era.
func toolEras(eras ...era) func(ref, *Facts) {
	return func(r ref, f *Facts) {
		e, ok := eraOf(r, eras)
		f.EntrypointKnown, f.CmdKnown = ok, ok
		f.ConfigKnown = f.ConfigKnown && ok
		if ok {
			f.Entrypoint, f.Cmd = e.ep, e.cmd
			if e.source != "" {
				f.Source = e.source + " ; " + f.Source
			}
		}
	}
}

// toolAlpine fills the facts of a tool image built on the Alpine release
// of its time: a tag that names a version was built on an Alpine release
// it does not name, so nss_wrapper (packaged from 3.19) is unknown; tini
// is packaged in every release these images were built on (3.4 and later).
func toolAlpine(r ref, f *Facts) {
	distroFacts(f, "alpine", "")
	if v, _ := r.tagVersion(); v != nil || r.versionUnknown() {
		f.NSSWrapperPackage, f.NSSWrapperKnown = "", false
	}
}

// noShell fills the facts of an image built FROM scratch or distroless:
// no shell, no package manager, nothing packaged.
func noShell(f *Facts, distro string) {
	f.Distro, f.Release = distro, ""
	f.Shell, f.ShellKnown = "", true
	f.PackageManager, f.InstallHelper, f.PackageManagerKnown = "", "", true
	f.TiniPackage, f.TiniKnown, f.NSSWrapperPackage, f.NSSWrapperKnown = "", true, "", true
	f.DistroSource = f.Source
}

// onRegistry matches one repository path on one registry.
func onRegistry(registry, path string) func(ref) bool {
	return func(r ref) bool { return r.registry == registry && r.path == path }
}

// table is what Lookup reads: the images of images.go, then the tool
// images, then the rows of osrows.go, langrows.go, approws.go, cirows.go,
// vendorrows.go and platformrows.go (a row
// earlier in the table wins when two match one reference).
var table = slices.Concat(images, toolRows, osRows, langRows, appRows, ciRows, vendorRows, platformRows)

// toolRows are the tool images of the corpus's unknown-base reports.
var toolRows = []row{
	// zizmor: wolfi-base (root, a BusyBox shell, apk) from v1.6.0; an
	// ENTRYPOINT set in the Dockerfile resets the base image's CMD.
	{family: "zizmor", match: onRegistry("ghcr.io", "zizmorcore/zizmor"), source: srcZizmor,
		adjust: func(r ref, f *Facts) {
			toolEras(era{from: version{1, 6}, ep: []string{"/usr/bin/zizmor"}, source: srcZizmorWolfi})(r, f)
			f.Distro = "wolfi"
			f.Shell, f.ShellKnown = "/bin/sh", true
			f.PackageManager, f.PackageManagerKnown = "apk", true
			f.DistroSource = srcCGWolfiBase
			wolfiPackages(f)
		}},
	// mkdocs-material: python:3.x-alpine (from 9.5.45 its root file
	// system copied onto scratch), WORKDIR /docs.
	{family: "mkdocs-material", match: hubRepo("squidfunk/mkdocs-material"), workdir: "/docs", source: srcMkdocs,
		adjust: func(r ref, f *Facts) {
			serve := []string{"serve", "--dev-addr=0.0.0.0:8000"}
			toolEras(
				era{from: version{5, 2}, ep: []string{"mkdocs"}, cmd: serve, source: srcMkdocsOld},
				era{from: version{9, 5, 14}, ep: []string{"/sbin/tini", "--", "mkdocs"}, cmd: serve, source: srcMkdocsTini},
			)(r, f)
			toolAlpine(r, f)
		}},
	// htmltest: FROM alpine:3.9 (the TARGET default, which the release
	// workflow does not override), WORKDIR /test.
	{family: "htmltest", match: hubRepo("wjdp/htmltest"), workdir: "/test", source: srcHtmltest,
		adjust: func(r ref, f *Facts) {
			toolEras(era{from: version{0, 13}, ep: []string{"htmltest"}, cmd: []string{"./"}})(r, f)
			distroFacts(f, "alpine", "3.9")
		}},
	// shfmt: the -alpine tags run /init (which execs shfmt or the given
	// command) on Alpine; the others are shfmt alone on scratch.
	{family: "shfmt", match: hubRepo("mvdan/shfmt"), source: srcShfmt,
		adjust: func(r ref, f *Facts) {
			if r.hasWord("alpine") {
				toolEras(era{from: version{3, 1}, ep: []string{"/init"}, source: srcShfmtInit})(r, f)
				f.EntrypointNotInit = f.EntrypointKnown
				toolAlpine(r, f)
				return
			}
			toolEras(era{from: version{3, 1}, ep: []string{"/bin/shfmt"}, cmd: []string{"-h"}})(r, f)
			noShell(f, "scratch")
		}},
	// dex: Alpine by default (plain and -alpine tags), distroless static
	// on -distroless tags; its USER (1001, later dex) is not claimed.
	{family: "dex", match: func(r ref) bool {
		return r.hubRepo("dexidp/dex") || (r.registry == "ghcr.io" && r.path == "dexidp/dex")
	},
		configUnknown: true, source: srcDex,
		adjust: func(r ref, f *Facts) {
			toolEras(era{from: version{2, 31}, ep: []string{"/usr/local/bin/docker-entrypoint"},
				cmd: []string{"dex", "serve", "/etc/dex/config.docker.yaml"}, source: srcDexEP})(r, f)
			if r.hasWord("distroless") {
				noShell(f, "distroless")
				return
			}
			toolAlpine(r, f)
		}},
	// vault: Alpine; docker-entrypoint.sh runs under dumb-init (its
	// shebang) and drops to the vault user itself. The UBI builds are
	// not read.
	{family: "vault", match: func(r ref) bool {
		// docker.mirror.hashicorp.services is, by its name and its use
		// in HashiCorp's CI, a mirror of Docker Hub under the same
		// path (not read from a pinned source).
		return r.hubRepo("hashicorp/vault") || onRegistry("docker.mirror.hashicorp.services", "hashicorp/vault")(r)
	}, source: srcVault + " ; " + srcVaultOld,
		adjust: func(r ref, f *Facts) {
			toolEras(era{from: version{0, 8, 3}, ep: []string{"docker-entrypoint.sh"}, cmd: []string{"server", "-dev"}})(r, f)
			if r.hasWord("ubi") {
				f.EntrypointKnown, f.CmdKnown, f.ConfigKnown = false, false, false
				return
			}
			toolAlpine(r, f)
		}},
	// bats: FROM bash (Alpine, with bash), WORKDIR /code; ENTRYPOINT only,
	// which resets bash's CMD.
	{family: "bats", match: hubRepo("bats/bats"), workdir: "/code", source: srcBats,
		adjust: func(r ref, f *Facts) {
			toolEras(
				era{from: version{1, 2, 1}, ep: []string{"bash", "bats"}, source: srcBatsOld},
				era{from: version{1, 4}, ep: []string{"/tini", "--", "bash", "bats"}, source: srcBatsTini},
				era{from: version{1, 11, 1}, ep: []string{"/tini", "--", "/usr/local/bin/bash", "/usr/local/bin/bats"}},
			)(r, f)
			toolAlpine(r, f)
			f.Shell = "/bin/bash"
		}},
	// markdown-lint: node:13-alpine, then mhart/alpine-node:slim-12 (v1.4.0
	// on); both add bash. ENTRYPOINT only.
	{family: "markdown-lint", match: hubRepo("avtodev/markdown-lint"), source: srcMdLint,
		adjust: func(r ref, f *Facts) {
			toolEras(era{from: version{0, 0, 1}, ep: []string{"/docker-entrypoint.sh"}})(r, f)
			toolAlpine(r, f)
			f.Shell = "/bin/bash"
		}},
}

// nginxBefore118 fills the facts of nginx tags from before the ENTRYPOINT
// (1.7.5, the repository's first build, to 1.17): CMD only. The amplify
// variant of 2017 had an ENTRYPOINT. The Debian release of the default
// variant by line: wheezy for 1.7, jessie from 1.9.0 (2015-04-29) to 1.11,
// stretch from 1.12.0 (2017-04-13) to 1.15; 1.8, 1.16 and 1.17 (moved to
// buster in July 2019, mid-line) and the Alpine variants are not read.
func nginxBefore118(r ref, f *Facts) {
	v, exact := r.tagVersion()
	if f.EntrypointKnown || exact || r.versionUnknown() || v == nil || r.hasWord("amplify") {
		return
	}
	if v.reaches(version{1, 7, 5}) && !v.reaches(version{1, 18}) {
		f.Entrypoint, f.EntrypointKnown = nil, true
		f.Source = srcNginxOld + " ; " + srcNginx2014
		if f.Distro == "debian" && f.Release == "" && len(v) >= 2 && v[0] == 1 {
			if rel := nginxDebian[v[1]]; rel != "" {
				f.TiniPackage, f.NSSWrapperPackage = "", ""
				distroFacts(f, "debian", rel)
				f.DistroSource += " ; " + srcNginxJessie + " ; " + srcNginxStretch
				return
			}
		}
		if f.Release == "" {
			packagesUnknown(f)
		}
	}
}

// nginxDebian is the Debian release of nginx 1.x lines, by minor version.
var nginxDebian = map[int]string{7: "wheezy", 9: "jessie", 10: "jessie", 11: "jessie",
	12: "stretch", 13: "stretch", 14: "stretch", 15: "stretch"}
