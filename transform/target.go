package transform

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/unroot/unroot/baseusers"
	"github.com/unroot/unroot/parser"
)

// UserKind classifies the user a stage ends with.
type UserKind int

const (
	UserNone    UserKind = iota // no USER: root by default
	UserRoot                    // root, 0, root:*, 0:*
	UserNumeric                 // a numeric, non-zero UID
	UserNamed                   // a name (resolved or not)
)

// Target is what every rule needs to know about the stage unroot changes,
// computed once per file so that the rules agree.
type Target struct {
	Stage *parser.Stage
	// BaseUser is the user the stage's instructions run as before any USER
	// (see baseUserSpec): "" for root.
	BaseUser string
	// BaseDefault is the non-root user the base image runs as when no
	// USER is set in the stage or its ancestors (nil when root or unknown).
	BaseDefault *baseusers.Default
	// User is the stage's last USER instruction (nil when it has none).
	User *parser.Instruction
	// Inherited is the last USER of an ancestor stage when the stage has
	// none of its own.
	Inherited *parser.Instruction
	// UserSpec is the expanded argument of User (or Inherited).
	UserSpec            string
	UserName, GroupName string // the two halves of UserSpec
	Kind                UserKind
	// RuntimeUID and RuntimeGID are what the image runs as once UR001 has
	// done its work: numeric, or "" when the name cannot be resolved.
	RuntimeUID, RuntimeGID string
	// RuntimeUser is the account the file creates for the runtime user,
	// when it creates one (home, groups).
	RuntimeUser *parser.User
	// ResolvedBy says where a named user's UID came from.
	ResolvedBy string
	// Missing says why the named user cannot exist in the image (see
	// nouser.go); RuntimeUID is then the --uid UID.
	Missing string
	// unresolved says why a named user that no table knows may still
	// exist: what in the file may make it ("" when nothing is known).
	unresolved string
	// UIDSpelled is RuntimeUID as the file spells it with its build
	// arguments ("${APP_UID}"), "" when it does not (see argspell.go).
	UIDSpelled string
	// homeSpelled maps the runtime user's home to its spelling with build
	// arguments ("/home/${APP_USER}").
	homeSpelled [2]string
	// Pin, when set, gives the runtime user the UID it lacks: an option
	// added to the useradd/adduser that creates it (see pin.go).
	Pin *Edit
	// GroupPin, when set, gives the runtime user's group the GID it lacks
	// (see pinGroup).
	GroupPin *Edit
	// Anchor is where instructions that need root are inserted: right
	// before the USER that ends the root part of the stage (an existing
	// one, or the one UR001 inserts there).
	Anchor Anchor
	// ReplaceUser is true when UR001 rewrites User in place rather than
	// inserting a new USER at Anchor.
	ReplaceUser bool

	// opts are the options the target was made with (whether UR001 runs,
	// which inserts the stage's final USER where root commands go: see
	// RootSwitch).
	opts Options

	// memo holds facts that several rules need, computed once per file.
	memo map[string]any
}

// shared returns the fact named key, computing it on first use: rules that
// need the same plan (UR004 and UR005, UR002 and UR003) share one.
func shared[T any](t *Target, key string, compute func() T) T {
	if v, ok := t.memo[key]; ok {
		return v.(T)
	}
	if t.memo == nil {
		t.memo = map[string]any{}
	}
	v := compute()
	t.memo[key] = v
	return v
}

// Anchor is a place between instructions: before line Line when Before,
// else after line Line.
type Anchor struct {
	Line   int
	Before bool
}

// InsertRoot returns an edit that inserts lines (no final "\n") where
// commands that need root belong.
func (t *Target) InsertRoot(doc *parser.Document, text string) Edit {
	if t.Anchor.Before {
		return InsertBefore(doc, t.Anchor.Line, text)
	}
	return InsertAfter(doc, t.Anchor.Line, text)
}

// needsRoot lists instructions that must run before the final USER: they
// write to the file system as the current user.
var needsRoot = map[string]bool{"run": true, "copy": true, "add": true, "workdir": true}

