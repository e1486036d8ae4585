package baseimages

import "strconv"

// Language and toolchain images outside the Docker Official Images already in images.go (old python:2, openjdk's CMD per variant, gcc, clojure, gradle's non-temurin variants, mono, swift, the Rust project's nightly images, CUDA and PyTorch, Cypress, CircleCI), read from each image's published definition.

// Sources of the rows and hooks of this file, pinned to the commit read.
const (
	// python:2: every Linux Dockerfile of the 2 and 2.7 lines, from the
	// first (2014-06-20) to the last before their removal (2020-04-20),
	// sets CMD ["python2"].
	langSrcPython2     = gh + "docker-library/python/blob/f1e613f48eb4fc88748b36787f5ed74c14914636/2.7/stretch/slim/Dockerfile"
	langSrcPython2Orig = gh + "docker-library/python/blob/9d2859cc4bd5c228cccfac2d0b515b83da93bbf2/2/Dockerfile"

	// node: the May 2019 entrypoint commit was followed by one release
	// of each line whose Dockerfile lacked it for a day (12.4.0 at
	// 1bacb037, 10.16.0 at 2e3e6afe); library/node built 12.4.0 from the
	// merge 5d882788 (official-images 323f3a65), which has it, and 10.16.0
	// last from a later commit that has it. Every later 8, 10 and 12
	// Dockerfile has it (12.20.1: the one below).
	langSrcNode12      = gh + "nodejs/docker-node/blob/ad676318f09f9dee821ac6704340000d75fe31bc/12/stretch/Dockerfile"
	langSrcNode124     = gh + "nodejs/docker-node/blob/5d8827883ba24066cec73f6d6c3e70c3ec4e1b28/12/stretch/Dockerfile"
	langSrcNodeLibrary = gh + "docker-library/official-images/blob/323f3a651d44cbc72c14228d61488ff87a660154/library/node"

	// openjdk: every JDK Dockerfile from 10 on sets CMD ["jshell"]
	// (10/jdk/slim, 11/jdk/slim as examples); the 6, 7 and 8 Dockerfiles
	// (JDK and JRE), the 9 and 10 JRE ones set none, so they run their
	// base image's (8/jdk/alpine: FROM alpine:3.9; 8/jdk/slim: FROM
	// debian:buster-slim). 9's JDK and 11's JRE Dockerfiles had jshell
	// only for part of their history.
	langSrcOpenJDK10      = gh + "docker-library/openjdk/blob/78e731d8ba269c8d50c0f4ad9ee431c1c32f179a/10/jdk/slim/Dockerfile"
	langSrcOpenJDK11      = gh + "docker-library/openjdk/blob/55eaa15885a2dd8b0d74c95fe9af71d90492b2d8/11/jdk/slim/Dockerfile"
	langSrcOpenJDK8Alpine = gh + "docker-library/openjdk/blob/4b9abf8a5458b15b43349f38ac670dae39967e24/8/jdk/alpine/Dockerfile"
	langSrcOpenJDK8Slim   = gh + "docker-library/openjdk/blob/55eaa15885a2dd8b0d74c95fe9af71d90492b2d8/8/jdk/slim/Dockerfile"
	langSrcOpenJDK8       = gh + "docker-library/openjdk/blob/55eaa15885a2dd8b0d74c95fe9af71d90492b2d8/8/jdk/Dockerfile"

	// gcc: FROM buildpack-deps:<Debian release>, no ENTRYPOINT or CMD,
	// from the 4.9 Dockerfile to the current template.
	langSrcGCC    = gh + "docker-library/gcc/blob/6c40a41a202b2996b26b52e94762fe9aa8830766/9/Dockerfile"
	langSrcGCCOld = gh + "docker-library/gcc/blob/00013aa569bfe01e32300b8eb70db417a43a7bb5/4.9/Dockerfile"

	// clojure: the generator adds ENTRYPOINT ["entrypoint"] for JDK 16
	// and later (shared.clj, since 2021-11-15: before JDK 18's release),
	// CMD ["repl"] for lein and ["-M", "--repl"] for tools-deps; WORKDIR
	// /tmp.
	langSrcClojure     = gh + "Quantisan/docker-clojure/blob/2b181f469009cb75978e730eac3fe5c48c4398e7/target/debian-bookworm-slim-26/lein/Dockerfile"
	langSrcClojureGen  = gh + "Quantisan/docker-clojure/blob/14dff87caeb3172b199e26146f4dfeb11e893c5f/src/docker_clojure/dockerfile/shared.clj"
	langSrcClojureTD   = gh + "Quantisan/docker-clojure/blob/14dff87caeb3172b199e26146f4dfeb11e893c5f/target/debian-bookworm-slim-25/tools-deps/Dockerfile"
	langSrcClojureFrom = gh + "Quantisan/docker-clojure/commit/9f9df2d8d2d1dc9e4f0fa7654bc911f49484536d" // "Update Dockerfiles & build dirs for entrypoints", 2021-11-15

	// gradle: no Dockerfile of docker-gradle sets ENTRYPOINT; its bases
	// were openjdk, adoptopenjdk (neither ever set one), eclipse-temurin
	// (from 2023-08-02), amazoncorretto and ubuntu. 6.8.1-jdk was
	// hotspot/jdk8, FROM adoptopenjdk:8-jdk-hotspot (FROM ubuntu:20.04).
	langSrcGradle681  = gh + "keeganwitt/docker-gradle/blob/ca63c262892414dda16c68308e4191a04c7ca7da/hotspot/jdk8/Dockerfile"
	langSrcAdoptJDK8  = gh + "AdoptOpenJDK/openjdk-docker/blob/a1f43408ff2770a36d3e9b8e23ba7c03ab26c33c/8/jdk/ubuntu/Dockerfile.hotspot.releases.full"
	langSrcAdoptFocal = gh + "AdoptOpenJDK/openjdk-docker/commit/107219f3cba662a21db2a04f1cbee95ea4107faf"                 // 8/jdk/ubuntu moved from ubuntu:18.04 to 20.04, 2020-10-24
	langSrcGradleTags = gh + "docker-library/official-images/blob/37079fb336f572a88700cf32e5e1f6be54a04e8f/library/gradle" // with its history: when each version left the file

	// swift: the Linux Dockerfiles set no ENTRYPOINT or CMD (only the
	// Windows ones do); a tag naming no OS was built from one Ubuntu
	// release per line (library/swift's history).
	langSrcSwift52    = gh + "apple/swift-docker/blob/2d2c2fb89fe6ecfd8885157eb1666ed2686503a0/5.2/ubuntu/18.04/Dockerfile"
	langSrcSwiftLib   = gh + "docker-library/official-images/blob/7fa932795a4831769781e8ad32003018c76a6272/library/swift"
	langSrcSwiftLib52 = gh + "docker-library/official-images/blob/d9463aa7e59a6a3966c3cfcab9fae817411d4557/library/swift"

	// mono: no Dockerfile of mono/docker sets ENTRYPOINT or CMD; the full
	// image is FROM mono:<version>-slim, the slim one FROM debian
	// (wheezy, jessie, stretch to 6.8.0.96, buster from 6.8.0.123).
	langSrcMono518 = gh + "mono/docker/blob/c47c852008be6934ac650f282c18c70f2cfec72f/5.18.1.28/slim/Dockerfile"
	langSrcMono612 = gh + "mono/docker/blob/9293c0cddf31a3dc829fccc6f8e1eb507a91cd34/6.12.0.182/slim/Dockerfile"

	// rustlang/rust nightly images: rust-lang/docker-rust-nightly (to
	// 2023; stretch until 2021-05-21), then docker-rust's nightly
	// directory. Neither sets ENTRYPOINT, CMD, USER or WORKDIR.
	langSrcRustNightlyStretch = gh + "rust-lang/docker-rust-nightly/blob/3b231449a243fc912a187767ae5e94dcc3cc1805/stretch/slim/Dockerfile"
	langSrcRustNightlyTags    = gh + "rust-lang/docker-rust-nightly/blob/6596415639b773643f2ef40fa87658ebd3323878/.github/workflows/build.yml"
	langSrcRustNightly        = gh + "rust-lang/docker-rust/blob/0090aa71b570edfb7464fb7a380d32b6ed4b3c10/nightly/trixie/slim/Dockerfile"

	// cimg/go: the Go Dockerfiles (and -node) set no ENTRYPOINT or CMD
	// (only -browsers does); cimg/base sets none either and is FROM
	// ubuntu. 1.17 was built on cimg/base 2021.07 to 2022.06, whose
	// YYYY.MM tags were the 20.04 image then (config.yml).
	langSrcCimgGo117   = gh + "CircleCI-Public/cimg-go/blob/31900c5f88c4b12b4165b5e2ec2a0a232046998d/1.17/Dockerfile"
	langSrcCimgBase    = gh + "CircleCI-Public/cimg-base/blob/ee0d37d923bb143ac6d9c34089b30cdcaa0d4576/20.04/Dockerfile"
	langSrcCimgBaseTag = gh + "CircleCI-Public/cimg-base/blob/ee0d37d923bb143ac6d9c34089b30cdcaa0d4576/.circleci/config.yml"
	langSrcCimgBase21  = gh + "CircleCI-Public/cimg-base/blob/0efc81a41982e61db617872cf84a43ec84ef85c8/.circleci/config.yml"

	// cypress/base: since 2023-01-17 the default_image stage of
	// factory/Dockerfile, FROM cypress/factory (factory.Dockerfile, FROM
	// debian:*-slim): neither sets ENTRYPOINT, CMD, USER or WORKDIR (only
	// the included image sets an ENTRYPOINT). Before, base/<version>
	// Dockerfiles were FROM node (its ENTRYPOINT and CMD).
	langSrcCypressBase    = gh + "cypress-io/cypress-docker-images/blob/529873b1256c8e619ee795dce6eb7f16d4f840c1/factory/Dockerfile"
	langSrcCypressFactory = gh + "cypress-io/cypress-docker-images/blob/529873b1256c8e619ee795dce6eb7f16d4f840c1/factory/factory.Dockerfile"
	langSrcCypressEnv     = gh + "cypress-io/cypress-docker-images/blob/529873b1256c8e619ee795dce6eb7f16d4f840c1/factory/.env"
	langSrcCypressFrom    = gh + "cypress-io/cypress-docker-images/commit/4b2ebca497281b6793ece39292edb16ce6eaecae" // "Introduce the cypress/factory image", 2023-01-17
)

