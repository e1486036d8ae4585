package baseimages

import "testing"

func TestGoogleCloudCLIEmulators(t *testing.T) {
	for _, img := range []string{
		"gcr.io/google.com/cloudsdktool/google-cloud-cli:580.0.0-emulators@sha256:05fb93b82e7e836106845a011b03f1c0689f5b39c8e9962f1981d9194049856e",
		"gcr.io/google.com/cloudsdktool/google-cloud-cli:593.0.0-emulators", "gcr.io/google.com/cloudsdktool/google-cloud-cli:emulators",
		"gcr.io/google.com/cloudsdktool/cloud-sdk:567.0.0-emulators", "us.gcr.io/google.com/cloudsdktool/google-cloud-cli:emulators",
		"us-docker.pkg.dev/google.com/cloudsdktool/gcr.io/google-cloud-cli:575.0.0-emulators-20260701",
		"google/cloud-sdk:emulators", "docker.io/google/cloud-sdk:570.0.0-emulators",
	} {
		check(t, img, fields{"Family": "google-cloud-cli-emulators", "Entrypoint": none, "EntrypointKnown": true,
			"Cmd": []string{"bash"}, "CmdKnown": true, "User": "", "Workdir": "", "ConfigKnown": true,
			"Distro": "debian", "Release": "trixie", "PackageManager": "apt", "TiniPackage": "tini"})
	}
	// Built on Google's marketplace Debian 12 (CMD not read), or before.
	for _, img := range []string{
		"gcr.io/google.com/cloudsdktool/google-cloud-cli:552.0.0-emulators@sha256:ac066f3b74ee95e2cb6193faf939281354d6ca85d911088fb46484b22260e9a9",
		"gcr.io/google.com/cloudsdktool/google-cloud-cli:566.0.0-emulators", "google/cloud-sdk:400.0.0-emulators",
		"gcr.io/google.com/cloudsdktool/google-cloud-cli:${GCLOUD_VERSION}-emulators",
	} {
		check(t, img, fields{"EntrypointKnown": false, "CmdKnown": false, "ConfigKnown": false, "Distro": ""})
	}
	checkUnknown(t, "gcr.io/google.com/cloudsdktool/google-cloud-cli:latest", "gcr.io/google.com/cloudsdktool/google-cloud-cli:580.0.0",
		"gcr.io/google.com/cloudsdktool/google-cloud-cli:580.0.0-slim", "gcr.io/google.com/cloudsdktool/google-cloud-cli@sha256:05fb93b82e7e836106845a011b03f1c0689f5b39c8e9962f1981d9194049856e",
		"gcr.io/other/google-cloud-cli:emulators", "us-docker.pkg.dev/google.com/cloudsdktool/other/google-cloud-cli:emulators")
}

func TestGoogleCloudCLIStable(t *testing.T) {
	ep := []string{"/usr/local/bin/entrypoint.sh"}
	for img, rel := range map[string]string{
		"gcr.io/google.com/cloudsdktool/google-cloud-cli:569.0.0-stable@sha256:629589c12de72f51179ce29f965af8044b0af0f6e4d6c3b75f3c7729c80463a0": "trixie",
		"gcr.io/google.com/cloudsdktool/google-cloud-cli:592.0.0-stable":                                                                         "trixie",
		"gcr.io/google.com/cloudsdktool/google-cloud-cli:stable":                                                                                 "trixie",
		"gcr.io/google.com/cloudsdktool/google-cloud-cli:550.0.0-stable@sha256:97a8354d57f3613b0b3a6a2062e335326513ee674838df6aeb1dc8ab931919fa": "bookworm",
		"google/cloud-sdk:529.0.0-stable":                            "bookworm",
		"eu.gcr.io/google.com/cloudsdktool/cloud-sdk:567.0.0-stable": "",
	} {
		check(t, img, fields{"Family": "google-cloud-cli-stable", "Entrypoint": ep, "EntrypointKnown": true,
			"Cmd": none, "CmdKnown": true, "User": "", "ConfigKnown": true, "Distro": "debian", "Release": rel,
			"PackageManager": "apt"})
	}
	check(t, "google/cloud-sdk:567.0.0-stable", fields{"TiniKnown": false, "NSSWrapperKnown": false})
	for _, img := range []string{"google/cloud-sdk:528.0.0-stable", "google/cloud-sdk:480.0.0-stable",
		"gcr.io/google.com/cloudsdktool/google-cloud-cli:$V-stable"} {
		check(t, img, fields{"EntrypointKnown": false, "CmdKnown": false, "ConfigKnown": false})
	}
}

