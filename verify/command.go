package verify

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"
)

// ExitError is returned by the verify command when a check failed. Code is
// the process exit status the caller should use (1).
type ExitError struct {
	Code   int
	Failed int
}

func (e *ExitError) Error() string {
	return fmt.Sprintf("verify: %d check(s) failed", e.Failed)
}

// ExitCode returns the exit status for the error.
func (e *ExitError) ExitCode() int { return e.Code }

// NewCommand returns the `verify` subcommand.
func NewCommand() *cobra.Command {
	var (
		o          Options
		buildDir   string
		dockerfile string
		builder    string
		tag        string
		buildArgs  []string
		jsonOut    bool
		k8sOut     bool
		keepImage  bool
		quiet      bool
	)
	cmd := &cobra.Command{
		Use:   "verify [flags] IMAGE [-- COMMAND...]",
		Short: "Run an image as an arbitrary non-root UID in group 0 and check that it works",
		Long: `Run an image the way OpenShift does, as a random non-root UID in group 0
(docker run -u UID:0), and check that it works there. One line per check:

  PASS|FAIL|WARN|SKIP <check> [<profile>]: <evidence>

--profile restricted (the default) runs it as OpenShift's restricted-v2 and
Kubernetes' restricted Pod Security Standard do: also --cap-drop ALL,
--security-opt no-new-privileges and a random supplemental group
(--group-add, as fsGroup). --profile plain is -u UID:GID alone. When the
image starts under plain but not under restricted, the start check names
what needs the privilege (a file capability or a setuid program in its
command).

Checks: start (stays up, or exits 0 when one-shot), user (id -un through the
ENTRYPOINT prints a name), user-exec (the same through docker exec), home
(HOME set, not /, writable), paths (WORKDIR, VOLUMEs and --path writable),
world-writable (none under those dirs), zombies (PID 1 reaps orphans), ports
(privileged ports), sigterm (docker stop takes < 2 s), read-only (stays up
with --read-only, a tmpfs on /tmp and its VOLUMEs writable; WARN names what
it tried to write).

--json adds the Kubernetes securityContext the image passed under; --k8s
prints it as YAML to paste into a manifest (nothing when a check failed).

The exit status is 1 when a check fails. Arguments after -- replace the
image's CMD. With --build DIR the image is first built from DIR; IMAGE or
--tag then names it, and it is kept (an unnamed one is removed afterwards
unless --keep-image is given).

The docker client is --docker, else $DOCKER, else the first docker on $PATH.`,
		Example: `  unroot verify myimage:latest
  unroot verify --uid 1000680000 --path /var/cache/app myimage
  unroot verify --build . -f Dockerfile.unroot --builder buildkit
  unroot verify --one-shot --json myjob -- /app/run-once
  unroot verify --k8s myimage > securitycontext.yaml
  unroot verify --profile plain --docker podman myimage`,
		Args:          cobra.ArbitraryArgs,
		SilenceUsage:  true,
		SilenceErrors: false,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			dash := cmd.ArgsLenAtDash()
			pos := args
			if dash >= 0 {
				pos, o.Command = args[:dash], args[dash:]
			}
			switch {
			case len(pos) > 1:
				return fmt.Errorf("verify: want one IMAGE, got %q", pos)
			case len(pos) == 0 && buildDir == "":
				return errors.New("verify: want an IMAGE or --build DIR")
			case len(pos) == 1 && buildDir != "":
				if tag == "" {
					tag = pos[0]
				} else {
					return errors.New("verify: give IMAGE or --tag with --build, not both")
				}
			case len(pos) == 1:
				o.Image = pos[0]
			}
			if builder != BuilderClassic && builder != BuilderBuildKit {
				return fmt.Errorf("verify: --builder must be %s or %s", BuilderClassic, BuilderBuildKit)
			}
			stderr := cmd.ErrOrStderr()
			if buildDir != "" {
				bo := BuildOptions{Context: buildDir, Dockerfile: dockerfile, Tag: tag, Builder: builder,
					Docker: o.Docker, BuildArgs: buildArgs}
				if !quiet {
					bo.Output = stderr
				}
				img, err := Build(ctx, bo)
				if err != nil {
					return err
				}
				o.Image = img
				if tag == "" && !keepImage {
					defer func() { _ = RemoveImage(ctx, ResolveDocker(ctx, o.Docker, false), img) }()
				}
			}
			if jsonOut && k8sOut {
				return errors.New("verify: --json and --k8s do not go together")
			}
			if !jsonOut && !k8sOut {
				o.Stdout = cmd.OutOrStdout()
			}
			if !quiet {
				o.Stderr = stderr
			}
			rep, err := Run(ctx, o)
			if err != nil {
				return err
			}
			if jsonOut {
				if err := rep.WriteJSON(cmd.OutOrStdout()); err != nil {
					return err
				}
			}
			if k8sOut && !rep.Failed() {
				if err := rep.WriteK8s(cmd.OutOrStdout()); err != nil {
					return err
				}
			}
			if k8sOut && rep.Failed() {
				// Nothing passed: say what failed instead of a securityContext.
				_ = rep.WriteText(stderr)
			}
			fmt.Fprintln(stderr, rep.Summary())
			if rep.Failed() {
				return &ExitError{Code: 1, Failed: rep.Counts()[StatusFail]}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVar(&o.UID, "uid", 0, fmt.Sprintf("UID to run as (default: random in %d..%d)", MinRandomUID, MaxRandomUID))
	f.IntVar(&o.GID, "gid", 0, "GID to run as")
	f.StringVar(&o.Profile, "profile", ProfileRestricted, "how to run it: restricted (--cap-drop ALL, no-new-privileges, a supplemental group) or plain (-u UID:GID only)")
	f.IntVar(&o.FSGroup, "fs-group", 0, "supplemental group of the restricted profile (default: random, like --uid)")
	f.StringVar(&o.Docker, "docker", "", "docker client binary (default: $DOCKER, else docker on $PATH)")
	f.StringArrayVar(&o.Paths, "path", nil, "extra directory that must be writable (repeatable)")
	f.DurationVar(&o.Timeout, "timeout", DefaultTimeout, "time limit for the whole verification")
	f.BoolVar(&o.OneShot, "one-shot", false, "the image runs a task and exits: expect exit 0 instead of staying up")
	f.BoolVar(&jsonOut, "json", false, "print the report as JSON (with the securityContext it passed under)")
	f.BoolVar(&k8sOut, "k8s", false, "print the Kubernetes securityContext the image passed under as YAML")
	f.BoolVarP(&quiet, "quiet", "q", false, "no progress or build output on stderr")
	f.BoolVarP(&o.Verbose, "verbose", "v", false, "log every docker command run on stderr")
	f.StringVar(&buildDir, "build", "", "build the image from this context directory first")
	f.StringVarP(&dockerfile, "file", "f", "", "Dockerfile for --build (default: DIR/Dockerfile)")
	f.StringVar(&builder, "builder", BuilderClassic, "builder for --build: classic or buildkit")
	f.StringVarP(&tag, "tag", "t", "", "tag for the image built by --build (kept afterwards)")
	f.StringArrayVar(&buildArgs, "build-arg", nil, "build argument for --build (repeatable)")
	f.BoolVar(&keepImage, "keep-image", false, "keep the image built by --build")
	return cmd
}
