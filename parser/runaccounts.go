package parser

import (
	"path"
	"strings"
)

// Users and groups: what useradd, adduser, groupadd, addgroup, usermod,
// groupmod, gpasswd and writes to /etc/passwd or /etc/group do.

// User is a user account created by the script.
type User struct {
	Name       string
	UID        string   // "" when not given (system-assigned) or not resolvable; numericID string when known
	GID        string   // primary group id when known ("" otherwise)
	Group      string   // primary group name when given
	Groups     []string // supplementary groups
	Home       string   // home directory recorded in /etc/passwd (explicit or the tool's default)
	CreateHome bool     // whether the home directory is created
	System     bool
	Shell      string // explicit shell, or the tool's fixed default when it has one ("" otherwise)
	Source     string // "useradd", "adduser", "passwd" (line appended to /etc/passwd)

	// PrivateGroup is true when the tool creates a group named like the user
	// and makes it the primary group (useradd without -g/-N, Debian adduser
	// without --ingroup/--gid, BusyBox adduser without -G).
	PrivateGroup bool
	// NameWord, UIDWord and HomeWord are the name, UID and home as written
	// in the script ("${APP_USER}", "$APP_UID"), "" when not given: a rule
	// that writes them back keeps the file's build arguments.
	NameWord, UIDWord, HomeWord string
	// IDOption is the command's option for a UID ("-u", or "--uid" for
	// Debian's adduser), and CmdEnd the offset just after the command's
	// name, where one can be added.
	IDOption   string
	CmdEnd     int
	Unresolved bool // some value could not be shExpanded
	Start, End int  // byte range of the command in the script
}

// Group is a group created by the script.
type Group struct {
	Name    string
	GID     string
	System  bool
	Source  string   // "groupadd", "addgroup", "adduser" (adduser --group), "group" (line appended to /etc/group)
	Members []string // groupadd -U, or the member field of an /etc/group line
	// GIDWord is the GID as written ("" when not given); IDOption the
	// command's option for one ("-g", or "--gid" for addgroup and
	// Debian's adduser --group, "" for a line appended to /etc/group),
	// and CmdEnd the offset just after the command's name.
	GIDWord    string
	IDOption   string
	CmdEnd     int
	Unresolved bool
	Start, End int
}

// Membership is a user added to a group.
type Membership struct {
	User       string
	Group      string
	Source     string // "adduser", "addgroup", "usermod", "gpasswd"
	Unresolved bool
	Start, End int
}

// UserMod is one usermod invocation.
type UserMod struct {
	Name       string
	NewName    string // -l
	UID        string
	GID        string
	Group      string
	Groups     []string // -G
	Append     bool     // -a
	Home       string   // -d
	MoveHome   bool     // -m
	Shell      string
	Unresolved bool
	Start, End int
}

// GroupMod is one groupmod invocation.
type GroupMod struct {
	Name       string
	NewName    string // -n
	GID        string // -g
	Unresolved bool
	Start, End int
}