// langRows are matched after images and toolRows.
var langRows = []row{
	// gcc: buildpack-deps (no CMD) on Debian: Debian's CMD. The lines
	// moved between Debian releases (9 was built on buster, bullseye and
	// bookworm), so a tag that names a version but no release has
	// unknown tini and nss_wrapper facts.
	{family: "gcc", match: official("gcc"), source: langSrcGCC + " ; " + langSrcGCCOld, distro: variantOf("debian"),
		adjust: func(r ref, f *Facts) {
			if f.Distro != "debian" {
				// An Alpine Dockerfile was in the repository once;
				// whether it was published was not read.
				f.EntrypointKnown, f.CmdKnown, f.ConfigKnown = false, false, false
				return
			}
			inheritOSCmd(f, srcBuildDep)
			releaseUnnamed(r, f)
		}},
	// clojure: temurin-N-lein and temurin-N-tools-deps tags, N >= 18 (all
	// built after the ENTRYPOINT came). Other tags (older JDKs, whose
	// variants on eclipse-temurin inherit its ENTRYPOINT, "latest",
	// openjdk-N) are unknown.
	{family: "clojure", match: official("clojure"), ep: []string{"entrypoint"}, workdir: "/tmp",
		source: langSrcClojure + " ; " + langSrcClojureGen + " ; " + langSrcClojureFrom, distro: variantOf("debian"),
		adjust: clojureTags},
	// swift: Ubuntu's CMD for the tags whose Ubuntu release is known: a
	// codename word, or a 5.0 to 5.6, 5.8 to 5.10 or 6.0 to 6.3 tag
	// naming no OS (5.7 moved from 18.04 to 22.04). amazonlinux, centos,
	// rhel-ubi, Debian and Windows tags are not read.
	{family: "swift", match: official("swift"), source: langSrcSwift52 + " ; " + langSrcSwiftLib + " ; " + langSrcSwiftLib52,
		adjust: swiftTags},
	// mono: Debian's CMD (the full image is FROM the slim one, which is
	// FROM debian). Releases from 5.18.1 to 6.8.0.96 were on stretch,
	// later ones on buster; older ones on wheezy, jessie or stretch, none
	// of which packages tini.
	{family: "mono", match: official("mono"), source: langSrcMono518 + " ; " + langSrcMono612, adjust: monoTags},
	// rustlang/rust: the nightly tags; the OS image's CMD. A tag naming
	// no release follows the current one.
	{family: "rustlang/rust", match: hubRepo("rustlang/rust"),
		source: langSrcRustNightly + " ; " + langSrcRustNightlyStretch + " ; " + langSrcRustNightlyTags,
		distro: variantOf("debian"),
		adjust: func(r ref, f *Facts) {
			if w := r.dashWords(); len(w) == 0 || w[0] != "nightly" || r.versionUnknown() {
				f.EntrypointKnown, f.CmdKnown, f.ConfigKnown = false, false, false
				return
			}
			inheritOSCmd(f, "")
			if f.Distro == "alpine" && f.Release == "" {
				f.NSSWrapperPackage, f.NSSWrapperKnown = "", false // nightly-alpine followed Alpine 3.10 on
			}
		}},
	// cypress/base: tags are Node.js versions; 20 and later (first
	// released 2023-04-18) were only built by the factory, on Debian
	// bullseye, 12 or 13 (all with tini and libnss-wrapper).
	{family: "cypress/base", match: hubRepo("cypress/base"),
		source: langSrcCypressBase + " ; " + langSrcCypressFactory + " ; " + langSrcCypressEnv + " ; " + langSrcCypressFrom,
		distro: func(ref) (string, string) { return "debian", "" },
		adjust: func(r ref, f *Facts) {
			v, exact := r.tagVersion()
			latest := v == nil && (r.tag == "" || r.tag == "latest")
			node20 := v != nil && v[0] >= 20 && len(r.dashWords()) == 1
			ok := !r.versionUnknown() && !exact && (latest || node20)
			f.EntrypointKnown, f.ConfigKnown = ok, ok
			if ok {
				inheritOSCmd(f, "")
			} else {
				f.CmdKnown = false
			}
		}},
	// cimg/go: the 1.17 line (and -node) on Ubuntu 20.04; its USER
	// (circleci) and WORKDIR are not claimed. Other lines were built on
	// cimg/base images of several Ubuntu releases; not read per line.
	{family: "cimg/go", match: hubRepo("cimg/go"), configUnknown: true,
		source: langSrcCimgGo117 + " ; " + langSrcCimgBase + " ; " + langSrcCimgBaseTag + " ; " + langSrcCimgBase21,
		adjust: func(r ref, f *Facts) {
			v, _ := r.tagVersion()
			w := r.dashWords()
			ok := !r.versionUnknown() && len(v) >= 2 && v[0] == 1 && v[1] == 17 &&
				(len(w) == 1 || (len(w) == 2 && w[1] == "node"))
			f.EntrypointKnown, f.CmdKnown = ok, ok
			if ok {
				distroFacts(f, "ubuntu", "20.04")
				inheritOSCmd(f, "")
			}
		}},
}