// NewTarget computes the shared facts for the stage opts selects.
func NewTarget(doc *parser.Document, opts Options) (*Target, error) {
	if len(doc.Stages) == 0 {
		return nil, fmt.Errorf("no FROM instruction")
	}
	st := doc.FinalStage()
	if opts.Target != "" {
		st = doc.StageByName(opts.Target)
		if st == nil {
			return nil, fmt.Errorf("target stage %q not found", opts.Target)
		}
	}
	if opts.Target != "" {
		for _, s := range doc.Stages {
			for p := s.Parent; p != nil; p = p.Parent {
				if p == st {
					// Its children would inherit the new USER and ENV:
					// their root RUNs would fail.
					return nil, fmt.Errorf("--target %s: stage %s is built FROM it and would run as the USER unroot adds; target a stage that no other stage builds from", opts.Target, stageLabel(s))
				}
			}
		}
	}
	t := &Target{Stage: st, BaseUser: baseUserSpec(st)}
	t.User = st.LastOf("user", false)
	if t.User == nil && st.Parent != nil {
		t.Inherited = st.Parent.LastOf("user", true)
	}
	src := t.User
	if src == nil {
		src = t.Inherited
	}
	known := true
	if src != nil && len(src.Args) > 0 {
		t.UserSpec, known = doc.ExpandKnown(src.Args[0], src.Env)
		if !known && !strings.Contains(src.Args[0], "$") {
			// Not a variable: a word the lexer refuses (an unmatched
			// quote). Read it as written, the same way on every run.
			t.UserSpec, known = src.Args[0], true
		}
		if !known && osImageEnv(st.Image()) && !declaresArg(st, src.Args[0]) {
			// An OS image sets no such variable: it is "" for the
			// builder too.
			known = true
		}
		if !known {
			// A variable the file does not set (the base image's ENV,
			// a --build-arg): the user is not known, not absent.
			t.UserSpec = src.Args[0]
		}
		t.UserName, t.GroupName, _ = strings.Cut(t.UserSpec, ":")
	}
	if src == nil {
		if d, ok := baseusers.DefaultUser(st.Image()); ok {
			t.BaseDefault = &d
		}
	}
	switch {
	case !known:
		t.Kind = UserNamed
	case src == nil && t.BaseDefault != nil && t.BaseDefault.Numeric:
		// The base image already runs as a numeric non-root UID.
		t.Kind, t.UserSpec, t.UserName = UserNumeric, t.BaseDefault.UID, t.BaseDefault.UID
	case src == nil || t.UserSpec == "":
		t.Kind = UserNone
	case t.UserName == "root" || isZeroID(t.UserName):
		t.Kind = UserRoot
	case isNumeric(t.UserName):
		t.Kind = UserNumeric
	default:
		t.Kind = UserNamed
	}
	t.resolve(doc, opts)
	if t.Kind == UserNamed && isZeroID(t.RuntimeUID) {
		// A name for UID 0 is root under another name.
		t.Kind, t.RuntimeGID, t.RuntimeUser = UserRoot, "", nil
		t.resolve(doc, opts)
	}
	t.pinUser(doc, opts)
	t.pinGroup(doc)
	t.placeAnchor()
	t.opts = opts
	t.spellArgs(doc)
	return t, nil
}