var (
	useraddSpec = newShOptSpec("b,base-dir=", "c,comment=", "d,home-dir=", "D,defaults", "e,expiredate=", "f,inactive=",
		"g,gid=", "G,groups=", "h,help", "k,skel=", "K,key=", "l,no-log-init", "m,create-home", "M,no-create-home",
		"N,no-user-group", "o,non-unique", "p,password=", "r,system", "R,root=", "P,prefix=", "s,shell=", "u,uid=",
		"U,user-group", "Z,selinux-user=", ",selinux-range=", "F,add-subids-for-system", ",badname", ",badnames",
		",btrfs-subvolume-home")
	debAdduserSpec = newShOptSpec(",home=", ",shell=", ",uid=", ",gid=", ",ingroup=", ",gecos=", ",comment=", ",conf=",
		",firstuid=", ",lastuid=", ",firstgid=", ",lastgid=", ",stdoutmsglevel=", ",stderrmsglevel=", ",logmsglevel=",
		",key=", ",system", ",group", ",no-create-home", ",disabled-password", ",disabled-login", "q,quiet", ",debug",
		",force-badname", ",allow-bad-names", ",allow-all-names", ",add_extra_groups", ",add-extra-groups",
		",encrypt-home", ",no-copy-skel", ",verbose", ",extrausers")
	bbAdduserSpec = newShOptSpec("h,home=", "g,gecos=", "s,shell=", "G,ingroup=", "D,disabled-password", ",empty-password",
		"S,system", "H,no-create-home", "u,uid=", "k,skel=")
	addgroupSpec = newShOptSpec("g,gid=", "S,system", ",conf=", ",firstgid=", ",lastgid=", ",stdoutmsglevel=",
		",stderrmsglevel=", ",logmsglevel=", "q,quiet", ",debug", ",force-badname", ",allow-bad-names", ",verbose")
	groupaddSpec = newShOptSpec("g,gid=", "r,system", "f,force", "o,non-unique", "K,key=", "p,password=", "R,root=",
		"P,prefix=", "U,users=", "h,help", ",extrausers")
	usermodSpec = newShOptSpec("a,append", "b,badname", "c,comment=", "d,home=", "e,expiredate=", "f,inactive=", "g,gid=",
		"G,groups=", "l,login=", "L,lock", "m,move-home", "o,non-unique", "p,password=", "P,prefix=", "r,remove",
		"R,root=", "s,shell=", "u,uid=", "U,unlock", "v,add-subuids=", "V,del-subuids=", "w,add-subgids=",
		"W,del-subgids=", "Z,selinux-user=", ",selinux-range=")
	groupmodSpec = newShOptSpec("g,gid=", "n,new-name=", "o,non-unique", "p,password=", "R,root=", "P,prefix=", "U,users=", "a,append")
	gpasswdSpec  = newShOptSpec("a,add=", "d,delete=", "M,members=", "A,administrators=", "Q,root=", "r,remove-password", "R,restrict")
)

