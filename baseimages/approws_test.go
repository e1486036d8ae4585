package baseimages

import (
	"testing"
)

// unknownRun: facts that a tag outside the eras read must not claim.
var unknownRun = fields{"EntrypointKnown": false, "CmdKnown": false, "ConfigKnown": false}

func TestRegistry(t *testing.T) {
	for _, img := range []string{"registry", "registry:3", "registry:3.1.1", "docker.io/library/registry:3",
		"public.ecr.aws/docker/library/registry:3.1.1", "mirror.gcr.io/registry:3.0.0",
		"registry:3@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"} {
		check(t, img, fields{"Family": "registry", "Entrypoint": []string{"/entrypoint.sh"},
			"Cmd": []string{"/etc/distribution/config.yml"}, "User": "", "ConfigKnown": true,
			"Distro": "alpine", "Shell": "/bin/sh", "PackageManager": "apk"})
	}
	for _, img := range []string{"registry:2", "registry:2.8", "registry:2.8.3",
		"docker.io/library/registry:2.8@sha256:ac0192b549007e22998eb74e8d8488dcfe70f1489520c3b144a6047ac5efbe90"} {
		check(t, img, fields{"Entrypoint": []string{"/entrypoint.sh"}, "Cmd": []string{"/etc/docker/registry/config.yml"},
			"CmdKnown": true, "NSSWrapperKnown": false})
	}
	check(t, "registry:3", fields{"NSSWrapperKnown": false}) // a release built on the Alpine of its day
	for _, img := range []string{"registry:2.7.1", "registry:2.8.1", "registry:$REGISTRY_VERSION",
		"registry@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"} {
		check(t, img, unknownRun)
	}
}

func TestHelloWorld(t *testing.T) {
	for _, img := range []string{"hello-world", "hello-world:latest", "hello-world:linux", "docker.io/library/hello-world"} {
		check(t, img, fields{"Family": "hello-world", "Entrypoint": none, "EntrypointKnown": true, "Cmd": []string{"/hello"},
			"CmdKnown": true, "User": "", "ConfigKnown": true, "Shell": "", "ShellKnown": true,
			"PackageManager": "", "PackageManagerKnown": true})
	}
	if f, ok := Lookup("hello-world:nanoserver-ltsc2022"); ok {
		t.Errorf("hello-world:nanoserver-ltsc2022 matched %q, want unknown", f.Family)
	}
}

func TestLogstash(t *testing.T) {
	run := fields{"Family": "logstash", "Entrypoint": []string{"/usr/local/bin/docker-entrypoint"}, "EntrypointKnown": true,
		"Cmd": none, "CmdKnown": true, "User": "1000", "Workdir": "/usr/share/logstash", "ConfigKnown": true}
	for img, distro := range map[string][2]string{
		"logstash:9.3.1@sha256:f9c32e6e9fdd1ba6dc1cac5a77628cc8c3598692ef2bc91df70f92e3974a21f7": {"ubi", "9"},
		"docker.io/library/logstash:9.2.6":           {"ubi", "9"},
		"docker.elastic.co/logstash/logstash:8.15.0": {"ubuntu", "20.04"},
		"logstash:7.17.28":                           {"ubuntu", "20.04"},
		"logstash:8.19.10":                           {"ubuntu", "24.04"},
		"logstash:8.17.0":                            {"", ""}, // the line changed OS image
		"logstash:6.8.23":                            {"", ""},
	} {
		check(t, img, run)
		check(t, img, fields{"Distro": distro[0], "Release": distro[1]})
	}
	check(t, "logstash:9.3.1", fields{"PackageManager": "microdnf", "ShellKnown": false, "TiniKnown": false})
	check(t, "logstash:8.15.0", fields{"PackageManager": "apt", "TiniPackage": "tini"})
	for _, img := range []string{"logstash:6.8.0", "logstash:5.6.16", "docker.elastic.co/logstash/logstash:${ELK_VERSION}"} {
		check(t, img, unknownRun)
	}
	checkUnknown(t, "docker.elastic.co/logstash/logstash-oss:8.15.0", "docker.elastic.co/elasticsearch/elasticsearch:8.15.0")
}

