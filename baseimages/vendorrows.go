package baseimages

import (
	"slices"
	"strings"
)

// Vendor-published runtime and base images outside Docker Hub's official
// images (Google's Cloud CLI, Cilium's runtime, Paketo's tiny run image,
// go-rod, and others of the corpus), read from each image's published
// definition. Most are claimed only for the tags whose build could be tied
// to a Dockerfile; Google's marketplace Debian images are not (no build
// definition of them was found).

// Sources of the rows below, pinned to the commit whose content was read.
const (
	// Google Cloud CLI images: cloud-sdk-docker's Dockerfiles (snapshot of
	// 2026-07-24; master at 47328f70) and its cloudbuild.yaml, which
	// builds the "emulators" and "stable" directories with the release as
	// CLOUD_SDK_VERSION and pushes VERSION-emulators, VERSION-stable (and
	// a -DATE suffix) under google-cloud-cli and cloud-sdk on the gcr.io,
	// us.gcr.io, eu.gcr.io and asia.gcr.io repositories of Artifact
	// Registry, and to Docker Hub's google/cloud-sdk.
	srcGcloudEmulators = gh + "GoogleCloudPlatform/cloud-sdk-docker/blob/47328f7082ac3679afe389a743458e34f612574a/emulators/Dockerfile"
	srcGcloudStable    = gh + "GoogleCloudPlatform/cloud-sdk-docker/blob/47328f7082ac3679afe389a743458e34f612574a/stable/Dockerfile"
	srcGcloudBuild     = gh + "GoogleCloudPlatform/cloud-sdk-docker/blob/47328f7082ac3679afe389a743458e34f612574a/cloudbuild.yaml"
	// emulators: FROM marketplace.gcr.io/google/debian12 from d271fc5a
	// (2024-10-07) until 8bdbef49 (2026-04-15 16:07 UTC), then
	// debian:trixie-slim; no ENTRYPOINT, CMD, USER or WORKDIR in any.
	srcGcloudEmulatorsTrixie = gh + "GoogleCloudPlatform/cloud-sdk-docker/commit/8bdbef49d728ce34211537d1213011225369f54b"
	// stable: ENTRYPOINT entrypoint.sh (which ends in exec "$@") from
	// eb3aa4c6 (2024-08-19); FROM debian:trixie-slim from fdecec82
	// (2026-04-29 13:52 UTC), marketplace.gcr.io/google/debian12 before.
	srcGcloudStableEP     = gh + "GoogleCloudPlatform/cloud-sdk-docker/commit/eb3aa4c60ca86fb02514aea456a9c1bfcfb724e1"
	srcGcloudStableTrixie = gh + "GoogleCloudPlatform/cloud-sdk-docker/commit/fdecec8200d56d330228ece1cfc4c4fb242ceae0"
	// Release dates, which the repository does not keep (its tags end at
	// 427.0.0): its README's package table dates the removal in 529.0.0
	// Jul 01, 2025; a Gentoo overlay's update bot, run weekly, moved to
	// 566.0.0 on 2026-04-29 01:03 UTC and to 567.0.0 on 2026-05-06 00:58
	// UTC (so 567 and later came out after 2026-04-29, 568 and later
	// after 2026-05-06); 565.0.0 was packaged on 2026-04-18.
	srcGcloud529      = gh + "GoogleCloudPlatform/cloud-sdk-docker/blob/e53b2c5176acd639b81cd0f3ef20f9f0b999a0ee/README.md"
	srcGcloudRel565   = gh + "arran4/arrans_overlay/commit/9100c9259a67c7a990d8c1570e77e087f27382af"
	srcGcloudRel566   = gh + "arran4/arrans_overlay/commit/6eeba3e3cddbfec80b18f59355a103a8a7f2a93a"
	srcGcloudRel567   = gh + "arran4/arrans_overlay/commit/cddf61ee71964fd9be28f2e28c644a735b7e760f"
	srcGcloudRelDates = srcGcloud529 + " ; " + srcGcloudRel565 + " ; " + srcGcloudRel566 + " ; " + srcGcloudRel567

	// quay.io/cilium/cilium-runtime is tagged with the git tree hash of
	// images/runtime (images/scripts/make-image-tag.sh). The trees below
	// were recomputed from the files of cilium's Go module zips (the
	// module sum pins their content) and match the tags byte for byte.
	// Each Dockerfile's final stage is FROM scratch, a LABEL and the
	// Ubuntu root file system copied in: no ENTRYPOINT, CMD, USER,
	// WORKDIR or ENV.
	srcCiliumTag         = gh + "cilium/cilium/blob/3c19de867a251fd8845c5dee06e1fca7c9aa31e8/images/scripts/make-image-tag.sh"
	srcCiliumRuntime115  = "https://proxy.golang.org/github.com/cilium/cilium/@v/v1.15.19.zip (images/runtime/Dockerfile, Ubuntu 22.04; module sum h1:paLLN6chvDJiW9FB31c2KHdtFbkFB6QsVxgvLHN9XHs=; images/runtime is tree eadd0cd8ef02047bc43274ad5abe443c2c06aaee)"
	srcCiliumRuntime1156 = "https://proxy.golang.org/github.com/cilium/cilium/@v/v1.15.6.zip (images/runtime/Dockerfile, Ubuntu 22.04; module sum h1:YT6UYuvdua6N1KQ6mRprymCct6Ee7uCE1hckbAR2bRM=; images/runtime is tree e9d05a1f95920323f8e6267b10362253b4eb5ea7)"
	srcCiliumRuntime120  = "https://proxy.golang.org/github.com/cilium/cilium/@v/v1.20.2.zip (images/runtime/Dockerfile, Ubuntu 26.04; module sum h1:dqiEGIcXc+gqCLYG/l7VCFJ8GHyb4HUrwbZOpkX5dL8=; images/runtime is tree 13953be3b88431ba8d71634e240280b1148e6d20)"

	// go-rod: lib/docker/Dockerfile; lib/docker/main.go (run by
	// docker.yml) pushes :amd and :arm from main and, on a version tag,
	// the manifests :vX.Y.Z and the untagged latest from them. ENTRYPOINT
	// dumb-init from a959f27 (v0.59.0), CMD rod-manager (shell form) from
	// 443e72d (v0.98.0); Ubuntu bionic from 699a271/fd43852 (v0.87.x),
	// jammy from b28ddc7 (v0.110.0), noble from 27ee28d (v0.116.2, the
	// last release: the Go module proxy lists none later).
	srcRod       = gh + "go-rod/rod/blob/393ac0d60b53f3c4a9b2a6504d250cbada55b546/lib/docker/Dockerfile"
	srcRodBuild  = gh + "go-rod/rod/blob/393ac0d60b53f3c4a9b2a6504d250cbada55b546/lib/docker/main.go"
	srcRodJammy  = gh + "go-rod/rod/blob/b28ddc78dd82294152b190f1774b025fa3284a46/lib/docker/Dockerfile"
	srcRodBionic = gh + "go-rod/rod/blob/443e72df8e1b19fb43e66fe8a14375934c00d351/lib/docker/Dockerfile"

	// chrislusf/seaweedfs:e2e: built by seaweedfs's CI and docker/Makefile
	// (build_e2e) from docker/Dockerfile.e2e, which has had the same FROM
	// ubuntu:22.04, WORKDIR /data and ENTRYPOINT since it was added
	// (a73e177e, 2022-08-31; last change 05013ad3, 2026-08-19).
	srcSeaweedE2E      = gh + "seaweedfs/seaweedfs/blob/05013ad3dac3576e01b6b1a50e01bc5730ca0dac/docker/Dockerfile.e2e"
	srcSeaweedE2EFirst = gh + "seaweedfs/seaweedfs/blob/a73e177ecff78aee1c59b3b57a296b10a778bc9e/docker/Dockerfile.e2e"
	srcSeaweedMake     = gh + "seaweedfs/seaweedfs/blob/05013ad3dac3576e01b6b1a50e01bc5730ca0dac/docker/Makefile"

	// errbit/errbit:v0.7.0: the Dockerfile at git tag v0.7.0 (the
	// project's own images, docs/deployment/docker.md), FROM
	// ruby:2.3.3-alpine, which sets no ENTRYPOINT (none in
	// docker-library/ruby's history) on alpine:3.4.
	srcErrbit     = gh + "errbit/errbit/blob/9bad19dd0d27a5acb7314ec2e363c82a9210884f/Dockerfile"
	srcErrbitDocs = gh + "errbit/errbit/blob/9bad19dd0d27a5acb7314ec2e363c82a9210884f/docs/deployment/docker.md"
	srcRuby233    = gh + "docker-library/ruby/blob/7a3e1295bbc840c350fc37d406692301b27f4e86/2.3/alpine/Dockerfile"

	// crossbario/autobahn-testsuite:25.10.1: the justfile's docker-build
	// at git tag v25.10.1 tags docker/Dockerfile as PACKAGE_VERSION
	// (25.10.1); FROM pypy:2-7-bullseye (no ENTRYPOINT).
	srcAutobahn      = gh + "crossbario/autobahn-testsuite/blob/6ed6f439dc7ed0d7432fe2cf7481b110905ecc5c/docker/Dockerfile"
	srcAutobahnBuild = gh + "crossbario/autobahn-testsuite/blob/6ed6f439dc7ed0d7432fe2cf7481b110905ecc5c/justfile"
	srcPyPy27        = gh + "docker-library/pypy/blob/da7ff7031b87e70e4d1eb089a5bea20c3cd8ff96/2.7/bullseye/Dockerfile"

	// lightninglabs/bitcoin-core: one directory per major (22 to 31,
	// each with alpine/); build.yaml tags a directory's image MAJOR (and
	// latest), a git tag's X.Y. Every one of them, Debian and Alpine:
	// ENTRYPOINT /entrypoint.sh (which drops to the bitcoin user with
	// gosu/su-exec), CMD bitcoind, no USER or WORKDIR in the final stage;
	// Debian bullseye-slim for 22 to 25, bookworm-slim from 26.
	srcBitcoinCore25  = gh + "lightninglabs/docker-bitcoin-core/blob/52fc673e727923a882d81d8e4202c7a473087b78/25/Dockerfile"
	srcBitcoinCore31  = gh + "lightninglabs/docker-bitcoin-core/blob/52fc673e727923a882d81d8e4202c7a473087b78/31/Dockerfile"
	srcBitcoinCoreAlp = gh + "lightninglabs/docker-bitcoin-core/blob/52fc673e727923a882d81d8e4202c7a473087b78/25/alpine/Dockerfile"
	srcBitcoinCoreCI  = gh + "lightninglabs/docker-bitcoin-core/blob/52fc673e727923a882d81d8e4202c7a473087b78/.github/workflows/build.yaml"

	// klakegg/hugo:0.73.0-ext-ubuntu: Docker Hub's build of git tag
	// 0.73.0 (src/hooks/build) from Dockerfile-ext-ubuntu, FROM the
	// base-ubuntu image of the same build (ubuntu:18.04, HOME /tmp,
	// WORKDIR /src, ENTRYPOINT hugo, which resets ubuntu's CMD).
	srcHugoExtUbuntu  = gh + "klakegg/docker-hugo/blob/0fd6e1e2d8de7495b02f0b3346261d12e91fa2a6/src/docker/ubuntu-ext/Dockerfile-ext-ubuntu"
	srcHugoBaseUbuntu = gh + "klakegg/docker-hugo/blob/0fd6e1e2d8de7495b02f0b3346261d12e91fa2a6/src/docker/ubuntu/Dockerfile-base-ubuntu"
	srcHugoHooks      = gh + "klakegg/docker-hugo/blob/0fd6e1e2d8de7495b02f0b3346261d12e91fa2a6/src/hooks/build"

	// govim/govim:latest-vim: CI on main re-tags the image of the newest
	// Go and Vim (_scripts/tagDockerLatest.sh, from 2020-01-28), built
	// from _scripts/Dockerfile.vim: FROM buildpack-deps:18.04 from
	// 2020-05-11, buildpack-deps:22.04 from 7dc59387 (2024-05-14), with no
	// ENTRYPOINT, CMD, USER or WORKDIR; buildpack-deps sets no CMD either,
	// so Ubuntu's /bin/bash. The newest Go has been go1.23.3 since
	// 6280deb8 (2024-11-27), released after the move to 22.04, but that
	// CI's last push was not seen, so the Ubuntu release is left open.
	srcGovimVim    = gh + "govim/govim/blob/01838ef4fa61bea4789cb5725d09f9846149044d/_scripts/Dockerfile.vim"
	srcGovimLatest = gh + "govim/govim/blob/01838ef4fa61bea4789cb5725d09f9846149044d/_scripts/tagDockerLatest.sh"

	// distribution/golem:0.1: images/Dockerfile at git tag v0.1, which
	// the Makefile builds as distribution/golem (NAMESPACE=distribution):
	// alpine:3.3, ENTRYPOINT dind (Docker's hack/dind, which execs its
	// arguments), CMD golem.
	srcGolem     = gh + "docker/golem/blob/b54dabbacbb7c5f35730700f5d7105db70540b62/images/Dockerfile"
	srcGolemMake = gh + "docker/golem/blob/b54dabbacbb7c5f35730700f5d7105db70540b62/Makefile"

	// karalabe/xgo-latest: docker/go-latest (FROM xgo-1.13.x, FROM
	// xgo-1.13.4, FROM xgo-base) at the repository's last commit; the base
	// is ubuntu:16.04 with ENTRYPOINT /build.sh (since 2014), which resets
	// Ubuntu's CMD; no layer sets CMD, USER or WORKDIR.
	srcXgoLatest = gh + "karalabe/xgo/blob/c5ccff8648a77686d274c1984e1cd6319736f5cb/docker/go-latest/Dockerfile"
	srcXgoBase   = gh + "karalabe/xgo/blob/c5ccff8648a77686d274c1984e1cd6319736f5cb/docker/base/Dockerfile"
	srcXgo1134   = gh + "karalabe/xgo/blob/c5ccff8648a77686d274c1984e1cd6319736f5cb/docker/go-1.13.4/Dockerfile"

	// dockercore/golang-cross:1.12.15: the Dockerfile at git tag 1.12.15
	// (the image the README names), whose final stage goes back to
	// golang:1.12.15-buster and sets neither ENTRYPOINT nor CMD nor
	// WORKDIR: golang's WORKDIR /go (the 1.12 buster Dockerfile) and
	// Debian's CMD bash.
	srcGolangCross  = gh + "docker/golang-cross/blob/44ecffd355206fe2d2e1e8e68e78f206988e27ce/Dockerfile"
	srcGolangCrossR = gh + "docker/golang-cross/blob/44ecffd355206fe2d2e1e8e68e78f206988e27ce/README.md"
	srcGolang112    = gh + "docker-library/golang/blob/0b996cdb43a0e0a16d8af23fd25f5eef7b51721b/1.12/buster/Dockerfile"

	// paketobuildpacks/run-jammy-tiny: FROM scratch with the files of the
	// run packages only (base-files, ca-certificates, libc6, libssl3,
	// netbase, openssl, tzdata, zlib1g; later also libstdc++6 and
	// libgcc-s1), in every commit of the repository: no shell and no
	// package manager. Its config (jam create-stack; USER from
	// stack.toml's uid 1002) was not read.
	srcPaketoTinyRun   = gh + "paketo-buildpacks/jammy-tiny-stack/blob/dc744c6978ec14d1cfc7599acbcc7564ca600c4e/stack/run/run.Dockerfile"
	srcPaketoTinyStack = gh + "paketo-buildpacks/jammy-tiny-stack/blob/dc744c6978ec14d1cfc7599acbcc7564ca600c4e/stack/stack.toml"

	// coqorg/coq 8.13 to 8.20: docker-keeper (images.yml) builds
	// coq/stable/Dockerfile, which sets no USER, WORKDIR, ENTRYPOINT or
	// CMD, FROM coqorg/base (rocq/base from 2025-02) at coq_OCAML tags;
	// those come from docker-base's coq-single/coq-bare Dockerfiles, every
	// one of which since 2019 (Debian 10, 11, 12 slim) has WORKDIR
	// /home/coq, USER coq, ENTRYPOINT opam exec --, CMD bash --login.
	srcCoqStable   = gh + "coq-community/docker-coq/blob/b23763b82383c515e5044325cd7cf31a24565ba7/coq/stable/Dockerfile"
	srcCoqImages   = gh + "coq-community/docker-coq/blob/b23763b82383c515e5044325cd7cf31a24565ba7/images.yml"
	srcCoqBase     = gh + "coq-community/docker-base/blob/057ab139a99c91850cd9973cb782e15f1e140a85/base/coq-single/Dockerfile"
	srcCoqBaseBare = gh + "coq-community/docker-base/blob/057ab139a99c91850cd9973cb782e15f1e140a85/base/coq-bare/Dockerfile"
)