// swiftUbuntu is the Ubuntu release of a swift tag that names a version
// but no OS, by major.minor line.
var swiftUbuntu = map[string]string{
	"5.0": "18.04", "5.1": "18.04", "5.2": "18.04", "5.3": "18.04", "5.4": "18.04", "5.5": "18.04", "5.6": "18.04",
	"5.8": "22.04", "5.9": "22.04", "5.10": "22.04",
	"6.0": "24.04", "6.1": "24.04", "6.2": "24.04", "6.3": "24.04",
}

func swiftTags(r ref, f *Facts) {
	rel := ""
	v, _ := r.tagVersion()
	for _, w := range r.dashWords() {
		if u, ok := ubuntuReleases[w]; ok {
			rel = u
		}
	}
	if rel == "" && len(r.dashWords()) >= 1 && len(v) >= 2 && !r.versionUnknown() {
		for _, w := range r.dashWords()[1:] {
			if w != "slim" {
				rel = "-" // another OS (amazonlinux2, centos8…): unknown
			}
		}
		if rel == "" {
			rel = swiftUbuntu[strconv.Itoa(v[0])+"."+strconv.Itoa(v[1])]
		}
	}
	if rel == "" || rel == "-" {
		f.EntrypointKnown, f.CmdKnown, f.ConfigKnown = false, false, false
		return
	}
	distroFacts(f, "ubuntu", rel)
	inheritOSCmd(f, "")
}

