package baseimages

import "strings"

// Service and tool images of the corpus's unknown-base reports (the
// registry, Logstash, Notary, nginx-unprivileged, Citus, Fluentd,
// Prometheus, LocalStack, Trivy, ShellCheck, Jaeger, markdownlint-cli2,
// OpenBao, loadimpact/k6, Tarantool, alpine/git, hello-world), read from
// each image's published definition. Most are tool images whose run
// changed over releases: their rows list eras (tools.go).

// Sources of the rows below, pinned to the commit whose content was read.
const (
	// registry: 3.x (/etc/distribution), 2.8.2 and 2.8.3 (/etc/docker/registry).
	srcRegistry3   = gh + "distribution/distribution-library-image/blob/0c2328319a030d953c159f57e4ad7693a9a08a8a/Dockerfile"
	srcRegistry283 = gh + "distribution/distribution-library-image/blob/39dd72feaab7066334829d6945c54bc51a0aee98/Dockerfile"
	srcRegistry282 = gh + "distribution/distribution-library-image/blob/aa54086daa93f145fbc77f594675c6d9951bec72/Dockerfile"

	srcHelloWorld = gh + "docker-library/hello-world/blob/a1942f2745e7ad88e348b6d6cf304fc8261d0575/amd64/Dockerfile"

	// logstash: elastic/dockerfiles, which the official image builds
	// (library/logstash) and which holds the Dockerfiles of the images
	// Elastic publishes on docker.elastic.co. 6.8.1 is the first one there.
	srcLogstash931  = gh + "elastic/dockerfiles/blob/a7f458cf3ade50bae8f393c21e33d2b0030454fd/logstash/Dockerfile"
	srcLogstash8150 = gh + "elastic/dockerfiles/blob/59cef71220e73a0d09bf5bb9b2322b9198d1bab4/logstash/Dockerfile"
	srcLogstash819  = gh + "elastic/dockerfiles/blob/f15851a9a22d36ecdf682c600f316b6b413e291a/logstash/Dockerfile"
	srcLogstash717  = gh + "elastic/dockerfiles/blob/28b876f2aaba7bc27d76a1acd55cbc8ada9b5dea/logstash/Dockerfile"
	srcLogstash681  = gh + "elastic/dockerfiles/blob/c3872a6f9803d09b1ac4de60b12e4c670d92c545/logstash/Dockerfile"

	// notary: the server-0.6.1, server-0.6.1-1, server-0.6.1-2 and
	// server-0.7.0 builds of docker/notary-official-images.
	// notaryImage appends "notary-server/Dockerfile" or
	// "notary-signer/Dockerfile".
	srcNotary061  = gh + "docker/notary-official-images/blob/6db20782a52c71a48e33a9f075ba632054c0112d/"
	srcNotary0611 = gh + "docker/notary-official-images/blob/ee9401173fbe4c672f3e3e71b0881d21f2112eca/"
	srcNotary0612 = gh + "docker/notary-official-images/blob/fe7543aa8fc466423578b726570192028bbb818c/"
	srcNotary070  = gh + "docker/notary-official-images/blob/77b9b7833f8dd6be07104b214193788795a320ff/"
	srcNotaryLib  = gh + "docker-library/official-images/blob/f93625567002c7b9944cbaf398018238a39a5f41/library/notary"

	srcNginxUnpriv       = gh + "nginx/docker-nginx-unprivileged/blob/e26803b6ff7ca01455284231c59f20cb5e3ae82e/mainline/debian/Dockerfile"
	srcNginxUnprivAlpine = gh + "nginx/docker-nginx-unprivileged/blob/e26803b6ff7ca01455284231c59f20cb5e3ae82e/mainline/alpine-slim/Dockerfile"
	srcNginxUnprivEP     = gh + "nginx/docker-nginx-unprivileged/commit/c3fadb120b81dad33b27f56cdc580b1e3bb11404" // entrypoint scripts, 2020-06-04 (1.19.0; stable 1.18.0 in the same tree)

	srcCitus   = gh + "citusdata/docker/blob/8b5e3d4f4b06b5f38b107a0b18e82f789fdfa5b1/Dockerfile"
	srcCitusEP = gh + "citusdata/docker/commit/010187b32b0795c84805239eb13ec8423e8ddd04" // citus-entrypoint.sh removed, 2017-09-12 (v7.0.1 on)

	srcFluentd      = gh + "fluent/fluentd-docker-image/blob/426b4a18a0e5a1fd8035ea581a7ce8401c68742b/v1.19/debian/Dockerfile"
	srcFluentd117   = gh + "fluent/fluentd-docker-image/blob/426b4a18a0e5a1fd8035ea581a7ce8401c68742b/v1.17/debian/Dockerfile"
	srcFluentdTini  = gh + "fluent/fluentd-docker-image/commit/75f3fa265cd0daf3c25841df25e452eea70f634b" // tini, 2018-12-19
	srcFluentdUser  = gh + "fluent/fluentd-docker-image/commit/27971fd43b823cd1f78e6075b4877656313c43e5" // USER fluent, 2018-12-21
	srcFluentdTagRe = gh + "fluent/fluentd-docker-image/blob/426b4a18a0e5a1fd8035ea581a7ce8401c68742b/TAGRULE.md"

	srcTrivy       = gh + "aquasecurity/trivy/blob/936f06a57864d073aa77b38f77fe76c4fcb1f7c1/Dockerfile"
	srcTrivyImages = gh + "aquasecurity/trivy/blob/dc3c56eed58ab21c7e08d26757c517bc946a86c5/goreleaser.yml"
	srcTrivyRoot   = gh + "aquasecurity/trivy/commit/add65f2f0cba3d5f2d463294bbc1ed0965fae56e" // USER appuser reverted, 2020-07-30 (only v0.10.0 had it)

	srcShellcheck      = gh + "koalaman/shellcheck/blob/aac0823e6b58f8a499e856e93738082691cbf212/Dockerfile.multi-arch"
	srcShellcheckBuild = gh + "koalaman/shellcheck/blob/aac0823e6b58f8a499e856e93738082691cbf212/.multi_arch_docker" // -alpine: --target alpine
	srcShellcheck071   = gh + "koalaman/shellcheck/blob/f7547c9a5ad0cec60f7b765881051bf4a56d8a80/Dockerfile.multi-arch"

	srcJaeger      = gh + "jaegertracing/jaeger/blob/b3be0117dc69484a47addb38aa18f599315622da/cmd/all-in-one/Dockerfile"
	srcJaegerBase  = gh + "jaegertracing/jaeger/blob/b3be0117dc69484a47addb38aa18f599315622da/docker/base/Dockerfile"
	srcJaegerNoCmd = gh + "jaegertracing/jaeger/commit/a7ef48907ab7aeeafd2bbd72d2433fc523dcae5e" // CMD removed, 2021-05-24 (v1.23.0 on)
	srcJaegerUser  = gh + "jaegertracing/jaeger/commit/9595e9b0c58134663c1bde3234e307cab071ab15" // USER 10001, 2023-09-27 (v1.50.0 on)

	srcMdlCli2     = gh + "DavidAnson/markdownlint-cli2/blob/06f92c99e930c11230426b5edd775021d25e08a8/docker/Dockerfile"
	srcMdlCli2Node = gh + "DavidAnson/markdownlint-cli2/blob/24eb4dce508ab81398d14d75179123fca425f12d/docker/Dockerfile" // v0.13.0, USER node
	srcMdlCli2Pub  = gh + "DavidAnson/markdownlint-cli2/blob/06f92c99e930c11230426b5edd775021d25e08a8/.github/workflows/publish-container-image.yml"

	srcOpenBao     = gh + "openbao/openbao/blob/03e3a243b6f07d17c60ce0a182adee7cf4c424eb/Dockerfile" // v2.6.0: USER openbao
	srcOpenBao220  = gh + "openbao/openbao/blob/a2bf51c891680240888f7363322ac5b2d080bb23/Dockerfile" // -dev-no-store-token
	srcOpenBao200  = gh + "openbao/openbao/blob/700fe3f27ab1f0ec39ce20c36f6d9d97c9fe6ac3/Dockerfile"
	srcOpenBaoRegs = gh + "openbao/openbao/blob/700fe3f27ab1f0ec39ce20c36f6d9d97c9fe6ac3/.goreleaser-template.yaml" // --target=default on ghcr.io, quay.io, docker.io

	srcK6Legacy = gh + "grafana/k6/blob/47c0a26798ca242c933378f1894f30c86074f702/Dockerfile"                  // v0.48.0, the last loadimpact/k6 build
	srcK6Build  = gh + "grafana/k6/blob/47c0a26798ca242c933378f1894f30c86074f702/.github/workflows/build.yml" // --target legacy, loadimpact/k6:latest

	srcTarantool   = gh + "tarantool/tarantool/blob/91caac353f685129c1e7ed2344e776539ffd30c1/docker/Dockerfile"
	srcTarantoolCI = gh + "tarantool/tarantool/blob/91caac353f685129c1e7ed2344e776539ffd30c1/.github/workflows/docker_build_push.yml"

	srcAlpineGit   = gh + "alpine-docker/git/blob/95d098d6d9567c59e60daf12c82aeed01377a4d8/Dockerfile"
	srcAlpineGitEP = gh + "alpine-docker/git/commit/f04d0e77a0e84a9acc91fe24c36cd1fb537ee7b0" // ENTRYPOINT and CMD, 2016-04-25

	srcPrometheus   = gh + "prometheus/prometheus/blob/d15adb9ad7e5d9fbde3a9a8f30200593a5a14d86/Dockerfile"
	srcPrometheus2  = gh + "prometheus/prometheus/blob/6d7569113f1ca814f1e149f74176656540043b8d/Dockerfile" // v2.55.1
	srcPromBusyBox  = gh + "prometheus/busybox/blob/869afd42c4d8f5d4e7e4787b3bd9a6c39cb403d6/Makefile"
	srcLocalStack   = gh + "localstack/localstack/blob/b570b3ee2cf98ba084073f2774583eed4fb0ad38/Dockerfile" // v4.12.0
	srcLocalStack2  = gh + "localstack/localstack/blob/7d80ee7f2519e41350a93ede06ab9103629f25ce/Dockerfile" // v2.0.0
	srcLocalStackRM = gh + "localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/README.md"  // archived after v4.14.0
)

