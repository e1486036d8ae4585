package baseimages

// OS images on the registries their projects publish to (Arch Linux, CentOS Stream on quay.io, Fedora's registry, Amazon Linux on ECR Public, openSUSE, Google's marketplace Debian), read from each image's published definition.

// Sources of the OS rows, pinned to the commit whose content was read.
const (
	// Arch Linux's official image: the Dockerfile template of the
	// archlinux-docker project (a GitHub mirror of
	// gitlab.archlinux.org/archlinux/archlinux-docker, which
	// library/archlinux names) ends with CMD ["/usr/bin/bash"] and sets no
	// ENTRYPOINT, USER or WORKDIR; repo-info's inspect output of
	// archlinux:latest shows the same command.
	srcArch         = gh + "archlinux/archlinux-docker/blob/34b87485162b028c8d957bdcd2674359d883cd21/Dockerfile.template"
	srcArchRepoInfo = gh + "docker-library/repo-info/blob/72e4be79b9c831d8da7d63a6ce871b20fc9e06c1/repos/archlinux/local/latest.md"
	// The 2019 Dockerfile, from which the first official tags (20190205
	// to 20191105) were built: the same CMD, no ENTRYPOINT; its RUN
	// lines use pacman-key. The CMD is in the project's first commit
	// (2017-04-08) and no later commit of the mirror changes it.
	srcArch2019 = gh + "archlinux/archlinux-docker/blob/e5ee97ef26e20fb689b4ecd8d9cef62744c7845e/Dockerfile"

	// Fedora's own registry serves the images Koji builds from the
	// kiwi description (docker-brew-fedora's README: the base images are
	// built in Koji from fedora-kiwi-descriptions; Docker Hub's copy adds
	// its own Dockerfile). The Container-Base-Generic profile's
	// containerconfig "fedora" has subcommand /bin/bash (kiwi writes it
	// as config.cmd) and no entrypoint, user or workingdir. Read in a
	// GitHub fork of pagure.io/fedora-kiwi-descriptions whose
	// teams/cloud/container.xml was last changed by upstream commits;
	// the f42 and f43 branches say the same. Fedora 41 and older were
	// not read.
	srcFedoraKiwi    = gh + "t2linux/fedora-kiwi-descriptions/blob/dfc49a5a10f69941179fdadd96aa6a5984f7c677/teams/cloud/container.xml"
	srcFedoraKiwi42  = gh + "t2linux/fedora-kiwi-descriptions/blob/8259cd751c28613c9e8fee9dd00f590abb3c8623/teams/cloud/container.xml"
	srcKiwiOCI       = gh + "OSInside/kiwi/blob/fb48da9ce9213b756188066cb61b4049e0f863ea/kiwi/oci_tools/umoci.py" // subcommand → --config.cmd, entrypoint only when given
	srcFedoraKojiHub = gh + "fedora-cloud/docker-brew-fedora/blob/d6fb6b1438e0e8f919b78312723609b4be469a9e/README.md"

	// Amazon Linux's container-images repository holds the images of
	// both Docker Hub and Amazon ECR (its README), so the amazonlinux
	// row's facts hold for public.ecr.aws/amazonlinux/amazonlinux.
	srcALECR = gh + "amazonlinux/container-images/blob/a3932af1e532aed65eb663940f68f4ba0b607a3b/README.md"

	// linuxkit/alpine is tagged with the git tree hash of
	// tools/alpine; the tree 316c3f9d… (linuxkit commit e668b25a, "Alpine
	// 317", 2023-01-05; unchanged until 2024-01-25) is FROM alpine:3.17
	// with no CMD, ENTRYPOINT, USER or WORKDIR in its final stage, and
	// points apk at a local mirror of the packages it lists (tini among
	// them, nss_wrapper not).
	srcLinuxkitAlpine = gh + "linuxkit/linuxkit/blob/e668b25a826b92050a051fe546e8fffcced82747/tools/alpine/Dockerfile"
	srcLinuxkitPkgs   = gh + "linuxkit/linuxkit/blob/e668b25a826b92050a051fe546e8fffcced82747/tools/alpine/packages"
)

// osRows are matched after images and toolRows.
var osRows = []row{
	// archlinux: CMD ["/usr/bin/bash"] in every Dockerfile the project
	// published (2017 to now), so it holds for every tag (latest, base,
	// base-devel, multilib-devel, the dated ones).
	{family: "archlinux", match: official("archlinux"), cmd: []string{"/usr/bin/bash"},
		source: srcArch + " ; " + srcArchRepoInfo + " ; " + srcArch2019,
		adjust: func(r ref, f *Facts) {
			f.Distro = "archlinux"
			// The path the image's own CMD runs. The package manager
			// (pacman) is not one this package names, and whether
			// tini or nss_wrapper are packaged was not read.
			f.Shell, f.ShellKnown = "/usr/bin/bash", true
			f.DistroSource = srcArch
		}},

	// Fedora's registry (registry.fedoraproject.org/fedora): the kiwi
	// build's CMD from Fedora 42 on, and for latest and rawhide.
	{family: "fedora", match: onRegistry("registry.fedoraproject.org", "fedora"), cmd: []string{"/bin/bash"},
		cmdSince: since{from: version{42}}, epSince: since{from: version{42}}, conf: since{from: version{42}},
		source: srcFedoraKiwi + " ; " + srcFedoraKiwi42 + " ; " + srcKiwiOCI + " ; " + srcFedoraKojiHub,
		distro: func(r ref) (string, string) { return "fedora", fedoraRelease(r) }},

	// Amazon Linux on ECR Public: the Docker Hub image's facts.
	alias("amazonlinux", onRegistry("public.ecr.aws", "amazonlinux/amazonlinux"), srcALECR),

	// linuxkit/alpine: one tag (tree hash) read.
	{family: "linuxkit/alpine", match: func(r ref) bool {
		return r.hubRepo("linuxkit/alpine") && r.tag == "316c3f9d85c21fdd8bc7479e81d290f85bf60eb0"
	}, cmd: []string{"/bin/sh"}, source: srcLinuxkitAlpine + " ; " + srcAlpine,
		adjust: func(r ref, f *Facts) {
			distroFacts(f, "alpine", "3.17")
			// apk reads only the image's mirror, which has tini.
			f.TiniPackage, f.TiniKnown = "tini", true
			f.NSSWrapperPackage, f.NSSWrapperKnown = "", true
			f.DistroSource = srcLinuxkitAlpine + " ; " + srcLinuxkitPkgs
		}},
}

// fedoraRelease is the release a Fedora tag names ("42", "rawhide"), ""
// for latest or no tag.
func fedoraRelease(r ref) string {
	if r.versionUnknown() {
		return ""
	}
	return firstWord(r)
}

// alias returns the images row of family, matched by m instead: the same
// image published under another name. source (where the sameness is
// stated) is cited first.
func alias(family string, m func(ref) bool, source string) row {
	for _, r := range images {
		if r.family == family {
			r.match = m
			r.source = source + " ; " + r.source
			return r
		}
	}
	panic("baseimages: no row " + family)
}