// numericID returns the value when it is a known non-negative integer.
func numericID(x shArg) string {
	if x.known && allDigits(x.val) {
		return x.val
	}
	return ""
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// setPrimaryGroup records -g style values: a number is a GID, otherwise a name.
func setPrimaryGroup(x shArg, gid, group *string) (unresolved bool) {
	if !x.known {
		return true
	}
	if allDigits(x.val) {
		*gid = x.val
	} else {
		*group = x.val
	}
	return false
}

func splitCommaList(x shArg) []string {
	var out []string
	for _, g := range strings.Split(x.val, ",") {
		if g = strings.TrimSpace(g); g != "" {
			out = append(out, g)
		}
	}
	return out
}

func cleanHomeArg(x shArg) (string, bool) {
	if x.known && path.IsAbs(x.val) {
		return path.Clean(x.val), false
	}
	return x.val, !x.known
}

func (a *runAnalyzer) useradd(c *shCall, source string) {
	o, ops := parseShOpts(c.args, useraddSpec, false)
	if o.has("defaults") || o.has("help") || len(ops) == 0 {
		return
	}
	nameA := ops[len(ops)-1]
	u := User{Name: nameA.val, NameWord: a.raw(nameA), Source: source, IDOption: "-u", CmdEnd: c.nameEnd, Unresolved: !nameA.known, Start: c.start, End: c.end}
	base := "/home"
	explicitGroup := false
	for _, x := range o {
		switch x.key {
		case "uid":
			u.UID, u.UIDWord = numericID(x.val), a.raw(x.val)
			if u.UID == "" {
				u.Unresolved = true
			}
		case "gid":
			explicitGroup = true
			u.GID, u.Group = "", ""
			if setPrimaryGroup(x.val, &u.GID, &u.Group) {
				u.Unresolved = true
			}
		case "groups":
			u.Groups = splitCommaList(x.val)
			u.Unresolved = u.Unresolved || !x.val.known
		case "home-dir":
			var unres bool
			u.Home, unres = cleanHomeArg(x.val)
			u.HomeWord = a.raw(x.val)
			u.Unresolved = u.Unresolved || unres
		case "base-dir":
			base = x.val.val
			u.Unresolved = u.Unresolved || !x.val.known
		case "create-home":
			u.CreateHome = true
		case "no-create-home":
			u.CreateHome = false
		case "system":
			u.System = true
		case "shell":
			u.Shell = x.val.val
			u.Unresolved = u.Unresolved || !x.val.known
		}
	}
	if u.Home == "" {
		u.Home = path.Join(base, u.Name)
	}
	u.PrivateGroup = !explicitGroup && (!o.has("no-user-group") || o.has("user-group"))
	a.f.Users = append(a.f.Users, u)
}

// adduser handles the Debian (long options), BusyBox (short options) and
// RHEL (adduser is useradd) variants.
func (a *runAnalyzer) adduser(c *shCall) {
	busybox := false
	for _, x := range c.args {
		v := x.val
		if v == "--" {
			break
		}
		if len(v) < 2 || v[0] != '-' || v[1] == '-' {
			continue
		}
		for _, l := range v[1:] {
			if strings.ContainsRune("mMrdNUcloebfpR", l) {
				a.useradd(c, "adduser")
				return
			}
			if strings.ContainsRune("DSHhgsGuk", l) {
				busybox = true
			}
		}
	}
	if busybox {
		a.adduserBusyBox(c)
	} else {
		a.adduserDebian(c)
	}
}

func (a *runAnalyzer) membership(user, group shArg, source string, c *shCall) {
	a.f.Memberships = append(a.f.Memberships, Membership{
		User: user.val, Group: group.val, Source: source,
		Unresolved: !user.known || !group.known, Start: c.start, End: c.end,
	})
}

func (a *runAnalyzer) adduserDebian(c *shCall) {
	o, ops := parseShOpts(c.args, debAdduserSpec, false)
	if len(ops) == 0 {
		return
	}
	system, group := o.has("system"), o.has("group")
	if len(ops) >= 2 && !system && !group {
		a.membership(ops[0], ops[1], "adduser", c)
		return
	}
	nameA := ops[0]
	if group && !system {
		g := Group{Name: nameA.val, Source: "adduser", IDOption: "--gid", CmdEnd: c.nameEnd, Unresolved: !nameA.known, Start: c.start, End: c.end}
		if x, ok := o.last("gid"); ok {
			g.GID, g.GIDWord = numericID(x), a.raw(x)
			g.Unresolved = g.Unresolved || g.GID == ""
		}
		a.f.Groups = append(a.f.Groups, g)
		return
	}
	u := User{Name: nameA.val, NameWord: a.raw(nameA), Source: "adduser", IDOption: "--uid", CmdEnd: c.nameEnd, System: system, Unresolved: !nameA.known, Start: c.start, End: c.end}
	if x, ok := o.last("uid"); ok {
		u.UID, u.UIDWord = numericID(x), a.raw(x)
		u.Unresolved = u.Unresolved || u.UID == ""
	}
	xg, hasGID := o.last("gid")
	xi, hasIn := o.last("ingroup")
	switch {
	case hasIn:
		u.Group = xi.val
		u.Unresolved = u.Unresolved || !xi.known
	case hasGID:
		u.Unresolved = setPrimaryGroup(xg, &u.GID, &u.Group) || u.Unresolved
	case system && group:
		u.PrivateGroup = true
		u.GID = u.UID // created with the same id
	case system:
		u.Group = "nogroup"
	default:
		u.PrivateGroup = true
	}
	xh, hasHome := o.last("home")
	switch {
	case hasHome:
		var unres bool
		u.Home, unres = cleanHomeArg(xh)
		u.HomeWord = a.raw(xh)
		u.Unresolved = u.Unresolved || unres
	case system:
		u.Home = "/nonexistent"
	default:
		u.Home = path.Join("/home", u.Name)
	}
	u.CreateHome = !o.has("no-create-home") && (!system || hasHome)
	if x, ok := o.last("shell"); ok {
		u.Shell = x.val
		u.Unresolved = u.Unresolved || !x.known
	} else if system {
		u.Shell = "/usr/sbin/nologin"
	} else {
		u.Shell = "/bin/bash"
	}
	a.f.Users = append(a.f.Users, u)
}

func (a *runAnalyzer) adduserBusyBox(c *shCall) {
	o, ops := parseShOpts(c.args, bbAdduserSpec, false)
	if len(ops) == 0 {
		return
	}
	if len(o) == 0 && len(ops) >= 2 {
		a.membership(ops[0], ops[1], "adduser", c)
		return
	}
	nameA := ops[0]
	u := User{Name: nameA.val, NameWord: a.raw(nameA), Source: "adduser", IDOption: "-u", CmdEnd: c.nameEnd, System: o.has("system"), Unresolved: !nameA.known, Start: c.start, End: c.end}
	if x, ok := o.last("uid"); ok {
		u.UID, u.UIDWord = numericID(x), a.raw(x)
		u.Unresolved = u.Unresolved || u.UID == ""
	}
	if x, ok := o.last("ingroup"); ok {
		u.Unresolved = setPrimaryGroup(x, &u.GID, &u.Group) || u.Unresolved
	} else if u.System {
		u.Group = "nogroup"
	} else {
		u.PrivateGroup = true
		u.GID = u.UID // BusyBox gives the new group the user's id
	}
	if x, ok := o.last("home"); ok {
		var unres bool
		u.Home, unres = cleanHomeArg(x)
		u.HomeWord = a.raw(x)
		u.Unresolved = u.Unresolved || unres
	} else {
		u.Home = path.Join("/home", u.Name)
	}
	u.CreateHome = !o.has("no-create-home")
	if x, ok := o.last("shell"); ok {
		u.Shell = x.val
		u.Unresolved = u.Unresolved || !x.known
	} else if u.System {
		u.Shell = "/bin/false"
	}
	a.f.Users = append(a.f.Users, u)
}

func (a *runAnalyzer) addgroup(c *shCall) {
	o, ops := parseShOpts(c.args, addgroupSpec, false)
	switch len(ops) {
	case 0:
		return
	case 1:
	default:
		a.membership(ops[0], ops[1], "addgroup", c)
		return
	}
	g := Group{Name: ops[0].val, System: o.has("system"), Source: "addgroup", IDOption: "--gid", CmdEnd: c.nameEnd, Unresolved: !ops[0].known, Start: c.start, End: c.end}
	if x, ok := o.last("gid"); ok {
		g.GID, g.GIDWord = numericID(x), a.raw(x)
		g.Unresolved = g.Unresolved || g.GID == ""
	}
	a.f.Groups = append(a.f.Groups, g)
}

func (a *runAnalyzer) groupadd(c *shCall) {
	o, ops := parseShOpts(c.args, groupaddSpec, false)
	if len(ops) == 0 || o.has("help") {
		return
	}
	nameA := ops[len(ops)-1]
	g := Group{Name: nameA.val, System: o.has("system"), Source: "groupadd", IDOption: "-g", CmdEnd: c.nameEnd, Unresolved: !nameA.known, Start: c.start, End: c.end}
	if x, ok := o.last("gid"); ok {
		g.GID, g.GIDWord = numericID(x), a.raw(x)
		g.Unresolved = g.Unresolved || g.GID == ""
	}
	if x, ok := o.last("users"); ok {
		g.Members = splitCommaList(x)
		g.Unresolved = g.Unresolved || !x.known
	}
	a.f.Groups = append(a.f.Groups, g)
}

func (a *runAnalyzer) usermod(c *shCall) {
	o, ops := parseShOpts(c.args, usermodSpec, false)
	if len(ops) == 0 {
		return
	}
	nameA := ops[len(ops)-1]
	m := UserMod{Name: nameA.val, Append: o.has("append"), MoveHome: o.has("move-home"), Unresolved: !nameA.known, Start: c.start, End: c.end}
	for _, x := range o {
		switch x.key {
		case "uid":
			m.UID = numericID(x.val)
			m.Unresolved = m.Unresolved || m.UID == ""
		case "gid":
			m.GID, m.Group = "", ""
			m.Unresolved = setPrimaryGroup(x.val, &m.GID, &m.Group) || m.Unresolved
		case "groups":
			m.Groups = splitCommaList(x.val)
			m.Unresolved = m.Unresolved || !x.val.known
		case "home":
			var unres bool
			m.Home, unres = cleanHomeArg(x.val)
			m.Unresolved = m.Unresolved || unres
		case "shell":
			m.Shell = x.val.val
			m.Unresolved = m.Unresolved || !x.val.known
		case "login":
			m.NewName = x.val.val
			m.Unresolved = m.Unresolved || !x.val.known
		}
	}
	a.f.UserMods = append(a.f.UserMods, m)
	if x, ok := o.last("groups"); ok {
		for _, g := range m.Groups {
			a.f.Memberships = append(a.f.Memberships, Membership{
				User: m.Name, Group: g, Source: "usermod",
				Unresolved: !nameA.known || !x.known, Start: c.start, End: c.end,
			})
		}
	}
}

func (a *runAnalyzer) groupmod(c *shCall) {
	o, ops := parseShOpts(c.args, groupmodSpec, false)
	if len(ops) == 0 {
		return
	}
	nameA := ops[len(ops)-1]
	g := GroupMod{Name: nameA.val, Unresolved: !nameA.known, Start: c.start, End: c.end}
	if x, ok := o.last("gid"); ok {
		g.GID = numericID(x)
		g.Unresolved = g.Unresolved || g.GID == ""
	}
	if x, ok := o.last("new-name"); ok {
		g.NewName = x.val
		g.Unresolved = g.Unresolved || !x.known
	}
	a.f.GroupMods = append(a.f.GroupMods, g)
}

func (a *runAnalyzer) gpasswd(c *shCall) {
	o, ops := parseShOpts(c.args, gpasswdSpec, false)
	if len(ops) == 0 {
		return
	}
	if x, ok := o.last("add"); ok {
		a.membership(x, ops[len(ops)-1], "gpasswd", c)
	}
}

// accountFile records /etc/passwd and /etc/group entries written to p.
func (a *runAnalyzer) accountFile(p string, content shStream, s, e int) {
	switch p {
	case "/etc/passwd", "/etc/group":
	default:
		return
	}
	known := func(f string) bool { return content.exact || !strings.ContainsAny(f, "$`") }
	for _, line := range strings.Split(content.text, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, ":")
		if p == "/etc/passwd" {
			if len(f) < 7 || f[0] == "" {
				continue
			}
			u := User{Name: f[0], Home: f[5], Shell: f[6], Source: "passwd", Start: s, End: e}
			u.UID = numericID(shArg{val: f[2], known: known(f[2])})
			u.GID = numericID(shArg{val: f[3], known: known(f[3])})
			for _, x := range f[:7] {
				if !known(x) {
					u.Unresolved = true
				}
			}
			if path.IsAbs(u.Home) && known(u.Home) {
				u.Home = path.Clean(u.Home)
			}
			a.f.Users = append(a.f.Users, u)
			continue
		}
		if len(f) < 3 || f[0] == "" {
			continue
		}
		g := Group{Name: f[0], Source: "group", Start: s, End: e}
		g.GID = numericID(shArg{val: f[2], known: known(f[2])})
		if len(f) > 3 {
			g.Members = splitCommaList(shArg{val: f[3]})
		}
		for _, x := range f {
			if !known(x) {
				g.Unresolved = true
			}
		}
		a.f.Groups = append(a.f.Groups, g)
	}
}