// appSampleImages are one reference per source above, for the
// pinned-sources test.
var appSampleImages = []string{
	"registry:3", "registry:2.8", "hello-world", "logstash:9.3.1", "docker.elastic.co/logstash/logstash:8.15.0",
	"logstash:8.19.10", "logstash:7.17.28", "notary:server-0.6.1", "notary:server-0.6.1-1", "notary:server-0.6.1-2",
	"notary:signer-0.7.0", "nginxinc/nginx-unprivileged:1.29", "nginxinc/nginx-unprivileged:1.29-alpine",
	"citusdata/citus:13.0", "fluent/fluentd:v1.19-debian-1", "fluent/fluentd:v1.17-debian-1", "aquasec/trivy:0.58.2",
	"koalaman/shellcheck-alpine:v0.11.0", "koalaman/shellcheck:v0.7.1", "jaegertracing/all-in-one:1.65.0",
	"davidanson/markdownlint-cli2:v0.13.0", "davidanson/markdownlint-cli2:v0.18.0", "openbao/openbao:2.6.0",
	"openbao/openbao:2.2.0", "openbao/openbao:2.0.0", "loadimpact/k6:latest", "tarantool/tarantool:3.3.1",
	"alpine/git:v2.24.3", "prom/prometheus", "prom/prometheus:v2.55.1", "localstack/localstack:4.12.0",
	"localstack/localstack:2.0.0",
}

