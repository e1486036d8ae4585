package transform

import (
	"fmt"
	"strconv"
	"strings"
)

// The privileged-port rule. A process that is not root cannot bind a port
// below 1024: OpenShift's restricted policy drops the capability that would
// allow it, and so do hardened Kubernetes clusters, even when a local
// `docker run` (whose bridge network lowers the limit) works. unroot cannot
// change the port an application listens on, so it only reports.
func rulePrivilegedPort() *Rule {
	return &Rule{
		ID:      "UR006",
		Name:    "privileged-port",
		Summary: "a non-root process cannot listen on a port below 1024",
		Rationale: "Under a random non-root UID without NET_BIND_SERVICE (OpenShift restricted, hardened Kubernetes), " +
			"binding a port below 1024 fails; listen on a port >= 1024 and let the platform map it.",
		URL:   docsURL("UR006"),
		Check: checkPrivilegedPorts,
	}
}

func checkPrivilegedPorts(p *Pass) {
	for _, ins := range p.Target.Stage.Instructions {
		if ins.Keyword != "expose" {
			continue
		}
		for _, arg := range ins.Args {
			spec := p.Doc.Expand(arg, ins.Env)
			port, _, _ := strings.Cut(spec, "/")
			lo, _, _ := strings.Cut(port, "-")
			n, err := strconv.Atoi(lo)
			if err != nil || n <= 0 || n >= 1024 {
				continue
			}
			p.Report(Finding{
				Line: ins.StartLine,
				Message: fmt.Sprintf("EXPOSE %s: a non-root process cannot bind port %d on OpenShift or restricted Kubernetes; "+
					"make the application listen on a port >= 1024 (e.g. %d) and map it (not changed)", spec, n, 8000+n),
			})
		}
	}
}
