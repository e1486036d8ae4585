package baseimages

import (
	"slices"
	"strings"
)

// Vendor-published runtime and base images outside Docker Hub's official
// images (Google's Cloud CLI and marketplace Debian, Cilium's runtime,
// Paketo's run images, go-rod, and others of the corpus), read from each
// image's published definition.

// Sources of the rows below, pinned to the commit whose content was read.
const (
	// Google Cloud CLI images: cloud-sdk-docker's Dockerfiles (snapshot of
	// 2026-07-24; master at 47328f70) and its cloudbuild.yaml, which
	// builds the "emulators" and "stable" directories with the release as
	// CLOUD_SDK_VERSION and pushes VERSION-emulators, VERSION-stable (and
	// a -DATE suffix) under google-cloud-cli and cloud-sdk on the gcr.io,
	// us.gcr.io, eu.gcr.io and asia.gcr.io repositories of Artifact
	// Registry, and to Docker Hub's google/cloud-sdk.
	srcGcloudEmulators = gh + "GoogleCloudPlatform/cloud-sdk-docker/blob/47328f7082ac3679afe389a743458e34f612574a/emulators/Dockerfile"
	srcGcloudStable    = gh + "GoogleCloudPlatform/cloud-sdk-docker/blob/47328f7082ac3679afe389a743458e34f612574a/stable/Dockerfile"
	srcGcloudBuild     = gh + "GoogleCloudPlatform/cloud-sdk-docker/blob/47328f7082ac3679afe389a743458e34f612574a/cloudbuild.yaml"
	// emulators: FROM marketplace.gcr.io/google/debian12 from d271fc5a
	// (2024-10-07) until 8bdbef49 (2026-04-15 16:07 UTC), then
	// debian:trixie-slim; no ENTRYPOINT, CMD, USER or WORKDIR in any.
	srcGcloudEmulatorsTrixie = gh + "GoogleCloudPlatform/cloud-sdk-docker/commit/8bdbef49d728ce34211537d1213011225369f54b"
	// stable: ENTRYPOINT entrypoint.sh (which ends in exec "$@") from
	// eb3aa4c6 (2024-08-19); FROM debian:trixie-slim from fdecec82
	// (2026-04-29 13:52 UTC), marketplace.gcr.io/google/debian12 before.
	srcGcloudStableEP     = gh + "GoogleCloudPlatform/cloud-sdk-docker/commit/eb3aa4c60ca86fb02514aea456a9c1bfcfb724e1"
	srcGcloudStableTrixie = gh + "GoogleCloudPlatform/cloud-sdk-docker/commit/fdecec8200d56d330228ece1cfc4c4fb242ceae0"
	// Release dates, which the repository does not keep (its tags end at
	// 427.0.0): its README's package table dates the removal in 529.0.0
	// Jul 01, 2025; a Gentoo overlay's update bot, run weekly, moved to
	// 566.0.0 on 2026-04-29 01:03 UTC and to 567.0.0 on 2026-05-06 00:58
	// UTC (so 567 and later came out after 2026-04-29, 568 and later
	// after 2026-05-06); 565.0.0 was packaged on 2026-04-18.
	srcGcloud529      = gh + "GoogleCloudPlatform/cloud-sdk-docker/blob/e53b2c5176acd639b81cd0f3ef20f9f0b999a0ee/README.md"
	srcGcloudRel565   = gh + "arran4/arrans_overlay/commit/9100c9259a67c7a990d8c1570e77e087f27382af"
	srcGcloudRel566   = gh + "arran4/arrans_overlay/commit/6eeba3e3cddbfec80b18f59355a103a8a7f2a93a"
	srcGcloudRel567   = gh + "arran4/arrans_overlay/commit/cddf61ee71964fd9be28f2e28c644a735b7e760f"
	srcGcloudRelDates = srcGcloud529 + " ; " + srcGcloudRel565 + " ; " + srcGcloudRel566 + " ; " + srcGcloudRel567
)

// vendorSampleImages are one reference per source above, for the
// pinned-sources test.
var vendorSampleImages = []string{
	"gcr.io/google.com/cloudsdktool/google-cloud-cli:580.0.0-emulators",
	"gcr.io/google.com/cloudsdktool/google-cloud-cli:569.0.0-stable",
	"google/cloud-sdk:550.0.0-stable",
}