// appRows are matched after images and toolRows.
var appRows = []row{
	// The registry (distribution): /entrypoint.sh runs `registry serve`
	// on a config file, the CMD; the config path moved to
	// /etc/distribution in 3.0. Tags before 2.8.2 were not read.
	{family: "registry", match: official("registry"), source: srcRegistry3,
		adjust: func(r ref, f *Facts) {
			toolEras(
				era{from: version{2, 8, 2}, ep: []string{"/entrypoint.sh"}, cmd: []string{"/etc/docker/registry/config.yml"},
					source: srcRegistry283 + " ; " + srcRegistry282},
				era{from: version{3}, ep: []string{"/entrypoint.sh"}, cmd: []string{"/etc/distribution/config.yml"}},
			)(r, f)
			toolAlpine(r, f)
		}},
	// hello-world: one static binary on scratch (every Dockerfile in the
	// repository's history); the Windows tags are not matched.
	{family: "hello-world", match: official("hello-world"), cmd: []string{"/hello"}, source: srcHelloWorld,
		adjust: func(_ ref, f *Facts) { noShell(f, "scratch") }},
	// Logstash: every Dockerfile of elastic/dockerfiles (6.8.1 on) sets
	// ENTRYPOINT docker-entrypoint only (which resets the OS image's CMD),
	// USER 1000 and WORKDIR /usr/share/logstash. The OS image changed
	// between lines: see logstashDistro.
	{family: "logstash", match: func(r ref) bool {
		return r.official("logstash") || (r.registry == "docker.elastic.co" && r.path == "logstash/logstash")
	},
		user: "1000", workdir: "/usr/share/logstash", source: srcLogstash931 + " ; " + srcLogstash8150,
		adjust: func(r ref, f *Facts) {
			toolEras(era{from: version{6, 8, 1}, ep: []string{"/usr/local/bin/docker-entrypoint"}, source: srcLogstash681})(r, f)
			logstashDistro(r, f)
		}},
	// Notary (deprecated official image): entrypoint.sh, the server or
	// signer's --help (0.6.1 builds) or --version (0.7.0, the last build
	// of the plain server and signer tags); USER notary.
	{family: "notary", match: official("notary"), user: "notary", source: srcNotaryLib, adjust: notaryImage},
	// nginx-unprivileged: nginx's entrypoint and CMD, USER 101 (the
	// nginx user; ARG UID), on Debian or Alpine by tag. The entrypoint
	// scripts came in June 2020 for 1.18.0 and 1.19.0.
	{family: "nginx-unprivileged", match: hubRepo("nginxinc/nginx-unprivileged"), user: "101",
		source: srcNginxUnpriv + " ; " + srcNginxUnprivAlpine,
		adjust: func(r ref, f *Facts) {
			toolEras(era{from: version{1, 18}, ep: []string{"/docker-entrypoint.sh"}, cmd: []string{"nginx", "-g", "daemon off;"},
				source: srcNginxUnprivEP})(r, f)
			toolVariant(r, f)
		}},
	// Citus: FROM postgres:N (Debian; -alpine tags Alpine), which it
	// extends without setting ENTRYPOINT, CMD or USER since v7.0.1 (until
	// then citus-entrypoint.sh): postgres's run.
	{family: "citus", match: hubRepo("citusdata/citus"), source: srcCitus + " ; " + srcPostgres,
		adjust: func(r ref, f *Facts) {
			toolEras(era{from: version{7, 0, 1}, ep: []string{"docker-entrypoint.sh"}, cmd: []string{"postgres"}, source: srcCitusEP})(r, f)
			toolVariant(r, f)
		}},
	// Fluentd: tini and USER fluent from the v1.4 line (December 2018
	// changes); -debian tags on ruby:*-slim (Debian), the others on the
	// Alpine of their line (not claimed: v1.19 has no Alpine directory).
	{family: "fluentd", match: hubRepo("fluent/fluentd"), user: "fluent",
		source: srcFluentd + " ; " + srcFluentd117 + " ; " + srcFluentdTagRe,
		adjust: func(r ref, f *Facts) {
			toolEras(era{from: version{1, 4}, ep: []string{"tini", "--", "/bin/entrypoint.sh"}, cmd: []string{"fluentd"},
				source: srcFluentdTini + " ; " + srcFluentdUser})(r, f)
			if r.hasWord("onbuild") {
				f.EntrypointKnown, f.CmdKnown, f.ConfigKnown = false, false, false
			}
			if r.hasWord("debian") {
				toolVariant(r, f)
			}
		}},
	// Trivy: trivy on Alpine, root, on all three registries goreleaser
	// pushes to; v0.10.0 alone ran as appuser.
	{family: "trivy", match: func(r ref) bool {
		return r.hubRepo("aquasec/trivy") || (r.path == "aquasecurity/trivy" && (r.registry == "ghcr.io" || r.registry == "public.ecr.aws"))
	},
		source: srcTrivy + " ; " + srcTrivyImages,
		adjust: func(r ref, f *Facts) {
			toolEras(era{from: version{0, 10, 1}, ep: []string{"trivy"}, source: srcTrivyRoot})(r, f)
			toolAlpine(r, f)
		}},
	// ShellCheck -alpine: the alpine stage of Dockerfile.multi-arch
	// (--target alpine), FROM alpine:latest, which sets neither: Alpine's
	// CMD. From v0.7.1, the first release built this way.
	{family: "shellcheck-alpine", match: hubRepo("koalaman/shellcheck-alpine"),
		source: srcShellcheck + " ; " + srcShellcheckBuild + " ; " + srcAlpine,
		adjust: func(r ref, f *Facts) {
			toolEras(era{from: version{0, 7, 1}, cmd: []string{"/bin/sh"}, source: srcShellcheck071})(r, f)
			toolAlpine(r, f)
			if r.tag == "stable" {
				// The newest release, built on the Alpine of its day.
				f.NSSWrapperPackage, f.NSSWrapperKnown = "", false
			}
		}},
	// ShellCheck: the binary alone on scratch.
	{family: "shellcheck", match: hubRepo("koalaman/shellcheck"), workdir: "/mnt", source: srcShellcheck,
		adjust: func(r ref, f *Facts) {
			toolEras(era{from: version{0, 7, 1}, ep: []string{"/bin/shellcheck"}, source: srcShellcheck071})(r, f)
			noShell(f, "scratch")
		}},
	// Jaeger all-in-one (v1): the binary on Jaeger's Alpine base image;
	// no CMD from v1.23.0, USER 10001 from v1.50.0.
	{family: "jaeger-all-in-one", match: hubRepo("jaegertracing/all-in-one"), source: srcJaeger + " ; " + srcJaegerBase,
		adjust: func(r ref, f *Facts) {
			ep := []string{"/go/bin/all-in-one-linux"}
			eras := []era{{from: version{1, 23}, ep: ep, source: srcJaegerNoCmd}, {from: version{1, 50}, ep: ep, source: srcJaegerUser}}
			toolEras(eras...)(r, f)
			if e, ok := eraOf(r, eras); ok && e.from.atLeast(version{1, 50}) {
				f.User = "10001"
			}
			toolAlpine(r, f)
		}},
	// markdownlint-cli2: on node:lts-alpine, WORKDIR /workdir; USER node,
	// written as 1000 from v0.18.0.
	{family: "markdownlint-cli2", match: hubRepo("davidanson/markdownlint-cli2"), workdir: "/workdir",
		source: srcMdlCli2 + " ; " + srcMdlCli2Pub,
		adjust: func(r ref, f *Facts) {
			ep := []string{"/usr/local/bin/markdownlint-cli2"}
			eras := []era{{from: version{0, 3}, ep: ep, source: srcMdlCli2Node}, {from: version{0, 18}, ep: ep}}
			toolEras(eras...)(r, f)
			f.User = "node"
			if e, ok := eraOf(r, eras); ok && e.from.atLeast(version{0, 18}) {
				f.User = "1000"
			}
			toolAlpine(r, f)
		}},
	// OpenBao: the Dockerfile's default (Alpine) target on Docker Hub,
	// Quay and GHCR; docker-entrypoint.sh (under dumb-init, its shebang),
	// a dev server; USER openbao from 2.6.0 (root before).
	{family: "openbao", match: func(r ref) bool {
		return r.hubRepo("openbao/openbao") || (r.path == "openbao/openbao" && (r.registry == "ghcr.io" || r.registry == "quay.io"))
	},
		source: srcOpenBao + " ; " + srcOpenBaoRegs,
		adjust: func(r ref, f *Facts) {
			ep := []string{"docker-entrypoint.sh"}
			dev := []string{"server", "-dev", "-dev-no-store-token"}
			eras := []era{
				{from: version{2}, ep: ep, cmd: []string{"server", "-dev"}, source: srcOpenBao200},
				{from: version{2, 2}, ep: ep, cmd: dev, source: srcOpenBao220},
				{from: version{2, 6}, ep: ep, cmd: dev},
			}
			toolEras(eras...)(r, f)
			if e, ok := eraOf(r, eras); ok && e.from.atLeast(version{2, 6}) {
				f.User = "openbao"
			}
			toolAlpine(r, f)
		}},
	// loadimpact/k6: from v0.46.0 the "legacy" target (a script that
	// warns and runs k6), until v0.48.0 (December 2023), the last build
	// and so :latest; on Alpine 3.17 and 3.18, which have no nss_wrapper
	// package that this table knows of.
	{family: "loadimpact/k6", match: hubRepo("loadimpact/k6"), user: "k6", workdir: "/home/k6",
		source: srcK6Legacy + " ; " + srcK6Build,
		adjust: func(r ref, f *Facts) {
			toolEras(era{from: version{0, 46}, ep: []string{"/usr/bin/entrypoint-legacy.sh"}})(r, f)
			toolAlpine(r, f)
			f.NSSWrapperPackage, f.NSSWrapperKnown = "", false
		}},
	// Tarantool 3.1+: built from the tarantool repository's docker/
	// directory on Ubuntu 22.04, root, WORKDIR /opt/tarantool. The 1.x
	// and 2.x tags come from tarantool/docker (Alpine, CentOS, Ubuntu)
	// and are not claimed.
	{family: "tarantool", match: hubRepo("tarantool/tarantool"), workdir: "/opt/tarantool",
		source: srcTarantool + " ; " + srcTarantoolCI,
		adjust: func(r ref, f *Facts) {
			toolEras(era{from: version{3, 1}, ep: []string{"/docker-entrypoint.sh"}, cmd: []string{"tarantool"}})(r, f)
			if f.EntrypointKnown {
				distroFacts(f, "ubuntu", "22.04")
			}
		}},
	// alpine/git: git on Alpine, WORKDIR /git, since April 2016 (git
	// 2.9 came later); the -user tags (USER git-user) are not claimed.
	{family: "alpine/git", match: hubRepo("alpine/git"), workdir: "/git", source: srcAlpineGit + " ; " + srcAlpineGitEP,
		adjust: func(r ref, f *Facts) {
			toolEras(era{from: version{2, 9}, ep: []string{"git"}, cmd: []string{"--help"}})(r, f)
			if r.hasWord("user") {
				f.ConfigKnown = false
			}
			toolAlpine(r, f)
		}},
	// Prometheus: on Prometheus's BusyBox image, USER nobody, WORKDIR
	// /prometheus; the console flags left the CMD in 3.0. Variant tags
	// (-distroless) are other Dockerfiles.
	{family: "prometheus", match: func(r ref) bool {
		return r.hubRepo("prom/prometheus") || (r.registry == "quay.io" && r.path == "prometheus/prometheus")
	},
		user: "nobody", workdir: "/prometheus", source: srcPrometheus,
		adjust: func(r ref, f *Facts) {
			ep := []string{"/bin/prometheus"}
			toolEras(
				era{from: version{2, 7}, ep: ep, cmd: []string{"--config.file=/etc/prometheus/prometheus.yml",
					"--storage.tsdb.path=/prometheus", "--web.console.libraries=/usr/share/prometheus/console_libraries",
					"--web.console.templates=/usr/share/prometheus/consoles"}, source: srcPrometheus2},
				era{from: version{3}, ep: ep, cmd: []string{"--config.file=/etc/prometheus/prometheus.yml",
					"--storage.tsdb.path=/prometheus"}},
			)(r, f)
			if w := r.dashWords(); len(w) > 1 && !r.hasWord("busybox") {
				f.EntrypointKnown, f.CmdKnown, f.ConfigKnown = false, false, false
				return
			}
			distroFacts(f, "busybox", "")
			f.DistroSource += " ; " + srcPromBusyBox
		}},
	// LocalStack: docker-entrypoint.sh on python:3.x-slim (Debian), root,
	// from 2.0.0 to 4.14, the last release of the repository before it
	// was archived; later and floating tags are built elsewhere.
	{family: "localstack", match: hubRepo("localstack/localstack"), workdir: "/opt/code/localstack",
		source: srcLocalStack + " ; " + srcLocalStackRM,
		adjust: func(r ref, f *Facts) {
			toolEras(era{from: version{2}, ep: []string{"docker-entrypoint.sh"}, source: srcLocalStack2})(r, f)
			if v, _ := r.tagVersion(); v == nil || len(v) < 2 || v.reaches(version{4, 15}) {
				f.EntrypointKnown, f.CmdKnown, f.ConfigKnown = false, false, false
			}
			toolVariant(r, f)
		}},
}

