package parser

import (
	"maps"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/shell"
	"github.com/unroot/unroot/baseusers"
)

// Env is the set of build variables in force at one instruction: ARG values
// (defaults, since build arguments are not known) and ENV values. ENV wins over
// an ARG of the same name, as in Docker. An Env is never changed once built:
// instructions that change it make a new one, so every instruction can keep a
// pointer to its own.
type Env struct {
	args map[string]string
	envs map[string]string
}

// Get implements shell.EnvGetter.
func (e *Env) Get(name string) (string, bool) {
	if e == nil {
		return "", false
	}
	if v, ok := e.envs[name]; ok {
		return v, true
	}
	v, ok := e.args[name]
	return v, ok
}

// Keys implements shell.EnvGetter.
func (e *Env) Keys() []string {
	if e == nil {
		return nil
	}
	keys := slices.Collect(maps.Keys(e.envs))
	for k := range e.args {
		if _, ok := e.envs[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// IsEnv reports whether name is set by ENV (and so is present at run time).
func (e *Env) IsEnv(name string) bool {
	if e == nil {
		return false
	}
	_, ok := e.envs[name]
	return ok
}

// ArgValue returns the value of name as a build argument (ARG), when no ENV
// of the same name hides it: a --build-arg then changes what name expands to.
func (e *Env) ArgValue(name string) (string, bool) {
	if e == nil || e.IsEnv(name) {
		return "", false
	}
	v, ok := e.args[name]
	return v, ok
}

// EnvValue returns the value name has through ENV only.
func (e *Env) EnvValue(name string) (string, bool) {
	if e == nil {
		return "", false
	}
	v, ok := e.envs[name]
	return v, ok
}

func (e *Env) withArgs(kv map[string]string) *Env {
	n := &Env{envs: e.envMap(), args: maps.Clone(e.argMap())}
	if n.args == nil {
		n.args = map[string]string{}
	}
	maps.Copy(n.args, kv)
	return n
}

func (e *Env) withEnvs(kv map[string]string) *Env {
	n := &Env{args: e.argMap(), envs: maps.Clone(e.envMap())}
	if n.envs == nil {
		n.envs = map[string]string{}
	}
	maps.Copy(n.envs, kv)
	return n
}

func (e *Env) argMap() map[string]string {
	if e == nil {
		return nil
	}
	return e.args
}

func (e *Env) envMap() map[string]string {
	if e == nil {
		return nil
	}
	return e.envs
}

// onlyEnv returns the ENV part: what a child stage inherits.
func (e *Env) onlyEnv() *Env {
	return &Env{envs: e.envMap()}
}

// Expand expands variables in word the way BuildKit does for instructions
// such as USER, WORKDIR and COPY. Unknown variables expand to "".
func (d *Document) Expand(word string, env *Env) string {
	if d.literal(word) {
		return word
	}
	lex := shell.NewLex(d.Escape)
	var getter shell.EnvGetter = env
	if env == nil {
		getter = &Env{}
	}
	res, _, err := lex.ProcessWord(word, getter)
	if err != nil {
		return word
	}
	return res
}

// literal reports whether word has nothing BuildKit's lexer would change: no
// variable, quote or escape token. Most words are such, and the lexer costs
// an allocation or more per call.
func (d *Document) literal(word string) bool {
	return !strings.ContainsAny(word, "$'\"") && !strings.ContainsRune(word, d.Escape)
}

// ExpandKnown expands word and reports whether every variable it uses is known.
func (d *Document) ExpandKnown(word string, env *Env) (string, bool) {
	if d.literal(word) {
		return word, true
	}
	lex := shell.NewLex(d.Escape)
	var getter shell.EnvGetter = env
	if env == nil {
		getter = &Env{}
	}
	res, unmatched, err := lex.ProcessWord(word, getter)
	if err != nil {
		return word, false
	}
	return res, len(unmatched) == 0
}

// linuxPlatform are the automatic platform arguments whose value a Linux
// image's build fixes, whatever the architecture.
var linuxPlatform = map[string]string{"TARGETOS": "linux", "BUILDOS": "linux"}

// stageNamed returns the stage before index whose name is base (the last one
// when several share it, as BuildKit refuses), or nil.
func (d *Document) stageNamed(base string, index int) *Stage {
	var found *Stage
	for _, p := range d.Stages[:index] {
		if p.Name != "" && p.Name == strings.ToLower(base) {
			found = p
		}
	}
	return found
}

// resolveVariables computes the Env before every instruction, with BuildKit's
// scoping: global ARGs (before the first FROM) are visible in a stage only
// after an `ARG NAME` there; ENV is inherited through `FROM <stage>`, ARG is
// not; all assignments of one ENV or ARG instruction expand against the
// environment before it.
func (d *Document) resolveVariables() {
	globals := &Env{}
	for _, ins := range d.Globals {
		ins.Env = globals
		if ins.Keyword == "arg" {
			globals = globals.withArgs(d.assignments(ins, globals, nil))
		}
	}
	for _, s := range d.Stages {
		s.From.Env = globals
		s.BaseRaw = firstNonFlag(s.From.Args)
		s.Base = d.Expand(s.BaseRaw, globals)
		if s.Parent == nil {
			s.Parent = d.stageNamed(s.Base, s.Index)
			if s.Parent == nil && strings.Contains(s.BaseRaw, "OS") {
				// `FROM binaries-$TARGETOS` picks one of the file's
				// stages by platform. BuildKit gives FROM the target
				// platform's OS without an ARG, and unroot's images
				// run on Linux (Windows ones are skipped): the stage
				// is the linux one. The architecture is left alone,
				// since per-architecture stages may differ.
				if p := d.stageNamed(d.Expand(s.BaseRaw, globals.withArgs(linuxPlatform)), s.Index); p != nil {
					s.Parent, s.Base = p, p.Name
				}
			}
		}
		if p, ok := s.From.Flag("platform"); ok {
			s.Platform = d.Expand(p, globals)
		}
		env := &Env{}
		if s.Parent != nil && s.Parent.Env != nil {
			env = s.Parent.Env.onlyEnv()
		} else if base := baseusers.ImageEnv(s.Base); base != nil {
			// What a known base image sets (USER ${NB_UID}).
			env = env.withEnvs(base)
		}
		for _, ins := range s.Instructions {
			ins.Env = env
			switch ins.Keyword {
			case "arg":
				env = env.withArgs(d.assignments(ins, env, globals))
			case "env":
				env = env.withEnvs(d.assignments(ins, env, nil))
			}
		}
		s.Env = env
	}
}

// assignments evaluates the pairs of one ARG or ENV against env. A bare
// `ARG NAME` in a stage takes the global default.
func (d *Document) assignments(ins *Instruction, env, globals *Env) map[string]string {
	kv := make(map[string]string, len(ins.Pairs))
	for _, p := range ins.Pairs {
		if !p.HasValue {
			if v, ok := globals.Get(p.Key); ok {
				kv[p.Key] = v
			} else if _, ok := kv[p.Key]; !ok {
				// An ARG with no default anywhere has the value of a
				// --build-arg, which the file does not show: it stays
				// unknown (ExpandKnown says so; Expand gives "").
				if v, ok := env.Get(p.Key); ok {
					kv[p.Key] = v
				}
			}
			continue
		}
		kv[p.Key] = d.Expand(p.Value, env)
	}
	return kv
}

func firstNonFlag(args []string) string {
	for _, a := range args {
		if len(a) > 2 && a[:2] == "--" {
			continue
		}
		return a
	}
	return ""
}