// resolve finds the numeric UID and GID the image will run as.
func (t *Target) resolve(doc *parser.Document, opts Options) {
	st := t.Stage
	switch t.Kind {
	case UserNone, UserRoot:
		t.RuntimeUID = opts.uid()
		if t.BaseDefault != nil && !opts.UIDSet {
			// Keep the user the base image runs as (and owns its
			// home), named by UID.
			t.RuntimeUID = t.BaseDefault.UID
		}
		t.RuntimeGID = opts.gid()
		t.RuntimeUser = st.LookupUID(t.RuntimeUID)
		return
	case UserNumeric:
		t.RuntimeUID = t.UserName
		t.RuntimeUser = st.LookupUID(t.UserName)
	case UserNamed:
		if u := st.LookupUser(t.UserName); u != nil && isNumeric(u.UID) {
			t.RuntimeUID, t.RuntimeUser = u.UID, u
			t.ResolvedBy = createdBy(u)
			if c := copiedFrom(doc, st, u); c != "" {
				t.ResolvedBy = strings.TrimSuffix(t.ResolvedBy, " in this Dockerfile") + c
			}
		} else if e, ok := baseusers.Lookup(st.Image(), t.UserName); ok {
			t.RuntimeUID = e.UID
			if t.GroupName == t.UserName && e.GID != "" {
				t.RuntimeGID, t.GroupName = e.GID, e.GID
			}
			t.ResolvedBy = fmt.Sprintf("the %s user of %s", e.Name, e.Images)
		} else if why, blocker, ok := missingUser(doc, t); ok {
			t.RuntimeUID, t.Missing = opts.uid(), why
		} else if t.unresolved = blocker; opts.UIDSet {
			t.RuntimeUID = opts.uid()
			t.ResolvedBy = "given by --uid"
		}
	}
	// The group: explicit in USER, else the user's primary group.
	switch {
	case t.GroupName == "":
		if t.RuntimeUser != nil && isNumeric(t.RuntimeUser.GID) {
			t.RuntimeGID = t.RuntimeUser.GID
		} else if t.RuntimeUser != nil && t.RuntimeUser.Group != "" {
			if g := st.LookupGroup(t.RuntimeUser.Group); g != nil && isNumeric(g.GID) {
				t.RuntimeGID = g.GID
			}
		} else if t.RuntimeUser == nil && t.Kind == UserNumeric {
			t.RuntimeGID = "0"
		}
	case isNumeric(t.GroupName):
		t.RuntimeGID = t.GroupName
	case t.GroupName == "root":
		t.RuntimeGID = "0"
	default:
		if g := st.LookupGroup(t.GroupName); g != nil && isNumeric(g.GID) {
			t.RuntimeGID = g.GID
		}
	}
}

// placeAnchor decides where the root part of the stage ends.
func (t *Target) placeAnchor() {
	st := t.Stage
	if t.User != nil && (t.Kind == UserNamed || t.Kind == UserNumeric) {
		t.Anchor = Anchor{Line: t.User.StartLine, Before: true}
		t.ReplaceUser = t.Kind == UserNamed
		return
	}
	last := st.From
	for _, ins := range st.Instructions {
		if needsRoot[ins.Keyword] || ins == t.User {
			last = ins
		}
	}
	if t.User != nil && last == t.User {
		// `USER root` with nothing after it that needs root: UR001
		// rewrites it and root commands go right before it.
		t.Anchor = Anchor{Line: t.User.StartLine, Before: true}
		t.ReplaceUser = true
		return
	}
	t.Anchor = Anchor{Line: last.EndLine}
}

func isNumeric(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func createdBy(u *parser.User) string {
	switch u.Source {
	case "passwd":
		return "appended to /etc/passwd in this Dockerfile"
	case "":
		return "created in this Dockerfile"
	}
	return fmt.Sprintf("created by %s in this Dockerfile", u.Source)
}

// copiedFrom names the stage that made u when it is not st or one of its
// ancestors: st copies that stage's account files.
func copiedFrom(doc *parser.Document, st *parser.Stage, u *parser.User) string {
	ins := instructionOfUser(doc, u)
	if ins == nil || ins.Stage == nil {
		return ""
	}
	for _, c := range st.Chain() {
		if c == ins.Stage {
			return ""
		}
	}
	return fmt.Sprintf(" in stage %s (line %d), whose /etc/passwd this stage copies", stageLabel(ins.Stage), ins.StartLine)
}

// stageLabel names a stage for a message: its AS name, else its index.
func stageLabel(s *parser.Stage) string {
	if s.Name != "" {
		return s.Name
	}
	return fmt.Sprint(s.Index)
}

// varRef matches the variable names a word uses.
var varRef = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\$\{?([A-Za-z_][A-Za-z0-9_]*)`) })

// declaresArg reports whether the stage (or its ancestors) declares with ARG
// a variable the word uses: its value is a --build-arg then, not empty.
func declaresArg(st *parser.Stage, word string) bool {
	for _, m := range varRef().FindAllStringSubmatch(word, -1) {
		for _, c := range st.Chain() {
			for _, ins := range c.Instructions {
				if ins.Keyword != "arg" {
					continue
				}
				for _, kv := range ins.Pairs {
					if kv.Key == m[1] {
						return true
					}
				}
			}
		}
	}
	return false
}
