package baseimages

import "strings"

// images is the table, first match wins. Each row cites its source; see
// README.md for what each source shows and how to add a row.
var images = []row{
	// Operating system images: a root file system and a CMD.
	{family: "debian", match: official("debian"), cmd: []string{"bash"}, source: srcDebian,
		distro: func(r ref) (string, string) {
			if _, ok := debianRelease(firstWord(r)); ok {
				return "debian", firstWord(r)
			}
			return "debian", ""
		}},
	{family: "ubuntu", match: official("ubuntu"), cmd: []string{"/bin/bash"}, source: srcUbuntu,
		distro: func(r ref) (string, string) { return "ubuntu", firstWord(r) }},
	{family: "alpine", match: official("alpine"), cmd: []string{"/bin/sh"}, source: srcAlpine,
		distro: func(r ref) (string, string) {
			w := firstWord(r)
			if v, _ := parseVersion(w); len(v) >= 2 {
				return "alpine", strings.Join(strings.SplitN(w, ".", 3)[:2], ".")
			}
			if w == "3" {
				return "alpine", "" // alpine:3 follows the current 3.x
			}
			return "alpine", w
		}},
	{family: "busybox", match: official("busybox"), cmd: []string{"sh"}, source: srcBusyBox,
		distro: func(ref) (string, string) { return "busybox", "" }},
	{family: "bitnami/minideb", match: hubRepo("bitnami/minideb"), cmd: []string{"/bin/bash"}, source: srcMinideb,
		distro: func(r ref) (string, string) { return variant(r, "debian") },
		adjust: func(_ ref, f *Facts) {
			f.InstallHelper = "install_packages"
			f.DistroSource += " ; " + srcMinidebHelper
		}},

	// Language and tool images of the Docker Official Images.
	{family: "python", match: official("python"), cmd: []string{"python3"},
		cmdSince: since{from: version{3}}, // python:2.7 ran python2
		source:   srcPython, distro: variantOf("debian"), adjust: python2},
	{family: "node", match: official("node"), ep: []string{"docker-entrypoint.sh"}, cmd: []string{"node"},
		epSince: since{from: version{13}, floatMajors: []int{8, 10, 11, 12}}, // the lines the May 2019 commit changed
		source:  srcNode + " ; " + srcNodeEP, distro: variantOf("debian"), adjust: nodeReleases},
	{family: "golang", match: official("golang"), workdir: "/go", source: srcGolang + " ; " + srcGolangA,
		distro: variantOf("debian"),
		adjust: func(_ ref, f *Facts) { inheritOSCmd(f, srcBuildDep) }},
	{family: "ruby", match: official("ruby"), cmd: []string{"irb"}, source: srcRuby, distro: variantOf("debian")},
	{family: "php", match: official("php"), ep: []string{"docker-php-entrypoint"}, cmd: []string{"php", "-a"},
		epSince:  phpSince,
		cmdSince: phpSince,
		conf:     phpSince,
		source:   srcPHPCLI + " ; " + srcPHPEP, distro: variantOf("debian"),
		adjust: func(r ref, f *Facts) {
			switch {
			case r.hasWord("fpm"):
				f.Cmd, f.Workdir, f.Source = []string{"php-fpm"}, "/var/www/html", srcPHPFPM+" ; "+srcPHPEP
			case r.hasWord("apache"):
				f.Cmd, f.Workdir, f.Source = []string{"apache2-foreground"}, "/var/www/html", srcPHPApa+" ; "+srcPHPEP
			}
		}},
	{family: "httpd", match: official("httpd"), cmd: []string{"httpd-foreground"}, workdir: "/usr/local/apache2",
		source: srcHTTPD, distro: variantOf("debian")},
	{family: "nginx", match: official("nginx"), ep: []string{"/docker-entrypoint.sh"}, cmd: []string{"nginx", "-g", "daemon off;"},
		epSince: since{from: version{1, 18}, floatFrom: version{1}},
		source:  srcNginx + " ; " + srcNginxEP, distro: variantOf("debian"), adjust: nginxBefore118},
	{family: "postgres", match: official("postgres"), ep: []string{"docker-entrypoint.sh"}, cmd: []string{"postgres"},
		source: srcPostgres, distro: variantOf("debian")},
	{family: "redis", match: official("redis"), ep: []string{"docker-entrypoint.sh"}, cmd: []string{"redis-server"}, workdir: "/data",
		source: srcRedis, distro: variantOf("debian")},
	{family: "mysql", match: official("mysql"), ep: []string{"docker-entrypoint.sh"}, cmd: []string{"mysqld"},
		source: srcMySQL,
		adjust: func(r ref, f *Facts) {
			switch {
			case r.hasWord("debian"):
				distroFacts(f, "debian", "")
			case r.hasWord("oracle") || r.major() >= 8 || (r.major() < 0 && !r.versionUnknown()):
				// The default tags: FROM oraclelinux:9-slim (8.0:
				// oraclelinux8-slim), which has microdnf.
				f.Distro, f.Shell, f.ShellKnown = "oraclelinux", "/bin/bash", true
				f.PackageManager, f.PackageManagerKnown = "microdnf", true
				f.DistroSource = srcMySQL
			}
		}},
	{family: "mariadb", match: official("mariadb"), ep: []string{"docker-entrypoint.sh"}, cmd: []string{"mariadbd"},
		cmdSince: since{from: version{10, 7}, floatFrom: version{10, 6}, floatMinor: true},
		source:   srcMariaDB + " ; " + srcMariaCMD, distro: variantOf("ubuntu"),
		adjust: func(r ref, f *Facts) {
			if r.hasWord("ubi") || r.hasWord("ubi9") {
				f.User, f.Source = "mysql", srcMariaUBI
				ubiFacts(f, "ubi9", "microdnf")
			}
		}},
	{family: "mongo", match: official("mongo"), ep: []string{"docker-entrypoint.sh"}, cmd: []string{"mongod"}, home: "/data/db",
		conf:   since{from: version{6}, floatFrom: version{4, 2}, floatMinor: true},
		source: srcMongo + " ; " + srcMongoHom, distro: variantOf("ubuntu")},
	{family: "buildpack-deps", match: official("buildpack-deps"), source: srcBuildDep, distro: variantOf("debian"),
		adjust: func(_ ref, f *Facts) { inheritOSCmd(f, "") }},
	{family: "rust", match: official("rust"), source: srcRust, distro: variantOf("debian"),
		adjust: func(_ ref, f *Facts) { inheritOSCmd(f, srcBuildDep) }},
	{family: "docker", match: official("docker"), source: srcDockerD, epUnknown: true, cmdUnknown: true,
		distro: func(ref) (string, string) { return "alpine", "" }, adjust: dockerImage},

	// Java.
	{family: "eclipse-temurin", match: official("eclipse-temurin"), ep: []string{"/__cacert_entrypoint.sh"}, cmd: []string{"jshell"},
		epSince: temurinSince, cmdSince: temurinSince,
		source: srcTemurin + " ; " + srcTemurinR + " ; " + srcTemurEP,
		distro: temurinDistro,
		adjust: func(r ref, f *Facts) {
			// JRE images and Java 8 have no jshell: they keep the CMD
			// of the OS image.
			if r.hasWord("jre") || r.major() == 8 {
				inheritOSCmd(f, "")
			}
			if f.Distro == "ubi" {
				ubiFacts(f, "ubi9", "microdnf")
			}
		}},
	{family: "openjdk", match: official("openjdk"), cmdUnknown: true, source: srcOpenJDK,
		distro: func(r ref) (string, string) {
			if r.hasWord("oraclelinux8") || r.hasWord("oraclelinux9") || r.hasWord("oracle") {
				return "", ""
			}
			d, rel := variant(r, "")
			if d == "" && r.hasWord("slim") {
				return "debian", ""
			}
			return d, rel
		},
		adjust: func(r ref, f *Facts) {
			if r.hasWord("oraclelinux8") || r.hasWord("oraclelinux9") || r.hasWord("oracle") {
				f.Distro, f.Shell, f.ShellKnown = "oraclelinux", "/bin/bash", true
				f.PackageManager, f.PackageManagerKnown = "microdnf", true
				f.DistroSource = gh + "docker-library/openjdk/blob/da2d75fdafc1da23b6c86e3bea2c2f63aacc9170/27/oraclelinux9/Dockerfile"
			}
			openjdkCmd(r, f)
		}},
	{family: "maven", match: official("maven"), ep: []string{"/usr/local/bin/mvn-entrypoint.sh"}, cmd: []string{"mvn"},
		epSince: since{from: version{3, 5}, floatFrom: version{3}}, cmdSince: since{from: version{3, 5}, floatFrom: version{3}},
		source: srcMaven, distro: mavenDistro},
	{family: "gradle", match: official("gradle"), ep: []string{"/__cacert_entrypoint.sh"}, cmd: []string{"gradle"}, workdir: "/home/gradle",
		epSince: since{from: version{8, 4}, floatFrom: version{7}}, // 8.4 came out after 2023-08-02; the "7" tag moved on to 7.6.4 (2024)
		source:  srcGradle + " ; " + srcTemurEP, distro: gradleDistro,
		adjust: func(r ref, f *Facts) {
			// The ENTRYPOINT is eclipse-temurin's; the Corretto,
			// GraalVM and UBI variants build on other images.
			if f.Distro != "ubuntu" && f.Distro != "alpine" {
				f.EntrypointKnown = false
			}
			if f.Distro == "ubi" {
				ubiFacts(f, "ubi9", "microdnf")
			}
			gradleBefore2023(r, f)
		}},

	// Bitnami application images: minideb, USER 1001, HOME=/, their own
	// entrypoint and run scripts. Only the current debian-12 builds (and
	// the floating tags) were read.
	bitnamiApp("redis", "", srcBnRedis),
	bitnamiApp("postgresql", "", srcBnPG),
	bitnamiApp("nginx", "/app", srcBnNginx),

	// Red Hat: s2i images, then UBI.
	{family: "s2i-core", match: s2i("s2i-core", "s2i-base"), ep: []string{"container-entrypoint"}, cmd: []string{"base-usage"},
		workdir: "/opt/app-root/src", home: "/opt/app-root/src", source: srcS2ICore + " ; " + srcS2IBase,
		adjust: s2iDistro("dnf")},
	{family: "s2i-python", match: s2i("python-", "nodejs-"), ep: []string{"container-entrypoint"},
		cmd:  []string{"/bin/sh", "-c", "$STI_SCRIPTS_PATH/usage"},
		user: "1001", workdir: "/opt/app-root/src", home: "/opt/app-root/src", source: srcS2IPy + " ; " + srcS2INode,
		adjust: func(r ref, f *Facts) {
			s2iDistro("dnf")(r, f)
			// Both install nss_wrapper-libs themselves.
			f.NSSWrapperPackage, f.NSSWrapperKnown = "nss_wrapper-libs", true
		}},
	{family: "s2i-minimal", match: s2iMinimal, epUnknown: true, cmd: []string{"/bin/sh", "-c", "$STI_SCRIPTS_PATH/usage"},
		user: "1001", workdir: "/opt/app-root/src", home: "/opt/app-root/src", source: srcS2IPyMin + " ; " + srcS2INoMin,
		adjust: func(r ref, f *Facts) {
			s2iDistro("microdnf")(r, f)
			if strings.HasPrefix(r.name, "nodejs-") {
				f.CmdKnown = false // nodejs-*-minimal sets no CMD; ubi-minimal's is not sourced
			} else {
				// python-*-minimal installs nss_wrapper-libs itself.
				f.NSSWrapperPackage, f.NSSWrapperKnown = "nss_wrapper-libs", true
			}
		}},
	{family: "ubi", match: ubi(""), epUnknown: true, cmdUnknown: true, configUnknown: true, source: srcUBI,
		adjust: func(r ref, f *Facts) { ubiFacts(f, ubiOf(r), "dnf") }},
	{family: "ubi-minimal", match: ubi("minimal"), epUnknown: true, cmdUnknown: true, configUnknown: true, source: srcUBI,
		adjust: func(r ref, f *Facts) { ubiFacts(f, ubiOf(r), "microdnf") }},
	{family: "ubi-micro", match: ubi("micro"), epUnknown: true, cmdUnknown: true, configUnknown: true, source: srcUBI,
		adjust: func(r ref, f *Facts) { ubiFacts(f, ubiOf(r), "") }},

	// RHEL-family OS images.
	{family: "centos", match: official("centos"), cmd: []string{"/bin/bash"}, source: srcCentOS,
		adjust: func(r ref, f *Facts) {
			v, _ := parseVersion(strings.TrimPrefix(firstWord(r), "centos"))
			mgr := "dnf"
			if len(v) > 0 && v[0] <= 7 {
				mgr = "yum"
			}
			rhelLike(f, "centos", strings.TrimPrefix(firstWord(r), "centos"), mgr, srcCentOS)
		}},
	{family: "centos-stream", match: func(r ref) bool { return r.registry == "quay.io" && r.path == "centos/centos" },
		epUnknown: true, cmdUnknown: true, configUnknown: true, source: srcC9SNSSWrapper,
		adjust: func(r ref, f *Facts) {
			rel := strings.TrimPrefix(firstWord(r), "stream")
			rhelLike(f, "centos", rel, "dnf", srcC9SNSSWrapper)
			if rel == "9" {
				f.NSSWrapperPackage, f.NSSWrapperKnown = "nss_wrapper-libs", true
			}
		}},
	{family: "fedora", match: official("fedora"), cmd: []string{"/bin/bash"}, source: srcFedora,
		distro: func(r ref) (string, string) { return "fedora", firstWord(r) }},
	{family: "amazonlinux", match: official("amazonlinux"), cmd: []string{"/bin/bash"}, source: srcAL2023 + " ; " + srcAL2,
		adjust: func(r ref, f *Facts) {
			w := firstWord(r)
			v, _ := parseVersion(w)
			switch {
			case w == "" || (len(v) > 0 && v[0] >= 2022):
				rhelLike(f, "amazonlinux", w, "dnf", srcAL2023)
			case len(v) > 0 && (v[0] <= 2 || (v[0] >= 2011 && v[0] <= 2018)):
				rhelLike(f, "amazonlinux", w, "yum", srcAL2)
			}
		}},
	{family: "rockylinux", match: func(r ref) bool { return r.official("rockylinux") || r.hubRepo("rockylinux/rockylinux") },
		cmd: []string{"/bin/bash"}, source: srcRocky + " ; " + srcRockyMin,
		adjust: func(r ref, f *Facts) {
			if r.hasWord("minimal") {
				rhelLike(f, "rocky", firstWord(r), "microdnf", srcRockyMinimal)
			} else {
				rhelLike(f, "rocky", firstWord(r), "dnf", srcRockyBase)
			}
		}},
	{family: "almalinux", match: official("almalinux"), cmd: []string{"/bin/bash"}, source: srcAlma,
		adjust: func(r ref, f *Facts) {
			if r.hasWord("minimal") {
				rhelLike(f, "alma", firstWord(r), "microdnf", srcAlmaMinimal)
			} else {
				rhelLike(f, "alma", firstWord(r), "dnf", srcAlma)
			}
		}},

	// Build and CI images that files are built FROM. They set no
	// ENTRYPOINT; their USERs are not claimed here (baseusers knows users).
	{family: "oss-fuzz-base-builder", match: ossFuzzBuilder, cmd: []string{"compile"}, configUnknown: true,
		source: srcOSSFuzzBuilder + " ; " + srcOSSFuzzImage,
		distro: func(r ref) (string, string) {
			// base-image: FROM ubuntu:20.04; the ubuntu-24-04 tags are
			// built from the ubuntu-24-04.Dockerfile variants.
			if strings.Contains(r.tag, "ubuntu-24-04") {
				return "ubuntu", "24.04"
			}
			if r.tag == "" || r.tag == "latest" {
				return "ubuntu", "20.04"
			}
			return "ubuntu", ""
		}},
	{family: "vitess/bootstrap", match: hubRepo("vitess/bootstrap"), cmd: []string{"/bin/bash"}, configUnknown: true,
		source: srcVitessBoot,
		// FROM golang:<version>-<Debian release>, which changed over time.
		distro: func(ref) (string, string) { return "debian", "" }},
	{family: "golangci-lint", match: hubRepo("golangci/golangci-lint"), cmd: []string{"golangci-lint"}, workdir: "/go",
		source: srcGolangciLint + " ; " + srcGolangciLintA, distro: variantOf("debian")},
	{family: "gitpod/workspace", match: func(r ref) bool { return r.hub && strings.HasPrefix(r.path, "gitpod/workspace-") },
		configUnknown: true, source: srcGitpodBase,
		// FROM buildpack-deps:jammy, which sets no CMD: Ubuntu's.
		distro: func(ref) (string, string) { return "ubuntu", "" },
		adjust: func(_ ref, f *Facts) { inheritOSCmd(f, srcBuildDep) }},
	{family: "wasi-sdk", match: func(r ref) bool { return r.registry == "ghcr.io" && r.path == "webassembly/wasi-sdk" },
		source: srcWasiSDK,
		// FROM ubuntu:22.04 at that commit; other releases of the SDK
		// may use another Ubuntu release.
		distro: func(ref) (string, string) { return "ubuntu", "" },
		adjust: func(_ ref, f *Facts) { inheritOSCmd(f, "") }},

	{family: "opensearch", match: hubRepo("opensearchproject/opensearch"),
		ep: []string{"./opensearch-docker-entrypoint.sh"}, cmd: []string{"opensearch"}, configUnknown: true,
		source: srcOpenSearch + " ; " + srcOpenSearchAL2,
		adjust: func(r ref, f *Facts) {
			// Amazon Linux 2023 from 2.10.0 (the al2023 Dockerfile's
			// header), Amazon Linux 2 before.
			v, _ := r.tagVersion()
			switch {
			case r.versionUnknown():
			case v == nil || v.atLeast(version{2, 10}):
				rhelLike(f, "amazonlinux", "2023", "dnf", srcAL2023)
			default:
				rhelLike(f, "amazonlinux", "2", "yum", srcAL2)
			}
		}},

	// Dev container images (mcr.microsoft.com/devcontainers/*, and the
	// older mcr.microsoft.com/vscode/devcontainers/*): an OS or language
	// image plus install scripts (Features), none of which sets ENTRYPOINT
	// or CMD.
	{family: "devcontainers/base", match: devcontainers("base"), configUnknown: true,
		source: srcDevcBase + " ; " + srcVSCodeBase + " ; " + srcDevcCLI,
		distro: func(r ref) (string, string) {
			if d, rel := variant(r, "debian"); d != "debian" || rel != "" || !r.hasWord("ubuntu") {
				return d, rel
			}
			return "ubuntu", ""
		},
		// FROM buildpack-deps:<variant>-curl (or alpine), which sets
		// no CMD: the OS image's.
		adjust: func(_ ref, f *Facts) { inheritOSCmd(f, srcBuildDep) }},
	{family: "devcontainers/go", match: devcontainers("go"), configUnknown: true,
		source: srcDevcGo + " ; " + srcVSCodeGo + " ; " + srcDevcCLI, distro: variantOf("debian"),
		// FROM golang:<variant>: its CMD, the OS image's.
		adjust: func(_ ref, f *Facts) { inheritOSCmd(f, srcGolang) }},

	// Images without a shell or package manager.
	{family: "distroless", match: func(r ref) bool { return r.registry == "gcr.io" && strings.HasPrefix(r.path, "distroless/") },
		epUnknown: true, cmdUnknown: true, configUnknown: true, source: srcDistrolessStatic, adjust: distroless},
	{family: "chainguard", match: func(r ref) bool { return r.registry == "cgr.dev" && strings.HasPrefix(r.path, "chainguard/") },
		epUnknown: true, cmdUnknown: true, configUnknown: true, adjust: chainguard},
}

