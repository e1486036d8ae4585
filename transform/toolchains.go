package transform

import (
	"path"
	"strings"

	"github.com/unroot/unroot/parser"
)

// toolchainNames are the directory names of toolchains, language
// environments and executables: what the app runs but must not be able to
// change. Opened to group 0, the app (or anything that breaks into it) could
// replace `java` or `python` on its own PATH. A name may carry a version
// (jdk-17, go1.22, python3.12: see isToolchainDir).
var toolchainNames = setOf("jdk", "jre", "openjdk", "graalvm", "java", "go", "goroot", "go-bootstrap", "golang", "tinygo",
	"conda", "miniconda", "anaconda", "miniforge", "mambaforge", "venv", ".venv", "virtualenv", "virtualenvs", "node_modules",
	"gradle", "maven", "android-sdk", "sdk", "flutter", "dotnet", "ms-playwright", "playwright-browsers", "cargo", "rustup",
	"pyenv", "rbenv", "nvm", "npm-global", ".npm-global", "bin", "sbin", "lib", "lib64", "libexec", "include")

// readOnlyNames are directories the app reads but does not write:
// licences, init scripts another entrypoint runs, keys and certificates.
var readOnlyNames = setOf("licenses", "licences", "docker-entrypoint-initdb.d", "docker-entrypoint.d", "certs", "tls", "ssl",
	"secrets", "keys", "keyring")

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// isToolchainDir reports whether a lower-case directory name is a
// toolchain's: one of toolchainNames, alone or followed by a version (an
// optional '-', '_' or '.', a digit, then digits, lower-case letters, '.',
// '_' or '-'). Word lists and a loop, not a regular expression: compiling
// the equivalent alternation was a fortieth of a one-file run.
func isToolchainDir(name string) bool {
	if toolchainNames[name] {
		return true
	}
	for i := 1; i < len(name); i++ {
		if toolchainNames[name[:i]] && isToolchainVersion(name[i:]) {
			return true
		}
	}
	return false
}

func isToolchainVersion(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '_' || s[0] == '.') {
		s = s[1:]
	}
	if s == "" || s[0] < '0' || s[0] > '9' {
		return false
	}
	for _, c := range []byte(s) {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// toolchainEnv are variables whose value is a toolchain's root.
var toolchainEnv = []string{
	"JAVA_HOME", "JRE_HOME", "GOROOT", "GOROOT_BOOTSTRAP", "CONDA_DIR", "CONDA_PREFIX", "VIRTUAL_ENV",
	"PLAYWRIGHT_BROWSERS_PATH", "GRADLE_HOME", "MAVEN_HOME", "M2_HOME", "ANDROID_HOME", "ANDROID_SDK_ROOT",
	"PYENV_ROOT", "RBENV_ROOT", "NVM_DIR", "SDKMAN_DIR", "RUSTUP_HOME", "CARGO_HOME", "DOTNET_ROOT", "FLUTTER_HOME",
	"MAMBA_ROOT_PREFIX", "NPM_CONFIG_PREFIX",
}

// notAppData reports whether p is, or is inside, a toolchain or a directory
// the app only reads, by its name or because the stage's ENV names it
// (JAVA_HOME=/opt/jdk): a mkdir or COPY there is an install, not the app's
// data, and is not opened to group 0.
func notAppData(p string, env *parser.Env) bool {
	// Only the components below the longest system directory count:
	// /var/lib/app is an app's, /opt/jdk is not.
	parts := strings.Split(strings.Trim(p, "/"), "/")
	start := 0
	for i := range parts {
		if systemDirs["/"+strings.Join(parts[:i+1], "/")] {
			start = i + 1
		}
	}
	if start == 1 && parts[0] == "home" {
		start = 2 // /home/gradle/src: gradle is a user's name
	}
	for _, part := range parts[min(start, len(parts)):] {
		lower := strings.ToLower(part)
		if isToolchainDir(lower) || readOnlyNames[lower] {
			return true
		}
	}
	for _, k := range toolchainEnv {
		if v, ok := env.EnvValue(k); ok && path.IsAbs(v) && pathWithin(p, path.Clean(v)) {
			return true
		}
	}
	return false
}
