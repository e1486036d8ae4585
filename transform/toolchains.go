package transform

import (
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/unroot/unroot/parser"
)

// toolchainName matches the directory names of toolchains, language
// environments and executables: what the app runs but must not be able to
// change. Opened to group 0, the app (or anything that breaks into it) could
// replace `java` or `python` on its own PATH.
var toolchainName = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(jdk|jre|openjdk|graalvm|java|go|goroot|go-bootstrap|golang|tinygo|conda|miniconda|anaconda|miniforge|mambaforge|venv|\.venv|virtualenv|virtualenvs|node_modules|gradle|maven|android-sdk|sdk|flutter|dotnet|ms-playwright|playwright-browsers|cargo|rustup|pyenv|rbenv|nvm|npm-global|\.npm-global|bin|sbin|lib|lib64|libexec|include)([-_.]?[0-9][0-9a-z._-]*)?$`)
})

// readOnlyName matches directories the app reads but does not write:
// licences, init scripts another entrypoint runs, keys and certificates.
var readOnlyName = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(licenses|licences|docker-entrypoint-initdb\.d|docker-entrypoint\.d|certs|tls|ssl|secrets|keys|keyring)$`)
})

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
		if toolchainName().MatchString(lower) || readOnlyName().MatchString(lower) {
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