// devcontainers matches a dev container image by name, on both its
// current and its older path.
func devcontainers(name string) func(ref) bool {
	return func(r ref) bool {
		return r.registry == "mcr.microsoft.com" && (r.path == "devcontainers/"+name || r.path == "vscode/devcontainers/"+name)
	}
}

// ossFuzzBuilder matches OSS-Fuzz's builder images: base-builder and its
// language variants (base-builder-go, base-builder-rust...), which inherit
// its CMD.
func ossFuzzBuilder(r ref) bool {
	return r.registry == "gcr.io" && (r.path == "oss-fuzz-base/base-builder" || strings.HasPrefix(r.path, "oss-fuzz-base/base-builder-"))
}

// dockerImage: the docker image's tags are the dind variant from 23.0
// (ENTRYPOINT dockerd-entrypoint.sh, CMD []), the cli variant before and on
// the -cli tags (ENTRYPOINT docker-entrypoint.sh, CMD sh); dind-rootless
// runs as the rootless user.
func dockerImage(r ref, f *Facts) {
	v, exact := r.tagVersion()
	known := !r.versionUnknown() && !exact
	cli := func() {
		f.Entrypoint, f.Cmd = []string{"docker-entrypoint.sh"}, []string{"sh"}
		f.Source = srcDockerC
	}
	dind := func() {
		f.Entrypoint, f.Cmd = []string{"dockerd-entrypoint.sh"}, nil
	}
	switch {
	case r.hasWord("cli"):
		cli()
	case r.hasWord("rootless"):
		dind()
		f.User, f.Source = "rootless", srcDockerR
		known = known && (v == nil || v.atLeast(version{20, 10}))
	case r.hasWord("dind"):
		dind()
		if v != nil && !v.atLeast(version{20}) {
			f.Source = srcDockerOldD + " ; " + srcDocker2015
		}
		known = known && (v == nil || v.atLeast(version{1, 6}))
	case v == nil || v.atLeast(version{23}):
		dind()
	case v.atLeast(version{20}):
		cli()
		f.Source += " ; " + srcDocker20
	case v.atLeast(version{1, 6}):
		// 1.6 to 19.03: the version directory is the cli variant, its
		// dind directory the daemon (the same ENTRYPOINT and CMD since
		// August 2015).
		cli()
		f.Source = srcDockerOld + " ; " + srcDocker2015
	default:
		known = false
	}
	f.EntrypointKnown, f.CmdKnown, f.ConfigKnown = known, known, known
	if v != nil {
		// A versioned tag was last built on the Alpine release of its
		// time, which the tag does not name.
		f.TiniKnown, f.NSSWrapperKnown = false, false
	}
}

