package baseimages

import "strings"

// Sources of the distribution facts. See README.md for what each shows.
const (
	// Debian's tini package: its changelog's first entry is "tini
	// (0.18.0-1) unstable … Initial release", 25 Apr 2018, after stretch
	// (Debian 9) was released; buster (10) is the first release with it.
	srcDebianTini = "Debian changelog of tini (/usr/share/doc/tini/changelog.Debian.gz in tini_0.19.0-1+b3, bookworm): initial release 0.18.0-1 to unstable on 2018-04-25, https://metadata.ftp-master.debian.org/changelogs/main/t/tini/tini_0.19.0-1_changelog"
	// Ubuntu 18.04 has no tini package.
	srcUbuntuTini = "https://github.com/jupyter/docker-stacks/pull/1511 (\"The tini package is not available on ubuntu18.04\")"
	// Debian's nss-wrapper: experimental uploads in 2014, first unstable
	// upload 1.0.3-2 on 2015-05-25, after jessie (Debian 8) was released.
	srcDebianNSSWrapper = "Debian changelog of nss-wrapper (/usr/share/doc/libnss-wrapper/changelog.Debian.gz in libnss-wrapper_1.1.12-1, bookworm): 1.0.2-1 and 1.0.3-1 to experimental in 2014, 1.0.3-2 to unstable on 2015-05-25"
	srcAlpineTini       = "https://github.com/alpinelinux/aports/pull/27 (testing/tini moved to community, 2016-02-05; Alpine 3.4 is the first release after)"
	srcAlpineNSSWrapper = "https://github.com/alpinelinux/aports/blob/0e683c79426b178c187e14decf9439a0888c68c5/community/nss_wrapper/APKBUILD (in community); the 3.19 lower bound is unroot's existing rule (docs/rules/UR005.md), not re-verified"
	srcMinidebHelper    = "https://github.com/bitnami/minideb/blob/1cd8d3392c2b9f8ed6b8f55cf806ee8f30c331ff/mkimage (writes /usr/sbin/install_packages)"
	srcFedoraTini       = "https://src.fedoraproject.org/rpms/tini (Fedora package; e.g. dnf install tini on fedora:40 in https://github.com/slominskir/sssd-devcontainer/blob/main/Dockerfile)"
	srcFedoraNSSWrapper = "https://github.com/sclorg/s2i-python-container/blob/e007f85c98201ffc56ef7b90a302e304e66dc4c7/3.13-minimal/Dockerfile.fedora (microdnf install … nss_wrapper-libs on fedora-minimal:42)"
	srcWolfiTini        = "https://github.com/wolfi-dev/os/blob/e206566775d7284e773dd2074c068a60a2794b55/tini.yaml (package tini, /usr/bin/tini)"
	srcWolfiNSSWrapper  = "https://github.com/wolfi-dev/os/blob/d769945d50f6b2d78f3b43b6e663fbc5be83e9a1/nss_wrapper.yaml (package nss_wrapper, /usr/lib/libnss_wrapper.so)"
	srcC9SNSSWrapper    = "https://github.com/sclorg/s2i-python-container/blob/e007f85c98201ffc56ef7b90a302e304e66dc4c7/3.12/Dockerfile.c9s (installs nss_wrapper-libs on CentOS Stream 9)"
	srcUBIMicro         = "https://docs.redhat.com/en/documentation/red_hat_enterprise_linux/9/html/building_running_and_managing_containers/assembly_types-of-container-images_building-running-and-managing-containers (ubi-micro excludes the package manager)"
	srcRockyMinimal     = "https://github.com/rocky-linux/sig-cloud-instance-images/blob/e26091267b03ab82fac3395bbc940f8d081a490f/Rocky.x86_64-9.packages (Minimal: bash, microdnf; no dnf)"
	srcRockyBase        = "https://github.com/rocky-linux/sig-cloud-instance-images/blob/13c1a2b3073f20ce97ba213ba8fa0f08dad66d14/Rocky.x86_64-9.packages (Base: bash, dnf, yum)"
	srcAlmaMinimal      = "https://github.com/AlmaLinux/docker-images/blob/cbfe509d63b9d87c21c3f25a1d97d8f84f444cce/dockerfiles/al9/Dockerfile.minimal (installs microdnf)"
	srcDistrolessDebug  = "https://github.com/GoogleContainerTools/distroless/blob/cd080764af3103b2f49fb5eb23297c72c945e77a/static/static.bzl (debug images add BusyBox at /busybox)"
)