// toolVariant fills the distribution of a tool image's Debian (default) or
// Alpine variant. A tag that names a version but no release was built on
// the release of its time: tini and nss_wrapper are then unknown.
func toolVariant(r ref, f *Facts) {
	d, rel := variant(r, "debian")
	if d == "alpine" && rel == "" {
		toolAlpine(r, f)
		return
	}
	distroFacts(f, d, rel)
	releaseUnnamed(r, f)
}

// logstashDistro sets the OS image of a Logstash line as far as every
// Dockerfile of that line in elastic/dockerfiles agrees: Ubuntu 20.04
// (7.17, 8.1 to 8.16), Ubuntu 24.04 (8.19), UBI 9 minimal (9.1 to 9.3).
// 8.0, 8.17, 8.18 and 9.0 changed within the line; 9.4 on was not read.
func logstashDistro(r ref, f *Facts) {
	v, _ := r.tagVersion()
	if r.versionUnknown() || len(v) < 2 {
		return
	}
	switch maj, min := v[0], v[1]; {
	case maj == 7 && min == 17, maj == 8 && min >= 1 && min <= 16:
		distroFacts(f, "ubuntu", "20.04")
		f.DistroSource += " ; " + srcLogstash717
	case maj == 8 && min == 19:
		distroFacts(f, "ubuntu", "24.04")
		f.DistroSource += " ; " + srcLogstash819
	case maj == 9 && min >= 1 && min <= 3:
		ubiFacts(f, "ubi9", "microdnf")
		f.DistroSource += " ; " + srcLogstash931
	}
}