// phpSince: docker-php-entrypoint (and the CMDs of that Dockerfile) came
// on 2016-12-10, while 5.6, 7.0 and 7.1 were maintained; 7.2 came later.
var phpSince = since{from: version{7, 2}, floatFrom: version{5, 6}, floatMinor: true}

// temurinSince: /__cacert_entrypoint.sh came on 2023-08-02 and every
// supported Temurin line was rebuilt; tags that pin one build
// (21.0.2_13, 8u402-b06) may predate it.
var temurinSince = since{from: never, floatFrom: version{8}}

// inheritOSCmd sets the CMD an image inherits from its OS image when it
// sets none itself: Debian's ["bash"] (through buildpack-deps, which sets
// none), Ubuntu's ["/bin/bash"], Alpine's ["/bin/sh"].
func inheritOSCmd(f *Facts, via string) {
	switch f.Distro {
	case "debian":
		f.Cmd, f.CmdKnown = []string{"bash"}, true
		f.Source += " ; " + srcDebian
	case "ubuntu":
		f.Cmd, f.CmdKnown = []string{"/bin/bash"}, true
		f.Source += " ; " + srcUbuntu
	case "alpine":
		f.Cmd, f.CmdKnown = []string{"/bin/sh"}, true
		f.Source += " ; " + srcAlpine
	default:
		f.Cmd, f.CmdKnown = nil, false
		return
	}
	if via != "" {
		f.Source += " ; " + via
	}
}

