package transform

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"
	"mvdan.cc/sh/v3/syntax"
)

var passwdOptionSets = map[string]Options{
	"nss-wrapper":          {},
	"nss-wrapper no umask": {NoUmask: true},
	"writable":             {Passwd: PasswdWritable},
	"writable no umask":    {Passwd: PasswdWritable, NoUmask: true},
}

func needSh(t *testing.T) string {
	t.Helper()
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	return sh
}

func TestScriptLinesArePOSIXAndPrintable(t *testing.T) {
	for name, opts := range passwdOptionSets {
		lines := scriptLines(opts)
		for _, l := range lines {
			// Each line is one single-quoted printf argument on a
			// continued Dockerfile line.
			if strings.ContainsAny(l, "'`\r\n") || strings.HasSuffix(l, `\`) {
				t.Errorf("%s: line cannot be written with printf '%%s\\n' '...': %q", name, l)
			}
		}
		script := strings.Join(lines, "\n") + "\n"
		if _, err := syntax.NewParser(syntax.Variant(syntax.LangPOSIX)).Parse(strings.NewReader(script), ""); err != nil {
			t.Errorf("%s: not POSIX sh: %v", name, err)
		}
		if got := strings.Contains(script, "umask 0002"); got == opts.NoUmask {
			t.Errorf("%s: umask line present=%v", name, got)
		}
		if lines[0] != "#!/bin/sh" || lines[len(lines)-1] != `exec "$@"` {
			t.Errorf("%s: script must start with #!/bin/sh and end with exec: %q", name, lines)
		}
	}
}

// The RUN that writes the script, as the builder reads it from the
// Dockerfile (LF and backslash, CRLF and backtick), must write exactly the
// script, mode 0755.
func TestScriptHeredocCopy(t *testing.T) {
	for _, src := range []string{
		"# syntax=docker/dockerfile:1\nFROM debian:bookworm\nCMD [\"/app\"]\n",
		"FROM debian:bookworm\nRUN <<EOF\necho a > /a\nEOF\nCMD [\"/app\"]\n",
	} {
		for oname, opts := range passwdOptionSets {
			opts.Only = []string{"UR005"}
			_, out := runRules(t, src, opts)
			res, err := bkparser.Parse(bytes.NewReader([]byte(out)))
			if err != nil {
				t.Fatalf("%s: output does not parse: %v\n%s", oname, err, out)
			}
			found := false
			for _, n := range res.AST.Children {
				if !strings.EqualFold(n.Value, "copy") || len(n.Heredocs) != 1 {
					continue
				}
				found = true
				if !slices.Contains(n.Flags, "--chmod=0755") {
					t.Errorf("%s: COPY flags %v, want --chmod=0755", oname, n.Flags)
				}
				content := strings.ReplaceAll(n.Heredocs[0].Content, "\r\n", "\n")
				if want := strings.Join(scriptLines(opts), "\n") + "\n"; content != want {
					t.Errorf("%s: script:\n%s\nwant:\n%s", oname, content, want)
				}
			}
			if !found {
				t.Errorf("%s: no COPY of a here-document in:\n%s", oname, out)
			}
		}
	}
	// --script printf keeps the RUN in a BuildKit file; --script heredoc
	// writes the COPY in any file.
	_, out := runRules(t, "# syntax=docker/dockerfile:1\nFROM debian:bookworm\nCMD [\"/app\"]\n", Options{Only: []string{"UR005"}, Script: ScriptPrintf})
	if strings.Contains(out, "COPY --chmod") || !strings.Contains(out, "printf '%s") {
		t.Errorf("--script printf:\n%s", out)
	}
	_, out = runRules(t, "# syntax=docker/dockerfile:1\r\nFROM debian:bookworm\r\nCMD [\"/app\"]\r\n", Options{Only: []string{"UR005"}, Script: ScriptHeredoc})
	if strings.Contains(out, "COPY --chmod") {
		t.Errorf("a CRLF file gets a heredoc script (its lines would end in CR):\n%s", out)
	}
	_, out = runRules(t, "FROM debian:bookworm\nCMD [\"/app\"]\n", Options{Only: []string{"UR005"}, Script: ScriptHeredoc})
	if !strings.Contains(out, "COPY --chmod=0755 <<'EOF' /usr/local/bin/unroot-entrypoint") {
		t.Errorf("--script heredoc:\n%s", out)
	}
}

func TestScriptRunWritesTheScript(t *testing.T) {
	sh := needSh(t)
	heads := map[string]string{
		"LF":             "FROM debian:bookworm\nCMD [\"/app\"]\n",
		"CRLF backtick":  "# escape=`\r\nFROM debian:bookworm\r\nCMD [\"/app\"]\r\n",
		"no final EOL":   "FROM debian:bookworm\nCMD [\"/app\"]",
		"lowercase file": "from debian:bookworm\ncmd [\"/app\"]\n",
		"appended":       "FROM debian:bookworm\nRUN echo a > /a \\\n && echo b > /b\nCMD [\"/app\"]\n",
		"appended CRLF":  "# escape=`\r\nFROM debian:bookworm\r\nRUN echo a > /a && `\r\n    echo b > /b\r\nCMD [\"/app\"]\r\n",
		"heredoc":        "FROM debian:bookworm\nRUN <<EOF\necho a > /a\nEOF\nCMD [\"/app\"]\n",
	}
	for hname, src := range heads {
		for oname, opts := range passwdOptionSets {
			t.Run(hname+"/"+oname, func(t *testing.T) {
				opts.Only = []string{"UR005"}
				opts.Script = ScriptPrintf // the heredoc form has a test of its own
				_, out := runRules(t, src, opts)
				res, err := bkparser.Parse(bytes.NewReader([]byte(out)))
				if err != nil {
					t.Fatalf("output does not parse: %v\n%s", err, out)
				}
				var cmd string
				for _, n := range res.AST.Children {
					if !strings.EqualFold(n.Value, "run") || n.Next == nil {
						continue
					}
					text := n.Next.Value
					if len(n.Heredocs) > 0 {
						text = n.Heredocs[0].Content
					}
					if strings.Contains(text, entrypointScript) {
						cmd = text
					}
				}
				if cmd == "" {
					t.Fatalf("no RUN writes the script:\n%s", out)
				}
				dir := t.TempDir()
				target, passwd := filepath.Join(dir, "unroot-entrypoint"), filepath.Join(dir, "passwd")
				if err := os.WriteFile(passwd, []byte("root:x:0:0:root:/root:/bin/sh\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				// Leave out the package install that shares the RUN.
				cmd = cmd[strings.Index(cmd, `printf '%s\n'`):]
				cmd = strings.ReplaceAll(cmd, ">"+entrypointScript, ">"+target)
				cmd = strings.ReplaceAll(cmd, "chmod 0755 "+entrypointScript, "chmod 0755 "+target)
				cmd = strings.ReplaceAll(cmd, "chmod g=u /etc/passwd", "chmod g=u "+passwd)
				if strings.Contains(cmd, entrypointScript+" ") || strings.Contains(cmd, "g=u /etc") {
					t.Fatalf("system paths left in the command: %s", cmd)
				}
				if msg, err := exec.Command(sh, "-c", cmd).CombinedOutput(); err != nil {
					t.Fatalf("RUN fails: %v\n%s\n%s", err, msg, cmd)
				}
				got, err := os.ReadFile(target)
				if err != nil {
					t.Fatal(err)
				}
				if want := strings.Join(scriptLines(opts), "\n") + "\n"; string(got) != want {
					t.Errorf("script written:\n%s\nwant:\n%s", got, want)
				}
				fi, _ := os.Stat(target)
				if fi.Mode().Perm() != 0o755 {
					t.Errorf("mode %v, want 0755", fi.Mode().Perm())
				}
				pi, _ := os.Stat(passwd)
				if wantMode := os.FileMode(0o644); opts.Passwd == PasswdWritable {
					if pi.Mode().Perm() != 0o664 {
						t.Errorf("passwd mode %v, want 0664 (g=u)", pi.Mode().Perm())
					}
				} else if pi.Mode().Perm() != wantMode {
					t.Errorf("passwd mode changed to %v", pi.Mode().Perm())
				}
			})
		}
	}
}

// scriptSandbox writes the script with its system paths moved into dir and
// a fake `id` that knows no name for UID 123456.
func scriptSandbox(t *testing.T, opts Options, idKnowsName bool) (dir, script string, env []string) {
	t.Helper()
	dir = t.TempDir()
	for _, d := range []string{"bin", "lib", "tmp", "etc"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	lib := filepath.Join(dir, "lib", "libnss_wrapper.so")
	files := map[string]string{
		"etc/passwd":            "root:x:0:0:root:/root:/bin/sh\n",
		"etc/group":             "root:x:0:\n",
		"lib/libnss_wrapper.so": "",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	un := "exit 1"
	if idKnowsName {
		un = "echo app"
	}
	fakeID := "#!/bin/sh\ncase \"$1\" in -un) " + un + ";; -u) echo 123456;; -g) echo 4242;; esac\n"
	if err := os.WriteFile(filepath.Join(dir, "bin", "id"), []byte(fakeID), 0o755); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(scriptLines(opts), "\n") + "\n"
	text = strings.Replace(text, "/usr/lib64/libnss_wrapper.so", lib, 1)
	text = strings.ReplaceAll(text, "/etc/passwd", filepath.Join(dir, "etc", "passwd"))
	text = strings.ReplaceAll(text, "/etc/group", filepath.Join(dir, "etc", "group"))
	script = filepath.Join(dir, "bin", "unroot-entrypoint")
	if err := os.WriteFile(script, []byte(text), 0o755); err != nil {
		t.Fatal(err)
	}
	env = []string{"PATH=" + filepath.Join(dir, "bin") + ":" + os.Getenv("PATH"), "TMPDIR=" + filepath.Join(dir, "tmp"), "HOME=/home/app"}
	return dir, script, env
}

const printEnv = `printf '%s|' "$LD_PRELOAD" "$NSS_WRAPPER_PASSWD" "$NSS_WRAPPER_GROUP" "$(umask)" "$@"`

func TestNSSWrapperScriptGivesAName(t *testing.T) {
	sh := needSh(t)
	dir, script, env := scriptSandbox(t, Options{}, false)
	cmd := exec.Command(sh, script, sh, "-c", printEnv, "argv0", "two words", "x")
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Split(string(out), "|")
	if len(f) < 6 {
		t.Fatalf("output %q", out)
	}
	if f[0] != filepath.Join(dir, "lib", "libnss_wrapper.so") {
		t.Errorf("LD_PRELOAD=%q", f[0])
	}
	if !strings.HasPrefix(f[1], filepath.Join(dir, "tmp", "unroot.")) || !strings.HasPrefix(f[2], filepath.Join(dir, "tmp", "unroot.")) {
		t.Errorf("NSS_WRAPPER_PASSWD=%q NSS_WRAPPER_GROUP=%q: not in TMPDIR", f[1], f[2])
	}
	if f[3] != "0002" {
		t.Errorf("umask %q", f[3])
	}
	if f[4] != "two words" || f[5] != "x" {
		t.Errorf("arguments not passed on: %q", f[4:])
	}
	passwd, _ := os.ReadFile(f[1])
	if want := "root:x:0:0:root:/root:/bin/sh\ndefault:x:123456:4242:default user:/home/app:/bin/sh\n"; string(passwd) != want {
		t.Errorf("passwd file:\n%s", passwd)
	}
	group, _ := os.ReadFile(f[2])
	if want := "root:x:0:\ndefault:x:4242:\n"; string(group) != want {
		t.Errorf("group file:\n%s", group)
	}
	if sys, _ := os.ReadFile(filepath.Join(dir, "etc", "passwd")); string(sys) != "root:x:0:0:root:/root:/bin/sh\n" {
		t.Errorf("the system passwd file changed: %q", sys)
	}
}

func TestNSSWrapperScriptLeavesKnownUsers(t *testing.T) {
	sh := needSh(t)
	dir, script, env := scriptSandbox(t, Options{NoUmask: true}, true)
	cmd := exec.Command(sh, script, sh, "-c", printEnv, "argv0", "a")
	cmd.Env = append(env, "LD_PRELOAD=")
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	if got := string(out); !strings.HasPrefix(got, "|||") || !strings.HasSuffix(got, "|a|") {
		t.Errorf("a user with a name got %q", got)
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "tmp")); len(entries) != 0 {
		t.Errorf("temp files for a known user: %v", entries)
	}
}

func TestNSSWrapperScriptWithoutLibraryStillRuns(t *testing.T) {
	sh := needSh(t)
	dir, script, env := scriptSandbox(t, Options{}, false)
	os.Remove(filepath.Join(dir, "lib", "libnss_wrapper.so"))
	cmd := exec.Command(sh, script, "echo", "ran")
	cmd.Env = env
	if out, err := cmd.Output(); err != nil || string(out) != "ran\n" {
		t.Errorf("got %q, %v", out, err)
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "tmp")); len(entries) != 0 {
		t.Errorf("temp files without the library: %v", entries)
	}
}

func TestWritableScriptAppends(t *testing.T) {
	sh := needSh(t)
	dir, script, env := scriptSandbox(t, Options{Passwd: PasswdWritable}, false)
	cmd := exec.Command(sh, script, sh, "-c", printEnv, "argv0", "a")
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	if got := string(out); got != "|||0002|a|" {
		t.Errorf("got %q", got)
	}
	passwd, _ := os.ReadFile(filepath.Join(dir, "etc", "passwd"))
	if want := "root:x:0:0:root:/root:/bin/sh\ndefault:x:123456:4242:default user:/home/app:/bin/sh\n"; string(passwd) != want {
		t.Errorf("passwd:\n%s", passwd)
	}
}

func TestPasswdHandled(t *testing.T) {
	cases := map[string]bool{
		"FROM debian\nCMD [\"/app\"]\n": false,
		// A writable /etc/passwd or nss_wrapper counts only when the image
		// starts through a script of its own that can add the entry.
		"FROM debian\nRUN chmod g=u /etc/passwd\n":                                                                         false,
		"FROM debian\nRUN chmod g=u /etc/passwd\nENTRYPOINT [\"tini\", \"--\"]\nCMD [\"/app\"]\n":                          false,
		"FROM debian\nRUN chmod g=u /etc/passwd\nCOPY uid.sh /\nENTRYPOINT [\"tini\", \"--\", \"/uid.sh\"]\n":              true,
		"FROM debian\nRUN chmod 664 /etc/passwd\nENTRYPOINT [\"/docker-entrypoint\"]\n":                                    true,
		"FROM debian\nRUN chmod g+rw /etc/group /etc/passwd\nCMD [\"start-app\"]\n":                                        true,
		"FROM debian\nRUN chmod g=u /etc/passwd\nCMD echo \"app:x:$(id -u):0::/app:/bin/sh\" >> /etc/passwd && exec app\n": true,
		"FROM debian\nRUN chmod 644 /etc/passwd\nENTRYPOINT [\"/entrypoint.sh\"]\n":                                        false,
		"FROM debian\nRUN chmod u+w /etc/passwd\n":                                                                         false,
		"FROM debian\nRUN chmod g=u /etc/shadow\n":                                                                         false,
		"FROM debian\nENV NSS_WRAPPER_PASSWD=/tmp/passwd\n":                                                                true,
		"FROM debian\nENV LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libnss_wrapper.so\n":                                        true,
		"FROM debian\nENV LD_PRELOAD=/usr/lib/libjemalloc.so\n":                                                            false,
		"FROM debian\nRUN apt-get install -y libnss-wrapper\n":                                                             false,
		"FROM debian\nRUN apt-get install -y libnss-wrapper\nENTRYPOINT [\"/entrypoint.sh\"]\n":                            true,
		"FROM alpine\nRUN apk add nss_wrapper\n":                                                                           false,
		"FROM debian AS b\nRUN chmod g=u /etc/passwd\nFROM b\nCMD [\"x\"]\n":                                               false,
		"FROM debian AS b\nRUN chmod g=u /etc/passwd\nFROM b\nCMD [\"/run.sh\"]\n":                                         true,
		"FROM debian AS b\nRUN chmod g=u /etc/passwd\nFROM debian\nCMD [\"x\"]\n":                                          false,
		"FROM myorg/base\nRUN chmod g=u /etc/passwd\n":                                                                     true, // its ENTRYPOINT is not known
		"FROM debian\nENTRYPOINT [\"tini\", \"--\", \"/usr/local/bin/unroot-entrypoint\"]\n":                               true,
		"FROM debian\nCMD [\"/bin/sh\", \"-c\", \"exec /usr/local/bin/unroot-entrypoint app\"]\n":                          true,
	}
	for src, want := range cases {
		doc := epParse(t, src)
		st := doc.FinalStage()
		if got := passwdHandled(st, stageRunConfig(doc, st, Options{})); got != want {
			t.Errorf("passwdHandled = %v for\n%s", got, src)
		}
	}
}

func TestPasswdOptions(t *testing.T) {
	src := "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\nCMD [\"/app\"]\n"
	res, out := runRules(t, src, Options{Only: []string{"UR004", "UR005"}, Passwd: PasswdNone})
	if len(findingsOf(res, "UR005")) != 0 || strings.Contains(out, "unroot-entrypoint") || strings.Contains(out, "libnss-wrapper") {
		t.Errorf("--passwd=none:\n%s", out)
	}
	res, out = runRules(t, src, Options{Only: []string{"UR005"}, Passwd: PasswdWritable})
	if strings.Contains(out, "nss-wrapper") || !strings.Contains(out, "chmod g=u /etc/passwd") || len(findingsOf(res, "UR005")) != 1 {
		t.Errorf("--passwd=writable:\n%s", out)
	}
	_, out = runRules(t, src, Options{Only: []string{"UR005"}, NoUmask: true})
	if strings.Contains(out, "umask") {
		t.Errorf("--no-umask:\n%s", out)
	}
	_, out = runRules(t, src, Options{Only: []string{"UR005"}})
	if !strings.Contains(out, "apt-get install -y curl libnss-wrapper && \\\n    printf") || !strings.Contains(out, `ENTRYPOINT ["/usr/local/bin/unroot-entrypoint"]`) {
		t.Errorf("default:\n%s", out)
	}
}
