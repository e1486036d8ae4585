package baseimages

import "testing"

const testDigest = "@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

func TestGoRunner(t *testing.T) {
	for _, img := range []string{"registry.k8s.io/build-image/go-runner:v2.3.1-go1.17.2-bullseye.0",
		"k8s.gcr.io/build-image/go-runner:v2.3.1-go1.16.9-buster.0",
		"registry.k8s.io/build-image/go-runner:v2.4.0-go1.26.5-bookworm.0" + testDigest,
		"k8s.gcr.io/build-image/go-runner:v0.1.1"} {
		check(t, img, fields{"Family": "go-runner", "Entrypoint": []string{"/go-runner"}, "EntrypointKnown": true,
			"Cmd": none, "CmdKnown": true, "User": "", "Workdir": "/", "ConfigKnown": true,
			"Distro": "distroless", "Shell": "", "ShellKnown": true, "PackageManager": "", "PackageManagerKnown": true})
	}
	for _, img := range []string{"registry.k8s.io/build-image/go-runner:v0.1.0", "registry.k8s.io/build-image/go-runner",
		"registry.k8s.io/build-image/go-runner" + testDigest, "registry.k8s.io/build-image/go-runner:$GORUNNER_VERSION"} {
		check(t, img, unknownRun)
	}
	// eks-distro's go-runner is another build.
	if f, ok := Lookup("public.ecr.aws/eks-distro/kubernetes/go-runner:v0.18.0-eks-1-34-4"); ok {
		t.Errorf("eks-distro go-runner matched %q, want unknown", f.Family)
	}
}

func TestOpenSearchDashboards(t *testing.T) {
	for _, img := range []string{"opensearchproject/opensearch-dashboards:2.13.0", "opensearchproject/opensearch-dashboards",
		"docker.io/opensearchproject/opensearch-dashboards:2", "opensearchproject/opensearch-dashboards:1.3.0",
		"opensearchproject/opensearch-dashboards:1", "opensearchproject/opensearch-dashboards:2.13.0" + testDigest} {
		check(t, img, fields{"Family": "opensearch-dashboards",
			"Entrypoint": []string{"./opensearch-dashboards-docker-entrypoint.sh"}, "EntrypointKnown": true,
			"Cmd": []string{"opensearch-dashboards"}, "CmdKnown": true,
			"User": "1000", "Workdir": "/usr/share/opensearch-dashboards", "ConfigKnown": true,
			"Distro": "amazonlinux", "Shell": "/bin/bash", "PackageManagerKnown": false})
	}
	for _, img := range []string{"opensearchproject/opensearch-dashboards:1.2.0", "opensearchproject/opensearch-dashboards:1.0.1",
		"opensearchproject/opensearch-dashboards" + testDigest, "opensearchproject/opensearch-dashboards:${OSD_VERSION}"} {
		check(t, img, unknownRun)
	}
}

func TestGitHubRunner(t *testing.T) {
	run := fields{"Family": "github-runner", "Entrypoint": []string{"/entrypoint.sh"}, "EntrypointKnown": true,
		"Cmd": []string{"./bin/Runner.Listener", "run", "--startuptype", "service"}, "CmdKnown": true,
		"User": "", "Workdir": "/actions-runner", "ConfigKnown": true}
	for img, distro := range map[string][2]string{
		"myoung34/github-runner:ubuntu-noble":                         {"ubuntu", "noble"},
		"docker.io/myoung34/github-runner:ubuntu-jammy" + testDigest:  {"ubuntu", "jammy"},
		"ghcr.io/myoung34/docker-github-actions-runner:debian-trixie": {"debian", "trixie"},
		"myoung34/github-runner":                                      {"ubuntu", "focal"},
		"myoung34/github-runner:latest":                               {"ubuntu", "focal"},
	} {
		check(t, img, run)
		check(t, img, fields{"Distro": distro[0], "Release": distro[1], "PackageManager": "apt", "Shell": "/bin/bash"})
	}
	check(t, "myoung34/github-runner:ubuntu-noble", fields{"TiniPackage": "tini", "NSSWrapperPackage": "libnss-wrapper"})
	for _, img := range []string{"myoung34/github-runner:ubuntu-bionic", "myoung34/github-runner:2.300.0-ubuntu-focal",
		"myoung34/github-runner" + testDigest, "myoung34/github-runner:${RUNNER_TAG}"} {
		check(t, img, unknownRun)
	}
}

func TestAthenzMvnBase(t *testing.T) {
	for _, img := range []string{"athenz/athenz-mvn-base", "athenz/athenz-mvn-base:latest", "docker.io/athenz/athenz-mvn-base:latest"} {
		check(t, img, fields{"Family": "athenz-mvn-base", "Entrypoint": []string{"/usr/local/bin/mvn-entrypoint.sh"},
			"EntrypointKnown": true, "Cmd": []string{"mvn"}, "CmdKnown": true, "User": "", "Workdir": "/athenz",
			"ConfigKnown": true, "Distro": "ubuntu", "Release": "focal", "PackageManager": "apt", "TiniPackage": "tini"})
	}
	for _, img := range []string{"athenz/athenz-mvn-base:1.11.60", "athenz/athenz-mvn-base" + testDigest} {
		check(t, img, unknownRun)
	}
}

func TestTrillianMySQL5(t *testing.T) {
	for _, img := range []string{"gcr.io/trillian-opensource-ci/mysql5:5.7", "gcr.io/trillian-opensource-ci/mysql5:5.7" + testDigest} {
		check(t, img, fields{"Family": "trillian-mysql5", "Entrypoint": []string{"docker-entrypoint.sh"}, "EntrypointKnown": true,
			"Cmd": []string{"mysqld"}, "CmdKnown": true, "User": "", "Workdir": "", "ConfigKnown": true,
			"Distro": "debian", "Release": "", "PackageManager": "apt", "Shell": "/bin/bash", "TiniKnown": false, "NSSWrapperKnown": false})
	}
	for _, img := range []string{"gcr.io/trillian-opensource-ci/mysql5:8.0", "gcr.io/trillian-opensource-ci/mysql5" + testDigest,
		"gcr.io/trillian-opensource-ci/mysql5"} {
		check(t, img, unknownRun)
	}
	// Google's own image moved to another repository in 2025, not read.
	if f, ok := Lookup("marketplace.gcr.io/google/mysql5:5.7"); ok {
		t.Errorf("marketplace mysql5 matched %q, want unknown", f.Family)
	}
}