// temurinDistro: Ubuntu by default, Alpine and UBI 9 minimal variants.
func temurinDistro(r ref) (string, string) {
	for _, w := range r.dashWords() {
		if strings.HasPrefix(w, "ubi") {
			return "ubi", ""
		}
	}
	return variant(r, "ubuntu")
}

// mavenDistro: the default tags are eclipse-temurin on Ubuntu; tags naming
// another JDK vendor are built on images this table does not read, unless
// they name the distribution.
func mavenDistro(r ref) (string, string) {
	d, rel := variant(r, "")
	if d != "" {
		return d, rel
	}
	if r.hasWord("debian") {
		return "debian", ""
	}
	for _, w := range []string{"amazoncorretto", "openjdk", "jdk", "ibmjava", "ibm", "sapmachine", "graalvm", "oracle",
		"libericaopenjdk", "azulzulu", "microsoft", "windowsservercore"} {
		if r.hasWord(w) {
			return "", ""
		}
	}
	for _, w := range r.dashWords() {
		if strings.HasPrefix(w, "jdk") || strings.HasPrefix(w, "openjdk") {
			return "", ""
		}
	}
	return "ubuntu", ""
}

// gradleDistro: the jdkN tags are eclipse-temurin on Ubuntu, jdkN-alpine
// on Alpine, jdkN-ubi9 on UBI 9 minimal; Corretto and GraalVM tags build on
// images this table does not read.
func gradleDistro(r ref) (string, string) {
	for _, w := range r.dashWords() {
		switch {
		case strings.HasPrefix(w, "ubi"):
			return "ubi", ""
		case w == "corretto" || w == "graal":
			return "", ""
		}
	}
	return variant(r, "ubuntu")
}

