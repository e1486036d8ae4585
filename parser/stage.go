package parser

import (
	"path"
	"slices"
	"strings"
)

// Stage is one FROM and the instructions up to the next FROM.
type Stage struct {
	Index    int
	Name     string // lower-case `AS` name, "" when unnamed
	BaseRaw  string // the FROM image as written
	Base     string // the FROM image with global ARGs expanded
	Platform string
	From     *Instruction
	// Instructions are the stage's instructions after FROM.
	Instructions []*Instruction
	// Parent is the earlier stage this one starts from (`FROM <stage>`).
	Parent *Stage
	// Env is the environment at the end of the stage.
	Env *Env
}

// Root returns the ancestor stage that starts from an image (itself when it
// does not start from another stage).
func (s *Stage) Root() *Stage {
	r := s
	for r.Parent != nil {
		r = r.Parent
	}
	return r
}

// Image returns the image the stage is ultimately built on.
func (s *Stage) Image() string { return s.Root().Base }

// IsScratch reports whether the stage starts from an empty file system.
func (s *Stage) IsScratch() bool { return strings.EqualFold(s.Image(), "scratch") }

// Chain returns the stage's ancestors, oldest first, then the stage itself.
func (s *Stage) Chain() []*Stage {
	var chain []*Stage
	for c := s; c != nil; c = c.Parent {
		chain = append(chain, c)
	}
	slices.Reverse(chain)
	return chain
}

// Last returns the stage's last instruction (its FROM when empty).
func (s *Stage) Last() *Instruction {
	if len(s.Instructions) == 0 {
		return s.From
	}
	return s.Instructions[len(s.Instructions)-1]
}

// Find returns the stage's instructions with the given keyword.
func (s *Stage) Find(keyword string) []*Instruction {
	var out []*Instruction
	for _, ins := range s.Instructions {
		if ins.Keyword == keyword {
			out = append(out, ins)
		}
	}
	return out
}

// LastOf returns the last instruction with the given keyword in the stage or,
// when inherit is true, in its ancestors.
func (s *Stage) LastOf(keyword string, inherit bool) *Instruction {
	for c := s; c != nil; c = c.Parent {
		for i := len(c.Instructions) - 1; i >= 0; i-- {
			if c.Instructions[i].Keyword == keyword {
				return c.Instructions[i]
			}
		}
		if !inherit {
			break
		}
	}
	return nil
}

func (d *Document) buildStages() {
	var cur *Stage
	for _, ins := range d.Instructions {
		if ins.Keyword == "from" {
			cur = &Stage{Index: len(d.Stages), From: ins}
			if len(ins.Args) >= 3 && strings.EqualFold(ins.Args[len(ins.Args)-2], "as") {
				cur.Name = strings.ToLower(ins.Args[len(ins.Args)-1])
			}
			ins.Stage = cur
			d.Stages = append(d.Stages, cur)
			continue
		}
		if cur == nil {
			d.Globals = append(d.Globals, ins)
			continue
		}
		ins.Stage = cur
		cur.Instructions = append(cur.Instructions, ins)
	}
	// A FROM that names a stage through a variable is matched again after
	// expansion, in resolveVariables.
	for _, s := range d.Stages {
		ref := strings.ToLower(firstNonFlag(s.From.Args))
		for _, p := range d.Stages[:s.Index] {
			if p.Name != "" && p.Name == ref {
				s.Parent = p
			}
		}
		for _, ins := range s.Instructions {
			d.linkAccounts(ins)
		}
	}
}

// linkAccounts sets ins.AccountsFrom for a COPY --from of an earlier stage
// that copies the account files (/etc/passwd, /etc/group or all of /etc).
func (d *Document) linkAccounts(ins *Instruction) {
	if ins.Keyword != "copy" || len(ins.Args) < 2 {
		return
	}
	from, ok := ins.Flag("from")
	if !ok {
		return
	}
	src := d.StageByName(from)
	if src == nil || src.Index >= ins.Stage.Index {
		return
	}
	for _, a := range ins.Args[:len(ins.Args)-1] {
		switch path.Clean("/" + a) {
		case "/etc/passwd", "/etc/group", "/etc":
			ins.AccountsFrom = src
			return
		}
	}
}