// ciliumRuntimes are the cilium-runtime tags read: tree hash → the
// Ubuntu release of the UBUNTU_IMAGE argument, and the source.
var ciliumRuntimes = map[string][2]string{
	"eadd0cd8ef02047bc43274ad5abe443c2c06aaee": {"22.04", srcCiliumRuntime115},
	"e9d05a1f95920323f8e6267b10362253b4eb5ea7": {"22.04", srcCiliumRuntime1156},
	"13953be3b88431ba8d71634e240280b1148e6d20": {"26.04", srcCiliumRuntime120},
}

// vendorSampleImages are one reference per source above, for the
// pinned-sources test.
var vendorSampleImages = []string{
	"gcr.io/google.com/cloudsdktool/google-cloud-cli:580.0.0-emulators",
	"gcr.io/google.com/cloudsdktool/google-cloud-cli:569.0.0-stable",
	"google/cloud-sdk:550.0.0-stable",
	"quay.io/cilium/cilium-runtime:eadd0cd8ef02047bc43274ad5abe443c2c06aaee",
	"quay.io/cilium/cilium-runtime:e9d05a1f95920323f8e6267b10362253b4eb5ea7",
	"quay.io/cilium/cilium-runtime:13953be3b88431ba8d71634e240280b1148e6d20",
	"ghcr.io/go-rod/rod", "ghcr.io/go-rod/rod:v0.112.0", "ghcr.io/go-rod/rod:v0.101.8",
	"chrislusf/seaweedfs:e2e", "errbit/errbit:v0.7.0", "crossbario/autobahn-testsuite:25.10.1",
	"lightninglabs/bitcoin-core:25", "lightninglabs/bitcoin-core:31-alpine", "klakegg/hugo:0.73.0-ext-ubuntu",
	"govim/govim:latest-vim", "distribution/golem:0.1", "karalabe/xgo-latest",
	"dockercore/golang-cross:1.12.15", "paketobuildpacks/run-jammy-tiny:0.2.38", "coqorg/coq:8.13.2",
}