func monoTags(r ref, f *Facts) {
	v, exact := r.tagVersion()
	known := !r.versionUnknown() && !exact
	switch {
	case !known:
	case v == nil || v.reaches(version{6, 8, 0, 123}):
		distroFacts(f, "debian", "buster")
	case v.reaches(version{5, 18, 1}):
		distroFacts(f, "debian", "stretch")
	case v.reaches(version{5}):
		// wheezy, jessie or stretch: bash, apt, no tini; nss_wrapper
		// only from stretch.
		distroFacts(f, "debian", "stretch")
		f.Release, f.NSSWrapperPackage, f.NSSWrapperKnown = "", "", false
	default:
		known = false // 4.4.2.11 had an Ubuntu 16.04 Dockerfile
	}
	f.EntrypointKnown, f.CmdKnown, f.ConfigKnown = known, known, known
	if known {
		inheritOSCmd(f, "")
	} else {
		f.Distro, f.Release = "", ""
	}
}

// clojureTags reads "temurin-26-lein-2.13.0-bookworm-slim" and
// "temurin-25-tools-deps-noble": JDK 18 or later, lein or tools-deps.
func clojureTags(r ref, f *Facts) {
	w := r.dashWords()
	known := false
	if len(w) >= 3 && w[0] == "temurin" && !r.versionUnknown() {
		if n, err := strconv.Atoi(w[1]); err == nil && n >= 18 {
			switch {
			case w[2] == "lein":
				f.Cmd, known = []string{"repl"}, true
			case w[2] == "tools" && len(w) >= 4 && w[3] == "deps":
				f.Cmd, known = []string{"-M", "--repl"}, true
				f.Source = langSrcClojureTD + " ; " + langSrcClojureGen + " ; " + langSrcClojureFrom
			}
		}
	}
	f.EntrypointKnown, f.CmdKnown, f.ConfigKnown = known, known, known
}

