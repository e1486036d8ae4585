package transform

// The init pass. An application started as PID 1 does not reap the zombies
// its children leave, and the kernel gives PID 1 no default action for
// SIGTERM: a shell-form command (sh -c) ignores `docker stop` until it is
// killed after 10 s. tini as PID 1 reaps and forwards signals. The plan
// shared with UR005 is in runtime.go.
func ruleInitProcess() *Rule {
	return &Rule{
		ID:      "UR004",
		Name:    "init-process",
		Summary: "the final stage must run its command under an init (tini) as PID 1",
		Rationale: "PID 1 must reap orphaned zombies and forward signals. An application or a shell as PID 1 " +
			"leaves zombies behind and ignores SIGTERM without a handler, so `docker stop` waits 10 s and kills it.",
		URL:   docsURL("UR004"),
		Check: checkInit,
	}
}

func checkInit(p *Pass) {
	sharedRuntime(p).Init.report(p)
}
