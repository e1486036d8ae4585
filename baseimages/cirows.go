package baseimages

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
)

// ciSampleImages are one reference per source above, for the
// pinned-sources test.
var ciSampleImages = []string{
	"ghcr.io/ferretdb/docusaurus-docs:3.7.0-4", "ghcr.io/ferretdb/ferretdb-prettier:3.5.3-1",
	"ghcr.io/ferretdb/ferretdb-textlint:14.7.1-1", "ghcr.io/ferretdb/ferretdb-wrangler:4.7.1-1",
	"ghcr.io/ferretdb/legacy-mongo-shell:7.0.8-1", "ghcr.io/ferretdb/ferretdb-eval:2.3.1",
	"ghcr.io/ferretdb/all-in-one:1.24.2", "ghcr.io/homebrew/core/protobuf:35.1",
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
			distroFacts(f, "debian", "")
		}},
	// FerretDB 1's all-in-one image (0.9.4 on): postgres:15.x or 16.x
	// (Debian bullseye or bookworm, both with tini and nss_wrapper) with
	// ENTRYPOINT /entrypoint.sh (runit), which resets postgres's CMD;
	// root, WORKDIR /.
	{family: "ferretdb/all-in-one", match: ferretRepo("all-in-one"), workdir: "/",
		source: srcFerretAllInOne + " ; " + srcFerretAllInOneTag + " ; " + srcPostgres,
		adjust: func(r ref, f *Facts) {
			toolEras(era{from: version{0, 9, 4}, ep: []string{"/entrypoint.sh"}, source: srcFerretAllInOne094})(r, f)
			distroFacts(f, "debian", "")
		}},
	// Homebrew bottles (ghcr.io/homebrew/core/FORMULA, versioned
	// formulae as FORMULA/N): an image configuration without config, over
	// the formula's files alone. Nothing runs, and there is no shell.
	{family: "homebrew-bottle", match: func(r ref) bool {
		return r.registry == "ghcr.io" && len(r.path) > len("homebrew/core/") && r.path[:len("homebrew/core/")] == "homebrew/core/"
	},
		source: srcBrewPackages + " ; " + srcBrewBottle + " ; " + srcBrewConfig21,
		adjust: func(_ ref, f *Facts) { noShell(f, "scratch") }},
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
