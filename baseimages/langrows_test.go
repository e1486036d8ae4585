package baseimages

import (
	"reflect"
	"testing"
)

// checkHooked is check for a hook of an images.go row: it looks image up
// and applies hook, as the row does once it calls the hook.
func checkHooked(t *testing.T, image string, hook func(ref, *Facts), want fields) {
	t.Helper()
	f, ok := Lookup(image)
	r, ok2 := parse(image)
	if !ok || !ok2 {
		t.Errorf("Lookup(%q): not matched", image)
		return
	}
	hook(r, &f)
	v := reflect.ValueOf(f)
	for name, w := range want {
		if s, ok := w.([]string); ok && s == nil {
			w = []string(nil)
		}
		if got := v.FieldByName(name).Interface(); !reflect.DeepEqual(got, w) {
			t.Errorf("Lookup(%q) with the hook: %s = %#v, want %#v", image, name, got, w)
		}
	}
}

func TestPython2Hook(t *testing.T) {
	for _, img := range []string{"python:2", "python:2.7", "python:2.7.15-slim-stretch", "docker.io/library/python:2.7-alpine",
		"python:2.7.18@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"} {
		checkHooked(t, img, python2, fields{"Cmd": []string{"python2"}, "CmdKnown": true})
	}
	checkHooked(t, "python:2.7.15-slim-stretch", python2, fields{"Release": "stretch", "TiniPackage": "", "TiniKnown": true})
	checkHooked(t, "python@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", python2,
		fields{"CmdKnown": false})
	checkHooked(t, "python:3.12", python2, fields{"Cmd": []string{"python3"}})
}

func TestNodeReleasesHook(t *testing.T) {
	for _, img := range []string{"node:12.20.1-stretch", "node:12.4.0", "node:12.22", "node:10.16.0-alpine", "node:8.16.1",
		"mirror.gcr.io/library/node:12.20.1"} {
		checkHooked(t, img, nodeReleases, fields{"Entrypoint": []string{"docker-entrypoint.sh"}, "EntrypointKnown": true,
			"Cmd": []string{"node"}})
	}
	for _, img := range []string{"node:12.3.1", "node:10.15.3", "node:8.16.0", "node:11.15.0", "node:9.11",
		"node@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"} {
		checkHooked(t, img, nodeReleases, fields{"EntrypointKnown": false})
	}
}

func TestOpenJDKHook(t *testing.T) {
	for _, img := range []string{"openjdk:10.0.2-jdk-slim-sid", "openjdk:11.0.1-jdk-slim-sid", "openjdk:17-jdk-slim",
		"openjdk:15-slim-buster@sha256:1e069bf1c5c23adde58b29b82281b862e473d698ce7cc4e164194a0a2a1c044a", "openjdk:13-jdk-alpine"} {
		checkHooked(t, img, openjdkCmd, fields{"Cmd": []string{"jshell"}, "CmdKnown": true, "EntrypointKnown": true})
	}
	checkHooked(t, "openjdk:8-jdk-alpine", openjdkCmd, fields{"Cmd": []string{"/bin/sh"}, "CmdKnown": true,
		"Distro": "alpine", "NSSWrapperKnown": false, "TiniKnown": false})
	for _, img := range []string{"openjdk:8", "openjdk:8-jre-slim", "openjdk:8u212-jdk", "openjdk:10-jre"} {
		checkHooked(t, img, openjdkCmd, fields{"Cmd": []string{"bash"}, "CmdKnown": true})
	}
	for _, img := range []string{"openjdk:9-jdk", "openjdk:11-jre-slim", "openjdk:latest", "openjdk:8-jdk-oraclelinux7",
		"openjdk@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"} {
		checkHooked(t, img, openjdkCmd, fields{"CmdKnown": false})
	}
}

func TestGradleBefore2023Hook(t *testing.T) {
	for _, img := range []string{"gradle:6.8.1-jdk", "gradle:6.8-jdk11", "gradle:7.5.1-jdk17", "gradle:8.1-jdk17"} {
		checkHooked(t, img, gradleBefore2023, fields{"Entrypoint": none, "EntrypointKnown": true, "Cmd": []string{"gradle"},
			"Distro": "ubuntu", "TiniPackage": "tini", "TiniKnown": true})
	}
	for _, img := range []string{"gradle:6.6.1-jdk", "gradle:6.9.4-jdk11", "gradle:7.6.2-jdk17", "gradle:8.2.1-jdk17",
		"gradle:6.8.1-jdk-alpine", "gradle:7.5-jdk17-corretto"} {
		checkHooked(t, img, gradleBefore2023, fields{"EntrypointKnown": false})
	}
	checkHooked(t, "gradle:8.5-jdk21", gradleBefore2023, fields{"Entrypoint": []string{"/__cacert_entrypoint.sh"}})
}

