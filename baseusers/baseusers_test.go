package baseusers

import (
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const digest = "@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

func TestFamily(t *testing.T) {
	tests := []struct {
		image string
		want  string
	}{
		{"", ""},
		{"   ", ""},

		// Debian / Ubuntu
		{"node", "debian"},
		{"node:20", "debian"},
		{"node:20-bookworm", "debian"},
		{"node:20-bookworm-slim" + digest, "debian"},
		{"docker.io/library/node:20", "debian"},
		{"index.docker.io/library/node:20", "debian"},
		{"mirror.gcr.io/library/node:20", "debian"},
		{"public.ecr.aws/docker/library/node:20", "debian"},
		{"NODE:20", "debian"},
		{"python:3.12-slim", "debian"},
		{"python:3.12", "debian"},
		{"ubuntu:22.04", "debian"},
		{"ubuntu", "debian"},
		{"debian:bookworm-slim", "debian"},
		{"debian" + digest, "debian"},
		{"nginx", "debian"},
		{"postgres:16", "debian"},
		{"mongo:7", "debian"},
		{"rabbitmq:3-management", "debian"},
		{"mysql:8.0-debian", "debian"},
		{"jenkins/jenkins:lts", "debian"},
		{"jupyter/scipy-notebook", "debian"},
		{"quay.io/jupyter/base-notebook:2024-01-15", "debian"},
		{"mcr.microsoft.com/dotnet/aspnet:8.0", "debian"},
		{"mcr.microsoft.com/dotnet/sdk:8.0-noble", "debian"},
		{"myorg/app:1.0-bookworm", "debian"},
		{"--platform=linux/amd64 node:20", "debian"},
		{"node:20 AS build", "debian"},

		// Alpine
		{"alpine", "alpine"},
		{"docker.io/library/alpine:3.20", "alpine"},
		{"alpine" + digest, "alpine"},
		{"node:20-alpine", "alpine"},
		{"python:3.12-alpine", "alpine"},
		{"python:3.12-alpine3.20", "alpine"},
		{"nginx:alpine-slim", "alpine"},
		{"postgres:16-alpine3.20" + digest, "alpine"},
		{"mcr.microsoft.com/dotnet/aspnet:8.0-alpine", "alpine"},
		{"jenkins/jenkins:lts-alpine", "alpine"},
		{"--platform=$BUILDPLATFORM golang:1.22-alpine AS build", "alpine"},

		// RHEL family
		{"fedora", "rhel"},
		{"fedora:40", "rhel"},
		{"centos:7", "rhel"},
		{"quay.io/centos/centos:stream9", "rhel"},
		{"rockylinux:9", "rhel"},
		{"rockylinux/rockylinux:9-minimal", "rhel"},
		{"almalinux:9", "rhel"},
		{"amazonlinux:2023", "rhel"},
		{"public.ecr.aws/amazonlinux/amazonlinux:2023", "rhel"},
		{"oraclelinux:9-slim", "rhel"},
		{"registry.access.redhat.com/ubi9/ubi-minimal", "rhel"},
		{"registry.access.redhat.com/ubi9", "rhel"},
		{"registry.access.redhat.com/ubi8/ubi:8.10" + digest, "rhel"},
		{"registry.redhat.io/rhel9/python-312", "rhel"},
		{"redhat/ubi9:latest", "rhel"},
		{"mysql:8.4", "rhel"},
		{"jenkins/jenkins:lts-rhel-ubi9-jdk17", "rhel"},

		// BusyBox
		{"busybox", "busybox"},
		{"busybox:1.36-musl", "busybox"},
		{"docker.io/library/busybox:uclibc" + digest, "busybox"},

		// Distroless / Chainguard
		{"gcr.io/distroless/static-debian12:nonroot", "distroless"},
		{"gcr.io/distroless/base", "distroless"},
		{"gcr.io/distroless/python3-debian12:debug" + digest, "distroless"},
		{"cgr.dev/chainguard/static:latest", "distroless"},
		{"cgr.dev/chainguard/node", "distroless"},

		// Unknown
		{"scratch", ""},
		{"${BASE_IMAGE}", ""},
		{"$BASE", ""},
		{"myregistry.example.com:5000/team/app:1.0", ""},
		{"localhost/app", ""},
		{"elasticsearch:8.15.0", ""},
		{"quay.io/someorg/alpine-tools:1.0", ""},
		{"gcr.io/google-containers/pause:3.9", ""},
		{"mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled", ""},
		{"mcr.microsoft.com/dotnet/runtime:8.0-nanoserver-ltsc2022", ""},
		{"mcr.microsoft.com/dotnet/runtime:8.0-azurelinux3.0", ""},
		{"python:3.12-windowsservercore-ltsc2022", ""},
	}
	for _, tt := range tests {
		if got := Family(tt.image); got != tt.want {
			t.Errorf("Family(%q) = %q, want %q", tt.image, got, tt.want)
		}
	}
}

func TestLookup(t *testing.T) {
	type want struct {
		ok       bool
		uid, gid string
		source   string // "" means do not check
	}
	no := want{}
	tests := []struct {
		image, name string
		want        want
	}{
		// Image-specific users.
		{"node:20-bookworm", "node", want{true, "1000", "1000", srcNodeDebian}},
		{"node:20", "node", want{true, "1000", "1000", srcNodeDebian}},
		{"docker.io/library/node:20" + digest, "node", want{true, "1000", "1000", srcNodeDebian}},
		{"node:20-alpine", "node", want{true, "1000", "1000", srcNodeAlpine}},
		{"alpine", "node", no},
		{"debian", "node", no},
		{"myorg/node:20", "node", no},

		{"postgres", "postgres", want{true, "999", "999", srcPostgresDebian}},
		{"postgres:16-bookworm", "postgres", want{true, "999", "999", srcPostgresDebian}},
		{"postgres:16-alpine", "postgres", want{true, "70", "70", srcPostgresAlpine}},
		{"docker.io/library/postgres:16-alpine3.20" + digest, "postgres", want{true, "70", "70", srcPostgresAlpine}},
		{"--platform=linux/arm64 postgres:16-alpine", "postgres", want{true, "70", "70", srcPostgresAlpine}},
		{"debian", "postgres", no},

		{"redis", "redis", want{true, "999", "999", srcRedisDebian}},
		{"redis:7-alpine", "redis", want{true, "999", "1000", srcRedisAlpine}},

		{"mysql:8.4", "mysql", want{true, "999", "999", srcMySQL}},
		{"mysql", "mysql", want{true, "999", "999", srcMySQL}},
		{"mysql:8.0-debian", "mysql", no},
		{"mysql:5.7", "mysql", no},

		{"mongo:7", "mongodb", want{true, "999", "999", srcMongo}},

		{"nginx", "nginx", want{true, "101", "101", srcNginxDebian}},
		{"nginx:1.27-alpine", "nginx", want{true, "101", "101", srcNginxAlpine}},
		{"nginx:stable-alpine-slim" + digest, "nginx", want{true, "101", "101", srcNginxAlpine}},

		{"rabbitmq:3-management", "rabbitmq", want{true, "999", "999", srcRabbitMQUbuntu}},
		{"rabbitmq:3-management-alpine", "rabbitmq", want{true, "100", "101", srcRabbitMQAlpine}},

		{"docker.elastic.co/elasticsearch/elasticsearch:8.15.0", "elasticsearch", want{true, "1000", "1000", srcElasticsearch}},
		{"elasticsearch:8.15.0", "elasticsearch", want{true, "1000", "1000", srcElasticsearch}},

		{"jenkins/jenkins:lts", "jenkins", want{true, "1000", "1000", srcJenkinsDebian}},
		{"jenkins/jenkins:lts-alpine", "jenkins", want{true, "1000", "1000", srcJenkinsAlpine}},
		{"jenkins/jenkins:lts-rhel-ubi9-jdk17", "jenkins", no},

		{"jupyter/scipy-notebook", "jovyan", want{true, "1000", "100", srcJovyan}},
		{"quay.io/jupyter/base-notebook:latest", "jovyan", want{true, "1000", "100", srcJovyan}},
		{"jupyter/docker-stacks-foundation" + digest, "jovyan", want{true, "1000", "100", srcJovyan}},
		{"ubuntu", "jovyan", no},

		{"gcr.io/distroless/static-debian12:nonroot", "nonroot", want{true, "65532", "65532", srcDistroless}},
		{"gcr.io/distroless/base", "nobody", want{true, "65534", "65534", srcDistroless}},
		{"gcr.io/distroless/static-debian12", "www-data", no},
		{"cgr.dev/chainguard/static", "nonroot", want{true, "65532", "65532", srcChainguardNonroot}},
		{"cgr.dev/chainguard/static", "nobody", want{true, "65534", "65534", srcWolfi}},
		{"debian", "nonroot", no},

		{"ubuntu:24.04", "ubuntu", want{true, "1000", "1000", srcUbuntuUser}},
		{"ubuntu:23.04", "ubuntu", want{true, "1000", "1000", srcUbuntuUser}},
		{"ubuntu:noble-20240530", "ubuntu", want{true, "1000", "1000", srcUbuntuUser}},
		{"ubuntu", "ubuntu", want{true, "1000", "1000", srcUbuntuUser}},
		{"ubuntu:22.04", "ubuntu", no},
		{"ubuntu:jammy", "ubuntu", no},
		{"ubuntu:22.10", "ubuntu", no},
		{"debian", "ubuntu", no},

		{"mcr.microsoft.com/dotnet/aspnet:8.0", "app", want{true, "1654", "1654", srcDotnetApp}},
		{"mcr.microsoft.com/dotnet/runtime-deps:9.0-alpine", "app", want{true, "1654", "1654", srcDotnetApp}},
		{"mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled", "app", want{true, "1654", "1654", srcDotnetApp}},
		{"mcr.microsoft.com/dotnet/sdk", "app", want{true, "1654", "1654", srcDotnetApp}},
		{"mcr.microsoft.com/dotnet/aspnet:6.0", "app", no},
		{"mcr.microsoft.com/dotnet/aspnet:8.0-preview", "app", no},
		{"mcr.microsoft.com/dotnet/runtime:8.0-nanoserver-ltsc2022", "app", no},
		{"debian", "app", no},

		{"registry.access.redhat.com/ubi9/python-312", "default", want{true, "1001", "0", srcS2IDefault}},
		{"registry.access.redhat.com/ubi8/nodejs-20", "default", want{true, "1001", "0", srcS2IDefault}},
		{"registry.access.redhat.com/ubi9/s2i-core" + digest, "default", want{true, "1001", "0", srcS2IDefault}},
		{"registry.access.redhat.com/ubi9/python-312-minimal", "default", no},
		{"registry.access.redhat.com/ubi9/ubi-minimal", "default", no},

		// Family-wide users.
		{"node:20", "www-data", want{true, "33", "33", srcDebian}},
		{"python:3.12-slim", "www-data", want{true, "33", "33", srcDebian}},
		{"nginx", "www-data", want{true, "33", "33", srcDebian}},
		{"ubuntu:24.04", "www-data", want{true, "33", "33", srcDebian}},
		{"node:20-alpine", "www-data", want{true, "82", "82", srcAlpineWWWData}},
		{"python:3.12-alpine", "www-data", want{true, "82", "82", srcAlpineWWWData}},
		{"busybox", "www-data", want{true, "33", "33", srcBusyBox}},
		{"registry.access.redhat.com/ubi9/ubi-minimal", "www-data", no},
		{"debian", "WWW-DATA", no},

		{"debian", "daemon", want{true, "1", "1", srcDebian}},
		{"alpine", "daemon", want{true, "2", "2", srcAlpine}},
		{"fedora:40", "daemon", want{true, "2", "2", srcRHEL}},
		{"busybox", "daemon", want{true, "1", "1", srcBusyBox}},
		{"debian", "bin", want{true, "2", "2", srcDebian}},
		{"alpine", "bin", want{true, "1", "1", srcAlpine}},
		{"debian", "sys", want{true, "3", "3", srcDebian}},
		{"alpine", "sys", no},
		{"alpine", "mail", want{true, "8", "12", srcAlpine}},
		{"debian", "mail", want{true, "8", "8", srcDebian}},

		{"debian:bookworm", "nobody", want{true, "65534", "65534", srcDebian}},
		{"alpine:3.20", "nobody", want{true, "65534", "65534", srcAlpine}},
		{"busybox", "nobody", want{true, "65534", "65534", srcBusyBox}},
		{"registry.access.redhat.com/ubi9/ubi-minimal", "nobody", want{true, "65534", "65534", srcRHELNobody}},
		{"centos", "nobody", want{true, "65534", "65534", srcRHELNobody}},
		{"quay.io/centos/centos:stream9", "nobody", want{true, "65534", "65534", srcRHELNobody}},
		{"amazonlinux:2023", "nobody", want{true, "65534", "65534", srcRHELNobody}},
		{"fedora:40", "nobody", want{true, "65534", "65534", srcRHELNobody}},
		{"rockylinux:8", "nobody", want{true, "65534", "65534", srcRHELNobody}},
		{"centos:7", "nobody", no},
		{"centos:centos7", "nobody", no},
		{"amazonlinux:2", "nobody", no},
		{"oraclelinux:7-slim", "nobody", no},
		{"fedora:27", "nobody", no},
		{"registry.access.redhat.com/ubi7/ubi", "nobody", no},
		{"centos:7", "root", want{true, "0", "0", srcRHEL}},

		{"nginx", "root", want{true, "0", "0", srcDebian}},
		{"node:20", "", no},

		// Unknown image: only names every family agrees on.
		{"", "root", want{true, "0", "0", srcDebian}},
		{"", "nobody", want{true, "65534", "65534", srcDebian}},
		{"", "www-data", no},
		{"", "daemon", no},
		{"", "bin", no},
		{"", "sys", no},
		{"", "mail", no},
		{"", "nonroot", no},
		{"", "node", no},
		{"", "postgres", no},
		{"", "", no},
		{"${BASE_IMAGE}", "nobody", want{true, "65534", "65534", ""}},
		{"${BASE_IMAGE}", "www-data", no},
		{"myregistry.example.com:5000/team/app:1.0", "root", want{true, "0", "0", ""}},
		{"scratch", "daemon", no},
		{"elasticsearch:8.15.0", "nobody", want{true, "65534", "65534", ""}},
		{"mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled", "www-data", no},
	}
	for _, tt := range tests {
		e, ok := Lookup(tt.image, tt.name)
		if ok != tt.want.ok {
			t.Errorf("Lookup(%q, %q) ok = %v, want %v (entry %+v)", tt.image, tt.name, ok, tt.want.ok, e)
			continue
		}
		if !ok {
			if e != (Entry{}) {
				t.Errorf("Lookup(%q, %q) returned non-zero entry %+v with ok=false", tt.image, tt.name, e)
			}
			continue
		}
		if e.Name != tt.name || e.UID != tt.want.uid || e.GID != tt.want.gid {
			t.Errorf("Lookup(%q, %q) = %s %s:%s, want %s %s:%s", tt.image, tt.name, e.Name, e.UID, e.GID, tt.name, tt.want.uid, tt.want.gid)
		}
		if tt.want.source != "" && e.Source != tt.want.source {
			t.Errorf("Lookup(%q, %q).Source = %q, want %q", tt.image, tt.name, e.Source, tt.want.source)
		}
		if e.Images == "" || e.Source == "" {
			t.Errorf("Lookup(%q, %q) = %+v: Images and Source must be set", tt.image, tt.name, e)
		}
	}
}

// TestUnknownImageRule checks the rule for an unknown image exactly: a name
// qualifies iff every known family has at least one family-wide entry for it
// and all those entries share UID and GID.
func TestUnknownImageRule(t *testing.T) {
	names := map[string]bool{}
	for _, e := range entries() {
		names[e.Name] = true
	}
	var qualifying []string
	for name := range names {
		want := true
		var uid, gid string
		for _, fam := range knownFamilies {
			n := 0
			for _, rl := range familyRules {
				if rl.family != fam || rl.Name != name {
					continue
				}
				n++
				if uid == "" {
					uid, gid = rl.UID, rl.GID
				} else if rl.UID != uid || rl.GID != gid {
					want = false
				}
			}
			if n == 0 {
				want = false
			}
		}
		e, ok := Lookup("", name)
		if ok != want {
			t.Errorf("Lookup(%q, %q) ok = %v, want %v", "", name, ok, want)
		}
		if ok {
			qualifying = append(qualifying, name)
			if e.UID != uid || e.GID != gid {
				t.Errorf("Lookup(%q, %q) = %s:%s, want %s:%s", "", name, e.UID, e.GID, uid, gid)
			}
		}
	}
	sort.Strings(qualifying)
	if got := strings.Join(qualifying, ","); got != "nobody,root" {
		t.Errorf("names valid for an unknown image = %s, want nobody,root", got)
	}
}

func TestTableIntegrity(t *testing.T) {
	for _, rl := range append(append([]rule(nil), familyRules...), imageRules...) {
		e := rl.Entry
		if e.Name == "" || e.Images == "" {
			t.Errorf("entry %+v: Name and Images must be set", e)
		}
		for _, id := range []string{e.UID, e.GID} {
			if n, err := strconv.Atoi(id); err != nil || n < 0 || strconv.Itoa(n) != id {
				t.Errorf("entry %+v: %q is not a canonical non-negative number", e, id)
			}
		}
		if !strings.HasPrefix(e.Source, "https://") || strings.ContainsAny(e.Source, " \t\n") {
			t.Errorf("entry %+v: Source must be one https URL", e)
		}
		if rl.family == "" && rl.match == nil {
			t.Errorf("entry %+v: image rule without a matcher would apply everywhere", e)
		}
	}
	for _, fam := range knownFamilies {
		for _, name := range []string{"root", "nobody"} {
			found := false
			for _, rl := range familyRules {
				found = found || (rl.family == fam && rl.Name == name)
			}
			if !found {
				t.Errorf("family %s has no %s entry", fam, name)
			}
		}
	}
}

// TestReadmeListsEveryEntry keeps README.md in step with the table.
func TestReadmeListsEveryEntry(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	for _, e := range entries() {
		row := "| `" + e.Name + "` | " + e.UID + " | " + e.GID + " |"
		if !strings.Contains(readme, row) {
			t.Errorf("README.md has no row starting %q", row)
		}
		if !strings.Contains(readme, e.Source) {
			t.Errorf("README.md does not cite %s (for %s)", e.Source, e.Name)
		}
	}
}

func TestParseRef(t *testing.T) {
	tests := []struct {
		image string
		want  ref
	}{
		{"node", ref{"", "library/node", "node", ""}},
		{"node:20-alpine", ref{"", "library/node", "node", "20-alpine"}},
		{"docker.io/library/node:20" + digest, ref{"", "library/node", "node", "20"}},
		{"node" + digest, ref{"", "library/node", "node", ""}},
		{"jenkins/jenkins:lts", ref{"", "jenkins/jenkins", "jenkins", "lts"}},
		{"localhost:5000/app:1", ref{"localhost:5000", "app", "app", "1"}},
		{"localhost/app", ref{"localhost", "app", "app", ""}},
		{"registry.access.redhat.com/ubi9/ubi-minimal", ref{"registry.access.redhat.com", "ubi9/ubi-minimal", "ubi-minimal", ""}},
		{"--platform=linux/amd64 Node:20 AS build", ref{"", "library/node", "node", "20"}},
		{"", ref{}},
		{"--platform=linux/amd64", ref{}},
	}
	for _, tt := range tests {
		if got := parseRef(tt.image); got != tt.want {
			t.Errorf("parseRef(%q) = %+v, want %+v", tt.image, got, tt.want)
		}
	}
}

func TestDefaultUser(t *testing.T) {
	for _, tc := range []struct{ image, uid string }{
		{"gcr.io/distroless/static:nonroot", "65532"},
		{"gcr.io/distroless/static-debian12:debug-nonroot", "65532"},
		{"gcr.io/distroless/base:latest", ""},
		{"jupyter/base-notebook:2023-10-20", "1000"},
		{"quay.io/jupyter/scipy-notebook", "1000"},
		{"debian:bookworm", ""},
		{"", ""},
	} {
		e, ok := DefaultUser(tc.image)
		if ok != (tc.uid != "") || e.UID != tc.uid {
			t.Errorf("DefaultUser(%q) = %q, %v; want %q", tc.image, e.UID, ok, tc.uid)
		}
	}
}