// notaryImage: the tags are server-VERSION and signer-VERSION (plus the
// plain server and signer, last built from 0.7.0); the WORKDIR is
// /notary/server or /notary/signer.
func notaryImage(r ref, f *Facts) {
	f.EntrypointKnown, f.CmdKnown, f.ConfigKnown = false, false, false
	w := r.dashWords()
	if r.versionUnknown() || len(w) == 0 || (w[0] != "server" && w[0] != "signer") {
		return
	}
	prog := "notary-" + w[0]
	f.Workdir = "/notary/" + w[0]
	f.Entrypoint = []string{"entrypoint.sh"}
	switch strings.Join(w[1:], "-") {
	case "0.6.1":
		f.Cmd, f.Source = []string{prog, "--help"}, srcNotary061
		distroFacts(f, "alpine", "3.8")
	case "0.6.1-1":
		f.Cmd, f.Source = []string{prog, "--help"}, srcNotary0611
		distroFacts(f, "alpine", "3.8")
	case "0.6.1-2":
		// Built on Alpine 3.10, then 3.13 under the same tag.
		f.Cmd, f.Source = []string{prog, "--help"}, srcNotary0612
		distroFacts(f, "alpine", "")
		f.NSSWrapperPackage, f.NSSWrapperKnown = "", false
	case "0.7.0", "":
		// Alpine 3.16, for a while 3.12.
		f.Cmd, f.Source = []string{prog, "--version"}, srcNotary070
		distroFacts(f, "alpine", "")
		f.NSSWrapperPackage, f.NSSWrapperKnown = "", false
	default:
		return
	}
	f.Source += prog + "/Dockerfile"
	f.Source += " ; " + srcNotaryLib
	f.EntrypointKnown, f.CmdKnown, f.ConfigKnown = true, true, true
}