func TestGCC(t *testing.T) {
	for _, img := range []string{"gcc", "gcc:9.5.0", "gcc:13-bookworm", "docker.io/library/gcc:12.2",
		"gcc:9.5.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"} {
		check(t, img, fields{"Family": "gcc", "Distro": "debian", "Entrypoint": none, "EntrypointKnown": true,
			"Cmd": []string{"bash"}, "CmdKnown": true, "PackageManager": "apt"})
	}
	check(t, "gcc:9.5.0", fields{"Release": "", "TiniKnown": false, "NSSWrapperKnown": false})
	check(t, "gcc:13-bookworm", fields{"Release": "bookworm", "TiniPackage": "tini", "TiniKnown": true})
}

func TestClojure(t *testing.T) {
	for _, img := range []string{"clojure:temurin-26-lein-bookworm-slim", "clojure:temurin-21-lein-2.11.2-jammy",
		"docker.io/library/clojure:temurin-25-lein"} {
		check(t, img, fields{"Family": "clojure", "Entrypoint": []string{"entrypoint"}, "EntrypointKnown": true,
			"Cmd": []string{"repl"}, "CmdKnown": true, "Workdir": "/tmp", "ConfigKnown": true})
	}
	check(t, "clojure:temurin-26-lein-bookworm-slim", fields{"Distro": "debian", "Release": "bookworm"})
	check(t, "clojure:temurin-25-tools-deps-trixie-slim", fields{"Cmd": []string{"-M", "--repl"}, "CmdKnown": true})
	for _, img := range []string{"clojure", "clojure:latest", "clojure:temurin-17-lein", "clojure:temurin-11-lein-bookworm",
		"clojure:openjdk-17-lein", "clojure@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"} {
		check(t, img, fields{"EntrypointKnown": false, "CmdKnown": false})
	}
}

func TestSwift(t *testing.T) {
	for _, img := range []string{"swift:5.2", "swift:5.2.5-slim", "swift:5.2-bionic", "docker.io/library/swift:5.2.4"} {
		check(t, img, fields{"Family": "swift", "Distro": "ubuntu", "Release": "18.04", "Entrypoint": none,
			"EntrypointKnown": true, "Cmd": []string{"/bin/bash"}, "CmdKnown": true, "TiniPackage": "", "TiniKnown": true})
	}
	check(t, "swift:6.1-noble", fields{"Release": "24.04", "Cmd": []string{"/bin/bash"}, "TiniPackage": "tini"})
	check(t, "swift:5.9", fields{"Release": "22.04", "CmdKnown": true})
	for _, img := range []string{"swift:5.7", "swift", "swift:latest", "swift:5.2-amazonlinux2", "swift:5.2-centos8",
		"swift:4.2", "swift@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"} {
		check(t, img, fields{"CmdKnown": false, "EntrypointKnown": false})
	}
}

func TestMono(t *testing.T) {
	for _, img := range []string{"mono:5.18", "mono:5.20.1.34-slim", "mono:6.8.0.96"} {
		check(t, img, fields{"Family": "mono", "Distro": "debian", "Release": "stretch", "Entrypoint": none,
			"EntrypointKnown": true, "Cmd": []string{"bash"}, "CmdKnown": true, "TiniPackage": "", "TiniKnown": true})
	}
	for _, img := range []string{"mono", "mono:6.12", "mono:6.12.0.182-slim"} {
		check(t, img, fields{"Release": "buster", "Cmd": []string{"bash"}, "TiniPackage": "tini"})
	}
	check(t, "mono:5.4.1.6", fields{"Cmd": []string{"bash"}, "Release": "", "TiniKnown": true, "NSSWrapperKnown": false})
	for _, img := range []string{"mono:4.4.2.11", "mono@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"} {
		check(t, img, fields{"CmdKnown": false})
	}
}

// langSampleImages name one reference per new source, for the
// pinned-sources test (the hooks' sources appear once images.go calls
// them).
var langSampleImages = []string{
	"gcc:9.5.0", "clojure:temurin-26-lein-bookworm-slim", "clojure:temurin-25-tools-deps", "swift:5.2", "mono:5.18",
	"rustlang/rust:nightly-stretch-slim", "cimg/go:1.17", "cypress/base:24.14.1",
	"python:2.7", "node:12.20.1", "openjdk:11", "openjdk:8-jdk-alpine", "openjdk:8", "gradle:6.8.1-jdk",
}

func TestCypressBase(t *testing.T) {
	for _, img := range []string{"cypress/base:24.14.1", "cypress/base:20.18.0", "cypress/base", "docker.io/cypress/base:22.12.0"} {
		check(t, img, fields{"Family": "cypress/base", "Distro": "debian", "Entrypoint": none, "EntrypointKnown": true,
			"Cmd": []string{"bash"}, "CmdKnown": true, "User": "", "ConfigKnown": true, "TiniPackage": "tini"})
	}
	for _, img := range []string{"cypress/base:18.12.1", "cypress/base:16.18.1", "cypress/base:10",
		"cypress/base@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"} {
		check(t, img, fields{"CmdKnown": false, "EntrypointKnown": false})
	}
}