func TestNotary(t *testing.T) {
	for img, want := range map[string][3]any{
		"notary:server-0.6.1":   {"/notary/server", []string{"notary-server", "--help"}, "3.8"},
		"notary:server-0.6.1-1": {"/notary/server", []string{"notary-server", "--help"}, "3.8"},
		"notary:signer-0.6.1-2": {"/notary/signer", []string{"notary-signer", "--help"}, ""},
		"notary:server-0.7.0":   {"/notary/server", []string{"notary-server", "--version"}, ""},
		"notary:server":         {"/notary/server", []string{"notary-server", "--version"}, ""},
		"docker.io/library/notary:signer@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef": {
			"/notary/signer", []string{"notary-signer", "--version"}, ""},
	} {
		check(t, img, fields{"Family": "notary", "Entrypoint": []string{"entrypoint.sh"}, "Cmd": want[1], "User": "notary",
			"Workdir": want[0], "ConfigKnown": true, "Distro": "alpine", "Release": want[2], "PackageManager": "apk",
			"NSSWrapperKnown": false})
	}
	for _, img := range []string{"notary:server-0.5.1", "notary:latest", "notary:server-${NOTARY_VERSION}",
		"notary@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"} {
		check(t, img, unknownRun)
	}
}

func TestNginxUnprivileged(t *testing.T) {
	run := fields{"Family": "nginx-unprivileged", "Entrypoint": []string{"/docker-entrypoint.sh"},
		"Cmd": []string{"nginx", "-g", "daemon off;"}, "User": "101", "Workdir": "", "ConfigKnown": true}
	for img, distro := range map[string]string{
		"nginxinc/nginx-unprivileged": "debian", "nginxinc/nginx-unprivileged:1.29": "debian",
		"nginxinc/nginx-unprivileged:1.29@sha256:5366aa1ef633415d3fb30f8b5b2d824c4ae1c231a0f63358e7f39734fa5894c0": "debian",
		"docker.io/nginxinc/nginx-unprivileged:1.27.4-alpine-slim":                                                 "alpine",
		"nginxinc/nginx-unprivileged:stable-alpine":                                                                "alpine",
		"nginxinc/nginx-unprivileged:1.18":                                                                         "debian", "nginxinc/nginx-unprivileged:1.29-bookworm": "debian",
	} {
		check(t, img, run)
		check(t, img, fields{"Distro": distro})
	}
	// A versioned tag was built on the release of its time.
	check(t, "nginxinc/nginx-unprivileged:1.29", fields{"TiniKnown": false, "NSSWrapperKnown": false, "PackageManager": "apt"})
	check(t, "nginxinc/nginx-unprivileged:1.29-bookworm", fields{"TiniPackage": "tini", "Release": "bookworm"})
	check(t, "nginxinc/nginx-unprivileged:1.17", unknownRun)
	check(t, "nginxinc/nginx-unprivileged@sha256:5366aa1ef633415d3fb30f8b5b2d824c4ae1c231a0f63358e7f39734fa5894c0", unknownRun)
}

func TestCitus(t *testing.T) {
	for _, img := range []string{"citusdata/citus", "citusdata/citus:12.1", "citusdata/citus:13.0", "citusdata/citus:12.1.6",
		"docker.io/citusdata/citus:13.0-pg17", "citusdata/citus:alpine", "citusdata/citus:7.0.1"} {
		check(t, img, fields{"Family": "citus", "Entrypoint": []string{"docker-entrypoint.sh"}, "Cmd": []string{"postgres"},
			"User": "", "ConfigKnown": true})
	}
	check(t, "citusdata/citus:13.0", fields{"Distro": "debian", "PackageManager": "apt", "TiniKnown": false})
	check(t, "citusdata/citus:12.1-alpine", fields{"Distro": "alpine", "PackageManager": "apk"})
	check(t, "citusdata/citus:7.0.0", unknownRun) // still citus-entrypoint.sh
}

func TestFluentd(t *testing.T) {
	for _, img := range []string{"fluent/fluentd:v1.17-debian-1", "fluent/fluentd:v1.19-debian-1", "fluent/fluentd:v1.19.1-debian-1.0",
		"docker.io/fluent/fluentd:edge-debian", "fluent/fluentd:v1.16-1", "fluent/fluentd:v1.4"} {
		check(t, img, fields{"Family": "fluentd", "Entrypoint": []string{"tini", "--", "/bin/entrypoint.sh"},
			"Cmd": []string{"fluentd"}, "User": "fluent", "ConfigKnown": true})
	}
	check(t, "fluent/fluentd:v1.19-debian-1", fields{"Distro": "debian", "Shell": "/bin/bash", "PackageManager": "apt"})
	check(t, "fluent/fluentd:v1.16-1", fields{"Distro": "", "PackageManagerKnown": false})
	for _, img := range []string{"fluent/fluentd:v1.3-debian-1", "fluent/fluentd:v1.2", "fluent/fluentd:v1.4-onbuild"} {
		check(t, img, unknownRun)
	}
	if f, ok := Lookup("fluent/fluentd:v1.17-windows-ltsc2019-1"); ok {
		t.Errorf("a Windows tag matched %q", f.Family)
	}
}

