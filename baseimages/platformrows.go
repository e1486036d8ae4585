package baseimages

// Platform and build images (OpenShift's and Kubernetes' base images,
// CentOS Stream on quay.io, Go's and CircleCI's builders, GPU images),
// read from each image's published definition.

// Sources of the rows below, pinned to the commit whose content was read.
const (
	// go-runner: kubernetes/release builds it (images/build/go-runner)
	// since its first commit there (v0.1.1, 2020-08-18). Every version of
	// the Dockerfile ends on distroless static with ENTRYPOINT
	// /go-runner; the v2.3.1-go1.17.2 builds at 3e935f44 (variants.yaml
	// names the tags and the distroless image), the current one at
	// f618b2a3 (the Makefile gives the gcr.io/distroless registry).
	srcGoRunner        = gh + "kubernetes/release/blob/f618b2a308bc76e90e987e45ab17c85778dd5993/images/build/go-runner/Dockerfile"
	srcGoRunnerMake    = gh + "kubernetes/release/blob/f618b2a308bc76e90e987e45ab17c85778dd5993/images/build/go-runner/Makefile"
	srcGoRunner117     = gh + "kubernetes/release/blob/3e935f447c4d0f3452288823299e23b683644a5d/images/build/go-runner/Dockerfile"
	srcGoRunner117Vars = gh + "kubernetes/release/blob/3e935f447c4d0f3452288823299e23b683644a5d/images/build/go-runner/variants.yaml"
	srcGoRunnerFirst   = gh + "kubernetes/release/blob/32c8e76dcdec5c0d3b280fa416e59ac601ca5d66/images/build/go-runner/Dockerfile" // 2020-08-18

	// opensearch-dashboards: opensearch-build's release Dockerfiles
	// (Amazon Linux 2 and 2023; both set the same run). ENTRYPOINT since
	// 0dbada05 (2022-01-21; until then the script was the CMD).
	srcOSDashboards     = gh + "opensearch-project/opensearch-build/blob/4372bf71a2407ae25aa8ec2d86de9b4d2cc22687/docker/release/dockerfiles/opensearch-dashboards.al2023.dockerfile"
	srcOSDashboardsAL2  = gh + "opensearch-project/opensearch-build/blob/4372bf71a2407ae25aa8ec2d86de9b4d2cc22687/docker/release/dockerfiles/opensearch-dashboards.al2.dockerfile"
	srcOSDashboardsEP   = gh + "opensearch-project/opensearch-build/commit/0dbada0537839b86a77a6fc0a21a4985c50b153b"
	srcOSDashboards2022 = gh + "opensearch-project/opensearch-build/blob/0dbada0537839b86a77a6fc0a21a4985c50b153b/docker/release/dockerfiles/opensearch-dashboards.al2.dockerfile"

	// github-runner: myoung34/docker-github-actions-runner. The Dockerfile
	// is built FROM github-runner-base:<os>-<codename> (deploy.yml rewrites
	// the FROM line), which Dockerfile.base builds FROM <os>:<codename>
	// (base.yml); `latest` is Dockerfile.base as written, ubuntu:focal.
	srcGHRunner       = gh + "myoung34/docker-github-actions-runner/blob/ca51ff26634743c11da2c93bedb0f1bd54e228bd/Dockerfile"
	srcGHRunnerBase   = gh + "myoung34/docker-github-actions-runner/blob/ca51ff26634743c11da2c93bedb0f1bd54e228bd/Dockerfile.base"
	srcGHRunnerDeploy = gh + "myoung34/docker-github-actions-runner/blob/ca51ff26634743c11da2c93bedb0f1bd54e228bd/.github/workflows/deploy.yml"
	srcGHRunnerBaseCI = gh + "myoung34/docker-github-actions-runner/blob/ca51ff26634743c11da2c93bedb0f1bd54e228bd/.github/workflows/base.yml"

	// athenz-mvn-base: FROM maven:3-eclipse-temurin-17-focal, sets
	// neither ENTRYPOINT nor CMD; pushed as :latest and :<release> by the
	// workflow.
	srcAthenzMvnBase = gh + "AthenZ/athenz/blob/228d2236853f44e0df1d7f33b8d298f56ec55d31/docker/util/athenz-mvn-base/Dockerfile"
	srcAthenzCI      = gh + "AthenZ/athenz/blob/228d2236853f44e0df1d7f33b8d298f56ec55d31/.github/workflows/docker-build-publish.yaml"

	// gcr.io/trillian-opensource-ci/mysql5:5.7: Trillian's Cloud Build
	// copies marketplace.gcr.io/google/mysql5:5.7 there (pull, tag,
	// push; project trillian-opensource-ci) from 2019 until the move to
	// MySQL 8.0 (478f31c8, 2023-11-06). Every 5.7 Dockerfile of
	// GoogleCloudPlatform/mysql-docker in that time (Debian 9, 10, 11)
	// sets ENTRYPOINT docker-entrypoint.sh, CMD mysqld and no USER.
	srcTrillianCB     = gh + "google/trillian/blob/f44024791677ffa9d8be23a3bcc495d4d80e6ad4/cloudbuild_master.yaml"
	srcTrillianMySQL8 = gh + "google/trillian/commit/478f31c8594fdce4a362b035341452528a2693fc"
	srcGMySQL57       = gh + "GoogleCloudPlatform/mysql-docker/blob/1d42fda185883f88eb4240994dbb48dec5e874bf/5/debian11/5.7/Dockerfile"
	srcGMySQL57Deb9   = gh + "GoogleCloudPlatform/mysql-docker/blob/980413757895514f6b11c7cd19bd6b6f70c9f3a3/5/debian9/5.7/Dockerfile"
)