// Hooks for rows of images.go. Those rows match first, so these take
// effect once the rows call them from their adjust functions.

// python2: python:2 and 2.7 ran python2 (cmdSince leaves them unknown).
func python2(r ref, f *Facts) {
	if r.major() == 2 && !r.versionUnknown() {
		f.Cmd, f.CmdKnown = []string{"python2"}, true
		f.Source = langSrcPython2 + " ; " + langSrcPython2Orig
	}
}

// nodeFirstWithEntrypoint is the first release of each line published
// after the ENTRYPOINT came (2019-05-23): 8.16.1 (2019-08-15), 10.16.0
// (2019-05-28), 12.4.0 (2019-06-04). 11 had no release after.
var nodeFirstWithEntrypoint = map[int]version{8: {8, 16, 1}, 10: {10, 16, 0}, 12: {12, 4, 0}}

// nodeReleases: a tag of a release of the 8, 10 or 12 line published after
// the ENTRYPOINT came (node:12.20.1) was built from a Dockerfile that had
// it.
func nodeReleases(r ref, f *Facts) {
	if f.EntrypointKnown || r.versionUnknown() {
		return
	}
	v, exact := r.tagVersion()
	if exact || len(v) < 2 {
		return
	}
	if first, ok := nodeFirstWithEntrypoint[v[0]]; ok && v.reaches(first) {
		f.Entrypoint, f.EntrypointKnown = []string{"docker-entrypoint.sh"}, true
		f.Source += " ; " + langSrcNode12 + " ; " + langSrcNode124 + " ; " + langSrcNodeLibrary
	}
}