func TestTrivyShellCheck(t *testing.T) {
	for _, img := range []string{"aquasec/trivy", "aquasec/trivy:0.58.2", "aquasec/trivy:0.62.1", "ghcr.io/aquasecurity/trivy:0.69.3",
		"public.ecr.aws/aquasecurity/trivy:latest", "docker.io/aquasec/trivy:0.10.1"} {
		check(t, img, fields{"Family": "trivy", "Entrypoint": []string{"trivy"}, "Cmd": none, "CmdKnown": true,
			"User": "", "ConfigKnown": true, "Distro": "alpine", "PackageManager": "apk"})
	}
	check(t, "aquasec/trivy:0.10.0", unknownRun) // USER appuser
	check(t, "aquasec/trivy:0.58.2", fields{"NSSWrapperKnown": false})

	for _, img := range []string{"koalaman/shellcheck-alpine:v0.7.1", "docker.io/koalaman/shellcheck-alpine:v0.11.0",
		"koalaman/shellcheck-alpine:stable", "koalaman/shellcheck-alpine"} {
		check(t, img, fields{"Family": "shellcheck-alpine", "Entrypoint": none, "EntrypointKnown": true,
			"Cmd": []string{"/bin/sh"}, "User": "", "Workdir": "", "ConfigKnown": true, "Distro": "alpine", "Shell": "/bin/sh"})
	}
	check(t, "koalaman/shellcheck-alpine:stable", fields{"NSSWrapperKnown": false})
	check(t, "koalaman/shellcheck-alpine:v0.7.0", unknownRun)
	check(t, "koalaman/shellcheck:stable", fields{"Family": "shellcheck", "Entrypoint": []string{"/bin/shellcheck"},
		"Cmd": none, "Workdir": "/mnt", "Shell": "", "ShellKnown": true})
}

func TestJaegerMarkdownlintOpenBao(t *testing.T) {
	allInOne := []string{"/go/bin/all-in-one-linux"}
	for img, user := range map[string]string{"jaegertracing/all-in-one:1.65.0": "10001", "jaegertracing/all-in-one:1.69.0": "10001",
		"jaegertracing/all-in-one": "10001", "jaegertracing/all-in-one:1.49.0": "", "docker.io/jaegertracing/all-in-one:1.23": ""} {
		check(t, img, fields{"Family": "jaeger-all-in-one", "Entrypoint": allInOne, "Cmd": none, "CmdKnown": true,
			"User": user, "ConfigKnown": true, "Distro": "alpine"})
	}
	check(t, "jaegertracing/all-in-one:1.22.0", unknownRun)
	if _, ok := Lookup("jaegertracing/jaeger:2.5.0"); ok {
		t.Error("jaegertracing/jaeger (v2) matched")
	}

	mdl := []string{"/usr/local/bin/markdownlint-cli2"}
	for img, user := range map[string]string{"davidanson/markdownlint-cli2:v0.13.0": "node", "davidanson/markdownlint-cli2:v0.17.2": "node",
		"davidanson/markdownlint-cli2:v0.18.0": "1000", "davidanson/markdownlint-cli2": "1000", "davidanson/markdownlint-cli2:next": "1000"} {
		check(t, img, fields{"Family": "markdownlint-cli2", "Entrypoint": mdl, "Cmd": none, "CmdKnown": true,
			"User": user, "Workdir": "/workdir", "ConfigKnown": true, "Distro": "alpine"})
	}
	check(t, "davidanson/markdownlint-cli2:v0.2.0", unknownRun)

	dev := []string{"server", "-dev", "-dev-no-store-token"}
	for img, want := range map[string][2]any{
		"docker.io/openbao/openbao:2.7.2@sha256:5046911075e137e154ce49ab051502f4ec7cf367d484ae4a4dce665d9b90561f": {dev, "openbao"},
		"openbao/openbao:2.6.0":         {dev, "openbao"},
		"quay.io/openbao/openbao":       {dev, "openbao"},
		"ghcr.io/openbao/openbao:2.5.5": {dev, ""},
		"openbao/openbao:2.2.0":         {dev, ""},
		"openbao/openbao:2.1.1":         {[]string{"server", "-dev"}, ""},
	} {
		check(t, img, fields{"Family": "openbao", "Entrypoint": []string{"docker-entrypoint.sh"}, "Cmd": want[0],
			"User": want[1], "ConfigKnown": true, "Distro": "alpine", "PackageManager": "apk"})
	}
	check(t, "openbao/openbao:0.1.0", unknownRun)
	if _, ok := Lookup("openbao/openbao-ubi:2.6.0"); ok {
		t.Error("openbao-ubi matched")
	}
}

