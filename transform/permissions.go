package transform

import (
	"fmt"
	"path"
)

// The group-permissions pass. Under an arbitrary UID the process owns
// nothing and is in group 0, so every directory the app writes must belong
// to group 0 and be group-writable (the OpenShift guideline: chgrp -R 0 DIR
// && chmod -R g=u DIR). A separate `RUN chgrp -R` copies every file it
// touches into a new layer (overlay copy-up), so the fix goes, in order of
// preference: into the COPY that writes the files (--chown=...:0), into the
// RUN that makes them, else into one RUN that changes directories only.
func ruleGroupPermissions() *Rule {
	return &Rule{
		ID:      "UR002",
		Name:    "group-permissions",
		Summary: "directories the app writes must belong to group 0 and be group-writable, without duplicating layers",
		Rationale: "An arbitrary UID owns no file and runs in group 0: the app's working directory, volumes, HOME and " +
			"the directories it creates can only be written through group 0's permissions. Fixing them in a later " +
			"layer stores every touched file twice, so unroot fixes them where they are made.",
		URL:   docsURL("UR002"),
		Check: checkGroupPermissions,
	}
}

func checkGroupPermissions(p *Pass) {
	doc, t := p.Doc, p.Target
	sf := sharedStageFacts(p)
	extra := dirFlags(sf, p.Options)
	cwd := sf.cwd(nil)
	// The HOME that UR003 gives the stage is one of the app's directories.
	if hc := sharedHome(p); hc.Problem == "" && !hc.Existing && ruleSelected(p.Options, "UR003") {
		if _, dup := extra[hc.Path]; !dup {
			extra[hc.Path] = dirSource{Kind: "new HOME"}
		}
	}
	dirs, rootWorkdirs := appDirectories(sf, t, extra)
	for _, ins := range rootWorkdirs {
		p.Report(Finding{Line: ins.StartLine, Message: "WORKDIR / makes the root file system the app's working directory: " +
			"unroot does not open / to group 0; give the app a directory of its own (WORKDIR /app)"})
	}
	for _, d := range p.Options.Dirs {
		if resolveDir(d, cwd) == "/" || systemDirs[path.Clean(d)] {
			p.Report(Finding{Line: t.Stage.From.StartLine, Message: fmt.Sprintf("--dir %s is a system directory: not changed", d)})
		}
	}
	for _, f := range newPermPlanner(sf, t, p.Options).plan(dirs) {
		p.Report(f)
	}
	for _, f := range worldWritableFixes(doc, sf, t.Stage) {
		p.Report(f)
	}
}