func TestCiliumRuntime(t *testing.T) {
	for img, rel := range map[string]string{
		"quay.io/cilium/cilium-runtime:eadd0cd8ef02047bc43274ad5abe443c2c06aaee@sha256:afb953d2cc2ace8998582999fa63a4672b9161f85829a3bf5bcf1198d80a9d08": "22.04",
		"quay.io/cilium/cilium-runtime:e9d05a1f95920323f8e6267b10362253b4eb5ea7@sha256:7c5938dbfd2e528f325526b609be5c67f060417cca92f4f7d95ca77477069ba8": "22.04",
		"quay.io/cilium/cilium-runtime:13953be3b88431ba8d71634e240280b1148e6d20":                                                                         "26.04",
	} {
		check(t, img, fields{"Family": "cilium-runtime", "Entrypoint": none, "EntrypointKnown": true, "Cmd": none,
			"CmdKnown": true, "User": "", "Workdir": "", "ConfigKnown": true, "Distro": "ubuntu", "Release": rel,
			"Shell": "/bin/bash", "PackageManager": "apt", "TiniPackage": "tini"})
	}
	checkUnknown(t, "quay.io/cilium/cilium-runtime:0123456789abcdef0123456789abcdef01234567",
		"quay.io/cilium/cilium-runtime", "quay.io/cilium/cilium-runtime:latest", "cilium/cilium-runtime:eadd0cd8ef02047bc43274ad5abe443c2c06aaee",
		"quay.io/cilium/cilium-runtime@sha256:afb953d2cc2ace8998582999fa63a4672b9161f85829a3bf5bcf1198d80a9d08")
}

func TestSeaweedFSE2E(t *testing.T) {
	for _, img := range []string{"chrislusf/seaweedfs:e2e", "docker.io/chrislusf/seaweedfs:e2e"} {
		check(t, img, fields{"Family": "seaweedfs-e2e", "Entrypoint": []string{"/entrypoint.sh"}, "EntrypointKnown": true,
			"Cmd": none, "CmdKnown": true, "User": "", "Workdir": "/data", "ConfigKnown": true, "Distro": "ubuntu",
			"Release": "22.04", "PackageManager": "apt", "TiniPackage": "tini"})
	}
	checkUnknown(t, "chrislusf/seaweedfs", "chrislusf/seaweedfs:3.80", "chrislusf/seaweedfs:local")
}

func TestErrbit(t *testing.T) {
	check(t, "errbit/errbit:v0.7.0", fields{"Family": "errbit", "Entrypoint": none, "EntrypointKnown": true,
		"Cmd": []string{"bundle", "exec", "puma", "-C", "config/puma.default.rb"}, "CmdKnown": true, "User": "errbit",
		"Workdir": "/app", "ConfigKnown": true, "Distro": "alpine", "Release": "3.4", "PackageManager": "apk", "TiniPackage": "tini"})
	checkUnknown(t, "errbit/errbit", "errbit/errbit:latest", "errbit/errbit:v0.8.0")
}

func TestAutobahnTestsuite(t *testing.T) {
	check(t, "crossbario/autobahn-testsuite:25.10.1", fields{"Family": "autobahn-testsuite", "Entrypoint": none,
		"EntrypointKnown": true, "Cmd": []string{"wstest", "--mode", "fuzzingserver", "--spec", "/config/fuzzingserver.json"},
		"CmdKnown": true, "User": "", "Workdir": "/", "ConfigKnown": true, "Distro": "debian", "Release": "bullseye",
		"PackageManager": "apt", "TiniPackage": "tini"})
	checkUnknown(t, "crossbario/autobahn-testsuite", "crossbario/autobahn-testsuite:0.8.2")
}

func TestBitcoinCore(t *testing.T) {
	run := fields{"Family": "bitcoin-core", "Entrypoint": []string{"/entrypoint.sh"}, "EntrypointKnown": true,
		"Cmd": []string{"bitcoind"}, "CmdKnown": true, "User": "", "Workdir": "", "ConfigKnown": true}
	for img, want := range map[string][2]string{
		"lightninglabs/bitcoin-core:25": {"debian", "bullseye"}, "lightninglabs/bitcoin-core:25.0": {"debian", "bullseye"},
		"lightninglabs/bitcoin-core:22": {"debian", "bullseye"}, "lightninglabs/bitcoin-core:29.1": {"debian", "bookworm"},
		"lightninglabs/bitcoin-core": {"debian", "bookworm"}, "docker.io/lightninglabs/bitcoin-core:31": {"debian", "bookworm"},
		"lightninglabs/bitcoin-core:27-alpine": {"alpine", ""}, "lightninglabs/bitcoin-core:alpine": {"alpine", ""},
	} {
		check(t, img, run)
		check(t, img, fields{"Distro": want[0], "Release": want[1]})
	}
	for _, img := range []string{"lightninglabs/bitcoin-core:0.21", "lightninglabs/bitcoin-core:${BITCOIN_VERSION}",
		"lightninglabs/bitcoin-core@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"} {
		check(t, img, unknownRun)
	}
}

