package baseimages

import "strings"

// Images that projects pin in one-line Dockerfiles so that a dependency
// bot keeps them current, and the CI tool images of the corpus (FerretDB's
// tool images, Homebrew's bottles, Sigstore's and CometBFT's builders),
// read from each image's published definition.

// Sources of the rows below, pinned to the commit whose content was read.
const (
	// FerretDB/deps builds the ghcr.io/ferretdb tool images by hand
	// (`make build-push DOCKER_TAG=…`, the tool's version and a build
	// number). Each directory's Dockerfile at the newest commit, and the
	// first one (the ENTRYPOINT, CMD and WORKDIR never changed between).
	srcFerretDeps          = gh + "FerretDB/deps/blob/7da4f7153c21b3cb96b9485ef6b49b78b7d48feb/"
	srcFerretDocusaurus1st = gh + "FerretDB/deps/blob/22530d4e10a0064881f2edb859a87f5fe8bcfbb7/docusaurus-docs/Dockerfile"
	srcFerretPrettier1st   = gh + "FerretDB/deps/blob/d29ed11117888a206d74a35481976acc878fb16b/ferretdb-prettier/Dockerfile"
	srcFerretTextlint1st   = gh + "FerretDB/deps/blob/1c2c7ba3c108e0648a47f363f614cac2dfe71839/ferretdb-textlint/Dockerfile"
	srcFerretWrangler1st   = gh + "FerretDB/deps/blob/f00c4e6be4d41d01317809f7cbd7cb3d82dec765/ferretdb-wrangler/Dockerfile"
	srcFerretDepsMakefile  = gh + "FerretDB/deps/blob/7da4f7153c21b3cb96b9485ef6b49b78b7d48feb/ferretdb-textlint/Makefile"
	// legacy-mongo-shell: ENTRYPOINT mongo from the mongo 6.0.4 bump
	// (before it, at 6.0.3, CMD mongo, then ENTRYPOINT [] with CMD mongo).
	srcFerretMongoShell    = gh + "FerretDB/deps/blob/7da4f7153c21b3cb96b9485ef6b49b78b7d48feb/legacy-mongo-shell/Dockerfile"
	srcFerretMongoShell604 = gh + "FerretDB/deps/blob/4b2cae6eab39222b4b3317b3bbe12876f1611a16/legacy-mongo-shell/Dockerfile"
	srcFerretMongoShell603 = gh + "FerretDB/deps/blob/268f77d501751142dfaea6ce3b4c1eeb8ee3c960/legacy-mongo-shell/Dockerfile"
	// mongo:7.0 and 6.0 (from 2023-02-01, 6.0.4) on Ubuntu jammy, HOME
	// /data/db; 6.0.4 was first built on focal.
	srcMongo70     = gh + "docker-library/mongo/blob/c7bd702215414e981801b521109a05b859506167/7.0/Dockerfile"
	srcMongo60Jamm = gh + "docker-library/mongo/commit/840d7ed246dc72ae9e84ce92b9f5a6f9dfa4d6e1"

	// FerretDB's evaluation image (FerretDB 2.2.0 on, target eval) on
	// FerretDB's postgres-documentdb image (postgres plus WORKDIR /);
	// definedockertag names its repositories and tags.
	srcFerretEval      = gh + "FerretDB/FerretDB/blob/0ad2ad90fa7419d1fbb0db41ec05faa36e312add/build/ferretdb/eval.Dockerfile" // v2.3.1
	srcFerretEval220   = gh + "FerretDB/FerretDB/blob/d2d96a7c5e19db2ccff63993ec568834b17fd6d9/build/ferretdb/eval.Dockerfile" // v2.2.0
	srcFerretEval270   = gh + "FerretDB/FerretDB/blob/0d5eb3343a50b800634cc08ace608bb6f3a3f74b/build/ferretdb/eval.Dockerfile" // v2.7.0
	srcFerretEvalTags  = gh + "FerretDB/FerretDB/blob/0ad2ad90fa7419d1fbb0db41ec05faa36e312add/tools/definedockertag/main.go"
	srcFerretPGDocDB   = gh + "FerretDB/documentdb/blob/2e4bd565bb22e79e18ec686faaa9f6b5b2a0bb25/packaging/production.Dockerfile"
	srcFerretPGDocDBBw = gh + "FerretDB/documentdb/blob/3f80da90a9e0b04f214183aa656c4fb0b4bc31e4/packaging/production.Dockerfile" // postgres:N-bookworm
	// FerretDB 1.x's all-in-one image (0.9.4 on): postgres with
	// FerretDB and runit, ENTRYPOINT /entrypoint.sh.
	srcFerretAllInOne    = gh + "FerretDB/FerretDB/blob/cda72d440810406a208c4670aa7047f5bc8d528f/build/ferretdb/all-in-one.Dockerfile" // v1.24.2
	srcFerretAllInOne094 = gh + "FerretDB/FerretDB/blob/b7bd32f20537bd8c92313236e0f96171d9c3a2a2/build/docker/all-in-one.Dockerfile"   // v0.9.4
	srcFerretAllInOneTag = gh + "FerretDB/FerretDB/blob/cda72d440810406a208c4670aa7047f5bc8d528f/tools/definedockertag/main.go"

	// Homebrew's bottles on GitHub Packages: brew writes an image
	// configuration of platform and rootfs only (no config: no
	// ENTRYPOINT, CMD, USER, WORKDIR or ENV), over one layer, the bottle
	// tarball of the formula's keg (NAME/VERSION), unchanged since
	// 2021-03-26.
	srcBrewPackages = gh + "Homebrew/brew/blob/aad366ffaf6a8c94c66d35e4b990d42ac4195305/Library/Homebrew/github_packages.rb"
	srcBrewBottle   = gh + "Homebrew/brew/blob/aad366ffaf6a8c94c66d35e4b990d42ac4195305/Library/Homebrew/dev-cmd/bottle.rb"
	srcBrewConfig21 = gh + "Homebrew/brew/blob/5f31ebd8d4e617aed9bc73f5a831981590ad2824/Library/Homebrew/github_packages.rb"

	// Sigstore's service builder (tags release/service-builder/vX):
	// Dockerfile.services on the protoc-go image (Dockerfile.go), which
	// is distroless static nonroot; the same at 0.4.3, 0.5.0, 0.5.1 and
	// 0.5.2, every release of the image.
	srcSigstoreServices    = gh + "sigstore/protobuf-specs/blob/3001afe9102b15b04ca1b91efccd613976bdf514/protoc-builder/Dockerfile.services"
	srcSigstoreGo          = gh + "sigstore/protobuf-specs/blob/3001afe9102b15b04ca1b91efccd613976bdf514/protoc-builder/Dockerfile.go"
	srcSigstoreRelease     = gh + "sigstore/protobuf-specs/blob/3001afe9102b15b04ca1b91efccd613976bdf514/.github/workflows/container-release.yml"
	srcSigstoreServices051 = gh + "sigstore/protobuf-specs/blob/1377204079a1241caf306992abdcd936c88f782b/protoc-builder/Dockerfile.services"
	srcSigstoreServices043 = gh + "sigstore/protobuf-specs/blob/f01f1074d13cf4348d33f7ca3ba4a671ec2925de/protoc-builder/Dockerfile.services"

	// cometbft-db-testing: tools/Dockerfile at each tag (v0.7.0 is the
	// first under this name), golang plus RocksDB, no ENTRYPOINT, CMD,
	// USER or WORKDIR of its own.
	srcCometDBTesting    = gh + "cometbft/cometbft-db/blob/9a507b648a3d39379bd2339a0a04d5d1687c8ed7/tools/Dockerfile" // v1.0.2
	srcCometDBTesting101 = gh + "cometbft/cometbft-db/blob/420c96bc992d90d989188ca6fc915372719a328c/tools/Dockerfile" // v1.0.1
	srcCometDBTesting070 = gh + "cometbft/cometbft-db/blob/25056d039d4d80e993671d7dc42f587f9f61b4e6/tools/Dockerfile" // v0.7.0, golang:1.18-bullseye
	srcCometDBTesting104 = gh + "cometbft/cometbft-db/blob/f5ed70fe0e068393bf5aa4fe84162b6ad57ce19e/tools/Dockerfile" // v1.0.4, single stage
	srcCometDBWorkflow   = gh + "cometbft/cometbft-db/blob/9a507b648a3d39379bd2339a0a04d5d1687c8ed7/.github/workflows/docker.yml"

	// protoc-gen-doc 1.5.1 (2022-02-18, the last release; goreleaser
	// pushes latest, 1, 1.5 and 1.5.1): Alpine 3.15 with bash and protoc.
	srcProtocGenDoc   = gh + "pseudomuto/protoc-gen-doc/blob/2d899c268a140682f87a2d330fd4d805d99ed121/Dockerfile"
	srcProtocGenDocGR = gh + "pseudomuto/protoc-gen-doc/blob/2d899c268a140682f87a2d330fd4d805d99ed121/.goreleaser.yaml"

	// krew-release-bot on GHCR (from v0.0.44, 2023-03-26): USER app,
	// WORKDIR /home/app, CMD only; Alpine 3.17 to v0.0.48, 3.23 from
	// v0.0.49.
	srcKrewBot       = gh + "rajatjindal/krew-release-bot/blob/c970b8a8f6dbc2f2285a26e3ae160903b87002c3/Dockerfile" // v0.0.51
	srcKrewBotCI     = gh + "rajatjindal/krew-release-bot/blob/c970b8a8f6dbc2f2285a26e3ae160903b87002c3/.github/workflows/release.yml"
	srcKrewBot044    = gh + "rajatjindal/krew-release-bot/blob/d6f15548328abd428363d74079ddac9fd5084ec2/Dockerfile"
	srcKrewBot048    = gh + "rajatjindal/krew-release-bot/blob/ecba13d639f884cbecd5136cbf01b11a2fdfab7f/Dockerfile"
	srcKrewBotCI0044 = gh + "rajatjindal/krew-release-bot/blob/d6f15548328abd428363d74079ddac9fd5084ec2/.github/workflows/release.yml"
)