// vendorRows are matched after ciRows.
var vendorRows = []row{
	// Cloud CLI -emulators: from 567.0.0 (released after the move to
	// debian:trixie-slim) Debian's CMD bash, root; earlier releases were
	// built on Google's marketplace Debian 12, whose CMD was not read.
	{family: "google-cloud-cli-emulators", match: gcloudImage("emulators"),
		source: srcGcloudEmulators + " ; " + srcGcloudBuild + " ; " + srcDebian,
		adjust: func(r ref, f *Facts) {
			toolEras(era{from: version{567}, cmd: []string{"bash"}, source: srcGcloudEmulatorsTrixie + " ; " + srcGcloudRelDates})(r, f)
			if f.CmdKnown {
				distroFacts(f, "debian", "trixie")
			}
		}},
	// Cloud CLI -stable: ENTRYPOINT /usr/local/bin/entrypoint.sh (which
	// resets the OS image's CMD) from 529.0.0 on, root. On Debian 12
	// (Google's marketplace image) up to 565.0.0, debian:trixie-slim
	// from 568.0.0; 566 and 567 may be either.
	{family: "google-cloud-cli-stable", match: gcloudImage("stable"),
		source: srcGcloudStable + " ; " + srcGcloudBuild,
		adjust: func(r ref, f *Facts) {
			toolEras(era{from: version{529}, ep: []string{"/usr/local/bin/entrypoint.sh"},
				source: srcGcloudStableEP + " ; " + srcGcloudStableTrixie + " ; " + srcGcloudRelDates})(r, f)
			if !f.EntrypointKnown {
				return
			}
			v, _ := r.tagVersion()
			switch {
			case v == nil || v.atLeast(version{568}):
				distroFacts(f, "debian", "trixie")
			case !v.atLeast(version{566}):
				distroFacts(f, "debian", "bookworm")
			default:
				distroFacts(f, "debian", "")
				f.TiniPackage, f.TiniKnown, f.NSSWrapperPackage, f.NSSWrapperKnown = "", false, "", false
			}
		}},
}

// gcloudRegistries are where cloudbuild.yaml pushes the Cloud CLI images:
// gcr.io names are Artifact Registry repositories of the
// google.com/cloudsdktool project.
var gcloudRegistries = map[string]string{
	"gcr.io": "gcr.io", "us.gcr.io": "us.gcr.io", "eu.gcr.io": "eu.gcr.io", "asia.gcr.io": "asia.gcr.io",
	"us-docker.pkg.dev": "", "europe-docker.pkg.dev": "", "asia-docker.pkg.dev": "",
}

// gcloudImage matches the Cloud CLI image whose tag is VERSION-variant,
// variant, or VERSION-variant-DATE: google-cloud-cli or cloud-sdk under
// google.com/cloudsdktool on gcr.io (or its Artifact Registry path), or
// google/cloud-sdk on Docker Hub.
func gcloudImage(variant string) func(ref) bool {
	return func(r ref) bool {
		if !gcloudRepo(r) {
			return false
		}
		w := r.dashWords()
		i := slices.Index(w, variant)
		if i < 0 || i > 1 || (i == 1 && !isVersionWord(w[0]) && !strings.Contains(w[0], "$")) {
			return false
		}
		return len(w) <= i+1 || (len(w) == i+2 && isDigits(w[i+1]))
	}
}

func gcloudRepo(r ref) bool {
	if r.hubRepo("google/cloud-sdk") {
		return true
	}
	host, ok := gcloudRegistries[r.registry]
	if !ok {
		return false
	}
	p := r.path
	if host == "" {
		// us-docker.pkg.dev/google.com/cloudsdktool/gcr.io/NAME
		rest, ok := strings.CutPrefix(p, "google.com/cloudsdktool/")
		if !ok {
			return false
		}
		repo, name, ok := strings.Cut(rest, "/")
		if _, known := gcloudRegistries[repo]; !ok || !known || gcloudRegistries[repo] == "" {
			return false
		}
		p = "google.com/cloudsdktool/" + name
	}
	return p == "google.com/cloudsdktool/google-cloud-cli" || p == "google.com/cloudsdktool/cloud-sdk"
}

// isVersionWord reports whether w is a dotted release number ("552.0.0").
func isVersionWord(w string) bool {
	v, exact := parseVersion(w)
	return len(v) > 0 && !exact && strings.Trim(w, "0123456789.") == ""
}

func isDigits(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }
