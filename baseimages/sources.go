package baseimages

// Sources of the image rows, pinned to the commit whose content was read.
// README.md says what each one shows.
const (
	gh = "https://github.com/"

	srcDebian   = gh + "debuerreotype/docker-debian-artifacts/blob/f5527c9b022448b28981cf274721d9749d8fc5c4/bookworm/oci/blobs/image-config.json"
	srcUbuntu   = gh + "docker-library/repo-info/blob/34e0037a44e0990e8bd1ee7cc265e12874b1c0ed/repos/ubuntu/local/24.04.md"
	srcAlpine   = gh + "alpinelinux/docker-alpine/blob/7d63673353bd39d92ba42f6effcc199aeebd45ee/x86_64/Dockerfile"
	srcBusyBox  = gh + "docker-library/busybox/blob/70ce0fb98bee360bbcce132660d727bf6ce55a99/latest/musl/amd64/image-config.json"
	srcPython   = gh + "docker-library/python/blob/4f07059567fa61c80397126e8063dbbde011b794/3.12/slim-trixie/Dockerfile"
	srcNode     = gh + "nodejs/docker-node/blob/f27d936f7d7ccdeec25cd2de33584c1a841f561d/22/bookworm/Dockerfile"
	srcNodeEP   = gh + "nodejs/docker-node/commit/7e47b378c42b03ae6afae704c5bf5b724aae2b92" // "Added an entrypoint script", 2019-05-23, node 8/10/11/12
	srcBuildDep = gh + "docker-library/buildpack-deps/blob/8330ca1d2319b779c8b7a8aa64bb40dbe568e1e2/debian/bookworm/curl/Dockerfile"
	srcGolang   = gh + "docker-library/golang/blob/7c8c182bfc19ee3169d0596ae63917d2c7166f94/1.26/trixie/Dockerfile"
	srcGolangA  = gh + "docker-library/golang/blob/7c8c182bfc19ee3169d0596ae63917d2c7166f94/1.26/alpine3.24/Dockerfile"
	srcRuby     = gh + "docker-library/ruby/blob/d55e25ae709885250a4e9718c27a09f1e963ca79/3.4/trixie/Dockerfile"
	srcPHPCLI   = gh + "docker-library/php/blob/445bf414f1d5866f7aef715f1203eae043710070/8.3/trixie/cli/Dockerfile"
	srcPHPFPM   = gh + "docker-library/php/blob/445bf414f1d5866f7aef715f1203eae043710070/8.3/trixie/fpm/Dockerfile"
	srcPHPApa   = gh + "docker-library/php/blob/445bf414f1d5866f7aef715f1203eae043710070/8.3/trixie/apache/Dockerfile"
	srcPHPEP    = gh + "docker-library/php/commit/703ba52e0c180b3e3ed6c1a4a51a9985c7740fc9" // docker-php-entrypoint added 2016-12-10
	srcHTTPD    = gh + "docker-library/httpd/blob/9b63b37c9be3b42d16b924ebb40af3cc40793119/2.4/Dockerfile"
	srcNginx    = gh + "nginxinc/docker-nginx/blob/b430becb8f0f6b8d69e68cc73a82ea2873c38639/mainline/debian/Dockerfile"
	srcNginxEP  = gh + "nginxinc/docker-nginx/commit/e36b4f57b77618787caae825a72b93f8f40a8f74" // "Introduced entrypoint", 2020-05-26, mainline 1.19 and stable 1.18
	srcPostgres = gh + "docker-library/postgres/blob/6edb0a8c4def40c371514b34aef9037ec82d9110/16/trixie/Dockerfile"
	srcRedis    = gh + "redis/docker-library-redis/blob/e5650da99bb377b2ed4f9f1ef993ff24729b1c16/7.4/debian/Dockerfile"
	srcMySQL    = gh + "docker-library/mysql/blob/7f30fdb0738041fc5125e8218e393e0a891243e9/8.4/Dockerfile.oracle"
	srcMariaDB  = gh + "MariaDB/mariadb-docker/blob/1b6429ba3544e134715c15f8c56cc6f665f827c9/11.8/Dockerfile"
	srcMariaUBI = gh + "MariaDB/mariadb-docker/blob/1b6429ba3544e134715c15f8c56cc6f665f827c9/11.8-ubi/Dockerfile"
	srcMariaCMD = gh + "MariaDB/mariadb-docker/commit/478c0fe0246f75f30246eb1302109e97a3619a39" // "use mariadbd as CMD in 10.6+", 2021-09-03
	srcMongo    = gh + "docker-library/mongo/blob/2c69a57b939afb99266e8f97258adb178e9559e0/8.0/Dockerfile"
	srcMongoHom = gh + "docker-library/mongo/commit/090e5631c17be189046b6dea907f0e5e75d01162" // ENV HOME /data/db, 2022-05-20
	srcTemurin  = gh + "adoptium/containers/blob/d8d18d67a32e2cbc765de68c30ea0998009df325/21/jdk/ubuntu/noble/Dockerfile"
	srcTemurinR = gh + "adoptium/containers/blob/d8d18d67a32e2cbc765de68c30ea0998009df325/21/jre/ubuntu/noble/Dockerfile"
	srcTemurEP  = gh + "adoptium/containers/commit/05b7f082746228466ceacf43dd0c21e9a0ba2b84" // /__cacert_entrypoint.sh added 2023-08-02
	srcOpenJDK  = gh + "docker-library/openjdk/blob/da2d75fdafc1da23b6c86e3bea2c2f63aacc9170/27/slim-trixie/Dockerfile"
	srcMaven    = gh + "carlossg/docker-maven/blob/0170c5bc5c25ffede66d5c2b4be718450ea2a05a/eclipse-temurin-21-noble/Dockerfile"
	srcGradle   = gh + "keeganwitt/docker-gradle/blob/9fe6f1e8a35505d4e58f523e0ae009f93ad536fa/jdk21-noble/Dockerfile"
	srcMinideb  = gh + "bitnami/minideb/blob/1cd8d3392c2b9f8ed6b8f55cf806ee8f30c331ff/import" // CONF_TEMPLATE: Cmd ["/bin/bash"], Entrypoint null, User ""
	srcBnRedis  = gh + "bitnami/containers/blob/02a6e6c6f970409d653ae613eae034a1ea66e879/bitnami/redis/7.4/debian-12/Dockerfile"
	srcBnPG     = gh + "bitnami/containers/blob/0293904cf4e5d8585b9ff3c4032325953be97e76/bitnami/postgresql/17/debian-12/Dockerfile"
	srcBnNginx  = gh + "bitnami/containers/blob/043f89c88c0ea505b02145ba5dd2299e9cd3058e/bitnami/nginx/1.27/debian-12/Dockerfile"
	srcS2ICore  = gh + "sclorg/s2i-base-container/blob/cada84e64706f4b6e674b02c5780838d6f6e220f/core/Dockerfile.rhel9"
	srcS2IBase  = gh + "sclorg/s2i-base-container/blob/cada84e64706f4b6e674b02c5780838d6f6e220f/base/Dockerfile.rhel9"
	srcS2IPy    = gh + "sclorg/s2i-python-container/blob/e007f85c98201ffc56ef7b90a302e304e66dc4c7/3.12/Dockerfile.rhel9"
	srcS2IPyMin = gh + "sclorg/s2i-python-container/blob/e007f85c98201ffc56ef7b90a302e304e66dc4c7/3.12-minimal/Dockerfile.rhel9"
	srcS2INode  = gh + "sclorg/s2i-nodejs-container/blob/cb79a8beb0e24b25aec7529cbc2e021254c80454/22/Dockerfile.rhel9"
	srcS2INoMin = gh + "sclorg/s2i-nodejs-container/blob/cb79a8beb0e24b25aec7529cbc2e021254c80454/22-minimal/Dockerfile.rhel9"
	srcUBI      = "https://www.redhat.com/en/blog/introducing-red-hat-universal-base-image (ubi: yum/dnf; ubi-minimal: microdnf) ; " + srcUBIMicro
	srcRust     = gh + "rust-lang/docker-rust/blob/7668ee290612ac3ac42dbfcbdfae75120263d2c9/stable/bookworm/Dockerfile"
	srcDockerC  = gh + "docker-library/docker/blob/3289af88086d67e6f0bfebfa0617541a0f574d96/29/cli/Dockerfile"
	srcDockerD  = gh + "docker-library/docker/blob/3289af88086d67e6f0bfebfa0617541a0f574d96/29/dind/Dockerfile"
	srcDockerR  = gh + "docker-library/docker/blob/3289af88086d67e6f0bfebfa0617541a0f574d96/29/dind-rootless/Dockerfile"
	srcDocker20 = gh + "docker-library/official-images/blob/eab00bc326c3953d2713477e44e89cfa66255152/library/docker" // 20.10, 20, latest: the cli directory
	srcCentOS   = gh + "docker-library/repo-info/blob/72e4be79b9c831d8da7d63a6ce871b20fc9e06c1/repos/centos/local/7.md"
	srcFedora   = gh + "docker-library/repo-info/blob/1343f016d8e4a29c507cc303374865bd59d39120/repos/fedora/local/latest.md"
	srcAL2023   = gh + "amazonlinux/container-images/blob/a414ca098e1caa253c32996532fc8f2a4377769f/Dockerfile"
	srcAL2      = gh + "amazonlinux/container-images/blob/0189a2e59bc9ac511e3137688f79493711a783a5/Dockerfile"
	srcRocky    = gh + "rocky-linux/sig-cloud-instance-images/blob/13c1a2b3073f20ce97ba213ba8fa0f08dad66d14/Dockerfile"
	srcRockyMin = gh + "rocky-linux/sig-cloud-instance-images/blob/e26091267b03ab82fac3395bbc940f8d081a490f/Dockerfile"
	srcAlma     = gh + "AlmaLinux/docker-images/blob/cbfe509d63b9d87c21c3f25a1d97d8f84f444cce/dockerfiles/al9/Dockerfile.default"

	srcDistrolessStatic = gh + "GoogleContainerTools/distroless/blob/cd080764af3103b2f49fb5eb23297c72c945e77a/static/static.bzl"
	srcDistrolessJava   = gh + "GoogleContainerTools/distroless/blob/cd080764af3103b2f49fb5eb23297c72c945e77a/java/java.bzl"
	srcDistrolessNode   = gh + "GoogleContainerTools/distroless/blob/cd080764af3103b2f49fb5eb23297c72c945e77a/nodejs/nodejs.bzl"
	srcDistrolessPy     = gh + "GoogleContainerTools/distroless/blob/cd080764af3103b2f49fb5eb23297c72c945e77a/python3/python.bzl"
	srcCGStatic         = gh + "chainguard-images/images/blob/3ed33eede9d71d6777ee03b0c04b7b928bf126cd/images/static/configs/latest.apko.yaml"
	srcCGWolfiBase      = gh + "chainguard-images/images/blob/4380bbdfd9c494f159b83beb35d9146d1e8469a4/images/wolfi-base/configs/latest.apko.yaml"
	srcApkoCmd          = gh + "chainguard-dev/apko/blob/d1b5d5ec7633ad7288e5841b38fc8103a9773436/pkg/build/oci/image.go" // cmd split with shlex
	srcCGPython         = gh + "chainguard-images/images/blob/159a3a0fce3b9a4a53d6feb0bd0bafd413757f2d/images/python/config/template.apko.yaml"
	srcCGNode           = gh + "chainguard-images/images/blob/55cca85c099971ade08c18436e608abfa7fa3c74/images/node/config/template.apko.yaml"

	// Build and CI images (read for UR004/UR005: what they run).
	srcOSSFuzzBuilder = gh + "google/oss-fuzz/blob/955c6866c152471d78c7472c0f1f354343548b9f/infra/base-images/base-builder/Dockerfile"
	srcOSSFuzzImage   = gh + "google/oss-fuzz/blob/955c6866c152471d78c7472c0f1f354343548b9f/infra/base-images/base-image/Dockerfile"
	srcVitessBoot     = gh + "vitessio/vitess/blob/002ac544f49870ea4d6d9827b900f3d8f2381c0f/docker/bootstrap/Dockerfile.common"
	srcGolangciLint   = gh + "golangci/golangci-lint/blob/6fb5dee3889d231640dce56e5e71c522f13aef7e/build/buildx.Dockerfile"
	srcGolangciLintA  = gh + "golangci/golangci-lint/blob/6fb5dee3889d231640dce56e5e71c522f13aef7e/build/buildx-alpine.Dockerfile"
	srcGitpodBase     = gh + "gitpod-io/workspace-images/blob/244a381d9b1ce6634f20e0716215c9eb9694db25/base/Dockerfile"
	srcWasiSDK        = gh + "WebAssembly/wasi-sdk/blob/0d0cbb04bcd7257c3fdfc2fba5bf3ab229883f9c/sdk.Dockerfile"
	srcDevcBase       = gh + "devcontainers/images/blob/bed3eb260c3c0d78a95ba6a5c27af3601a44b3c8/src/base-debian/.devcontainer/Dockerfile"
	srcDevcGo         = gh + "devcontainers/images/blob/bed3eb260c3c0d78a95ba6a5c27af3601a44b3c8/src/go/.devcontainer/Dockerfile"
	srcDevcCLI        = gh + "devcontainers/cli/blob/f683c29f64a20109b4453e5149807e390ff65133/src/spec-configuration/containerFeaturesConfiguration.ts" // the Dockerfile features are built with: no ENTRYPOINT
	srcVSCodeBase     = gh + "microsoft/vscode-dev-containers/blob/067418dc0302aaf6e8159454d8aad471c51e6fd8/containers/debian/.devcontainer/base.Dockerfile"
	srcVSCodeGo       = gh + "microsoft/vscode-dev-containers/blob/2f6eeba11759582c68551ef32b9856dd056e1ba1/containers/go/.devcontainer/base.Dockerfile"
	srcOpenSearch     = gh + "opensearch-project/opensearch-build/blob/176ece0786e54fbbd091ce4995995acf0f97e25e/docker/release/dockerfiles/opensearch.al2023.dockerfile"
	srcOpenSearchAL2  = gh + "opensearch-project/opensearch-build/blob/0321c35ceccd73dbe6f7e0760dab6dc3abcbeefa/docker/release/dockerfiles/opensearch.al2.dockerfile"
)

// Tool images that Dockerfiles are built FROM (read for UR004/UR005: what
// they run, by release).
const (
	srcZizmor       = gh + "zizmorcore/zizmor/blob/11bbf7e6cffac7ccf4f803d40255e0cd54c60236/Dockerfile"
	srcZizmorWolfi  = gh + "zizmorcore/zizmor/commit/a32d8bde3634f44992545b912681c85847087b90" // Wolfi base, 2025-04-14, first in v1.6.0
	srcMkdocs       = gh + "squidfunk/mkdocs-material/blob/5b36f2ac499a45905e246bc66bbee2858ef6556f/Dockerfile"
	srcMkdocsTini   = gh + "squidfunk/mkdocs-material/commit/354491e0239dbf7b73cdc8f7d6a6d46f6d66be4f"          // tini in ENTRYPOINT, 2024-03-11, first in 9.5.14
	srcMkdocsOld    = gh + "squidfunk/mkdocs-material/blob/d2f00e6929c2b9035ece2c98f9633886b12479e8/Dockerfile" // 5.2.0: ENTRYPOINT ["mkdocs"]
	srcHtmltest     = gh + "wjdp/htmltest/blob/568fd1c91202eeeb6f9c89b06fa9a09226cbf129/Dockerfile"
	srcShfmt        = gh + "mvdan/sh/blob/40b09e18a8485f01ecbc6e25297265f06bacc39d/cmd/shfmt/Dockerfile"
	srcShfmtInit    = gh + "mvdan/sh/commit/30420041c03116616c3a573838b323a47480f271" // the -alpine image's /init, 2020-01-09, first in v3.1.0
	srcDex          = gh + "dexidp/dex/blob/ab64ed778070e983cbb10cfc07ea4bb397d14312/Dockerfile"
	srcDexEP        = gh + "dexidp/dex/commit/764ce711b67fdec01be885387ff6793275ccc996" // /usr/local/bin/docker-entrypoint, 2022-01-18, first in v2.31.0
	srcVault        = gh + "hashicorp/vault/blob/024c09b6651c8f1f568915ad01411862af89aaca/Dockerfile"
	srcVaultOld     = gh + "hashicorp/docker-vault/blob/ed323958b3c65c551e88424fd7352d99afe900ac/0.X/Dockerfile" // 0.8.3 to 1.13
	srcBats         = gh + "bats-core/bats-core/blob/d22e41faad59f5fd942a88c992b4913a27a460c4/Dockerfile"
	srcBatsTini     = gh + "bats-core/bats-core/blob/9f27e3c47d70ad5aa99e4674593155652c195344/Dockerfile" // v1.4.0
	srcBatsOld      = gh + "bats-core/bats-core/blob/dcaec03e32e0b152f8ef9cf14b75296cf5caeaff/Dockerfile" // v1.2.1
	srcMdLint       = gh + "avto-dev/markdown-lint/blob/9c1ce0b172b3a55527e5310b8783db5f78b222ca/Dockerfile"
	srcNginxOld     = gh + "nginxinc/docker-nginx/blob/12fbe201aef2ffebba809e223460f5bf3dc9b445/mainline/stretch/Dockerfile" // 2017: CMD, no ENTRYPOINT
	srcNginx2014    = gh + "nginxinc/docker-nginx/commit/305e28676377a334f0e462ac16412c0d391eeec4"                           // CMD ["nginx", "-g", "daemon off;"], 2014-09-17
	srcNginxJessie  = gh + "nginxinc/docker-nginx/commit/2d9dbca5d2a916b90227863bb8f1a6458e5083c5"                           // jessie with 1.9.0, 2015-04-29
	srcNginxStretch = gh + "nginxinc/docker-nginx/blob/4d1f7f8ec281117d1d79bed4c6bc28b86039ca84/stable/stretch/Dockerfile"   // stretch-slim with 1.12.0, 2017-04-13
	srcDockerOld    = gh + "docker-library/docker/blob/f656a3cc682d8a39d8262c7cf93e3f4482183a36/18.09/Dockerfile"
	srcDockerOldD   = gh + "docker-library/docker/blob/f656a3cc682d8a39d8262c7cf93e3f4482183a36/18.09/dind/Dockerfile"
	srcDocker2015   = gh + "docker-library/docker/commit/a98e0c42a96497670c36f4b2dcad2bcc81f18f35" // both entrypoints, 2015-08-06 (1.6 on)
)