// bitnamiApp is the row of a Bitnami application image.
func bitnamiApp(app, workdir, source string) row {
	return row{
		family:  "bitnami/" + app,
		match:   hubRepo("bitnami/" + app),
		ep:      []string{"/opt/bitnami/scripts/" + app + "/entrypoint.sh"},
		cmd:     []string{"/opt/bitnami/scripts/" + app + "/run.sh"},
		user:    "1001",
		home:    "/",
		workdir: workdir,
		source:  source,
		adjust: func(r ref, f *Facts) {
			read := !r.versionUnknown() && (r.tag == "" || r.tag == "latest" || strings.Contains(r.tag, "debian-12"))
			f.EntrypointKnown, f.CmdKnown, f.ConfigKnown = read, read, read
			if r.hasWord("photon") {
				return // the old VMware Photon OS builds
			}
			rel := ""
			if strings.Contains(r.tag, "debian-12") {
				rel = "bookworm"
			}
			distroFacts(f, "debian", rel)
			f.InstallHelper = "install_packages"
			f.DistroSource += " ; " + srcMinidebHelper
			if !read && rel == "" {
				// Some Debian release: which one the tag was last
				// built on was not read.
				f.TiniKnown, f.NSSWrapperKnown = false, false
			}
		},
	}
}

// s2i matches Red Hat's s2i images: registry.access.redhat.com/ubiN/NAME
// where NAME is one of names or starts with one ending in "-" (python-312,
// nodejs-20), not the -minimal variants.
func s2i(names ...string) func(ref) bool {
	return func(r ref) bool {
		n, ok := s2iName(r)
		if !ok || strings.HasSuffix(n, "-minimal") {
			return false
		}
		for _, x := range names {
			if n == x || (strings.HasSuffix(x, "-") && strings.HasPrefix(n, x)) {
				return true
			}
		}
		return false
	}
}