// debianReleases maps Debian codenames to release numbers.
var debianReleases = map[string]int{
	"wheezy": 7, "jessie": 8, "stretch": 9, "buster": 10, "bullseye": 11,
	"bookworm": 12, "trixie": 13, "forky": 14, "duke": 15,
	// sid, unstable, testing, experimental follow the newest release.
	"sid": 99, "unstable": 99, "testing": 99, "experimental": 99,
}

// ubuntuReleases maps Ubuntu codenames to versions.
var ubuntuReleases = map[string]string{
	"precise": "12.04", "trusty": "14.04", "xenial": "16.04", "bionic": "18.04",
	"cosmic": "18.10", "disco": "19.04", "eoan": "19.10", "focal": "20.04",
	"groovy": "20.10", "hirsute": "21.04", "impish": "21.10", "jammy": "22.04",
	"kinetic": "22.10", "lunar": "23.04", "mantic": "23.10", "noble": "24.04",
	"oracular": "24.10", "plucky": "25.04", "questing": "25.10", "resolute": "26.04",
}

// variant reads the distribution of an official image's variant from its
// tag: an "alpine" or "alpine3.20" word, a Debian or Ubuntu codename word;
// otherwise the image's default distribution, release unnamed. A tag built
// from a build argument ("3.12-${VARIANT}") names no default.
func variant(r ref, def string) (distro, release string) {
	for _, w := range r.dashWords() {
		if rest, ok := strings.CutPrefix(w, "alpine"); ok {
			return "alpine", rest
		}
		if _, ok := debianReleases[w]; ok {
			return "debian", w
		}
		if _, ok := ubuntuReleases[w]; ok {
			return "ubuntu", w
		}
	}
	if r.varTag {
		return "", ""
	}
	return def, ""
}

// distroFacts fills the shell, package manager, tini and nss_wrapper facts
// of a distribution release ("" = the current one).
func distroFacts(f *Facts, distro, release string) {
	f.Distro, f.Release = distro, release
	switch distro {
	case "debian":
		debianFacts(f, release)
	case "ubuntu":
		ubuntuFacts(f, release)
	case "alpine":
		alpineFacts(f, release)
	case "busybox":
		f.Shell, f.ShellKnown = "/bin/sh", true
		f.PackageManagerKnown = true // none
		f.TiniKnown, f.NSSWrapperKnown = true, true
		f.DistroSource = srcBusyBox
	case "distroless":
		f.ShellKnown = true // none (debug images: set by the row)
		f.PackageManagerKnown = true
		f.TiniKnown, f.NSSWrapperKnown = true, true
		f.DistroSource = srcDistrolessStatic
	case "fedora":
		f.Shell, f.ShellKnown = "/bin/bash", true
		f.PackageManager, f.PackageManagerKnown = "dnf", true
		v, _ := parseVersion(release)
		if release == "" || v.atLeast(version{40}) {
			f.TiniPackage, f.TiniKnown = "tini", true
		}
		if release == "" || v.atLeast(version{42}) {
			f.NSSWrapperPackage, f.NSSWrapperKnown = "nss_wrapper-libs", true
		}
		f.DistroSource = srcFedoraTini + " ; " + srcFedoraNSSWrapper
	case "wolfi":
		f.PackageManager, f.PackageManagerKnown = "apk", true
		wolfiPackages(f)
	}
}

// wolfiPackages: Wolfi is a rolling distribution that packages tini and
// nss_wrapper (for the images that have apk).
func wolfiPackages(f *Facts) {
	f.TiniPackage, f.TiniKnown = "tini", true
	f.NSSWrapperPackage, f.NSSWrapperKnown = "nss_wrapper", true
	f.DistroSource += " ; " + srcWolfiTini + " ; " + srcWolfiNSSWrapper
}

