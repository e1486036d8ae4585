package transform

// The unknown-user pass. An arbitrary UID (OpenShift's, `docker run -u
// 123456:0`) has no /etc/passwd entry: whoami, getpass.getuser() and
// getpwuid() fail and some programs crash. A start-up script gives the UID
// an entry when it has none: through nss_wrapper (default, no writable
// system file) or by appending to a group-writable /etc/passwd
// (--passwd=writable). It runs after UR004 so that its script goes after
// tini; the plan shared with UR004 is in runtime.go.
func rulePasswdEntry() *Rule {
	return &Rule{
		ID:      "UR005",
		Name:    "passwd-entry",
		Summary: "a UID without an /etc/passwd entry must get one at start-up",
		Rationale: "An arbitrary UID has no passwd entry, so whoami, getpass.getuser() and getpwuid() fail " +
			"(KeyError: 'getpwuid(): uid not found') and programs that look up their user crash.",
		URL:   docsURL("UR005"),
		Check: checkPasswd,
	}
}

func checkPasswd(p *Pass) {
	sharedRuntime(p).Passwd.report(p)
}