func s2iMinimal(r ref) bool {
	n, ok := s2iName(r)
	return ok && strings.HasSuffix(n, "-minimal") && (strings.HasPrefix(n, "python-") || strings.HasPrefix(n, "nodejs-"))
}

func s2iName(r ref) (string, bool) {
	if !r.redHat() {
		return "", false
	}
	parts := strings.Split(r.path, "/")
	if len(parts) != 2 {
		return "", false
	}
	if _, ok := ubiStream(parts[0]); !ok {
		return "", false
	}
	return parts[1], true
}

// s2iDistro fills the UBI facts of an s2i image. Their s2i scripts are
// bash scripts (#!/bin/bash, e.g. 3.12-minimal/s2i/bin/run), so bash is
// there.
func s2iDistro(manager string) func(ref, *Facts) {
	return func(r ref, f *Facts) {
		stream, _ := ubiStream(strings.Split(r.path, "/")[0])
		ubiFacts(f, stream, manager)
		f.Shell, f.ShellKnown = "/bin/bash", true
		f.DistroSource += " ; " + f.Source
	}
}

// ubi matches the UBI images by kind ("", "minimal", "micro"): on Red Hat's
// registries ubiN, ubiN/ubi, ubiN-KIND, ubiN/ubi-KIND; on Docker Hub
// redhat/ubiN and redhat/ubiN-KIND.
func ubi(kind string) func(ref) bool {
	suffix := ""
	if kind != "" {
		suffix = "-" + kind
	}
	return func(r ref) bool {
		parts := strings.Split(r.path, "/")
		switch {
		case r.redHat() && len(parts) == 1:
			s, ok := ubiStream(parts[0])
			return ok && parts[0] == s+suffix
		case r.redHat() && len(parts) == 2:
			_, ok := ubiStream(parts[0])
			return ok && !strings.Contains(parts[0], "-") && parts[1] == "ubi"+suffix
		case r.hub && len(parts) == 2 && parts[0] == "redhat":
			s, ok := ubiStream(parts[1])
			return ok && parts[1] == s+suffix
		}
		return false
	}
}