// Debian: tini from buster (10), libnss-wrapper from stretch (9).
func debianFacts(f *Facts, release string) {
	f.Shell, f.ShellKnown = "/bin/bash", true
	f.PackageManager, f.PackageManagerKnown = "apt", true
	f.DistroSource = srcDebianTini + " ; " + srcDebianNSSWrapper
	n, ok := debianRelease(release)
	if !ok {
		return
	}
	f.TiniKnown, f.NSSWrapperKnown = true, true
	if n >= 10 {
		f.TiniPackage = "tini"
	}
	if n >= 9 {
		f.NSSWrapperPackage = "libnss-wrapper"
	}
}

// debianRelease reads a Debian release: a codename, a number ("12",
// "12.5", "8"), or "" for the current one (99). ok is false for anything
// else.
func debianRelease(release string) (int, bool) {
	if release == "" {
		return 99, true
	}
	if n, ok := debianReleases[release]; ok {
		return n, true
	}
	switch release {
	case "stable", "oldstable", "oldoldstable":
		return 11, true // every release these names pointed to in the table's time frame has both (bullseye or later)
	}
	if v, _ := parseVersion(release); len(v) > 0 && v[0] >= 7 && v[0] < 30 {
		return v[0], true
	}
	return 0, false
}

// Ubuntu: tini from 20.04 (18.04 has none; 18.10–19.10 unverified),
// libnss-wrapper from 16.04 (Debian unstable had it from May 2015; 14.04
// was released before any upload outside experimental; 14.10–15.10
// unverified).
func ubuntuFacts(f *Facts, release string) {
	f.Shell, f.ShellKnown = "/bin/bash", true
	f.PackageManager, f.PackageManagerKnown = "apt", true
	f.DistroSource = srcUbuntuTini + " ; " + srcDebianTini + " ; " + srcDebianNSSWrapper
	if v, ok := ubuntuReleases[release]; ok {
		release = v
	}
	v, _ := parseVersion(release)
	if release != "" && len(v) < 2 {
		switch release {
		case "latest", "rolling", "devel":
			v = nil
		default:
			return
		}
	}
	switch {
	case v == nil || v.atLeast(version{20, 4}):
		f.TiniPackage, f.TiniKnown = "tini", true
	case !v.atLeast(version{18, 10}):
		f.TiniKnown = true
	}
	switch {
	case v == nil || v.atLeast(version{16, 4}):
		f.NSSWrapperPackage, f.NSSWrapperKnown = "libnss-wrapper", true
	case !v.atLeast(version{14, 10}):
		f.NSSWrapperKnown = true
	}
}

// Alpine: tini in community from 3.4; nss_wrapper in community from 3.19.
func alpineFacts(f *Facts, release string) {
	f.Shell, f.ShellKnown = "/bin/sh", true
	f.PackageManager, f.PackageManagerKnown = "apk", true
	f.DistroSource = srcAlpineTini + " ; " + srcAlpineNSSWrapper
	v, _ := parseVersion(release)
	if release == "edge" || release == "latest" {
		v = nil
	} else if release != "" && len(v) < 2 {
		return
	}
	if v == nil || v.atLeast(version{3, 4}) {
		f.TiniPackage = "tini"
	}
	f.TiniKnown = true
	if v == nil || v.atLeast(version{3, 19}) {
		f.NSSWrapperPackage, f.NSSWrapperKnown = "nss_wrapper", true
	}
}

// packagesUnknown marks tini and nss_wrapper unknown: which release of the
// distribution the image was built on is not known.
func packagesUnknown(f *Facts) {
	f.TiniPackage, f.TiniKnown, f.NSSWrapperPackage, f.NSSWrapperKnown = "", false, "", false
}

// releaseUnnamed: a tag that names a version of an image whose lines moved
// between distribution releases, but no release, was built on a release
// that is not known: tini and nss_wrapper are unknown.
func releaseUnnamed(r ref, f *Facts) {
	if v, _ := r.tagVersion(); f.Release == "" && (v != nil || r.versionUnknown()) {
		packagesUnknown(f)
	}
}
