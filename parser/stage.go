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
	}
}

// linkAllAccounts links every COPY --from that brings account files (see
// linkAccounts); it runs after the RUNs are read, whose cp commands it
// follows.
func (d *Document) linkAllAccounts() {
	for _, s := range d.Stages {
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
	dest := ins.Args[len(ins.Args)-1]
	copied := accountCopies(src)
	for _, a := range ins.Args[:len(ins.Args)-1] {
		switch path.Clean("/" + a) {
		case "/etc/passwd", "/etc/group", "/etc":
			ins.AccountsFrom = src
			return
		}
		// The source stage copied its account files elsewhere (`cp -a
		// /etc/passwd /etc/group /output/etc/`) and this COPY puts them
		// back in place (`COPY --from=build /output /`).
		for _, p := range copied {
			if l := copyLanding(path.Clean("/"+a), dest, p); l == "/etc/passwd" || l == "/etc/group" {
				ins.AccountsFrom = src
				return
			}
		}
	}
}

// accountCopies returns where the RUNs of st and its ancestors copied the
// account files to with cp (a destination that may be a directory or the
// copy itself gives both places).
func accountCopies(st *Stage) []string {
	var out []string
	for _, c := range st.Chain() {
		for _, ins := range c.Instructions {
			if ins.Run == nil {
				continue
			}
			for _, fc := range ins.Run.Copies {
				if fc.Unresolved || !path.IsAbs(fc.Dest) {
					continue
				}
				for _, s := range fc.Sources {
					for _, f := range []string{"/etc/passwd", "/etc/group"} {
						var rel string
						switch {
						case s == f:
							rel = path.Base(f)
						case s == "/etc":
							rel = "etc/" + path.Base(f)
						default:
							continue
						}
						out = append(out, path.Join(fc.Dest, rel))
						if !fc.Into {
							// cp SRC DEST with DEST not a directory:
							// DEST is the copy itself.
							out = append(out, landingAsFile(fc.Dest, rel))
						}
					}
				}
			}
		}
	}
	return out
}

// landingAsFile is where cp puts rel when its destination is not an
// existing directory: a file is copied to dest itself, /etc's contents
// into dest.
func landingAsFile(dest, rel string) string {
	if d, f, ok := strings.Cut(rel, "/"); ok && d == "etc" {
		return path.Join(dest, f)
	}
	return dest
}

// copyLanding returns where a COPY of src to dest puts the file p of the
// source stage, or "" when p is not under src. A directory's contents are
// copied into dest; a file lands in dest, or in it when dest ends in "/".
func copyLanding(src, dest, p string) string {
	if !strings.HasPrefix(dest, "/") {
		return "" // relative to a WORKDIR: not followed
	}
	switch {
	case p == src:
		if strings.HasSuffix(dest, "/") {
			return path.Join(dest, path.Base(p))
		}
		return path.Clean(dest)
	case src == "/":
		return path.Join(dest, p)
	case strings.HasPrefix(p, src+"/"):
		return path.Join(dest, strings.TrimPrefix(p, src+"/"))
	}
	return ""
}