// ubiOf returns the ubiN stream a UBI reference names.
func ubiOf(r ref) string {
	for _, p := range strings.Split(r.path, "/") {
		if s, ok := ubiStream(p); ok {
			return s
		}
	}
	return ""
}

// ubiFacts: ubi has dnf (and yum), ubi-minimal microdnf, ubi-micro no
// package manager. Whether tini and nss_wrapper are in the freely
// available UBI repositories was not verified.
func ubiFacts(f *Facts, stream, manager string) {
	f.Distro, f.Release = "ubi", strings.TrimPrefix(stream, "ubi")
	f.Shell, f.ShellKnown = "", false
	f.PackageManager, f.PackageManagerKnown = manager, true
	f.InstallHelper = ""
	packagesUnknown(f)
	f.DistroSource = srcUBI
}

// rhelLike fills the facts of a RHEL-family OS image: bash, the package
// manager of the release; tini and nss_wrapper unknown unless a row says.
func rhelLike(f *Facts, distro, release, manager, source string) {
	f.Distro, f.Release = distro, release
	f.Shell, f.ShellKnown = "/bin/bash", true
	f.PackageManager, f.PackageManagerKnown = manager, true
	f.DistroSource = source
}

// distroless fills the facts of gcr.io/distroless/NAME: the image config
// of static/base/cc (no ENTRYPOINT), java (java -jar), nodejs (node) and
// python3 on Debian 13; USER 0 with WORKDIR / or, on the nonroot tags,
// 65532 with /home/nonroot; a BusyBox shell only on the debug tags.
func distroless(r ref, f *Facts) {
	name := strings.TrimPrefix(r.path, "distroless/")
	debug := strings.Contains(r.tag, "debug")
	f.Family = "distroless"
	distroFacts(f, "distroless", "")
	f.ConfigKnown, f.User, f.Workdir = true, "", "/"
	if strings.Contains(r.tag, "nonroot") {
		f.User, f.Workdir = "65532", "/home/nonroot"
	}
	if debug {
		f.Shell = "/busybox/sh"
		f.DistroSource = srcDistrolessDebug
	}
	f.CmdKnown = !debug
	switch {
	case strings.HasPrefix(name, "static"):
		f.EntrypointKnown = true
		if debug {
			f.Entrypoint = []string{"/busybox/sh"}
		}
		f.CmdKnown = true
	case strings.HasPrefix(name, "base"), strings.HasPrefix(name, "cc"):
		f.EntrypointKnown = !debug
	case strings.HasPrefix(name, "java"):
		f.Entrypoint, f.EntrypointKnown = []string{"/usr/bin/java", "-jar"}, !debug
		f.Source = srcDistrolessJava
	case strings.HasPrefix(name, "nodejs"):
		f.Entrypoint, f.EntrypointKnown = []string{"/nodejs/bin/node"}, true
		f.Source = srcDistrolessNode
	case name == "python3-debian13":
		f.Entrypoint, f.EntrypointKnown = []string{"/usr/bin/python3.13"}, true
		f.Source = srcDistrolessPy
	default:
		f.ConfigKnown, f.CmdKnown = false, false
	}
}

