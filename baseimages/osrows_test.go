package baseimages

import "testing"

// osSampleImages has one reference per new source of osrows.go, for the
// pinned-sources test.
var osSampleImages = []string{
	"archlinux:latest", "registry.fedoraproject.org/fedora:42", "public.ecr.aws/amazonlinux/amazonlinux:2023",
	"linuxkit/alpine:316c3f9d85c21fdd8bc7479e81d290f85bf60eb0",
}

func TestArchLinux(t *testing.T) {
	for _, img := range []string{"archlinux", "archlinux:latest", "archlinux:base", "archlinux:base-devel",
		"archlinux:base-20201220.0.11678", "archlinux:multilib-devel-20260816.0.574111",
		"docker.io/archlinux:20191105@sha256:1097437745db73ba839d60b9b9b96e6648e62751519a1319bfccc849f6a3f74c",
		"docker.io/library/archlinux:latest", "mirror.gcr.io/archlinux", "amd64/archlinux",
		"archlinux@sha256:1097437745db73ba839d60b9b9b96e6648e62751519a1319bfccc849f6a3f74c"} {
		check(t, img, fields{"Family": "archlinux", "Distro": "archlinux", "Entrypoint": none, "EntrypointKnown": true,
			"Cmd": []string{"/usr/bin/bash"}, "CmdKnown": true, "User": "", "Workdir": "", "Home": "", "ConfigKnown": true,
			"Shell": "/usr/bin/bash", "PackageManagerKnown": false, "TiniKnown": false, "NSSWrapperKnown": false})
	}
	// Another registry's archlinux is not the official image.
	if _, ok := Lookup("ghcr.io/example/archlinux"); ok {
		t.Errorf("ghcr.io/example/archlinux matched")
	}
}

func TestFedoraRegistry(t *testing.T) {
	bash := []string{"/bin/bash"}
	for _, img := range []string{"registry.fedoraproject.org/fedora", "registry.fedoraproject.org/fedora:latest",
		"registry.fedoraproject.org/fedora:42", "registry.fedoraproject.org/fedora:43", "registry.fedoraproject.org/fedora:44",
		"registry.fedoraproject.org/fedora:rawhide", "registry.fedoraproject.org/fedora:43@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"} {
		check(t, img, fields{"Family": "fedora", "Distro": "fedora", "Entrypoint": none, "EntrypointKnown": true,
			"Cmd": bash, "CmdKnown": true, "User": "", "ConfigKnown": true, "Shell": "/bin/bash", "PackageManager": "dnf"})
	}
	check(t, "registry.fedoraproject.org/fedora:latest", fields{"TiniPackage": "tini", "NSSWrapperPackage": "nss_wrapper-libs", "Release": ""})
	check(t, "registry.fedoraproject.org/fedora:42", fields{"Release": "42", "TiniPackage": "tini", "NSSWrapperPackage": "nss_wrapper-libs"})
	// Fedora 41 and older (image-factory builds before kiwi) were not
	// read; a bare digest may be any release.
	for _, img := range []string{"registry.fedoraproject.org/fedora:41", "registry.fedoraproject.org/fedora:39",
		"registry.fedoraproject.org/fedora@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		"registry.fedoraproject.org/fedora:${FEDORA_VERSION}"} {
		check(t, img, fields{"Family": "fedora", "EntrypointKnown": false, "CmdKnown": false, "Cmd": none, "ConfigKnown": false,
			"PackageManager": "dnf"})
	}
	check(t, "registry.fedoraproject.org/fedora:39", fields{"TiniKnown": false, "Release": "39"})
	// Docker Hub's fedora keeps its own row.
	check(t, "fedora:39", fields{"Family": "fedora", "Cmd": bash, "CmdKnown": true})
	// Other images of Fedora's registry are not this one.
	if _, ok := Lookup("registry.fedoraproject.org/fedora-minimal:42"); ok {
		t.Errorf("fedora-minimal matched")
	}
}

