package verify

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// An ENTRYPOINT that ignores its arguments cannot answer `id -un`: the user
// check is inconclusive (WARN, with the reason), not a FAIL, and the
// user-exec note about nss_wrapper appears only for an image that uses it
// (issue 18, item 12).
func TestUserCheckEntrypointIgnoresArguments(t *testing.T) {
	for _, tc := range []struct {
		name, env, idOutput string
		status, evidence    string
		nssNote             bool
	}{
		{name: "prints its own line", idOutput: `echo "name=default"; exit 0`, status: StatusWarn, evidence: `printed "name=default" instead of a name`},
		{name: "nss image", env: `"LD_PRELOAD=/usr/lib/libnss_wrapper.so"`, idOutput: `echo "name=default"; exit 0`, status: StatusWarn, nssNote: true},
		{name: "really no name", idOutput: `echo "id: cannot find name for user ID 4242" >&2; exit 1`, status: StatusFail, evidence: "has no name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			inspect := `[{"Id":"sha256:0123","Config":{"User":"","Env":[` + tc.env + `],"Entrypoint":["/srv/start"],"Cmd":null,"WorkingDir":"","Volumes":null,"ExposedPorts":null}}]`
			if err := os.WriteFile(filepath.Join(dir, "inspect.json"), []byte(inspect), 0o644); err != nil {
				t.Fatal(err)
			}
			// The container runs (run -d); `run --rm ... IMAGE id -un` goes
			// through the ENTRYPOINT, which answers as tc says;
			// `--entrypoint id` and docker exec find no name.
			script := `#!/bin/sh
case "$1" in
image) cat '` + filepath.Join(dir, "inspect.json") + `' ;;
run)
	[ "$2" = -d ] && { echo 0123abcd; exit 0; }
	case "$*" in *"--entrypoint id"*) echo "id: cannot find name for user ID 4242" >&2; exit 1 ;; esac
	case "$*" in *" id -un") ` + tc.idOutput + ` ;; esac
	exit 0 ;;
exec) echo "id: cannot find name for user ID 4242" >&2; exit 1 ;;
container) echo '{"Status":"running","Running":true,"ExitCode":0,"OOMKilled":false,"Error":""}' ;;
*) exit 0 ;;
esac
`
			bin := filepath.Join(dir, "docker")
			if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
				t.Fatal(err)
			}
			rep, err := Run(context.Background(), Options{Image: "app", UID: 4242, Docker: bin, Timeout: time.Minute})
			if err != nil {
				t.Fatal(err)
			}
			c, _ := rep.Check(CheckUser)
			if c.Status != tc.status || !strings.Contains(c.Evidence, tc.evidence) {
				t.Errorf("user: %+v, want %s with %q", c, tc.status, tc.evidence)
			}
			ex, _ := rep.Check(CheckUserExec)
			if has := strings.Contains(ex.Evidence, "nss_wrapper"); has != tc.nssNote {
				t.Errorf("user-exec: %+v (nss_wrapper note %v, want %v)", ex, has, tc.nssNote)
			}
		})
	}
}
