package transform

import (
	"regexp"
	"testing"
)

// isToolchainDir is the word list of toolchainNames with an optional
// version, as this pattern says it (the form the names had before).
func TestIsToolchainDirMatchesItsPattern(t *testing.T) {
	alt := ""
	for n := range toolchainNames {
		if alt != "" {
			alt += "|"
		}
		alt += regexp.QuoteMeta(n)
	}
	re := regexp.MustCompile(`^(` + alt + `)([-_.]?[0-9][0-9a-z._-]*)?$`)
	for _, name := range []string{
		"jdk", "jdk-17", "jdk17.0.2", "go1.22", "go", "golang", "gopher", "python3", "venv", ".venv", ".venv3",
		"bin", "binaries", "lib64", "lib-2", "lib_x", "node_modules", "node", "sdk-", "sdk-1a", "go-bootstrap1.4",
		"gradle-8.5", "gradle8", "gradlew", "conda3", "miniconda3", "lib.", "lib.9", "lib9-", "data", "",
	} {
		if got, want := isToolchainDir(name), re.MatchString(name); got != want {
			t.Errorf("isToolchainDir(%q) = %v, the pattern says %v", name, got, want)
		}
	}
}

// isDataDirVar says what the pattern in its comment says.
func TestIsDataDirVarMatchesItsPattern(t *testing.T) {
	re := regexp.MustCompile(`^(XDG_(CACHE|CONFIG|DATA|STATE|RUNTIME)_(HOME|DIR)|[A-Z0-9_]*_(DATA|LOG|LOGS|CACHE|STATE|UPLOAD|UPLOADS|STORAGE|WORK|TMP|TEMP)_?DIR)$`)
	for _, name := range []string{
		"XDG_CACHE_HOME", "XDG_RUNTIME_DIR", "XDG_FOO_DIR", "APP_DATA_DIR", "APP_DATADIR", "APP_DATA__DIR", "DATA_DIR",
		"_DATA_DIR", "_DATADIR", "APP_LOGS_DIR", "APP_LOG_DIRS", "app_data_dir", "APP-DATA_DIR", "A1_TMP_DIR", "APP_TMPDIR",
		"APP_TEMP_DIR_", "APP_STORAGEDIR", "MY_UPLOAD_DIR", "HOME", "", "DIR", "_DIR", "X_WORK_DIR", "X_XWORK_DIR",
	} {
		if got, want := isDataDirVar(name), re.MatchString(name); got != want {
			t.Errorf("isDataDirVar(%q) = %v, the pattern says %v", name, got, want)
		}
	}
}