// chainguard fills the facts of cgr.dev/chainguard/NAME from the images'
// apko configurations: static (no shell, 65532), wolfi-base (root, a shell
// and apk), python and node (65532, no shell, their interpreter as
// ENTRYPOINT). The -dev variants add a shell and apk and were not read.
func chainguard(r ref, f *Facts) {
	name := strings.TrimPrefix(r.path, "chainguard/")
	dev := strings.Contains(r.tag, "dev")
	f.Family = "chainguard/" + name
	f.Distro = "wolfi"
	if dev {
		return
	}
	noShell := func() {
		f.ShellKnown, f.PackageManagerKnown = true, true
		f.TiniKnown, f.NSSWrapperKnown = true, true
	}
	switch name {
	case "static":
		f.EntrypointKnown, f.CmdKnown, f.ConfigKnown, f.User = true, true, true, "65532"
		noShell()
		f.Source, f.DistroSource = srcCGStatic, srcCGStatic
	case "wolfi-base":
		// cmd: "/bin/sh -l", which apko splits into words.
		f.Cmd, f.EntrypointKnown, f.CmdKnown, f.ConfigKnown = []string{"/bin/sh", "-l"}, true, true, true
		f.Shell, f.ShellKnown = "/bin/sh", true
		f.PackageManager, f.PackageManagerKnown = "apk", true
		f.Source, f.DistroSource = srcCGWolfiBase+" ; "+srcApkoCmd, srcCGWolfiBase
		wolfiPackages(f)
	case "python":
		f.Entrypoint, f.EntrypointKnown, f.CmdKnown = []string{"/usr/bin/python"}, true, true
		f.ConfigKnown, f.User = true, "65532"
		noShell()
		f.Source, f.DistroSource = srcCGPython, srcCGPython
	case "node":
		f.Entrypoint, f.Cmd, f.EntrypointKnown, f.CmdKnown = []string{"/usr/bin/node"}, []string{"--help"}, true, true
		f.ConfigKnown, f.User, f.Workdir = true, "65532", "/app"
		noShell()
		f.Source, f.DistroSource = srcCGNode, srcCGNode
	}
}