func TestKlakeggHugo(t *testing.T) {
	check(t, "klakegg/hugo:0.73.0-ext-ubuntu", fields{"Family": "klakegg/hugo", "Entrypoint": []string{"hugo"},
		"EntrypointKnown": true, "Cmd": none, "CmdKnown": true, "User": "", "Workdir": "/src", "Home": "/tmp",
		"ConfigKnown": true, "Distro": "ubuntu", "Release": "18.04", "PackageManager": "apt", "TiniPackage": "",
		"TiniKnown": true, "NSSWrapperPackage": "libnss-wrapper"})
	checkUnknown(t, "klakegg/hugo", "klakegg/hugo:0.73.0-ubuntu", "klakegg/hugo:0.111.3-ext-ubuntu")
}

func TestGovimGolemXgo(t *testing.T) {
	check(t, "govim/govim:latest-vim", fields{"Family": "govim", "Entrypoint": none, "EntrypointKnown": true,
		"Cmd": []string{"/bin/bash"}, "CmdKnown": true, "User": "", "Workdir": "", "ConfigKnown": true, "Distro": "ubuntu",
		"Release": "", "PackageManager": "apt", "TiniKnown": false, "NSSWrapperPackage": "libnss-wrapper"})
	check(t, "distribution/golem:0.1", fields{"Family": "golem", "Entrypoint": []string{"/usr/local/bin/dind"},
		"EntrypointKnown": true, "Cmd": []string{"golem"}, "CmdKnown": true, "User": "", "ConfigKnown": true,
		"Distro": "alpine", "Release": "3.3", "PackageManager": "apk", "TiniPackage": "", "TiniKnown": true, "Shell": "/bin/bash"})
	for _, img := range []string{"karalabe/xgo-latest", "karalabe/xgo-latest:latest", "docker.io/karalabe/xgo-latest"} {
		check(t, img, fields{"Family": "xgo", "Entrypoint": []string{"/build.sh"}, "EntrypointKnown": true, "Cmd": none,
			"CmdKnown": true, "User": "", "ConfigKnown": true, "Distro": "ubuntu", "Release": "16.04", "TiniPackage": "",
			"TiniKnown": true, "NSSWrapperPackage": "libnss-wrapper"})
	}
	checkUnknown(t, "govim/govim", "govim/govim:latest-gvim", "govim/govim:go1.23.3_vim_v9.1.0889_v1",
		"distribution/golem", "distribution/golem:latest", "karalabe/xgo-1.13.x", "karalabe/xgo-latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
}

func TestGolangCross(t *testing.T) {
	check(t, "dockercore/golang-cross:1.12.15", fields{"Family": "golang-cross", "Entrypoint": none, "EntrypointKnown": true,
		"Cmd": []string{"bash"}, "CmdKnown": true, "User": "", "Workdir": "/go", "ConfigKnown": true, "Distro": "debian",
		"Release": "buster", "PackageManager": "apt", "TiniPackage": "tini"})
	checkUnknown(t, "dockercore/golang-cross", "dockercore/golang-cross:1.13.15")
}

func TestPaketoRunJammyTiny(t *testing.T) {
	for _, img := range []string{"paketobuildpacks/run-jammy-tiny:0.2.38", "paketobuildpacks/run-jammy-tiny:0.2.165",
		"paketobuildpacks/run-jammy-tiny", "docker.io/paketobuildpacks/run-jammy-tiny:latest"} {
		check(t, img, fields{"Family": "paketo-run-jammy-tiny", "EntrypointKnown": false, "CmdKnown": false,
			"ConfigKnown": false, "Shell": "", "ShellKnown": true, "PackageManager": "", "PackageManagerKnown": true})
	}
}

func TestCoqorgCoq(t *testing.T) {
	for _, img := range []string{"coqorg/coq:8.13.2", "coqorg/coq:8.13", "coqorg/coq:8.20.1-ocaml-4.14.2-flambda", "coqorg/coq:8.16-native"} {
		check(t, img, fields{"Family": "coqorg/coq", "Entrypoint": []string{"opam", "exec", "--"}, "EntrypointKnown": true,
			"Cmd": []string{"/bin/bash", "--login"}, "CmdKnown": true, "User": "coq", "Workdir": "/home/coq", "ConfigKnown": true,
			"Distro": "debian", "PackageManager": "apt", "TiniPackage": "tini"})
	}
	checkUnknown(t, "coqorg/coq", "coqorg/coq:dev", "coqorg/coq:8.12.2", "coqorg/coq:8.6", "coqorg/coq:latest")
}