// vendorRows are matched after ciRows.
var vendorRows = []row{
	// Cloud CLI -emulators: from 567.0.0 (released after the move to
	// debian:trixie-slim) Debian's CMD bash, root; earlier releases were
	// built on Google's marketplace Debian 12, whose CMD was not read.
	{family: "google-cloud-cli-emulators", match: gcloudImage("emulators"),
		source: srcGcloudEmulators + " ; " + srcGcloudBuild + " ; " + srcDebian,
		adjust: func(r ref, f *Facts) {
			toolEras(era{from: version{567}, cmd: []string{"bash"}, source: srcGcloudEmulatorsTrixie + " ; " + srcGcloudRelDates})(r, f)
			if f.CmdKnown {
				distroFacts(f, "debian", "trixie")
			}
		}},
	// Cloud CLI -stable: ENTRYPOINT /usr/local/bin/entrypoint.sh (which
	// resets the OS image's CMD) from 529.0.0 on, root. On Debian 12
	// (Google's marketplace image) up to 565.0.0, debian:trixie-slim
	// from 568.0.0; 566 and 567 may be either.
	{family: "google-cloud-cli-stable", match: gcloudImage("stable"),
		source: srcGcloudStable + " ; " + srcGcloudBuild,
		adjust: func(r ref, f *Facts) {
			toolEras(era{from: version{529}, ep: []string{"/usr/local/bin/entrypoint.sh"},
				source: srcGcloudStableEP + " ; " + srcGcloudStableTrixie + " ; " + srcGcloudRelDates})(r, f)
			if !f.EntrypointKnown {
				return
			}
			v, _ := r.tagVersion()
			switch {
			case v == nil || v.atLeast(version{568}):
				distroFacts(f, "debian", "trixie")
			case !v.atLeast(version{566}):
				distroFacts(f, "debian", "bookworm")
			default:
				distroFacts(f, "debian", "")
				packagesUnknown(f)
			}
		}},
	goRod,
	// chrislusf/seaweedfs:e2e (the e2e test image).
	{family: "seaweedfs-e2e", match: func(r ref) bool { return r.hubRepo("chrislusf/seaweedfs") && r.tag == "e2e" },
		ep: []string{"/entrypoint.sh"}, workdir: "/data", source: srcSeaweedE2E + " ; " + srcSeaweedE2EFirst + " ; " + srcSeaweedMake,
		adjust: func(_ ref, f *Facts) { distroFacts(f, "ubuntu", "22.04") }},
	// errbit v0.7.0: puma as USER errbit in /app, on Alpine 3.4.
	{family: "errbit", match: func(r ref) bool { return r.hubRepo("errbit/errbit") && r.tag == "v0.7.0" },
		cmd: []string{"bundle", "exec", "puma", "-C", "config/puma.default.rb"}, user: "errbit", workdir: "/app",
		source: srcErrbit + " ; " + srcErrbitDocs + " ; " + srcRuby233,
		adjust: func(_ ref, f *Facts) { distroFacts(f, "alpine", "3.4") }},
	// autobahn-testsuite 25.10.1: the fuzzing server, root, WORKDIR /.
	{family: "autobahn-testsuite", match: func(r ref) bool {
		return r.hubRepo("crossbario/autobahn-testsuite") && r.tag == "25.10.1"
	},
		cmd: []string{"wstest", "--mode", "fuzzingserver", "--spec", "/config/fuzzingserver.json"}, workdir: "/",
		source: srcAutobahn + " ; " + srcAutobahnBuild + " ; " + srcPyPy27,
		adjust: func(_ ref, f *Facts) { distroFacts(f, "debian", "bullseye") }},
	// lightninglabs/bitcoin-core 22 and later (the 0.x directories are
	// not read).
	{family: "bitcoin-core", match: hubRepo("lightninglabs/bitcoin-core"),
		source: srcBitcoinCore25 + " ; " + srcBitcoinCore31 + " ; " + srcBitcoinCoreAlp + " ; " + srcBitcoinCoreCI,
		adjust: func(r ref, f *Facts) {
			toolEras(era{from: version{22}, ep: []string{"/entrypoint.sh"}, cmd: []string{"bitcoind"}})(r, f)
			if !f.EntrypointKnown {
				return
			}
			v, _ := r.tagVersion()
			switch {
			case r.tag == "alpine" || r.hasWord("alpine"):
				toolAlpine(r, f)
			case v != nil && !v.atLeast(version{26}):
				distroFacts(f, "debian", "bullseye")
			default:
				distroFacts(f, "debian", "bookworm")
			}
		}},
	// govim/govim:latest-vim: Ubuntu's bash, root; Ubuntu 18.04 or 22.04.
	{family: "govim", match: func(r ref) bool { return r.hubRepo("govim/govim") && r.tag == "latest-vim" },
		cmd: []string{"/bin/bash"}, source: srcGovimVim + " ; " + srcGovimLatest + " ; " + srcUbuntu,
		adjust: func(_ ref, f *Facts) {
			distroFacts(f, "ubuntu", "")
			// 18.04 has no tini package; both have libnss-wrapper.
			f.TiniPackage, f.TiniKnown = "", false
		}},
	// distribution/golem:0.1.
	{family: "golem", match: func(r ref) bool { return r.hubRepo("distribution/golem") && r.tag == "0.1" },
		ep: []string{"/usr/local/bin/dind"}, cmd: []string{"golem"}, source: srcGolem + " ; " + srcGolemMake,
		adjust: func(_ ref, f *Facts) {
			distroFacts(f, "alpine", "3.3")
			f.Shell = "/bin/bash" // installed by the image
		}},
	// karalabe/xgo-latest (the repository's last state, 2019-11-15).
	{family: "xgo", match: func(r ref) bool {
		return r.hubRepo("karalabe/xgo-latest") && !r.digestOnly && (r.tag == "" || r.tag == "latest")
	},
		ep: []string{"/build.sh"}, source: srcXgoLatest + " ; " + srcXgo1134 + " ; " + srcXgoBase,
		adjust: func(_ ref, f *Facts) { distroFacts(f, "ubuntu", "16.04") }},
	// dockercore/golang-cross:1.12.15.
	{family: "golang-cross", match: func(r ref) bool { return r.hubRepo("dockercore/golang-cross") && r.tag == "1.12.15" },
		cmd: []string{"bash"}, workdir: "/go", source: srcGolangCross + " ; " + srcGolangCrossR + " ; " + srcGolang112 + " ; " + srcDebian,
		adjust: func(_ ref, f *Facts) { distroFacts(f, "debian", "buster") }},
	// Paketo's tiny run image: no shell; what it runs is not claimed.
	{family: "paketo-run-jammy-tiny", match: hubRepo("paketobuildpacks/run-jammy-tiny"),
		epUnknown: true, cmdUnknown: true, configUnknown: true, source: srcPaketoTinyRun + " ; " + srcPaketoTinyStack,
		adjust: func(_ ref, f *Facts) { noShell(f, "ubuntu") }},
	// coqorg/coq 8.13 to 8.20 (dev, beta and older lines not claimed).
	{family: "coqorg/coq", match: func(r ref) bool {
		if !r.hubRepo("coqorg/coq") {
			return false
		}
		v, exact := r.tagVersion()
		return !exact && len(v) >= 2 && v[0] == 8 && v[1] >= 13 && v[1] <= 20
	},
		ep: []string{"opam", "exec", "--"}, cmd: []string{"/bin/bash", "--login"}, user: "coq", workdir: "/home/coq",
		source: srcCoqStable + " ; " + srcCoqImages + " ; " + srcCoqBase + " ; " + srcCoqBaseBare,
		adjust: func(_ ref, f *Facts) {
			// Debian 10, 11 or 12 (rebuilt over time): all package tini
			// and libnss-wrapper.
			distroFacts(f, "debian", "")
		}},
	// klakegg/hugo: the one tag read.
	{family: "klakegg/hugo", match: func(r ref) bool { return r.hubRepo("klakegg/hugo") && r.tag == "0.73.0-ext-ubuntu" },
		ep: []string{"hugo"}, workdir: "/src", home: "/tmp", source: srcHugoExtUbuntu + " ; " + srcHugoBaseUbuntu + " ; " + srcHugoHooks,
		adjust: func(_ ref, f *Facts) { distroFacts(f, "ubuntu", "18.04") }},
	// Cilium's runtime image: only the tags (tree hashes) read.
	{family: "cilium-runtime", match: func(r ref) bool {
		_, ok := ciliumRuntimes[r.tag]
		return ok && onRegistry("quay.io", "cilium/cilium-runtime")(r)
	},
		source: srcCiliumTag,
		adjust: func(r ref, f *Facts) {
			rt := ciliumRuntimes[r.tag]
			f.Source = rt[1] + " ; " + f.Source
			distroFacts(f, "ubuntu", rt[0])
		}},
}

// goRod is ghcr.io/go-rod/rod: latest and the release tags from v0.98.0
// (dumb-init, then rod-manager through /bin/sh), root, no WORKDIR in the
// final stage; Ubuntu by release. The :dev, :amd and :arm tags are not
// claimed.
var goRod = row{family: "go-rod", match: func(r ref) bool {
	return onRegistry("ghcr.io", "go-rod/rod")(r) && (r.tag == "" || r.tag == "latest" || strings.HasPrefix(r.tag, "v"))
},
	source: srcRod + " ; " + srcRodBuild,
	adjust: func(r ref, f *Facts) {
		toolEras(era{from: version{0, 98}, ep: []string{"dumb-init", "--"}, cmd: []string{"/bin/sh", "-c", "rod-manager"},
			source: srcRodBionic})(r, f)
		if !f.EntrypointKnown {
			return
		}
		v, _ := r.tagVersion()
		switch {
		case v == nil || v.atLeast(version{0, 116, 2}):
			distroFacts(f, "ubuntu", "24.04")
		case v.atLeast(version{0, 110}):
			distroFacts(f, "ubuntu", "22.04")
			f.DistroSource += " ; " + srcRodJammy
		default:
			distroFacts(f, "ubuntu", "18.04")
			f.DistroSource += " ; " + srcRodBionic
		}
	}}