// ciSampleImages are one reference per source above, for the
// pinned-sources test.
var ciSampleImages = []string{
	"ghcr.io/ferretdb/docusaurus-docs:3.7.0-4", "ghcr.io/ferretdb/ferretdb-prettier:3.5.3-1",
	"ghcr.io/ferretdb/ferretdb-textlint:14.7.1-1", "ghcr.io/ferretdb/ferretdb-wrangler:4.7.1-1",
	"ghcr.io/ferretdb/legacy-mongo-shell:7.0.8-1", "ghcr.io/ferretdb/ferretdb-eval:2.3.1",
	"ghcr.io/ferretdb/all-in-one:1.24.2", "ghcr.io/homebrew/core/protobuf:35.1",
	"ghcr.io/sigstore/protobuf-specs-service-builder:0.5.2", "cometbft/cometbft-db-testing:v1.0.2",
	"pseudomuto/protoc-gen-doc", "ghcr.io/rajatjindal/krew-release-bot:v0.0.51",
}

// ciRows are matched after the rows of approws.go.
var ciRows = []row{
	// FerretDB's node tools: node:N-alpine (3.16–3.18 named, later the
	// Alpine of the day), root; the tool under /deps (docusaurus under
	// its WORKDIR) with CMD -h. Every commit of FerretDB/deps agrees, so
	// every tag and digest of these repositories does.
	ferretNodeTool("docusaurus-docs", "/workdir/docusaurus-docs/node_modules/.bin/docusaurus", "/workdir/docusaurus-docs",
		srcFerretDocusaurus1st),
	ferretNodeTool("ferretdb-prettier", "/deps/node_modules/.bin/prettier", "/workdir", srcFerretPrettier1st),
	ferretNodeTool("ferretdb-textlint", "/deps/node_modules/.bin/textlint", "/workdir", srcFerretTextlint1st),
	ferretNodeTool("ferretdb-wrangler", "/deps/node_modules/.bin/wrangler", "/workdir", srcFerretWrangler1st),
	// legacy-mongo-shell (tags MONGO_VERSION-N): the legacy mongo shell
	// on mongo:6.0.x / 7.0.x, WORKDIR /, mongo's HOME /data/db, root.
	// 6.0.3 builds ran otherwise; tags past 7.0 and floating tags were
	// not read.
	{family: "ferretdb/legacy-mongo-shell", match: onRegistry("ghcr.io", "ferretdb/legacy-mongo-shell"), workdir: "/",
		home: "/data/db", source: srcFerretMongoShell + " ; " + srcMongo70,
		adjust: func(r ref, f *Facts) {
			toolEras(era{from: version{6, 0, 4}, ep: []string{"mongo"},
				source: srcFerretMongoShell604 + " ; " + srcFerretMongoShell603})(r, f)
			v, _ := r.tagVersion()
			if v == nil || v.reaches(version{7, 1}) {
				f.EntrypointKnown, f.CmdKnown, f.ConfigKnown = false, false, false
			}
			if !f.EntrypointKnown {
				return
			}
			// 6.0.5 on and 7.0 were built on jammy; 6.0.4 on focal
			// or jammy, which both package tini and nss_wrapper.
			rel := "22.04"
			if !v.reaches(version{6, 0, 5}) {
				rel = ""
			}
			distroFacts(f, "ubuntu", rel)
			f.DistroSource += " ; " + srcMongo60Jamm
		}},
	// FerretDB 2's evaluation image (2.2.0 on): entrypoint.sh, which
	// resets the base's CMD; root, WORKDIR / (postgres-documentdb's). Its
	// postgres base was Debian bookworm (postgres:17 before Debian 13's
	// release, postgres:17-bookworm after) or at most trixie: both
	// package tini and nss_wrapper.
	{family: "ferretdb/ferretdb-eval", match: ferretRepo("ferretdb-eval"), workdir: "/",
		source: srcFerretEval + " ; " + srcFerretEvalTags + " ; " + srcFerretPGDocDB,
		adjust: func(r ref, f *Facts) {
			toolEras(era{from: version{2, 2}, ep: []string{"entrypoint.sh"},
				source: srcFerretEval220 + " ; " + srcFerretEval270 + " ; " + srcFerretPGDocDBBw})(r, f)
			if f.EntrypointKnown { // the 2.0 and 2.1 builds were another image
				distroFacts(f, "debian", "")
			}
		}},
	// FerretDB 1's all-in-one image (0.9.4 on): postgres:15.x or 16.x
	// (Debian bullseye or bookworm, both with tini and nss_wrapper) with
	// ENTRYPOINT /entrypoint.sh (runit), which resets postgres's CMD;
	// root, WORKDIR /.
	{family: "ferretdb/all-in-one", match: ferretRepo("all-in-one"), workdir: "/",
		source: srcFerretAllInOne + " ; " + srcFerretAllInOneTag + " ; " + srcPostgres,
		adjust: func(r ref, f *Facts) {
			toolEras(era{from: version{0, 9, 4}, ep: []string{"/entrypoint.sh"}, source: srcFerretAllInOne094})(r, f)
			if f.EntrypointKnown {
				distroFacts(f, "debian", "")
			}
		}},
	// Homebrew bottles (ghcr.io/homebrew/core/FORMULA, versioned
	// formulae as FORMULA/N): an image configuration without config, over
	// the formula's files alone. Nothing runs, and there is no shell.
	{family: "homebrew-bottle", match: func(r ref) bool {
		return r.registry == "ghcr.io" && strings.HasPrefix(r.path, "homebrew/core/")
	},
		source: srcBrewPackages + " ; " + srcBrewBottle + " ; " + srcBrewConfig21,
		adjust: func(_ ref, f *Facts) { noShell(f, "scratch") }},
	// Sigstore's service builder: protoc with the Go, gRPC, gateway and
	// OpenAPI plugins on distroless static nonroot (USER 65532, WORKDIR
	// /home/nonroot). Every release has this definition, so a bare
	// digest is known too.
	{family: "sigstore/protobuf-specs-service-builder",
		match: onRegistry("ghcr.io", "sigstore/protobuf-specs-service-builder"),
		ep: []string{"/usr/local/bin/protoc", "--plugin=protoc-gen-go=/usr/local/bin/protoc-gen-go",
			"--plugin=protoc-gen-go-grpc=/usr/local/bin/protoc-gen-go-grpc",
			"--plugin=protoc-gen-grpc-gateway=/usr/local/bin/protoc-gen-grpc-gateway",
			"--plugin=protoc-gen-openapiv2=/usr/local/bin/protoc-gen-openapiv2"},
		user: "65532", workdir: "/home/nonroot",
		source: srcSigstoreServices + " ; " + srcSigstoreGo + " ; " + srcSigstoreRelease + " ; " +
			srcSigstoreServices051 + " ; " + srcSigstoreServices043 + " ; " + srcDistrolessStatic,
		adjust: func(_ ref, f *Facts) { noShell(f, "distroless") }},
	// cometbft-db-testing: golang (Debian: bullseye for v0.7 and v0.8,
	// then the golang default, bookworm; both package tini and
	// nss_wrapper) with RocksDB; it sets nothing, so golang's WORKDIR /go
	// and Debian's CMD bash. Every build under this name is covered.
	{family: "cometbft/cometbft-db-testing", match: hubRepo("cometbft/cometbft-db-testing"), cmd: []string{"bash"},
		workdir: "/go", source: srcCometDBTesting + " ; " + srcCometDBTesting101 + " ; " + srcCometDBTesting070 + " ; " +
			srcCometDBTesting104 + " ; " + srcCometDBWorkflow + " ; " + srcGolang + " ; " + srcBuildDep + " ; " + srcDebian,
		adjust: func(_ ref, f *Facts) { distroFacts(f, "debian", "") }},
	// protoc-gen-doc 1.5.1 (latest): ./entrypoint.sh (a bash script that
	// runs protoc with the plugin) from WORKDIR /, root, on Alpine 3.15
	// with bash. The Debian builds before 1.5.1 were not claimed.
	{family: "pseudomuto/protoc-gen-doc", match: hubRepo("pseudomuto/protoc-gen-doc"), workdir: "/",
		source: srcProtocGenDoc + " ; " + srcProtocGenDocGR,
		adjust: func(r ref, f *Facts) {
			toolEras(era{from: version{1, 5, 1}, ep: []string{"./entrypoint.sh"}, cmd: []string{"--doc_opt=html,index.html"}})(r, f)
			if !f.EntrypointKnown {
				return // Debian jessie builds, or not known which
			}
			distroFacts(f, "alpine", "3.15")
			f.Shell = "/bin/bash"
		}},
	// krew-release-bot on GHCR (every build, v0.0.44 on): CMD only, USER
	// app, WORKDIR /home/app.
	{family: "rajatjindal/krew-release-bot", match: onRegistry("ghcr.io", "rajatjindal/krew-release-bot"),
		cmd: []string{"krew-release-bot", "action"}, user: "app", workdir: "/home/app",
		source: srcKrewBot + " ; " + srcKrewBotCI + " ; " + srcKrewBot044 + " ; " + srcKrewBotCI0044,
		adjust: func(r ref, f *Facts) {
			v, _ := r.tagVersion()
			switch {
			case r.versionUnknown():
				distroFacts(f, "alpine", "")
			case v.reaches(version{0, 0, 49}):
				distroFacts(f, "alpine", "3.23")
			default:
				distroFacts(f, "alpine", "3.17")
				f.DistroSource += " ; " + srcKrewBot048
			}
		}},
}

// ferretRepo matches a FerretDB image on the three registries
// definedockertag pushes to: ghcr.io/ferretdb, quay.io/ferretdb and
// Docker Hub's ferretdb.
func ferretRepo(name string) func(ref) bool {
	return func(r ref) bool {
		return r.hubRepo("ferretdb/"+name) || (r.path == "ferretdb/"+name && (r.registry == "ghcr.io" || r.registry == "quay.io"))
	}
}

// ferretNodeTool is a row of FerretDB/deps's node tool images on GHCR.
func ferretNodeTool(name, bin, workdir, first string) row {
	return row{family: "ferretdb/" + name, match: onRegistry("ghcr.io", "ferretdb/"+name),
		ep: []string{bin}, cmd: []string{"-h"}, workdir: workdir,
		source: srcFerretDeps + name + "/Dockerfile ; " + first + " ; " + srcFerretDepsMakefile,
		adjust: toolAlpine}
}