func TestAmazonLinuxECR(t *testing.T) {
	bash := []string{"/bin/bash"}
	for _, img := range []string{"public.ecr.aws/amazonlinux/amazonlinux", "public.ecr.aws/amazonlinux/amazonlinux:2023",
		"public.ecr.aws/amazonlinux/amazonlinux:latest", "public.ecr.aws/amazonlinux/amazonlinux:2023.6.20250107.0",
		"public.ecr.aws/amazonlinux/amazonlinux:2023@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"} {
		check(t, img, fields{"Family": "amazonlinux", "Distro": "amazonlinux", "Entrypoint": none, "EntrypointKnown": true,
			"Cmd": bash, "CmdKnown": true, "User": "", "ConfigKnown": true, "Shell": "/bin/bash", "PackageManager": "dnf"})
	}
	check(t, "public.ecr.aws/amazonlinux/amazonlinux:2", fields{"Family": "amazonlinux", "Cmd": bash, "PackageManager": "yum"})
	check(t, "public.ecr.aws/amazonlinux/amazonlinux:2023", fields{"Source": srcALECR + " ; " + srcAL2023 + " ; " + srcAL2})
	// A bare digest: the release (and so the package manager) is unknown.
	check(t, "public.ecr.aws/amazonlinux/amazonlinux@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		fields{"Cmd": bash, "TiniKnown": false})
	// Other repositories of the amazonlinux namespace are not the OS image.
	if _, ok := Lookup("public.ecr.aws/amazonlinux/amazonlinux-extras:2023"); ok {
		t.Errorf("amazonlinux-extras matched")
	}
}

func TestLinuxkitAlpine(t *testing.T) {
	check(t, "linuxkit/alpine:316c3f9d85c21fdd8bc7479e81d290f85bf60eb0", fields{"Family": "linuxkit/alpine",
		"Distro": "alpine", "Release": "3.17", "Entrypoint": none, "EntrypointKnown": true, "Cmd": []string{"/bin/sh"},
		"CmdKnown": true, "User": "", "Workdir": "", "ConfigKnown": true, "Shell": "/bin/sh", "PackageManager": "apk",
		"TiniPackage": "tini", "TiniKnown": true, "NSSWrapperPackage": "", "NSSWrapperKnown": true})
	check(t, "docker.io/linuxkit/alpine:316c3f9d85c21fdd8bc7479e81d290f85bf60eb0 AS mirror", fields{"Family": "linuxkit/alpine"})
	// Trees that were not read stay unknown.
	for _, img := range []string{"linuxkit/alpine:630ee558e4869672fae230c78364e367b8ea67a9", "linuxkit/alpine",
		"linuxkit/alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"} {
		if _, ok := Lookup(img); ok {
			t.Errorf("Lookup(%q) matched", img)
		}
	}
}

// Left unknown: images whose published configuration was not read.
func TestOSRowsUnknown(t *testing.T) {
	// quay.io's CentOS Stream keeps its row with ENTRYPOINT and CMD unknown.
	for _, img := range []string{"quay.io/centos/centos:stream9", "quay.io/centos/centos:stream10"} {
		check(t, img, fields{"Family": "centos-stream", "EntrypointKnown": false, "CmdKnown": false})
	}
	for _, img := range []string{"registry.opensuse.org/opensuse/leap:16.0", "opensuse/leap:15.6", "opensuse/tumbleweed",
		"gcr.io/cloud-marketplace-containers/google/debian12", "marketplace.gcr.io/google/debian12",
		"docker.io//alpine", "brimstone/ubuntu:14.04", "openwrt/rootfs", "quay.io/brianredbeard/corebox",
		"mickaelguene/arm64-debian:jessie"} {
		if f, ok := Lookup(img); ok {
			t.Errorf("Lookup(%q) matched %s", img, f.Family)
		}
	}
}
