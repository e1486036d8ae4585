package transform

import (
	"path"

	"github.com/unroot/unroot/parser"
)

// Assessment is what a Dockerfile's target stage will do under an arbitrary
// UID, as far as the file tells: the measures of the corpus test (how many
// images end up with a writable HOME, a numeric USER, an init, a passwd
// entry), read from the file as unroot reads it.
type Assessment struct {
	HasShell    bool // the stage can run commands (RUN, or a base image with a shell)
	GoodHome    bool // ENV HOME names a directory of its own (not /, /tmp, a system directory)
	NumericUser bool // USER is a numeric, non-zero UID (or the base image's is)
	NamedUser   bool // USER is a name
	Init        bool // an init (tini, dumb-init...) runs as PID 1
	PasswdFix   bool // a UID without a passwd entry gets one at start-up
	KnownBase   bool // the base image's ENTRYPOINT and CMD are known
}

// Assess reads what the target stage of doc will do.
func Assess(doc *parser.Document, opts Options) (Assessment, error) {
	t, err := NewTarget(doc, opts)
	if err != nil {
		return Assessment{}, err
	}
	st := t.Stage
	a := Assessment{
		HasShell:    !stageWithoutShell(st),
		NumericUser: t.Kind == UserNumeric,
		NamedUser:   t.Kind == UserNamed,
	}
	if home, ok := st.Env.EnvValue("HOME"); ok {
		p := path.Clean(doc.Expand(home, st.Env))
		a.GoodHome = path.IsAbs(p) && p != "/" && (p == "/root" || !isSystemPath(p))
	}
	rc := stageRunConfig(doc, st, opts)
	a.KnownBase = rc.Entrypoint.Known && rc.Cmd.Known
	_, a.Init, _ = rc.runsInit()
	a.PasswdFix = passwdHandled(st, rc)
	return a, nil
}
