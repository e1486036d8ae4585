package verify

import (
	"context"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// What, in an image that starts under the plain profile but not under the
// restricted one, needs a capability or privilege escalation: file
// capabilities and setuid/setgid bits on the programs its command runs.

// maxCommandWords bounds how many programs of the command are looked at.
const maxCommandWords = 12

// commandWordRE is a word that can name a program. Like verify's other
// patterns it is compiled on first use: every unroot run loads this package,
// few verify an image.
var commandWordRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9_./+-]+$`) })

// commandWords returns the words of ENTRYPOINT + CMD that may name a
// program: each exec-form argument, and the words of a shell script
// argument (sh -c '...'), without options, assignments and duplicates.
func commandWords(argv []string) []string {
	var out []string
	for _, a := range argv {
		words := []string{a}
		if strings.ContainsAny(a, " \t\n;&|()") {
			words = strings.FieldsFunc(a, func(r rune) bool { return strings.ContainsRune(" \t\n;&|()`", r) })
		}
		for _, w := range words {
			if w == "" || strings.HasPrefix(w, "-") || !commandWordRE().MatchString(w) || slices.Contains(out, w) {
				continue
			}
			out = append(out, w)
			if len(out) == maxCommandWords {
				return out
			}
		}
	}
	return out
}

// resolveScript prints the absolute, symlink-free path of each argument
// that names a program, and what getcap says about it when the image has
// getcap.
const resolveScript = `for c do
  p=$(command -v "$c" 2>/dev/null) || continue
  case $p in /*) ;; *) continue ;; esac
  r=$(readlink -f "$p" 2>/dev/null) || r=$p
  echo "path $r"
  if command -v getcap >/dev/null 2>&1; then getcap "$r" 2>/dev/null | sed 's/^/getcap /'; fi
done`

// programPaths resolves words in the image (as the plain profile runs
// it); without a shell only absolute words are kept. getcap maps a path
// to what the image's getcap printed for it.
func (v *verifier) programPaths(ctx context.Context, words []string) (paths []string, getcap map[string]string) {
	getcap = map[string]string{}
	r := v.runOnceAs(ctx, ProfilePlain, cmdTimeout, []string{"--entrypoint", "sh"}, append([]string{"-c", resolveScript, "sh"}, words...)...)
	if !r.OK() {
		for _, w := range words {
			if path.IsAbs(w) && !slices.Contains(paths, w) {
				paths = append(paths, w)
			}
		}
		return paths, getcap
	}
	for _, l := range strings.Split(r.Stdout, "\n") {
		kind, rest, _ := strings.Cut(strings.TrimSpace(l), " ")
		switch kind {
		case "path":
			if !slices.Contains(paths, rest) {
				paths = append(paths, rest)
			}
		case "getcap":
			// "/usr/bin/srv cap_net_bind_service=ep" (libcap 2.4x and later)
			// or "/usr/bin/srv = cap_net_bind_service+ep" (older).
			p, caps, ok := strings.Cut(rest, " ")
			if ok {
				getcap[p] = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(caps), "= "))
			}
		}
	}
	return paths, getcap
}

// archivedFile copies path out of a created (never started) container and
// reads its mode and file capabilities from the tar header.
func (v *verifier) archivedFile(ctx context.Context, container, p string) (fileInArchive, error) {
	r := v.d.run(ctx, cmdTimeout, "cp", container+":"+p, "-")
	if !r.OK() {
		return fileInArchive{}, fmt.Errorf("docker cp %s: %s", p, r.Describe())
	}
	return readArchivedFile(strings.NewReader(r.Stdout))
}

// privilegeCauses returns, in words, what in the image's command needs a
// capability or privilege escalation; nil when nothing was found.
func (v *verifier) privilegeCauses(ctx context.Context) []string {
	argv := append(slices.Clone(v.cfg.Entrypoint), v.cfg.Cmd...)
	if len(v.o.Command) > 0 {
		argv = append(slices.Clone(v.cfg.Entrypoint), v.o.Command...)
	}
	words := commandWords(argv)
	if len(words) == 0 {
		return nil
	}
	paths, getcap := v.programPaths(ctx, words)
	if len(paths) == 0 {
		return nil
	}
	container := v.name + "-files"
	v.track(container)
	created := v.d.run(ctx, cmdTimeout, "create", "--name", container, "--entrypoint", "/unroot-never-started", v.o.Image).OK()
	var causes []string
	for _, p := range paths {
		caps := getcap[p]
		var f fileInArchive
		if created {
			var err error
			if f, err = v.archivedFile(ctx, container, p); err != nil {
				v.notef("%v", err)
			}
		}
		if caps == "" && f.Caps != nil {
			caps = f.Caps.String()
		}
		if caps != "" {
			causes = append(causes, fmt.Sprintf("%s has the file capability %s, which --cap-drop ALL and no-new-privileges do not grant (the exec is refused or the program runs without it)", p, caps))
		}
		if f.Setuid || f.Setgid {
			causes = append(causes, fmt.Sprintf("%s is set-user/group-ID, which no-new-privileges ignores (it runs as the caller)", p))
		}
	}
	return causes
}

// explainRestricted is appended to the evidence of a check that failed
// under the restricted profile when a plain run of the same image starts.
func (v *verifier) explainRestricted(ctx context.Context) string {
	name := v.name + "-plain"
	st, _ := v.startContainer(ctx, name, ProfilePlain)
	v.d.run(ctx, cmdTimeout, "rm", "-f", "-v", name)
	if st == stateFailed {
		return ""
	}
	causes := v.privilegeCauses(ctx)
	if len(causes) == 0 {
		return "; it starts under --profile plain, so a dropped capability or no-new-privileges breaks it (no file capability or setuid program found in its command)"
	}
	return "; it starts under --profile plain: " + strings.Join(causes, "; ")
}