func TestK6TarantoolGit(t *testing.T) {
	for _, img := range []string{"loadimpact/k6", "loadimpact/k6:latest", "loadimpact/k6:0.48.0", "loadimpact/k6:master"} {
		check(t, img, fields{"Family": "loadimpact/k6", "Entrypoint": []string{"/usr/bin/entrypoint-legacy.sh"}, "Cmd": none,
			"CmdKnown": true, "User": "k6", "Workdir": "/home/k6", "ConfigKnown": true, "Distro": "alpine",
			"NSSWrapperKnown": false})
	}
	check(t, "loadimpact/k6:0.45.0", unknownRun)
	if _, ok := Lookup("grafana/k6"); ok {
		t.Error("grafana/k6 matched")
	}

	for _, img := range []string{"tarantool/tarantool:3.3.1", "tarantool/tarantool:3", "tarantool/tarantool", "tarantool/tarantool:3.1"} {
		check(t, img, fields{"Family": "tarantool", "Entrypoint": []string{"/docker-entrypoint.sh"}, "Cmd": []string{"tarantool"},
			"User": "", "Workdir": "/opt/tarantool", "ConfigKnown": true, "Distro": "ubuntu", "Release": "22.04"})
	}
	for _, img := range []string{"tarantool/tarantool:2.11", "tarantool/tarantool:3.0.2", "tarantool/tarantool:2.10.0-ubuntu20.04"} {
		check(t, img, unknownRun)
		check(t, img, fields{"Distro": ""})
	}

	for _, img := range []string{"alpine/git", "alpine/git:v2.24.3", "alpine/git:2.47.2", "alpine/git:latest"} {
		check(t, img, fields{"Family": "alpine/git", "Entrypoint": []string{"git"}, "Cmd": []string{"--help"},
			"User": "", "Workdir": "/git", "ConfigKnown": true, "Distro": "alpine", "PackageManager": "apk"})
	}
	check(t, "alpine/git:v2.24.3", fields{"NSSWrapperKnown": false})
	check(t, "alpine/git:1.0.32", unknownRun)
	check(t, "alpine/git:v2.45.2-user", fields{"EntrypointKnown": true, "ConfigKnown": false})
}

func TestPrometheusLocalStack(t *testing.T) {
	cmd3 := []string{"--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"}
	cmd2 := append(append([]string(nil), cmd3...), "--web.console.libraries=/usr/share/prometheus/console_libraries",
		"--web.console.templates=/usr/share/prometheus/consoles")
	for img, cmd := range map[string][]string{"prom/prometheus": cmd3, "prom/prometheus:v3.5.0": cmd3,
		"quay.io/prometheus/prometheus:v3.0.0": cmd3, "prom/prometheus:v2.55.1": cmd2, "prom/prometheus:v2.53.4": cmd2,
		"docker.io/prom/prometheus:v2.7.1": cmd2, "prom/prometheus:v3.5.0-busybox": cmd3} {
		check(t, img, fields{"Family": "prometheus", "Entrypoint": []string{"/bin/prometheus"}, "Cmd": cmd,
			"User": "nobody", "Workdir": "/prometheus", "ConfigKnown": true, "Distro": "busybox", "Shell": "/bin/sh",
			"PackageManager": "", "PackageManagerKnown": true})
	}
	for _, img := range []string{"prom/prometheus:v2.6.0", "prom/prometheus:v3.5.0-distroless"} {
		check(t, img, unknownRun)
	}

	for _, img := range []string{"localstack/localstack:4.12.0", "localstack/localstack:2.0.0", "localstack/localstack:4.14",
		"docker.io/localstack/localstack:4.14.0@sha256:3ebc37595918b8accb852f8048fef2aff047d465167edd655528065b07bc364a"} {
		check(t, img, fields{"Family": "localstack", "Entrypoint": []string{"docker-entrypoint.sh"}, "Cmd": none, "CmdKnown": true,
			"User": "", "Workdir": "/opt/code/localstack", "ConfigKnown": true, "Distro": "debian", "PackageManager": "apt"})
	}
	// Floating tags and releases after the repository was archived are
	// built elsewhere; 1.x had another layout.
	for _, img := range []string{"localstack/localstack", "localstack/localstack:latest", "localstack/localstack:4",
		"localstack/localstack:4.15.0", "localstack/localstack:1.4.0", "localstack/localstack:stable"} {
		check(t, img, unknownRun)
	}
}

func TestAppUnknownImages(t *testing.T) {
	checkUnknown(t, "minio/minio:edge", "grafana/grafana:9.1.7",
		"ghcr.io/acme/registry:3", "registry.example.com/prom/prometheus")
}