// gradleBefore2023: a gradle tag of a release first listed in
// library/gradle after AdoptOpenJDK moved to Ubuntu 20.04 (2020-10-24;
// 6.7.1 on) and gone from it before 2023-08-02 (when eclipse-temurin got
// its ENTRYPOINT) was last built on adoptopenjdk (Ubuntu 20.04) or
// eclipse-temurin (Ubuntu 20.04 or 22.04), neither with an ENTRYPOINT.
// Alpine, Corretto, Graal and UBI tags are left unknown.
func gradleBefore2023(r ref, f *Facts) {
	v, exact := r.tagVersion()
	if f.EntrypointKnown || r.versionUnknown() || exact || f.Distro != "ubuntu" || f.Release != "" {
		return
	}
	old := false
	switch len(v) {
	case 2:
		old = v.atLeast(version{6, 7}) && (!v.atLeast(version{6, 9}) || (v[0] == 7 && v[1] < 6) || (v[0] == 8 && v[1] < 2))
	case 3:
		old = v.atLeast(version{6, 7, 1}) &&
			(!v.atLeast(version{6, 9, 4}) || (v[0] == 7 && !v.atLeast(version{7, 6, 2})) || (v[0] == 8 && !v.atLeast(version{8, 2, 1})))
	}
	if !old {
		return
	}
	f.Entrypoint, f.EntrypointKnown = nil, true
	f.Source = langSrcGradle681 + " ; " + langSrcAdoptJDK8 + " ; " + langSrcAdoptFocal + " ; " + langSrcGradleTags
	// 20.04 or 22.04: tini and libnss-wrapper in both.
	distroFacts(f, "ubuntu", "20.04")
	f.Release = ""
}

// openjdkCmd: JDK tags from 10 on run jshell; 6, 7, 8 (JDK and JRE) and
// the 9 and 10 JREs set no CMD and run their OS image's: Alpine's
// /bin/sh, Debian's bash (the default variants were FROM
// buildpack-deps:*-scm or *-curl, slim ones FROM debian:*-slim). 9's JDK
// and 11's JRE are unknown, as are tags that name no version (which
// version "latest" or "jre" last named was not read) and other OS
// variants (centos, oraclelinux, Windows). A versioned Alpine tag was
// built on Alpine 3.3 to 3.9, which it does not name.
func openjdkCmd(r ref, f *Facts) {
	v, _ := r.tagVersion()
	if r.versionUnknown() || v == nil {
		return
	}
	if f.Distro == "alpine" && f.Release == "" {
		packagesUnknown(f)
	}
	jre := r.hasWord("jre")
	switch {
	case v[0] >= 10 && !jre:
		f.Cmd, f.CmdKnown = []string{"jshell"}, true
		f.Source = langSrcOpenJDK11 + " ; " + langSrcOpenJDK10
	case v[0] <= 8 || (jre && (v[0] == 9 || v[0] == 10)):
		switch {
		case f.Distro == "alpine":
			f.Cmd, f.CmdKnown = []string{"/bin/sh"}, true
			f.Source = langSrcOpenJDK8Alpine + " ; " + srcAlpine
		case f.Distro == "debian" || (f.Distro == "" && openjdkDefaultVariant(r)):
			f.Cmd, f.CmdKnown = []string{"bash"}, true
			f.Source = langSrcOpenJDK8 + " ; " + langSrcOpenJDK8Slim + " ; " + srcDebian
		}
	}
}

// openjdkDefaultVariant reports whether r names no OS other than the
// default Debian one ("8", "8-jdk", "8u212-jre").
func openjdkDefaultVariant(r ref) bool {
	for _, w := range r.dashWords()[1:] {
		switch w {
		case "jdk", "jre", "slim":
		default:
			return false
		}
	}
	return true
}