// platformSampleImages are one reference per source above, for the
// pinned-sources test.
var platformSampleImages = []string{
	"registry.k8s.io/build-image/go-runner:v2.4.0-go1.26.5-bookworm.0",
	"registry.k8s.io/build-image/go-runner:v2.3.1-go1.17.2-bullseye.0",
	"opensearchproject/opensearch-dashboards:2.13.0", "opensearchproject/opensearch-dashboards:1.3.0",
	"myoung34/github-runner:ubuntu-noble", "myoung34/github-runner:latest",
	"athenz/athenz-mvn-base", "gcr.io/trillian-opensource-ci/mysql5:5.7",
}

// platformRows are matched after vendorRows.
var platformRows = []row{
	// go-runner: the static go-runner binary on gcr.io/distroless/static*
	// (no shell, root, WORKDIR /), ENTRYPOINT /go-runner, no CMD. Tags
	// are vX.Y.Z-goA.B.C-<codename>.N; every build of kubernetes/release
	// (v0.1.1 on) is the same. Older tags, and tags naming no version
	// (whether any were pushed was not read), stay unknown.
	{family: "go-runner", match: func(r ref) bool {
		return (r.registry == "registry.k8s.io" || r.registry == "k8s.gcr.io") && r.path == "build-image/go-runner"
	},
		ep: []string{"/go-runner"}, workdir: "/",
		source: srcGoRunner + " ; " + srcGoRunnerMake + " ; " + srcGoRunner117 + " ; " + srcGoRunner117Vars + " ; " + srcGoRunnerFirst + " ; " + srcDistrolessStatic,
		adjust: func(r ref, f *Facts) {
			if v, _ := r.tagVersion(); r.versionUnknown() || v == nil || !v.atLeast(version{0, 1, 1}) {
				f.EntrypointKnown, f.CmdKnown, f.ConfigKnown = false, false, false
			}
			noShell(f, "distroless")
		}},
	// OpenSearch Dashboards: the entrypoint script (relative to the
	// WORKDIR) runs opensearch-dashboards, USER 1000, on Amazon Linux 2 or
	// 2023 (which file built which release was not read: the package
	// manager stays unknown; both have bash). From 1.3.0, the first
	// release after the ENTRYPOINT change.
	{family: "opensearch-dashboards", match: hubRepo("opensearchproject/opensearch-dashboards"),
		user: "1000", workdir: "/usr/share/opensearch-dashboards",
		source: srcOSDashboards + " ; " + srcOSDashboardsAL2,
		adjust: func(r ref, f *Facts) {
			toolEras(era{from: version{1, 3}, ep: []string{"./opensearch-dashboards-docker-entrypoint.sh"},
				cmd: []string{"opensearch-dashboards"}, source: srcOSDashboardsEP + " ; " + srcOSDashboards2022})(r, f)
			f.Distro = "amazonlinux"
			f.Shell, f.ShellKnown = "/bin/bash", true
			f.DistroSource = srcAL2023 + " ; " + srcAL2
		}},
	// github-runner: entrypoint.sh, then the runner's listener; root,
	// WORKDIR /actions-runner. Only the tags the workflows build today
	// (the CMD came on 2021-03-23, commit 7592c0e2): latest (Ubuntu
	// focal), ubuntu-{focal,jammy,noble}, debian-{bookworm,trixie}.
	// Release tags (VERSION-ubuntu-…) and dropped codenames stay unknown.
	{family: "github-runner", match: func(r ref) bool {
		return r.hubRepo("myoung34/github-runner") || (r.registry == "ghcr.io" && r.path == "myoung34/docker-github-actions-runner")
	},
		ep: []string{"/entrypoint.sh"}, cmd: []string{"./bin/Runner.Listener", "run", "--startuptype", "service"},
		workdir: "/actions-runner",
		source:  srcGHRunner + " ; " + srcGHRunnerBase + " ; " + srcGHRunnerDeploy + " ; " + srcGHRunnerBaseCI,
		adjust: func(r ref, f *Facts) {
			tag := r.tag
			if r.versionUnknown() {
				tag = "?" // a bare digest: any build, old ones too
			}
			switch tag {
			case "", "latest":
				distroFacts(f, "ubuntu", "focal")
			case "ubuntu-focal", "ubuntu-jammy", "ubuntu-noble":
				distroFacts(f, "ubuntu", r.tag[len("ubuntu-"):])
			case "debian-bookworm", "debian-trixie":
				distroFacts(f, "debian", r.tag[len("debian-"):])
			default:
				f.EntrypointKnown, f.CmdKnown, f.ConfigKnown = false, false, false
			}
		}},
	// athenz-mvn-base: maven's run (mvn-entrypoint.sh, CMD mvn, root) on
	// Ubuntu focal, WORKDIR /athenz. Only the floating tag: release tags
	// were built from older Dockerfiles, not read.
	{family: "athenz-mvn-base", match: hubRepo("athenz/athenz-mvn-base"),
		ep: []string{"/usr/local/bin/mvn-entrypoint.sh"}, cmd: []string{"mvn"}, workdir: "/athenz",
		source: srcAthenzMvnBase + " ; " + srcAthenzCI + " ; " + srcMaven,
		adjust: func(r ref, f *Facts) {
			if r.versionUnknown() || (r.tag != "" && r.tag != "latest") {
				f.EntrypointKnown, f.CmdKnown, f.ConfigKnown = false, false, false
				return
			}
			distroFacts(f, "ubuntu", "focal")
		}},
	// Trillian's copy of Google's MySQL 5.7 image: root, Debian (which
	// release the last copy was built on was not read: tini and
	// nss_wrapper unknown). Only the 5.7 tag, the one copied.
	{family: "trillian-mysql5", match: onRegistry("gcr.io", "trillian-opensource-ci/mysql5"),
		ep: []string{"docker-entrypoint.sh"}, cmd: []string{"mysqld"},
		source: srcTrillianCB + " ; " + srcTrillianMySQL8 + " ; " + srcGMySQL57 + " ; " + srcGMySQL57Deb9,
		adjust: func(r ref, f *Facts) {
			if r.versionUnknown() || r.tag != "5.7" {
				f.EntrypointKnown, f.CmdKnown, f.ConfigKnown = false, false, false
			}
			distroFacts(f, "debian", "")
			packagesUnknown(f)
			f.DistroSource += " ; " + srcGMySQL57
		}},
}