// gcloudRegistries are where cloudbuild.yaml pushes the Cloud CLI images:
// gcr.io names are Artifact Registry repositories of the
// google.com/cloudsdktool project.
var gcloudRegistries = map[string]string{
	"gcr.io": "gcr.io", "us.gcr.io": "us.gcr.io", "eu.gcr.io": "eu.gcr.io", "asia.gcr.io": "asia.gcr.io",
	"us-docker.pkg.dev": "", "europe-docker.pkg.dev": "", "asia-docker.pkg.dev": "",
}

// gcloudImage matches the Cloud CLI image whose tag is VERSION-variant,
// variant, or VERSION-variant-DATE: google-cloud-cli or cloud-sdk under
// google.com/cloudsdktool on gcr.io (or its Artifact Registry path), or
// google/cloud-sdk on Docker Hub.
func gcloudImage(variant string) func(ref) bool {
	return func(r ref) bool {
		if !gcloudRepo(r) {
			return false
		}
		w := r.dashWords()
		i := slices.Index(w, variant)
		if i < 0 || i > 1 || (i == 1 && !isVersionWord(w[0]) && !strings.Contains(w[0], "$")) {
			return false
		}
		return len(w) <= i+1 || (len(w) == i+2 && isDigits(w[i+1]))
	}
}

func gcloudRepo(r ref) bool {
	if r.hubRepo("google/cloud-sdk") {
		return true
	}
	host, ok := gcloudRegistries[r.registry]
	if !ok {
		return false
	}
	p := r.path
	if host == "" {
		// us-docker.pkg.dev/google.com/cloudsdktool/gcr.io/NAME
		rest, ok := strings.CutPrefix(p, "google.com/cloudsdktool/")
		if !ok {
			return false
		}
		repo, name, ok := strings.Cut(rest, "/")
		if _, known := gcloudRegistries[repo]; !ok || !known || gcloudRegistries[repo] == "" {
			return false
		}
		p = "google.com/cloudsdktool/" + name
	}
	return p == "google.com/cloudsdktool/google-cloud-cli" || p == "google.com/cloudsdktool/cloud-sdk"
}

// isVersionWord reports whether w is a dotted release number ("552.0.0").
func isVersionWord(w string) bool {
	v, exact := parseVersion(w)
	return len(v) > 0 && !exact && strings.Trim(w, "0123456789.") == ""
}

func isDigits(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }
