package baseimages

import "testing"

const ciDigest = "@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

func TestFerretDBNodeTools(t *testing.T) {
	for img, want := range map[string][3]string{
		"ghcr.io/ferretdb/docusaurus-docs:3.7.0-1":     {"docusaurus-docs", "/workdir/docusaurus-docs/node_modules/.bin/docusaurus", "/workdir/docusaurus-docs"},
		"ghcr.io/ferretdb/docusaurus-docs:3.7.0-4":     {"docusaurus-docs", "/workdir/docusaurus-docs/node_modules/.bin/docusaurus", "/workdir/docusaurus-docs"},
		"ghcr.io/ferretdb/ferretdb-prettier:3.4.2-1":   {"ferretdb-prettier", "/deps/node_modules/.bin/prettier", "/workdir"},
		"ghcr.io/ferretdb/ferretdb-prettier:3.5.3-1":   {"ferretdb-prettier", "/deps/node_modules/.bin/prettier", "/workdir"},
		"ghcr.io/ferretdb/ferretdb-textlint:14.4.2-1":  {"ferretdb-textlint", "/deps/node_modules/.bin/textlint", "/workdir"},
		"ghcr.io/ferretdb/ferretdb-textlint:14.7.1-1":  {"ferretdb-textlint", "/deps/node_modules/.bin/textlint", "/workdir"},
		"ghcr.io/ferretdb/ferretdb-wrangler:3.101.0-1": {"ferretdb-wrangler", "/deps/node_modules/.bin/wrangler", "/workdir"},
		"ghcr.io/ferretdb/ferretdb-wrangler:4.7.1-1":   {"ferretdb-wrangler", "/deps/node_modules/.bin/wrangler", "/workdir"},
		// One definition for every build: a bare digest is known too.
		"ghcr.io/ferretdb/ferretdb-wrangler" + ciDigest:          {"ferretdb-wrangler", "/deps/node_modules/.bin/wrangler", "/workdir"},
		"ghcr.io/ferretdb/ferretdb-textlint:13.0.0-1" + ciDigest: {"ferretdb-textlint", "/deps/node_modules/.bin/textlint", "/workdir"},
		"ghcr.io/ferretdb/docusaurus-docs:2.2.0-1":               {"docusaurus-docs", "/workdir/docusaurus-docs/node_modules/.bin/docusaurus", "/workdir/docusaurus-docs"},
	} {
		check(t, img, fields{"Family": "ferretdb/" + want[0], "Entrypoint": []string{want[1]}, "Cmd": []string{"-h"},
			"User": "", "Workdir": want[2], "ConfigKnown": true, "Distro": "alpine", "Shell": "/bin/sh", "PackageManager": "apk"})
	}
	// Built on node:N-alpine3.16 to 3.18 and later on the Alpine of the day.
	check(t, "ghcr.io/ferretdb/ferretdb-prettier:3.5.3-1", fields{"TiniPackage": "tini", "NSSWrapperKnown": false})
	checkUnknown(t, "ferretdb/ferretdb-textlint:14.7.1-1", "ghcr.io/ferretdb/ferretdb-markdownlint:1.0.0",
		"quay.io/ferretdb/ferretdb-wrangler:4.7.1-1")
}

func TestFerretDBLegacyMongoShell(t *testing.T) {
	for img, rel := range map[string]string{"ghcr.io/ferretdb/legacy-mongo-shell:7.0.8-1": "22.04",
		"ghcr.io/ferretdb/legacy-mongo-shell:7.0.21-1": "22.04", "ghcr.io/ferretdb/legacy-mongo-shell:6.0.5-1": "22.04",
		"ghcr.io/ferretdb/legacy-mongo-shell:6.0.4-1": "", "ghcr.io/ferretdb/legacy-mongo-shell:7.0.8-1" + ciDigest: "22.04"} {
		check(t, img, fields{"Family": "ferretdb/legacy-mongo-shell", "Entrypoint": []string{"mongo"}, "Cmd": none,
			"CmdKnown": true, "User": "", "Workdir": "/", "Home": "/data/db", "ConfigKnown": true,
			"Distro": "ubuntu", "Release": rel, "PackageManager": "apt", "TiniPackage": "tini", "NSSWrapperPackage": "libnss-wrapper"})
	}
	// 6.0.3 builds ran CMD mongo; later lines and floating or digest-only
	// references were not read.
	for _, img := range []string{"ghcr.io/ferretdb/legacy-mongo-shell:6.0.3-1", "ghcr.io/ferretdb/legacy-mongo-shell:8.0.4-1",
		"ghcr.io/ferretdb/legacy-mongo-shell", "ghcr.io/ferretdb/legacy-mongo-shell" + ciDigest} {
		check(t, img, unknownRun)
	}
}

func TestFerretDBEvalAllInOne(t *testing.T) {
	for _, img := range []string{"ghcr.io/ferretdb/ferretdb-eval:2.3.1", "ghcr.io/ferretdb/ferretdb-eval:2",
		"ghcr.io/ferretdb/ferretdb-eval:2.2.0", "quay.io/ferretdb/ferretdb-eval:2.7.0", "ferretdb/ferretdb-eval:latest",
		"docker.io/ferretdb/ferretdb-eval:2.5.0", "ghcr.io/ferretdb/ferretdb-eval:2.3.1" + ciDigest} {
		check(t, img, fields{"Family": "ferretdb/ferretdb-eval", "Entrypoint": []string{"entrypoint.sh"}, "Cmd": none,
			"CmdKnown": true, "User": "", "Workdir": "/", "ConfigKnown": true, "Distro": "debian", "Shell": "/bin/bash",
			"PackageManager": "apt"})
	}
	check(t, "ghcr.io/ferretdb/ferretdb-eval:2.3.1", fields{"TiniPackage": "tini", "NSSWrapperPackage": "libnss-wrapper"})
	for _, img := range []string{"ghcr.io/ferretdb/ferretdb-eval:2.1.0", "ghcr.io/ferretdb/ferretdb-eval" + ciDigest} {
		check(t, img, unknownRun)
		check(t, img, fields{"Distro": ""})
	}

	for _, img := range []string{"ghcr.io/ferretdb/all-in-one:1.24.2", "ghcr.io/ferretdb/all-in-one:1",
		"ferretdb/all-in-one:1.10.1", "quay.io/ferretdb/all-in-one:0.9.4", "ghcr.io/ferretdb/all-in-one",
		"ghcr.io/ferretdb/all-in-one:1.24.2" + ciDigest} {
		check(t, img, fields{"Family": "ferretdb/all-in-one", "Entrypoint": []string{"/entrypoint.sh"}, "Cmd": none,
			"CmdKnown": true, "User": "", "Workdir": "/", "ConfigKnown": true, "Distro": "debian", "PackageManager": "apt"})
	}
	check(t, "ghcr.io/ferretdb/all-in-one:1.24.2", fields{"TiniPackage": "tini", "NSSWrapperPackage": "libnss-wrapper"})
	for _, img := range []string{"ghcr.io/ferretdb/all-in-one:0.9.3", "ghcr.io/ferretdb/all-in-one" + ciDigest} {
		check(t, img, unknownRun)
	}
	if f, ok := Lookup("ghcr.io/ferretdb/ferretdb:2.3.1"); ok {
		t.Errorf("the production image matched %q", f.Family)
	}
}

func TestHomebrewBottles(t *testing.T) {
	for _, img := range []string{
		"ghcr.io/homebrew/core/protobuf:35.1@sha256:ea686d61ef1993a1ee613446fa1ef10ab94906031bfa97cc0050db01010a64c3",
		"ghcr.io/homebrew/core/protobuf:34.1@sha256:70ec5d552fdc18cd99bdae566d81db8722d8faf15705489c93988594c61b44ca",
		"ghcr.io/homebrew/core/protobuf/29:29.4@sha256:5c4a7e5591b8d71a653810b63d5b91294b5321bf7359abeb8b194e26ab44f36e",
		"ghcr.io/homebrew/core/protobuf:35.1", "ghcr.io/homebrew/core/openssl/3:3.5.0" + ciDigest,
	} {
		check(t, img, fields{"Family": "homebrew-bottle", "Entrypoint": none, "EntrypointKnown": true, "Cmd": none,
			"CmdKnown": true, "User": "", "Workdir": "", "Home": "", "ConfigKnown": true, "Shell": "", "ShellKnown": true,
			"PackageManager": "", "PackageManagerKnown": true})
	}
	// Homebrew's own images (brew on Ubuntu) are not bottles.
	checkUnknown(t, "ghcr.io/homebrew/brew:latest", "ghcr.io/homebrew/ubuntu22.04:latest", "homebrew/brew")
}

func TestSigstoreServiceBuilder(t *testing.T) {
	protoc := []string{"/usr/local/bin/protoc", "--plugin=protoc-gen-go=/usr/local/bin/protoc-gen-go",
		"--plugin=protoc-gen-go-grpc=/usr/local/bin/protoc-gen-go-grpc",
		"--plugin=protoc-gen-grpc-gateway=/usr/local/bin/protoc-gen-grpc-gateway",
		"--plugin=protoc-gen-openapiv2=/usr/local/bin/protoc-gen-openapiv2"}
	for _, img := range []string{
		"ghcr.io/sigstore/protobuf-specs-service-builder:0.5.1@sha256:8ded1f5ac6ef952eb882090f48da5048e7d00e04a4682c94837527c785522824",
		"ghcr.io/sigstore/protobuf-specs-service-builder:0.5.2@sha256:13d9b82a8f9b9271f7f81fabf251812495cfac3f4053a3ca6488120edbc49a5d",
		"ghcr.io/sigstore/protobuf-specs-service-builder:0.4.3", "ghcr.io/sigstore/protobuf-specs-service-builder" + ciDigest,
	} {
		check(t, img, fields{"Family": "sigstore/protobuf-specs-service-builder", "Entrypoint": protoc, "Cmd": none,
			"CmdKnown": true, "User": "65532", "Workdir": "/home/nonroot", "ConfigKnown": true, "Distro": "distroless",
			"Shell": "", "ShellKnown": true, "PackageManager": "", "PackageManagerKnown": true})
	}
	if f, ok := Lookup("ghcr.io/sigstore/protobuf-specs-builder:0.5.2"); ok {
		t.Errorf("another sigstore image matched %q", f.Family)
	}
}

func TestCometBFTDBTesting(t *testing.T) {
	for _, img := range []string{"cometbft/cometbft-db-testing:v1.0.1", "cometbft/cometbft-db-testing:v1.0.2",
		"docker.io/cometbft/cometbft-db-testing:latest", "cometbft/cometbft-db-testing:v0.7.0",
		"cometbft/cometbft-db-testing" + ciDigest} {
		check(t, img, fields{"Family": "cometbft/cometbft-db-testing", "Entrypoint": none, "EntrypointKnown": true,
			"Cmd": []string{"bash"}, "CmdKnown": true, "User": "", "Workdir": "/go", "ConfigKnown": true,
			"Distro": "debian", "Shell": "/bin/bash", "PackageManager": "apt"})
	}
	check(t, "cometbft/cometbft-db-testing:v1.0.2", fields{"TiniPackage": "tini", "NSSWrapperPackage": "libnss-wrapper"})
	if f, ok := Lookup("tendermintdev/docker-tm-db-testing"); ok {
		t.Errorf("the tendermint image matched %q", f.Family)
	}
}

func TestProtocGenDocKrewBot(t *testing.T) {
	for _, img := range []string{"pseudomuto/protoc-gen-doc", "pseudomuto/protoc-gen-doc:latest", "pseudomuto/protoc-gen-doc:1.5.1",
		"pseudomuto/protoc-gen-doc:1.5", "docker.io/pseudomuto/protoc-gen-doc:1"} {
		check(t, img, fields{"Family": "pseudomuto/protoc-gen-doc", "Entrypoint": []string{"./entrypoint.sh"},
			"Cmd": []string{"--doc_opt=html,index.html"}, "User": "", "Workdir": "/", "ConfigKnown": true,
			"Distro": "alpine", "Release": "3.15", "Shell": "/bin/bash", "PackageManager": "apk", "TiniPackage": "tini",
			"NSSWrapperKnown": false})
	}
	// Debian jessie builds with /entrypoint.sh before 1.5.1.
	for _, img := range []string{"pseudomuto/protoc-gen-doc:1.5.0", "pseudomuto/protoc-gen-doc:1.3.2",
		"pseudomuto/protoc-gen-doc" + ciDigest} {
		check(t, img, unknownRun)
		check(t, img, fields{"Distro": ""})
	}

	for img, rel := range map[string]string{"ghcr.io/rajatjindal/krew-release-bot:v0.0.51": "3.23",
		"ghcr.io/rajatjindal/krew-release-bot:v0.0.49": "3.23", "ghcr.io/rajatjindal/krew-release-bot:latest": "3.23",
		"ghcr.io/rajatjindal/krew-release-bot:v0.0.46": "3.17", "ghcr.io/rajatjindal/krew-release-bot" + ciDigest: ""} {
		check(t, img, fields{"Family": "rajatjindal/krew-release-bot", "Entrypoint": none, "EntrypointKnown": true,
			"Cmd": []string{"krew-release-bot", "action"}, "CmdKnown": true, "User": "app", "Workdir": "/home/app",
			"ConfigKnown": true, "Distro": "alpine", "Release": rel, "PackageManager": "apk"})
	}
	check(t, "ghcr.io/rajatjindal/krew-release-bot:v0.0.51", fields{"TiniPackage": "tini", "NSSWrapperPackage": "nss_wrapper"})
	check(t, "ghcr.io/rajatjindal/krew-release-bot:v0.0.46", fields{"TiniPackage": "tini", "NSSWrapperKnown": false})
	check(t, "ghcr.io/rajatjindal/krew-release-bot"+ciDigest, fields{"TiniKnown": false, "NSSWrapperKnown": false})
}

// Read and left out: no published definition was found for these.
func TestCIUnknownImages(t *testing.T) {
	checkUnknown(t, "docker.io/tofay/hello-rust-auditable:latest",
		"docker.io/tofay/hello-rust-auditable@sha256:1d35d1e007180b3f7500aae5e27560697909132ca9a6d480c4c825534c1c47a9",
		"dmcgowan/token-server@sha256:5a6f76d3086cdf63249c77b521108387b49d85a30c5e1c4fe82fdf5ae3b76ba7",
		"rajatjindal/krew-release-bot:v0.0.40")
}
