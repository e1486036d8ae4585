package baseimages

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// fields are the expected values of some Facts fields, by field name.
type fields map[string]any

// check looks image up and compares the named fields.
func check(t *testing.T, image string, want fields) {
	t.Helper()
	f, ok := Lookup(image)
	if !ok {
		t.Errorf("Lookup(%q): not matched", image)
		return
	}
	v := reflect.ValueOf(f)
	for name, w := range want {
		got := v.FieldByName(name)
		if !got.IsValid() {
			t.Fatalf("no field %s", name)
		}
		if s, ok := w.([]string); ok && s == nil {
			w = []string(nil)
		}
		if !reflect.DeepEqual(got.Interface(), w) {
			t.Errorf("Lookup(%q).%s = %#v, want %#v", image, name, got.Interface(), w)
		}
	}
}

var none []string // an ENTRYPOINT or CMD that is not set

// checkUnknown fails for each image the table matches.
func checkUnknown(t *testing.T, images ...string) {
	t.Helper()
	for _, img := range images {
		if f, ok := Lookup(img); ok {
			t.Errorf("Lookup(%q) matched %q, want unknown", img, f.Family)
		}
	}
}

func TestDebian(t *testing.T) {
	for _, img := range []string{"debian", "debian:bookworm", "debian:bookworm-slim", "debian:12", "debian:12.5-slim",
		"docker.io/library/debian:bookworm", "index.docker.io/library/debian:trixie-20250203",
		"mirror.gcr.io/library/debian:bookworm", "public.ecr.aws/docker/library/debian:bullseye-slim",
		"debian:bookworm@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"} {
		check(t, img, fields{"Family": "debian", "Distro": "debian", "Entrypoint": none, "EntrypointKnown": true,
			"Cmd": []string{"bash"}, "CmdKnown": true, "User": "", "ConfigKnown": true,
			"Shell": "/bin/bash", "PackageManager": "apt", "TiniPackage": "tini", "TiniKnown": true,
			"NSSWrapperPackage": "libnss-wrapper", "NSSWrapperKnown": true})
	}
	check(t, "debian:bookworm-slim", fields{"Release": "bookworm"})
	// tini came with buster (10), libnss-wrapper with stretch (9).
	check(t, "debian:stretch", fields{"TiniPackage": "", "TiniKnown": true, "NSSWrapperPackage": "libnss-wrapper"})
	check(t, "debian:9", fields{"TiniPackage": "", "TiniKnown": true, "NSSWrapperPackage": "libnss-wrapper"})
	check(t, "debian:buster-slim", fields{"TiniPackage": "tini", "TiniKnown": true})
	check(t, "debian:jessie", fields{"TiniPackage": "", "TiniKnown": true, "NSSWrapperPackage": "", "NSSWrapperKnown": true})
	check(t, "debian:8.11", fields{"TiniPackage": "", "TiniKnown": true, "NSSWrapperKnown": true, "NSSWrapperPackage": ""})
	check(t, "debian:wheezy", fields{"TiniKnown": true, "TiniPackage": "", "NSSWrapperPackage": ""})
	// A bare digest may be any release.
	check(t, "debian@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		fields{"Cmd": []string{"bash"}, "PackageManager": "apt", "TiniKnown": false, "NSSWrapperKnown": false})
}

func TestUbuntu(t *testing.T) {
	for _, img := range []string{"ubuntu", "ubuntu:24.04", "ubuntu:noble", "ubuntu:jammy-20240111", "ubuntu:22.04",
		"docker.io/ubuntu:20.04", "mirror.gcr.io/ubuntu:focal"} {
		check(t, img, fields{"Family": "ubuntu", "Distro": "ubuntu", "EntrypointKnown": true, "Entrypoint": none,
			"Cmd": []string{"/bin/bash"}, "CmdKnown": true, "Shell": "/bin/bash", "PackageManager": "apt",
			"TiniPackage": "tini", "TiniKnown": true, "NSSWrapperPackage": "libnss-wrapper"})
	}
	// 18.04 and older have no tini package; 14.04 no libnss-wrapper.
	check(t, "ubuntu:18.04", fields{"TiniPackage": "", "TiniKnown": true, "NSSWrapperPackage": "libnss-wrapper"})
	check(t, "ubuntu:bionic", fields{"TiniPackage": "", "TiniKnown": true})
	check(t, "ubuntu:16.04", fields{"TiniPackage": "", "TiniKnown": true, "NSSWrapperPackage": "libnss-wrapper", "NSSWrapperKnown": true})
	check(t, "ubuntu:xenial", fields{"TiniKnown": true, "TiniPackage": ""})
	check(t, "ubuntu:trusty", fields{"TiniKnown": true, "TiniPackage": "", "NSSWrapperKnown": true, "NSSWrapperPackage": ""})
	check(t, "ubuntu:14.04", fields{"NSSWrapperKnown": true, "NSSWrapperPackage": ""})
	// Not verified either way: interim releases between the rules' bounds.
	check(t, "ubuntu:19.10", fields{"TiniKnown": false, "NSSWrapperKnown": true})
	check(t, "ubuntu:15.04", fields{"NSSWrapperKnown": false})
}

func TestAlpine(t *testing.T) {
	for _, img := range []string{"alpine", "alpine:3.20", "alpine:3.20.3", "alpine:latest", "alpine:edge",
		"alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		"alpine:3.20@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		"docker.io/library/alpine", "docker.io/alpine:3.19", "index.docker.io/library/alpine:3.21",
		"mirror.gcr.io/alpine", "mirror.gcr.io/library/alpine:3.20", "public.ecr.aws/docker/library/alpine:3.20",
		"--platform=$BUILDPLATFORM alpine:3.20 AS build", "amd64/alpine:3.20", "arm64v8/alpine"} {
		check(t, img, fields{"Family": "alpine", "Distro": "alpine", "Entrypoint": none, "EntrypointKnown": true,
			"Cmd": []string{"/bin/sh"}, "CmdKnown": true, "Shell": "/bin/sh", "PackageManager": "apk", "ConfigKnown": true})
	}
	check(t, "alpine:3.20.3", fields{"Release": "3.20", "TiniPackage": "tini", "NSSWrapperPackage": "nss_wrapper", "NSSWrapperKnown": true})
	check(t, "alpine:3.19", fields{"NSSWrapperPackage": "nss_wrapper", "NSSWrapperKnown": true})
	check(t, "alpine:3.18", fields{"TiniPackage": "tini", "TiniKnown": true, "NSSWrapperKnown": false})
	check(t, "alpine:3.3", fields{"TiniPackage": "", "TiniKnown": true})
	check(t, "alpine:3.4", fields{"TiniPackage": "tini", "TiniKnown": true})
	check(t, "alpine:3", fields{"Release": "", "TiniPackage": "tini", "NSSWrapperPackage": "nss_wrapper"})
	check(t, "alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		fields{"TiniKnown": false, "NSSWrapperKnown": false})
}

func TestBusyBox(t *testing.T) {
	for _, img := range []string{"busybox", "busybox:1.36", "busybox:1.36.1-musl", "busybox:glibc", "busybox:uclibc",
		"docker.io/library/busybox:latest", "mirror.gcr.io/busybox"} {
		check(t, img, fields{"Family": "busybox", "Distro": "busybox", "Entrypoint": none, "EntrypointKnown": true,
			"Cmd": []string{"sh"}, "CmdKnown": true, "Shell": "/bin/sh", "PackageManager": "", "PackageManagerKnown": true,
			"TiniPackage": "", "TiniKnown": true, "NSSWrapperPackage": "", "NSSWrapperKnown": true})
	}
}

func TestPython(t *testing.T) {
	for img, distro := range map[string]string{
		"python:3.12-slim-bookworm": "debian", "python:3.12": "debian", "python:3.11-slim": "debian",
		"python:3.12-alpine": "alpine", "python:3.10-alpine3.18": "alpine", "python:3-bullseye": "debian",
		"python": "debian", "docker.io/library/python:3.12-slim": "debian", "python:3.13-trixie": "debian",
	} {
		check(t, img, fields{"Family": "python", "Distro": distro, "Entrypoint": none, "EntrypointKnown": true,
			"Cmd": []string{"python3"}, "CmdKnown": true, "User": "", "ConfigKnown": true})
	}
	check(t, "python:3.12-slim-bookworm", fields{"Release": "bookworm", "PackageManager": "apt", "TiniPackage": "tini"})
	check(t, "python:3.10-alpine3.18", fields{"Release": "3.18", "PackageManager": "apk", "NSSWrapperKnown": false})
	// python:2 ran python2 (langrows.go); stretch and jessie variants lack tini.
	check(t, "python:2.7-slim", fields{"CmdKnown": true, "Cmd": []string{"python2"}, "EntrypointKnown": true})
	check(t, "python:3.6-jessie", fields{"Release": "jessie", "TiniPackage": "", "TiniKnown": true, "NSSWrapperPackage": ""})
	check(t, "python:3.7-stretch", fields{"TiniPackage": "", "TiniKnown": true, "NSSWrapperPackage": "libnss-wrapper"})
	// A build argument in the tag: the variant word still counts, the
	// version-dependent CMD does not.
	check(t, "python:${PYTHON_VERSION}-slim-bookworm", fields{"Distro": "debian", "Release": "bookworm", "CmdKnown": false, "EntrypointKnown": true})
	check(t, "python:${PYTHON_VERSION}-alpine", fields{"Distro": "alpine", "TiniKnown": false})
	check(t, "python:3.12-${VARIANT}", fields{"Distro": "", "PackageManagerKnown": false})
}

func TestNode(t *testing.T) {
	for img, distro := range map[string]string{
		"node:20-alpine": "alpine", "node:20": "debian", "node:lts-alpine": "alpine", "node:22-bookworm-slim": "debian",
		"node:18.19.0-alpine3.19": "alpine", "node": "debian", "node:current-slim": "debian", "node:14": "debian",
		"node:10": "debian", "node:8-alpine": "alpine",
	} {
		check(t, img, fields{"Family": "node", "Distro": distro, "Entrypoint": []string{"docker-entrypoint.sh"},
			"EntrypointKnown": true, "Cmd": []string{"node"}, "CmdKnown": true, "User": ""})
	}
	// Tags last built before the entrypoint script (May 2019).
	for _, img := range []string{"node:6", "node:10.15.3", "node:12.2", "node:8.9.4-alpine",
		"node@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "node:${NODE_VERSION}-alpine"} {
		check(t, img, fields{"EntrypointKnown": false, "Entrypoint": none, "CmdKnown": true})
	}
	check(t, "node:13.0.0", fields{"EntrypointKnown": true})
	check(t, "node:9", fields{"EntrypointKnown": false}) // node 9 ended in 2018
	check(t, "node:11-alpine", fields{"EntrypointKnown": true})
	check(t, "node:20-alpine3.18", fields{"TiniPackage": "tini", "NSSWrapperKnown": false})
	check(t, "node:8-jessie", fields{"TiniPackage": "", "TiniKnown": true})
}

func TestGolang(t *testing.T) {
	check(t, "golang:1.22", fields{"Family": "golang", "Entrypoint": none, "EntrypointKnown": true,
		"Cmd": []string{"bash"}, "CmdKnown": true, "Workdir": "/go", "Distro": "debian"})
	check(t, "golang:1.22-bookworm", fields{"Cmd": []string{"bash"}, "Release": "bookworm"})
	check(t, "golang:1.22-alpine", fields{"Cmd": []string{"/bin/sh"}, "Workdir": "/go", "PackageManager": "apk"})
	check(t, "golang:1.21-alpine3.18@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		fields{"Distro": "alpine", "Release": "3.18", "Cmd": []string{"/bin/sh"}})
	check(t, "golang:alpine", fields{"Cmd": []string{"/bin/sh"}})
}

func TestRustAndDocker(t *testing.T) {
	check(t, "rust:1.79", fields{"Family": "rust", "Entrypoint": none, "EntrypointKnown": true, "Cmd": []string{"bash"}, "Distro": "debian"})
	check(t, "rust:1-slim-bookworm", fields{"Cmd": []string{"bash"}, "Release": "bookworm"})
	check(t, "rust:1.79-alpine3.20", fields{"Cmd": []string{"/bin/sh"}, "Distro": "alpine"})

	dind := fields{"Family": "docker", "Entrypoint": []string{"dockerd-entrypoint.sh"}, "EntrypointKnown": true,
		"Cmd": none, "CmdKnown": true, "User": "", "Distro": "alpine", "PackageManager": "apk"}
	for _, img := range []string{"docker", "docker:latest", "docker:27", "docker:24.0.7", "docker:dind", "docker:27-dind"} {
		check(t, img, dind)
	}
	cli := fields{"Entrypoint": []string{"docker-entrypoint.sh"}, "Cmd": []string{"sh"}, "EntrypointKnown": true}
	for _, img := range []string{"docker:cli", "docker:27-cli", "docker:20.10", "docker:20.10.24-cli"} {
		check(t, img, cli)
	}
	check(t, "docker:27-dind-rootless", fields{"User": "rootless", "Entrypoint": []string{"dockerd-entrypoint.sh"}})
	// 1.6 to 19.03: the version's directory is the cli variant, dind the daemon.
	for _, img := range []string{"docker:19.03", "docker:18.09", "docker:17.12.1", "docker:1.13-git"} {
		check(t, img, fields{"Family": "docker", "Entrypoint": []string{"docker-entrypoint.sh"}, "EntrypointKnown": true,
			"Cmd": []string{"sh"}, "CmdKnown": true, "ConfigKnown": true, "TiniKnown": false})
	}
	for _, img := range []string{"docker:18.09-dind", "docker:17.12-dind", "docker:1.12-dind"} {
		check(t, img, fields{"Entrypoint": []string{"dockerd-entrypoint.sh"}, "EntrypointKnown": true, "Cmd": none, "CmdKnown": true})
	}
	check(t, "docker:1.5", fields{"EntrypointKnown": false, "CmdKnown": false, "ConfigKnown": false})
	check(t, "docker:1.5-dind", fields{"EntrypointKnown": false})
	check(t, "docker:19.03-dind-rootless", fields{"EntrypointKnown": false})
	check(t, "docker:dind", fields{"TiniPackage": "tini", "NSSWrapperPackage": "nss_wrapper"})
	check(t, "docker:20.10", fields{"TiniKnown": false, "NSSWrapperKnown": false})
}

func TestJava(t *testing.T) {
	// eclipse-temurin: the cacert entrypoint (2023) on every rebuilt tag.
	check(t, "eclipse-temurin:21", fields{"Family": "eclipse-temurin", "Distro": "ubuntu",
		"Entrypoint": []string{"/__cacert_entrypoint.sh"}, "EntrypointKnown": true, "Cmd": []string{"jshell"}, "CmdKnown": true})
	check(t, "eclipse-temurin:17-jdk-jammy", fields{"Release": "jammy", "Cmd": []string{"jshell"}, "TiniPackage": "tini"})
	check(t, "eclipse-temurin:17-jre", fields{"Cmd": []string{"/bin/bash"}, "EntrypointKnown": true})
	check(t, "eclipse-temurin:21-jre-alpine", fields{"Distro": "alpine", "Cmd": []string{"/bin/sh"}})
	check(t, "eclipse-temurin:8-jdk", fields{"Cmd": []string{"/bin/bash"}})
	check(t, "eclipse-temurin:21-jdk-ubi9-minimal", fields{"Distro": "ubi", "PackageManager": "microdnf", "Cmd": []string{"jshell"}})
	for _, img := range []string{"eclipse-temurin:17.0.5_8-jre", "eclipse-temurin:8u352-b08-jdk", "eclipse-temurin:21.0.2_13-jdk-jammy"} {
		check(t, img, fields{"EntrypointKnown": false, "Entrypoint": none})
	}
	// openjdk never set an ENTRYPOINT; its CMD differed between variants
	// (jshell for JDK 10 and later, see openjdkCmd).
	check(t, "openjdk:17-jdk-slim", fields{"Family": "openjdk", "Entrypoint": none, "EntrypointKnown": true,
		"CmdKnown": true, "Cmd": []string{"jshell"}, "Distro": "debian", "PackageManager": "apt"})
	check(t, "openjdk:11-jre-slim-buster", fields{"Release": "buster", "TiniPackage": "tini"})
	check(t, "openjdk:8-jdk-alpine", fields{"Distro": "alpine"})
	check(t, "openjdk:22-oraclelinux8", fields{"Distro": "oraclelinux", "PackageManager": "microdnf"})
	check(t, "openjdk:17", fields{"Distro": "", "PackageManagerKnown": false, "EntrypointKnown": true})
}

func TestMavenGradle(t *testing.T) {
	for _, img := range []string{"maven:3.9-eclipse-temurin-21", "maven:3.9.6-eclipse-temurin-17", "maven:latest", "maven:3-jdk-11", "maven"} {
		check(t, img, fields{"Family": "maven", "Entrypoint": []string{"/usr/local/bin/mvn-entrypoint.sh"},
			"EntrypointKnown": true, "Cmd": []string{"mvn"}, "CmdKnown": true, "User": "", "Home": ""})
	}
	check(t, "maven:3.9-eclipse-temurin-21", fields{"Distro": "ubuntu", "PackageManager": "apt"})
	check(t, "maven:3.9.6-eclipse-temurin-21-alpine", fields{"Distro": "alpine", "PackageManager": "apk"})
	check(t, "maven:3-jdk-11", fields{"Distro": "", "PackageManagerKnown": false})
	check(t, "maven:3.8-amazoncorretto-17", fields{"Distro": "", "EntrypointKnown": true})
	check(t, "maven:3.3-jdk-8", fields{"EntrypointKnown": false})

	for _, img := range []string{"gradle:jdk21", "gradle:8.5-jdk17", "gradle:latest", "gradle:7-jdk17-alpine", "gradle:8.10.2-jdk21-noble"} {
		check(t, img, fields{"Family": "gradle", "Cmd": []string{"gradle"}, "CmdKnown": true, "Workdir": "/home/gradle",
			"User": "", "Entrypoint": []string{"/__cacert_entrypoint.sh"}, "EntrypointKnown": true})
	}
	check(t, "gradle:7-jdk17-alpine", fields{"Distro": "alpine"})
	check(t, "gradle:8.5-jdk17-corretto", fields{"EntrypointKnown": false, "Distro": "", "CmdKnown": true})
	check(t, "gradle:8.5-jdk17-ubi9", fields{"EntrypointKnown": false, "Distro": "ubi", "PackageManager": "microdnf"})
	check(t, "gradle:6.9-jdk11", fields{"EntrypointKnown": false})
}

func TestWebServers(t *testing.T) {
	nginx := fields{"Family": "nginx", "Entrypoint": []string{"/docker-entrypoint.sh"}, "EntrypointKnown": true,
		"Cmd": []string{"nginx", "-g", "daemon off;"}, "CmdKnown": true, "User": ""}
	for _, img := range []string{"nginx", "nginx:1.25", "nginx:1.27-alpine", "nginx:stable-alpine", "nginx:mainline",
		"nginx:alpine-slim", "docker.io/library/nginx:1.25.3", "nginx:1.18"} {
		check(t, img, nginx)
	}
	check(t, "nginx:1.27-alpine", fields{"Distro": "alpine", "PackageManager": "apk"})
	// Before 1.18: CMD only (from the repository's first build, 1.7.5);
	// the Debian or Alpine release of those builds is not read.
	for _, img := range []string{"nginx:1.17.9", "nginx:1.17", "nginx:1.8", "nginx:1.13-alpine"} {
		check(t, img, fields{"Entrypoint": none, "EntrypointKnown": true, "Cmd": []string{"nginx", "-g", "daemon off;"},
			"CmdKnown": true, "TiniKnown": false, "NSSWrapperKnown": false})
	}
	for img, rel := range map[string]string{"nginx:1.7": "wheezy", "nginx:1.9": "jessie", "nginx:1.10.3": "jessie",
		"nginx:1.13": "stretch", "nginx:1.15.12": "stretch"} {
		check(t, img, fields{"Entrypoint": none, "EntrypointKnown": true, "Release": rel, "TiniPackage": "", "TiniKnown": true})
	}
	check(t, "nginx:1.7.1", fields{"EntrypointKnown": false})
	check(t, "nginx:1.13-amplify", fields{"EntrypointKnown": false})
	check(t, "nginx:1.15-stretch", fields{"EntrypointKnown": true, "Release": "stretch", "TiniKnown": true, "TiniPackage": ""})
	check(t, "nginx:1-alpine", fields{"EntrypointKnown": true})

	for img, distro := range map[string]string{"httpd": "debian", "httpd:2.4": "debian", "httpd:2.4-alpine": "alpine", "httpd:2.4.58-bookworm": "debian"} {
		check(t, img, fields{"Family": "httpd", "Distro": distro, "Entrypoint": none, "EntrypointKnown": true,
			"Cmd": []string{"httpd-foreground"}, "Workdir": "/usr/local/apache2"})
	}
}

func TestPHP(t *testing.T) {
	ep := []string{"docker-php-entrypoint"}
	check(t, "php:8.3-cli", fields{"Family": "php", "Entrypoint": ep, "Cmd": []string{"php", "-a"}, "Workdir": "", "Distro": "debian"})
	check(t, "php:8.2", fields{"Entrypoint": ep, "Cmd": []string{"php", "-a"}})
	check(t, "php:8.3-fpm-alpine", fields{"Entrypoint": ep, "Cmd": []string{"php-fpm"}, "Workdir": "/var/www/html",
		"Distro": "alpine", "PackageManager": "apk"})
	check(t, "php:8.3-fpm", fields{"Cmd": []string{"php-fpm"}, "Workdir": "/var/www/html", "Distro": "debian"})
	check(t, "php:8.2-apache-bookworm", fields{"Cmd": []string{"apache2-foreground"}, "Workdir": "/var/www/html", "Release": "bookworm"})
	check(t, "php:apache", fields{"Cmd": []string{"apache2-foreground"}, "EntrypointKnown": true})
	check(t, "php:8.3-zts-alpine3.20", fields{"Cmd": []string{"php", "-a"}, "Release": "3.20"})
	check(t, "php:7.0-apache", fields{"EntrypointKnown": true})
	check(t, "php:7.0.13-apache", fields{"EntrypointKnown": false, "CmdKnown": false, "ConfigKnown": false, "Workdir": ""})
	check(t, "php:5.5-apache", fields{"EntrypointKnown": false})
}

func TestRubyAndDatabases(t *testing.T) {
	check(t, "ruby:3.3-slim", fields{"Family": "ruby", "Entrypoint": none, "EntrypointKnown": true, "Cmd": []string{"irb"}, "Distro": "debian"})
	check(t, "ruby:3.2-alpine3.19", fields{"Cmd": []string{"irb"}, "Distro": "alpine", "Release": "3.19"})

	dbEP := []string{"docker-entrypoint.sh"}
	check(t, "postgres:16", fields{"Family": "postgres", "Entrypoint": dbEP, "Cmd": []string{"postgres"}, "User": "", "Distro": "debian"})
	check(t, "postgres:15-alpine", fields{"Entrypoint": dbEP, "Distro": "alpine"})
	check(t, "postgres:9.6", fields{"EntrypointKnown": true})
	check(t, "redis:7", fields{"Family": "redis", "Entrypoint": dbEP, "Cmd": []string{"redis-server"}, "Workdir": "/data"})
	check(t, "redis:7.2-alpine", fields{"Distro": "alpine", "Workdir": "/data"})
	check(t, "mysql:8.0", fields{"Family": "mysql", "Entrypoint": dbEP, "Cmd": []string{"mysqld"},
		"Distro": "oraclelinux", "PackageManager": "microdnf"})
	check(t, "mysql:8.0-debian", fields{"Distro": "debian", "PackageManager": "apt"})
	check(t, "mysql:5.7", fields{"Entrypoint": dbEP, "Distro": "", "PackageManagerKnown": false})
	check(t, "mariadb:11", fields{"Family": "mariadb", "Entrypoint": dbEP, "Cmd": []string{"mariadbd"}, "Distro": "ubuntu", "User": ""})
	check(t, "mariadb:10.6", fields{"CmdKnown": true})
	check(t, "mariadb:10.5", fields{"CmdKnown": false, "EntrypointKnown": true})
	check(t, "mariadb:10", fields{"CmdKnown": true}) // the newest 10.x
	check(t, "mariadb:10.6.4", fields{"CmdKnown": false})
	check(t, "mariadb:11.4-ubi", fields{"User": "mysql", "Distro": "ubi", "PackageManager": "microdnf"})
	check(t, "mariadb:11.4-noble", fields{"Release": "noble", "TiniPackage": "tini"})
	check(t, "mongo:7.0", fields{"Family": "mongo", "Entrypoint": dbEP, "Cmd": []string{"mongod"}, "Home": "/data/db", "Distro": "ubuntu"})
	check(t, "mongo:4.4", fields{"Home": "/data/db", "ConfigKnown": true})
	check(t, "mongo:4.0.10", fields{"Home": "", "ConfigKnown": false, "EntrypointKnown": true})
	check(t, "mongo:4", fields{"Home": "/data/db"})
	check(t, "mongo:3.6", fields{"ConfigKnown": false})
}

func TestBitnami(t *testing.T) {
	for _, img := range []string{"bitnami/minideb", "bitnami/minideb:bookworm", "docker.io/bitnami/minideb:bullseye", "bitnami/minideb:latest"} {
		check(t, img, fields{"Family": "bitnami/minideb", "Distro": "debian", "Entrypoint": none, "EntrypointKnown": true,
			"Cmd": []string{"/bin/bash"}, "CmdKnown": true, "User": "", "PackageManager": "apt", "InstallHelper": "install_packages",
			"TiniPackage": "tini", "NSSWrapperPackage": "libnss-wrapper"})
	}
	check(t, "bitnami/minideb:stretch", fields{"TiniPackage": "", "TiniKnown": true, "NSSWrapperPackage": "libnss-wrapper"})
	check(t, "bitnami/minideb:jessie", fields{"TiniPackage": "", "NSSWrapperPackage": "", "NSSWrapperKnown": true})

	check(t, "bitnami/redis:7.4.2-debian-12-r4", fields{"Family": "bitnami/redis",
		"Entrypoint": []string{"/opt/bitnami/scripts/redis/entrypoint.sh"}, "Cmd": []string{"/opt/bitnami/scripts/redis/run.sh"},
		"User": "1001", "Home": "/", "Release": "bookworm", "InstallHelper": "install_packages"})
	check(t, "bitnami/postgresql:latest", fields{"Entrypoint": []string{"/opt/bitnami/scripts/postgresql/entrypoint.sh"},
		"User": "1001", "Home": "/", "Workdir": ""})
	check(t, "docker.io/bitnami/nginx", fields{"Entrypoint": []string{"/opt/bitnami/scripts/nginx/entrypoint.sh"},
		"Cmd": []string{"/opt/bitnami/scripts/nginx/run.sh"}, "Workdir": "/app", "User": "1001"})
	// Other tags were built on other Debian releases and scripts: only the
	// base's apt and install_packages are known.
	check(t, "bitnami/redis:6.0", fields{"EntrypointKnown": false, "ConfigKnown": false, "PackageManager": "apt",
		"InstallHelper": "install_packages", "TiniKnown": false})
}

func TestS2I(t *testing.T) {
	for _, img := range []string{"registry.access.redhat.com/ubi9/python-312", "registry.access.redhat.com/ubi8/python-39:1-117",
		"registry.redhat.io/ubi9/nodejs-20", "registry.access.redhat.com/ubi9/nodejs-22:latest"} {
		check(t, img, fields{"Family": "s2i-python", "Entrypoint": []string{"container-entrypoint"}, "EntrypointKnown": true,
			"Cmd": []string{"/bin/sh", "-c", "$STI_SCRIPTS_PATH/usage"}, "User": "1001", "Workdir": "/opt/app-root/src",
			"Home": "/opt/app-root/src", "Distro": "ubi", "Shell": "/bin/bash", "PackageManager": "dnf",
			"NSSWrapperPackage": "nss_wrapper-libs", "NSSWrapperKnown": true, "TiniKnown": false})
	}
	check(t, "registry.access.redhat.com/ubi8/python-39", fields{"Release": "8"})
	check(t, "registry.access.redhat.com/ubi9/s2i-base", fields{"Family": "s2i-core", "Entrypoint": []string{"container-entrypoint"},
		"Cmd": []string{"base-usage"}, "User": "", "Home": "/opt/app-root/src"})
	check(t, "registry.access.redhat.com/ubi9/s2i-core:latest", fields{"Family": "s2i-core"})
	check(t, "registry.access.redhat.com/ubi9/python-312-minimal", fields{"Family": "s2i-minimal", "EntrypointKnown": false,
		"Cmd": []string{"/bin/sh", "-c", "$STI_SCRIPTS_PATH/usage"}, "User": "1001", "PackageManager": "microdnf",
		"NSSWrapperPackage": "nss_wrapper-libs"})
	check(t, "registry.access.redhat.com/ubi9/nodejs-20-minimal", fields{"CmdKnown": false, "User": "1001", "NSSWrapperKnown": false})
}

func TestUBI(t *testing.T) {
	for img, mgr := range map[string]string{
		"registry.access.redhat.com/ubi9": "dnf", "registry.access.redhat.com/ubi9/ubi:9.4": "dnf",
		"registry.access.redhat.com/ubi8/ubi": "dnf", "redhat/ubi9": "dnf",
		"registry.access.redhat.com/ubi9/ubi-minimal": "microdnf", "registry.access.redhat.com/ubi9-minimal:latest": "microdnf",
		"registry.redhat.io/ubi8/ubi-minimal:8.10": "microdnf", "redhat/ubi9-minimal": "microdnf",
		"registry.access.redhat.com/ubi9/ubi-micro": "", "registry.access.redhat.com/ubi9-micro": "",
	} {
		check(t, img, fields{"Distro": "ubi", "PackageManager": mgr, "PackageManagerKnown": true,
			"EntrypointKnown": false, "CmdKnown": false, "ConfigKnown": false, "TiniKnown": false})
	}
	check(t, "registry.access.redhat.com/ubi8/ubi-minimal", fields{"Family": "ubi-minimal", "Release": "8"})
	if _, ok := Lookup("registry.access.redhat.com/ubi9/ubi-init"); ok {
		t.Error("ubi-init (systemd as ENTRYPOINT/CMD) must not be matched")
	}
}

func TestRHELFamily(t *testing.T) {
	bash := []string{"/bin/bash"}
	check(t, "centos:7", fields{"Family": "centos", "Entrypoint": none, "EntrypointKnown": true, "Cmd": bash, "PackageManager": "yum"})
	check(t, "centos:centos7.9.2009", fields{"PackageManager": "yum", "Release": "7.9.2009"})
	check(t, "centos:8", fields{"PackageManager": "dnf"})
	check(t, "quay.io/centos/centos:stream9", fields{"Family": "centos-stream", "PackageManager": "dnf",
		"NSSWrapperPackage": "nss_wrapper-libs", "NSSWrapperKnown": true, "EntrypointKnown": false})
	check(t, "fedora:40", fields{"Family": "fedora", "Cmd": bash, "PackageManager": "dnf", "TiniPackage": "tini", "NSSWrapperKnown": false})
	check(t, "fedora:42", fields{"NSSWrapperPackage": "nss_wrapper-libs"})
	check(t, "fedora:30", fields{"TiniKnown": false})
	check(t, "amazonlinux:2023", fields{"Family": "amazonlinux", "Cmd": bash, "PackageManager": "dnf"})
	check(t, "amazonlinux", fields{"PackageManager": "dnf"})
	check(t, "amazonlinux:2", fields{"PackageManager": "yum"})
	check(t, "public.ecr.aws/docker/library/amazonlinux:2.0.20231218.0", fields{"PackageManager": "yum"})
	check(t, "rockylinux:9", fields{"Family": "rockylinux", "Cmd": bash, "PackageManager": "dnf", "Shell": "/bin/bash"})
	check(t, "rockylinux:9-minimal", fields{"PackageManager": "microdnf"})
	check(t, "rockylinux/rockylinux:8", fields{"PackageManager": "dnf"})
	check(t, "almalinux:9", fields{"Family": "almalinux", "Cmd": bash, "PackageManager": "dnf"})
	check(t, "almalinux:9-minimal", fields{"PackageManager": "microdnf"})
}

func TestDistroless(t *testing.T) {
	check(t, "gcr.io/distroless/static-debian12", fields{"Family": "distroless", "Entrypoint": none, "EntrypointKnown": true,
		"Cmd": none, "CmdKnown": true, "User": "", "Workdir": "/", "Shell": "", "ShellKnown": true, "PackageManager": "",
		"PackageManagerKnown": true, "TiniKnown": true, "TiniPackage": ""})
	check(t, "gcr.io/distroless/static-debian12:nonroot", fields{"User": "65532", "Workdir": "/home/nonroot"})
	check(t, "gcr.io/distroless/static:debug", fields{"Entrypoint": []string{"/busybox/sh"}, "EntrypointKnown": true, "Shell": "/busybox/sh"})
	check(t, "gcr.io/distroless/base-debian12:latest", fields{"EntrypointKnown": true, "Entrypoint": none})
	check(t, "gcr.io/distroless/base-debian12:debug", fields{"EntrypointKnown": false})
	check(t, "gcr.io/distroless/java17-debian12", fields{"Entrypoint": []string{"/usr/bin/java", "-jar"}, "EntrypointKnown": true})
	check(t, "gcr.io/distroless/nodejs20-debian12:nonroot", fields{"Entrypoint": []string{"/nodejs/bin/node"}, "User": "65532"})
	check(t, "gcr.io/distroless/python3-debian13", fields{"Entrypoint": []string{"/usr/bin/python3.13"}})
	check(t, "gcr.io/distroless/python3-debian12", fields{"EntrypointKnown": false})
}

func TestChainguard(t *testing.T) {
	check(t, "cgr.dev/chainguard/static:latest", fields{"Family": "chainguard/static", "Distro": "wolfi", "Entrypoint": none,
		"EntrypointKnown": true, "Cmd": none, "CmdKnown": true, "User": "65532", "Shell": "", "ShellKnown": true})
	check(t, "cgr.dev/chainguard/wolfi-base", fields{"Entrypoint": none, "EntrypointKnown": true, "Cmd": []string{"/bin/sh", "-l"},
		"CmdKnown": true, "User": "", "Shell": "/bin/sh", "PackageManager": "apk", "TiniPackage": "tini",
		"NSSWrapperPackage": "nss_wrapper"})
	check(t, "cgr.dev/chainguard/python:latest", fields{"Entrypoint": []string{"/usr/bin/python"}, "User": "65532", "Shell": ""})
	check(t, "cgr.dev/chainguard/node", fields{"Entrypoint": []string{"/usr/bin/node"}, "Cmd": []string{"--help"}, "Workdir": "/app"})
	check(t, "cgr.dev/chainguard/python:latest-dev", fields{"EntrypointKnown": false, "ShellKnown": false})
	check(t, "cgr.dev/chainguard/go", fields{"EntrypointKnown": false, "ConfigKnown": false})
}

// Images the table does not know stay unknown: unroot keeps reporting for
// them instead of guessing.
func TestBuildImages(t *testing.T) {
	ossFuzz := fields{"Family": "oss-fuzz-base-builder", "Entrypoint": none, "EntrypointKnown": true,
		"Cmd": []string{"compile"}, "CmdKnown": true, "ConfigKnown": false, "Distro": "ubuntu", "PackageManager": "apt", "TiniPackage": "tini"}
	for _, img := range []string{"gcr.io/oss-fuzz-base/base-builder", "gcr.io/oss-fuzz-base/base-builder-go",
		"gcr.io/oss-fuzz-base/base-builder-rust:latest", "gcr.io/oss-fuzz-base/base-builder-python:v1"} {
		check(t, img, ossFuzz)
	}
	check(t, "gcr.io/oss-fuzz-base/base-builder-go", fields{"Release": "20.04"})
	check(t, "gcr.io/oss-fuzz-base/base-builder:ubuntu-24-04", fields{"Release": "24.04"})
	if _, ok := Lookup("gcr.io/oss-fuzz-base/base-runner"); ok {
		t.Error("base-runner is not a builder image: not read")
	}

	check(t, "vitess/bootstrap:18.0-mysql80", fields{"Family": "vitess/bootstrap", "Entrypoint": none, "EntrypointKnown": true,
		"Cmd": []string{"/bin/bash"}, "CmdKnown": true, "ConfigKnown": false, "Distro": "debian", "PackageManager": "apt"})
	check(t, "vitess/bootstrap:${BOOTSTRAP_VERSION}-common", fields{"Cmd": []string{"/bin/bash"}, "TiniKnown": false})

	check(t, "golangci/golangci-lint:v1.59.1", fields{"Family": "golangci-lint", "Entrypoint": none, "EntrypointKnown": true,
		"Cmd": []string{"golangci-lint"}, "Workdir": "/go", "Distro": "debian"})
	check(t, "golangci/golangci-lint:v1.59.1-alpine", fields{"Cmd": []string{"golangci-lint"}, "Distro": "alpine", "PackageManager": "apk"})
	check(t, "docker.io/golangci/golangci-lint:latest", fields{"Family": "golangci-lint"})

	check(t, "gitpod/workspace-full", fields{"Family": "gitpod/workspace", "Entrypoint": none, "EntrypointKnown": true,
		"Cmd": []string{"/bin/bash"}, "CmdKnown": true, "ConfigKnown": false, "Distro": "ubuntu"})
	check(t, "gitpod/workspace-go:2024-07-14-17-19-51", fields{"Family": "gitpod/workspace"})

	check(t, "ghcr.io/webassembly/wasi-sdk:wasi-sdk-22", fields{"Family": "wasi-sdk", "Entrypoint": none, "EntrypointKnown": true,
		"Cmd": []string{"/bin/bash"}, "CmdKnown": true, "User": "", "ConfigKnown": true, "Distro": "ubuntu", "PackageManager": "apt"})
	if _, ok := Lookup("webassembly/wasi-sdk"); ok {
		t.Error("Docker Hub's webassembly/wasi-sdk is another image: not read")
	}
}

func TestOpenSearch(t *testing.T) {
	os := fields{"Family": "opensearch", "Entrypoint": []string{"./opensearch-docker-entrypoint.sh"}, "EntrypointKnown": true,
		"Cmd": []string{"opensearch"}, "CmdKnown": true, "ConfigKnown": false}
	for _, img := range []string{"opensearchproject/opensearch", "opensearchproject/opensearch:2.11.0", "opensearchproject/opensearch:1.3.14"} {
		check(t, img, os)
	}
	check(t, "opensearchproject/opensearch:2.11.0", fields{"Distro": "amazonlinux", "PackageManager": "dnf"})
	check(t, "opensearchproject/opensearch:latest", fields{"PackageManager": "dnf"})
	check(t, "opensearchproject/opensearch:2.9.0", fields{"Release": "2", "PackageManager": "yum"})
	check(t, "opensearchproject/opensearch:${OS_VERSION}", fields{"PackageManagerKnown": false, "Cmd": []string{"opensearch"}})
}

func TestToolImages(t *testing.T) {
	// zizmor: wolfi-base from v1.6.0; ENTRYPOINT only.
	zizmor := fields{"Family": "zizmor", "Entrypoint": []string{"/usr/bin/zizmor"}, "EntrypointKnown": true, "Cmd": none,
		"CmdKnown": true, "User": "", "ConfigKnown": true, "Distro": "wolfi", "Shell": "/bin/sh", "PackageManager": "apk",
		"TiniPackage": "tini", "TiniKnown": true, "NSSWrapperPackage": "nss_wrapper"}
	for _, img := range []string{"ghcr.io/zizmorcore/zizmor", "ghcr.io/zizmorcore/zizmor:1.32.0",
		"ghcr.io/zizmorcore/zizmor:1.19.0@sha256:6f31a7b49f7c969f7f8e0b50283bf6570f300d923aaf7b7abefad94f50e3842b",
		"ghcr.io/zizmorcore/zizmor:v1.6.0"} {
		check(t, img, zizmor)
	}
	check(t, "ghcr.io/zizmorcore/zizmor:1.5.2", fields{"EntrypointKnown": false, "CmdKnown": false})

	// mkdocs-material: tini from 9.5.14; "9" and "9.5" float to the newest.
	serve := []string{"serve", "--dev-addr=0.0.0.0:8000"}
	for _, img := range []string{"squidfunk/mkdocs-material", "squidfunk/mkdocs-material:9.5.44", "squidfunk/mkdocs-material:9",
		"squidfunk/mkdocs-material:9.5", "squidfunk/mkdocs-material:9@sha256:f4332a8e8895aa303bf7f3ceede749980a98cf79f5d87ad567b4d41f037b0101"} {
		check(t, img, fields{"Family": "mkdocs-material", "Entrypoint": []string{"/sbin/tini", "--", "mkdocs"}, "EntrypointKnown": true,
			"Cmd": serve, "Workdir": "/docs", "ConfigKnown": true, "Distro": "alpine", "PackageManager": "apk"})
	}
	for _, img := range []string{"squidfunk/mkdocs-material:7.3.6", "squidfunk/mkdocs-material:9.5.13", "squidfunk/mkdocs-material:8"} {
		check(t, img, fields{"Entrypoint": []string{"mkdocs"}, "Cmd": serve, "CmdKnown": true, "NSSWrapperKnown": false, "TiniPackage": "tini"})
	}
	check(t, "squidfunk/mkdocs-material:5.1.7", fields{"EntrypointKnown": false, "ConfigKnown": false})
	check(t, "squidfunk/mkdocs-material:latest", fields{"NSSWrapperPackage": "nss_wrapper"})

	check(t, "wjdp/htmltest:v0.17.0", fields{"Family": "htmltest", "Entrypoint": []string{"htmltest"}, "Cmd": []string{"./"},
		"Workdir": "/test", "Distro": "alpine", "Release": "3.9", "TiniPackage": "tini", "NSSWrapperKnown": false})
	check(t, "wjdp/htmltest:v0.12.0", fields{"EntrypointKnown": false})

	// shfmt: /init on Alpine, or shfmt alone on scratch.
	for _, img := range []string{"mvdan/shfmt:v3.4.3-alpine", "mvdan/shfmt:v3.1.2-alpine", "mvdan/shfmt:v3-alpine"} {
		check(t, img, fields{"Family": "shfmt", "Entrypoint": []string{"/init"}, "Cmd": none, "CmdKnown": true,
			"Distro": "alpine", "Shell": "/bin/sh", "PackageManager": "apk"})
	}
	check(t, "mvdan/shfmt:v3.12.0", fields{"Entrypoint": []string{"/bin/shfmt"}, "Cmd": []string{"-h"}, "Shell": "",
		"ShellKnown": true, "PackageManager": "", "PackageManagerKnown": true})
	check(t, "mvdan/shfmt:v3.0.2-alpine", fields{"EntrypointKnown": false, "Shell": "/bin/sh"})

	// dex: from v2.31.0; distroless tags have no shell.
	dexCmd := []string{"dex", "serve", "/etc/dex/config.docker.yaml"}
	for _, img := range []string{"dexidp/dex:v2.44.0", "ghcr.io/dexidp/dex:v2.46.1@sha256:65b72ca0f4b0bf6d4ada84ec21da8851782563404ac7b8f926923d27ceced9ab",
		"docker.io/dexidp/dex", "ghcr.io/dexidp/dex:v2.41.1-alpine"} {
		check(t, img, fields{"Family": "dex", "Entrypoint": []string{"/usr/local/bin/docker-entrypoint"}, "Cmd": dexCmd,
			"ConfigKnown": false, "Distro": "alpine", "PackageManager": "apk"})
	}
	check(t, "ghcr.io/dexidp/dex:v2.41.1-distroless", fields{"Cmd": dexCmd, "Shell": "", "ShellKnown": true, "Distro": "distroless"})
	check(t, "dexidp/dex:v2.30.0", fields{"EntrypointKnown": false, "CmdKnown": false})

	for _, img := range []string{"hashicorp/vault", "docker.io/hashicorp/vault:1.21.2@sha256:eb0ba6836e8d4699b7a1e8ca70d8433f7b87dcd067e6d82dff237d3ed2600ea0",
		"hashicorp/vault:1.13.3", "hashicorp/vault:0.8.3", "docker.mirror.hashicorp.services/hashicorp/vault:1.19.0"} {
		check(t, img, fields{"Family": "vault", "Entrypoint": []string{"docker-entrypoint.sh"}, "Cmd": []string{"server", "-dev"},
			"User": "", "ConfigKnown": true, "Distro": "alpine", "PackageManager": "apk"})
	}
	check(t, "hashicorp/vault:0.8.2", fields{"EntrypointKnown": false})
	check(t, "hashicorp/vault:1.15-ubi", fields{"EntrypointKnown": false, "ConfigKnown": false})

	// bats: tini from 1.4.0, full paths from 1.11.1.
	for img, ep := range map[string][]string{
		"bats/bats:v1.2.1": {"bash", "bats"},
		"bats/bats:1.3.0":  {"bash", "bats"},
		"bats/bats:1.11.0": {"/tini", "--", "bash", "bats"},
		"bats/bats:v1.4":   {"/tini", "--", "bash", "bats"},
		"bats/bats:1.11":   {"/tini", "--", "/usr/local/bin/bash", "/usr/local/bin/bats"},
		"bats/bats:latest": {"/tini", "--", "/usr/local/bin/bash", "/usr/local/bin/bats"},
	} {
		check(t, img, fields{"Family": "bats", "Entrypoint": ep, "Cmd": none, "CmdKnown": true, "Workdir": "/code",
			"Shell": "/bin/bash", "PackageManager": "apk"})
	}
	check(t, "bats/bats:1.2.0", fields{"EntrypointKnown": false})

	check(t, "avtodev/markdown-lint:v1@sha256:6aeedc2f49138ce7a1cd0adffc1b1c0321b841dc2102408967d9301c031949ee",
		fields{"Family": "markdown-lint", "Entrypoint": []string{"/docker-entrypoint.sh"}, "Cmd": none, "CmdKnown": true,
			"User": "", "Distro": "alpine", "Shell": "/bin/bash", "PackageManager": "apk", "TiniPackage": "tini", "NSSWrapperKnown": false})

	checkUnknown(t, "ghcr.io/acme/zizmor", "zizmorcore/zizmor", "quay.io/dexidp/dex", "hashicorp/vault-enterprise")
}

func TestDevContainers(t *testing.T) {
	base := fields{"Family": "devcontainers/base", "Entrypoint": none, "EntrypointKnown": true, "CmdKnown": true, "ConfigKnown": false}
	for img, want := range map[string][2]any{
		"mcr.microsoft.com/devcontainers/base:bookworm":         {"debian", []string{"bash"}},
		"mcr.microsoft.com/devcontainers/base:1-bookworm":       {"debian", []string{"bash"}},
		"mcr.microsoft.com/devcontainers/base:ubuntu":           {"ubuntu", []string{"/bin/bash"}},
		"mcr.microsoft.com/devcontainers/base:jammy":            {"ubuntu", []string{"/bin/bash"}},
		"mcr.microsoft.com/devcontainers/base:alpine-3.20":      {"alpine", []string{"/bin/sh"}},
		"mcr.microsoft.com/vscode/devcontainers/base:0-buster":  {"debian", []string{"bash"}},
		"mcr.microsoft.com/vscode/devcontainers/base:0-focal":   {"ubuntu", []string{"/bin/bash"}},
		"mcr.microsoft.com/vscode/devcontainers/base:debian-11": {"debian", []string{"bash"}},
	} {
		f := fields{"Distro": want[0], "Cmd": want[1]}
		for k, v := range base {
			f[k] = v
		}
		check(t, img, f)
	}
	check(t, "mcr.microsoft.com/devcontainers/go:1-1.22-bookworm", fields{"Family": "devcontainers/go", "Entrypoint": none,
		"EntrypointKnown": true, "Cmd": []string{"bash"}, "Distro": "debian", "Release": "bookworm", "PackageManager": "apt"})
	check(t, "mcr.microsoft.com/vscode/devcontainers/go:1.19", fields{"Family": "devcontainers/go", "Cmd": []string{"bash"}})
	if _, ok := Lookup("mcr.microsoft.com/devcontainers/python:3.12"); ok {
		t.Error("devcontainers/python: not read")
	}
}

func TestUnknownImages(t *testing.T) {
	checkUnknown(t,
		"", "scratch", "${BASE}", "${BASE_IMAGE}:latest", "$REGISTRY/python:3.12", "${REGISTRY}/library/alpine:3.20",
		"registry.example.com/python:3.12", "registry.example.com/library/alpine:3.20", "ghcr.io/acme/node:20",
		"123456789012.dkr.ecr.us-east-1.amazonaws.com/alpine:3.20", "localhost:5000/alpine", "quay.io/alpine",
		"myorg/python:3.12", "acme/debian:bookworm", "jupyter/base-notebook", "perl:5.38", "amd64/perl",
		"python:3.12-windowsservercore-ltsc2022", "golang:1.22-nanoserver", "mcr.microsoft.com/dotnet/aspnet:8.0",
		"public.ecr.aws/bitnami/redis:7.4", "registry.access.redhat.com/rhel9/python-312",
	)
}

// Every source is an https URL; GitHub file links are pinned to a commit.
func TestSourcesArePinned(t *testing.T) {
	pinned := regexp.MustCompile(`^https://github\.com/[^/]+/[^/]+/(blob/[0-9a-f]{40}/|commit/[0-9a-f]{40}|pull/[0-9]+)`)
	seen := 0
	for _, img := range slices.Concat(sampleImages, osSampleImages, appSampleImages, langSampleImages, ciSampleImages, platformSampleImages, vendorSampleImages) {
		f, ok := Lookup(img)
		if !ok {
			t.Fatalf("Lookup(%q): not matched", img)
		}
		for _, src := range []string{f.Source, f.DistroSource} {
			for _, part := range strings.Split(src, " ; ") {
				if part == "" {
					continue
				}
				seen++
				url := strings.Fields(part)[0]
				if strings.Contains(part, "github.com") && strings.HasPrefix(url, "https://github.com/") &&
					!strings.Contains(url, "slominskir") && !pinned.MatchString(url) {
					t.Errorf("%s: GitHub source not pinned to a commit: %s", img, url)
				}
				if !strings.HasPrefix(url, "https://") && !strings.HasPrefix(part, "Debian changelog") {
					t.Errorf("%s: source is not a URL: %q", img, part)
				}
			}
		}
	}
	if seen < 40 {
		t.Errorf("only %d source parts checked", seen)
	}
}

// Every family of approws.go and cirows.go has a sample whose run is known
// (so that TestSourcesArePinned checks every source of those files).
func TestSamplesCoverFamilies(t *testing.T) {
	for _, c := range []struct {
		name    string
		samples []string
		rows    []row
	}{{"appSampleImages", appSampleImages, appRows}, {"ciSampleImages", ciSampleImages, ciRows}} {
		families := map[string]bool{}
		for _, img := range c.samples {
			f, ok := Lookup(img)
			if !ok || !f.EntrypointKnown {
				t.Fatalf("Lookup(%q): not matched or no known run", img)
			}
			families[f.Family] = true
		}
		if len(families) != len(c.rows) {
			t.Errorf("%s cover %d families, want %d", c.name, len(families), len(c.rows))
		}
	}
}

var sampleImages = []string{
	"debian:bookworm", "ubuntu:22.04", "alpine:3.20", "busybox", "python:3.12-slim", "node:20-alpine", "golang:1.22",
	"golang:1.22-alpine", "ruby:3.3", "php:8.3-fpm", "php:8.3-apache", "php:8.3-cli", "httpd:2.4", "nginx:1.25",
	"postgres:16", "redis:7", "mysql:8.0", "mariadb:11", "mariadb:11.4-ubi", "mongo:7.0", "buildpack-deps:bookworm",
	"eclipse-temurin:21", "eclipse-temurin:21-jre", "openjdk:17-jdk-slim", "openjdk:22-oraclelinux8", "maven:3.9",
	"gradle:jdk21", "bitnami/minideb:bookworm", "bitnami/redis", "bitnami/postgresql", "bitnami/nginx",
	"registry.access.redhat.com/ubi9/s2i-base", "registry.access.redhat.com/ubi9/python-312",
	"registry.access.redhat.com/ubi9/python-312-minimal", "registry.access.redhat.com/ubi9/ubi-minimal",
	"centos:7", "quay.io/centos/centos:stream9", "fedora:42", "amazonlinux:2", "amazonlinux:2023", "rockylinux:9",
	"rockylinux:9-minimal", "almalinux:9", "almalinux:9-minimal", "gcr.io/distroless/static-debian12:debug",
	"gcr.io/distroless/java17-debian12", "gcr.io/distroless/nodejs20-debian12", "gcr.io/distroless/python3-debian13",
	"rust:1", "docker:cli", "docker:dind", "docker:27-dind-rootless", "docker:20.10",
	"cgr.dev/chainguard/static", "cgr.dev/chainguard/wolfi-base", "cgr.dev/chainguard/python", "cgr.dev/chainguard/node",
	"gcr.io/oss-fuzz-base/base-builder-go", "vitess/bootstrap:18.0-common", "golangci/golangci-lint:v1.59.1-alpine",
	"gitpod/workspace-full", "ghcr.io/webassembly/wasi-sdk:wasi-sdk-22", "mcr.microsoft.com/devcontainers/base:bookworm",
	"mcr.microsoft.com/vscode/devcontainers/go:1.19", "opensearchproject/opensearch:2.11.0",
	"ghcr.io/zizmorcore/zizmor:1.32.0", "squidfunk/mkdocs-material:9.5.44", "squidfunk/mkdocs-material:7.3.6",
	"wjdp/htmltest:v0.17.0", "mvdan/shfmt:v3.4.3-alpine", "mvdan/shfmt:v3.12.0", "dexidp/dex:v2.44.0",
	"hashicorp/vault:1.21.2", "bats/bats:1.2.1", "bats/bats:1.11.0", "bats/bats:latest", "avtodev/markdown-lint:v1",
	"nginx:1.9", "docker:18.09", "docker:18.09-dind",
}

// The table is read once per FROM line over thousands of files: a lookup
// must stay cheap.
func BenchmarkLookup(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Lookup(sampleImages[i%len(sampleImages)])
	}
}
