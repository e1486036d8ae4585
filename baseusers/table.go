package baseusers

import "strings"

// Sources. GitHub links are pinned to the commit whose content was checked,
// so the cited line cannot drift; see README.md for what each one shows.
const (
	srcDebian            = "https://salsa.debian.org/debian/base-passwd/-/blob/master/passwd.master"
	srcAlpine            = "https://github.com/alpinelinux/aports/blob/0e733c2d9dc42887b09641bbc949e2922d74455c/main/alpine-baselayout/passwd"
	srcAlpineWWWData     = "https://github.com/docker-library/php/blob/0ac0413de15ea852ec00e1f4765c6b0ce0666ee3/8.3/alpine3.20/cli/Dockerfile"
	srcRHEL              = "https://pagure.io/setup/blob/master/f/passwd"
	srcRHELNobody        = "https://fedoraproject.org/wiki/Changes/RenameNobodyUser"
	srcBusyBox           = "https://gitlab.com/buildroot.org/buildroot/-/blob/2025.02.3/system/skeleton/etc/passwd"
	srcDistroless        = "https://github.com/GoogleContainerTools/distroless/blob/11eeda55665c49dfc0918ad4ab9f1cf0b4b3a698/common/BUILD.bazel"
	srcWolfi             = "https://github.com/wolfi-dev/os/blob/02f5268375f5aeead4631ea4037c911c152ee8de/wolfi-baselayout/vendor/etc/passwd"
	srcChainguardNonroot = "https://github.com/chainguard-images/images/blob/3ed33eede9d71d6777ee03b0c04b7b928bf126cd/images/static/configs/latest.apko.yaml"
	srcNodeDebian        = "https://github.com/nodejs/docker-node/blob/07bd7414c9eeb7a134951122e1105e8c849f770e/22/bookworm/Dockerfile"
	srcNodeAlpine        = "https://github.com/nodejs/docker-node/blob/0001669cfeee81ddd41a0a16be9321e8a1bf2354/22/alpine3.22/Dockerfile"
	srcPostgresDebian    = "https://github.com/docker-library/postgres/blob/03e18d66ddd00497a6a7f8365747fb31386ccba6/15/bookworm/Dockerfile"
	srcPostgresAlpine    = "https://github.com/docker-library/postgres/blob/03e18d66ddd00497a6a7f8365747fb31386ccba6/15/alpine3.20/Dockerfile"
	srcRedisDebian       = "https://github.com/redis/docker-library-redis/blob/0264183b601a2fdbf26cd737964cf6835df3d670/7.2/debian/Dockerfile"
	srcRedisAlpine       = "https://github.com/redis/docker-library-redis/blob/0642e8613deef6a2838814944485fd4a057b8fb4/7.2/alpine/Dockerfile"
	srcMySQL             = "https://github.com/docker-library/mysql/blob/3447d2db9bc3084a226381b97ea852f8f9d96406/8.4/Dockerfile.oracle"
	srcMongo             = "https://github.com/docker-library/mongo/blob/005cf5957292a46cdada392a610687e56d04b225/7.0/Dockerfile"
	srcNginxDebian       = "https://github.com/nginxinc/docker-nginx/blob/0215f8f7e23edf761913c61534ca8dcac27740df/mainline/debian/Dockerfile"
	srcNginxAlpine       = "https://github.com/nginxinc/docker-nginx/blob/00066aeb5eadd4cedaae5dc9ef37617938466038/mainline/alpine-slim/Dockerfile"
	srcRabbitMQUbuntu    = "https://github.com/docker-library/rabbitmq/blob/00309be9729cd54aa525c35ac924fa026ee5e8a2/3.13/ubuntu/Dockerfile"
	srcRabbitMQAlpine    = "https://github.com/docker-library/rabbitmq/blob/00309be9729cd54aa525c35ac924fa026ee5e8a2/3.13/alpine/Dockerfile"
	srcElasticsearch     = "https://github.com/elastic/dockerfiles/blob/000ec0794972a956614bdb904bafdb92cb84dfbe/elasticsearch/Dockerfile"
	srcJenkinsDebian     = "https://github.com/jenkinsci/docker/blob/01fb59e9202126ed3f53b26b2217f738ad4a6633/debian/Dockerfile"
	srcJenkinsAlpine     = "https://github.com/jenkinsci/docker/blob/038d95909e3eeb38b9a238bfeb664b8f344c35a5/alpine/hotspot/Dockerfile"
	srcJovyan            = "https://github.com/jupyter/docker-stacks/blob/00987883e58d139b5ed01f803f95e639c59bf340/images/docker-stacks-foundation/Dockerfile"
	srcUbuntuUser        = "https://github.com/jupyterhub/repo2docker/issues/1346"
	srcDotnetApp         = "https://github.com/dotnet/dotnet-docker/discussions/4995"
	srcStepCLIAlpine     = "https://github.com/smallstep/cli/blob/014e608fd2066aec868f713c6491677b1cf9b5b6/docker/Dockerfile"
	srcStepCLIDebian     = "https://github.com/smallstep/cli/blob/0800c12db60a76586c79f55d451733ed986d288d/docker/Dockerfile.debian"
	srcNginxUnprivileged = "https://github.com/nginxinc/docker-nginx-unprivileged/blob/015ce722a117229a49910a394abeb6563e85018e/mainline/debian/Dockerfile"
	srcOpenSearch        = "https://github.com/opensearch-project/opensearch-build/blob/0321c35ceccd73dbe6f7e0760dab6dc3abcbeefa/docker/release/dockerfiles/opensearch.al2.dockerfile"
	srcLogstash          = "https://github.com/elastic/dockerfiles/blob/02010b84111d0b014623b6a532bf0b505b80da65/logstash/Dockerfile"
	srcGitpod            = "https://github.com/gitpod-io/workspace-images/blob/02b4999b13e24032f86bec67aaf0133718e63b7f/base/Dockerfile"
	srcShadowUseradd     = "https://github.com/shadow-maint/shadow/blob/623d9e2ab324176c2c6e9fd731c00d46cc6c0ce1/src/useradd.c"
	srcPaketoJammyTiny   = "https://github.com/paketo-buildpacks/jammy-tiny-stack/blob/043f0394034e98649e0b58f82ae23ecda8616ef1/stack/stack.toml"
	srcS2IDefault        = "https://github.com/sclorg/s2i-base-container/blob/0412400924f89fb39c92c4d6fe0e9f5042446cf7/core/Dockerfile.rhel9"
)

const (
	imgDebian     = "Debian and Ubuntu base images (base-passwd)"
	imgAlpine     = "Alpine base images (alpine-baselayout)"
	imgRHEL       = "RHEL-family base images: Fedora, RHEL/UBI, CentOS, Rocky, Alma, Oracle Linux, Amazon Linux (setup package)"
	imgBusyBox    = "busybox official image (buildroot skeleton passwd)"
	imgDistroless = "gcr.io/distroless images"
	imgChainguard = "cgr.dev (Chainguard) images"
)

// familyRules are the users each family's base image ships.
var familyRules = []rule{
	// Debian / Ubuntu: base-passwd's passwd.master.
	{Entry: Entry{"root", "0", "0", imgDebian, srcDebian}, family: FamilyDebian},
	{Entry: Entry{"daemon", "1", "1", imgDebian, srcDebian}, family: FamilyDebian},
	{Entry: Entry{"bin", "2", "2", imgDebian, srcDebian}, family: FamilyDebian},
	{Entry: Entry{"sys", "3", "3", imgDebian, srcDebian}, family: FamilyDebian},
	{Entry: Entry{"mail", "8", "8", imgDebian, srcDebian}, family: FamilyDebian},
	{Entry: Entry{"www-data", "33", "33", imgDebian, srcDebian}, family: FamilyDebian},
	{Entry: Entry{"nobody", "65534", "65534", imgDebian, srcDebian}, family: FamilyDebian},

	// Alpine: alpine-baselayout's passwd (it has no "sys" user, only a group).
	{Entry: Entry{"root", "0", "0", imgAlpine, srcAlpine}, family: FamilyAlpine},
	{Entry: Entry{"bin", "1", "1", imgAlpine, srcAlpine}, family: FamilyAlpine},
	{Entry: Entry{"daemon", "2", "2", imgAlpine, srcAlpine}, family: FamilyAlpine},
	{Entry: Entry{"mail", "8", "12", imgAlpine, srcAlpine}, family: FamilyAlpine},
	{Entry: Entry{"nobody", "65534", "65534", imgAlpine, srcAlpine}, family: FamilyAlpine},
	{Entry: Entry{"guest", "405", "100", imgAlpine, srcAlpine}, family: FamilyAlpine},
	// alpine-baselayout ships only the www-data group (82); the user is
	// created with 82 by Alpine's apache2/lighttpd/nginx packages and by the
	// php and httpd official Alpine images.
	{Entry: Entry{"www-data", "82", "82",
		"Alpine images that have a www-data user (php:*-alpine, httpd:*-alpine, Alpine's apache2/nginx/lighttpd packages); alpine-baselayout itself ships only the www-data group, GID 82",
		srcAlpineWWWData}, family: FamilyAlpine},

	// RHEL family: the setup package's passwd.
	{Entry: Entry{"root", "0", "0", imgRHEL, srcRHEL}, family: FamilyRHEL},
	{Entry: Entry{"bin", "1", "1", imgRHEL, srcRHEL}, family: FamilyRHEL},
	{Entry: Entry{"daemon", "2", "2", imgRHEL, srcRHEL}, family: FamilyRHEL},
	{Entry: Entry{"mail", "8", "12", imgRHEL, srcRHEL}, family: FamilyRHEL},
	// nobody became 65534 in Fedora 28 (so RHEL 8 and later); before that
	// setup.rpm defined nobody as 99, so legacy images are excluded.
	{Entry: Entry{"nobody", "65534", "65534",
		"RHEL-family images based on Fedora 28+ / RHEL 8+ (UBI 8/9, CentOS Stream, Rocky, Alma, Oracle Linux 8+, Amazon Linux 2023); not CentOS 7, Amazon Linux 2 or other RHEL 7-era images",
		srcRHELNobody}, family: FamilyRHEL, match: func(r ref, _ string) bool { return !legacyRHEL(r) }},

	// BusyBox: the busybox image copies buildroot's skeleton passwd.
	{Entry: Entry{"root", "0", "0", imgBusyBox, srcBusyBox}, family: FamilyBusyBox},
	{Entry: Entry{"daemon", "1", "1", imgBusyBox, srcBusyBox}, family: FamilyBusyBox},
	{Entry: Entry{"bin", "2", "2", imgBusyBox, srcBusyBox}, family: FamilyBusyBox},
	{Entry: Entry{"sys", "3", "3", imgBusyBox, srcBusyBox}, family: FamilyBusyBox},
	{Entry: Entry{"mail", "8", "8", imgBusyBox, srcBusyBox}, family: FamilyBusyBox},
	{Entry: Entry{"www-data", "33", "33", imgBusyBox, srcBusyBox}, family: FamilyBusyBox},
	{Entry: Entry{"nobody", "65534", "65534", imgBusyBox, srcBusyBox}, family: FamilyBusyBox},

	// Distroless: Google's passwd has exactly root, nobody and nonroot.
	{Entry: Entry{"root", "0", "0", imgDistroless, srcDistroless}, family: FamilyDistroless, match: isGoogleDistroless},
	{Entry: Entry{"nobody", "65534", "65534", imgDistroless, srcDistroless}, family: FamilyDistroless, match: isGoogleDistroless},
	{Entry: Entry{"nonroot", "65532", "65532", imgDistroless, srcDistroless}, family: FamilyDistroless, match: isGoogleDistroless},
	// Chainguard: root and nobody from wolfi-baselayout, nonroot from the
	// images' apko accounts.
	{Entry: Entry{"root", "0", "0", imgChainguard + " (wolfi-baselayout)", srcWolfi}, family: FamilyDistroless, match: isChainguard},
	{Entry: Entry{"nobody", "65534", "65534", imgChainguard + " (wolfi-baselayout)", srcWolfi}, family: FamilyDistroless, match: isChainguard},
	{Entry: Entry{"nonroot", "65532", "65532", imgChainguard + " that define the nonroot account (Chainguard's default user)", srcChainguardNonroot}, family: FamilyDistroless, match: isChainguard},
}

// imageRules are users added by specific images. They take precedence over
// familyRules.
var imageRules = []rule{
	{Entry: Entry{"node", "1000", "1000", "node official image, Debian variants", srcNodeDebian},
		match: official("node", FamilyDebian)},
	{Entry: Entry{"node", "1000", "1000", "node official image, Alpine variants", srcNodeAlpine},
		match: official("node", FamilyAlpine)},

	{Entry: Entry{"postgres", "999", "999", "postgres official image, Debian variants", srcPostgresDebian},
		match: official("postgres", FamilyDebian)},
	{Entry: Entry{"postgres", "70", "70", "postgres official image, Alpine variants", srcPostgresAlpine},
		match: official("postgres", FamilyAlpine)},

	{Entry: Entry{"redis", "999", "999", "redis official image, Debian variants", srcRedisDebian},
		match: official("redis", FamilyDebian)},
	{Entry: Entry{"redis", "999", "1000", "redis official image, Alpine variants (GID 1000: Alpine already uses GID 999)", srcRedisAlpine},
		match: official("redis", FamilyAlpine)},

	{Entry: Entry{"mysql", "999", "999", "mysql official image, Oracle Linux variants (the default tags; not 5.x, not the Debian variant)", srcMySQL},
		match: func(r ref, family string) bool {
			major, _, ok := r.version()
			return r.official() == "mysql" && family == FamilyRHEL && !(ok && major == 5)
		}},

	{Entry: Entry{"mongodb", "999", "999", "mongo official image (Ubuntu-based)", srcMongo},
		match: official("mongo", FamilyDebian)},

	{Entry: Entry{"nginx", "101", "101", "nginx official image, Debian variants", srcNginxDebian},
		match: official("nginx", FamilyDebian)},
	{Entry: Entry{"nginx", "101", "101", "nginx official image, Alpine variants", srcNginxAlpine},
		match: official("nginx", FamilyAlpine)},

	{Entry: Entry{"rabbitmq", "999", "999", "rabbitmq official image, Ubuntu variants (the default tags)", srcRabbitMQUbuntu},
		match: official("rabbitmq", FamilyDebian)},
	{Entry: Entry{"rabbitmq", "100", "101", "rabbitmq official image, Alpine variants", srcRabbitMQAlpine},
		match: official("rabbitmq", FamilyAlpine)},

	{Entry: Entry{"elasticsearch", "1000", "1000", "elasticsearch official image and docker.elastic.co/elasticsearch/elasticsearch", srcElasticsearch},
		match: func(r ref, _ string) bool {
			return r.official() == "elasticsearch" ||
				(r.registry == "docker.elastic.co" && r.path == "elasticsearch/elasticsearch")
		}},

	{Entry: Entry{"jenkins", "1000", "1000", "jenkins/jenkins, Debian variants (the default tags)", srcJenkinsDebian},
		match: func(r ref, family string) bool { return r.isJenkins() && family == FamilyDebian }},
	{Entry: Entry{"jenkins", "1000", "1000", "jenkins/jenkins, Alpine variants", srcJenkinsAlpine},
		match: func(r ref, family string) bool { return r.isJenkins() && family == FamilyAlpine }},

	{Entry: Entry{"jovyan", "1000", "100", "Jupyter docker-stacks images (jupyter/*-notebook and jupyter/docker-stacks-foundation, on Docker Hub or quay.io)", srcJovyan},
		match: func(r ref, _ string) bool { return r.isJupyterStack() }},

	{Entry: Entry{"ubuntu", "1000", "1000", "ubuntu official image, 23.04 and later (24.04 noble, latest, rolling, …)", srcUbuntuUser},
		match: func(r ref, _ string) bool { return r.official() == "ubuntu" && ubuntuHasUser(r) }},

	{Entry: Entry{"app", "1654", "1654", "mcr.microsoft.com/dotnet/* Linux images, .NET 8 and later", srcDotnetApp},
		match: func(r ref, _ string) bool { return r.isDotnet() && dotnetHasApp(r) }},

	{Entry: Entry{"step", "1000", "1000", "smallstep/step-cli, Alpine variants (the default tags: ARG STEPUID=1000, STEPGID=1000)", srcStepCLIAlpine},
		match: func(r ref, family string) bool { return r.isStepCLI() && family != FamilyDebian }},
	{Entry: Entry{"step", "1000", "1000", "smallstep/step-cli, Debian variants (bookworm, trixie: ARG STEPUID=1000, STEPGID=1000)", srcStepCLIDebian},
		match: func(r ref, family string) bool { return r.isStepCLI() && family == FamilyDebian }},

	// useradd -u 33333 without -g: shadow's useradd makes the user's
	// group with the UID as its preferred GID (find_new_gid(..., &user_id)).
	{Entry: Entry{"gitpod", "33333", "33333", "gitpod/workspace-* images (built on gitpod/workspace-base; the group is useradd's, which takes the UID as GID: " + srcShadowUseradd + ")", srcGitpod},
		match: func(r ref, _ string) bool { return r.registry == "" && strings.HasPrefix(r.path, "gitpod/workspace-") }},

	{Entry: Entry{"cnb", "1002", "1000", "paketobuildpacks/run-jammy-tiny (the run image: [run] uid = 1002, gid = 1000)", srcPaketoJammyTiny},
		match: func(r ref, _ string) bool { return r.registry == "" && r.path == "paketobuildpacks/run-jammy-tiny" }},

	{Entry: Entry{"nginx", "101", "101", "nginxinc/nginx-unprivileged (ARG UID=101, GID=101)", srcNginxUnprivileged},
		match: func(r ref, _ string) bool { return r.registry == "" && r.path == "nginxinc/nginx-unprivileged" }},

	{Entry: Entry{"opensearch", "1000", "1000", "opensearchproject/opensearch (ARG UID=1000, GID=1000)", srcOpenSearch},
		match: func(r ref, _ string) bool { return r.registry == "" && r.path == "opensearchproject/opensearch" }},

	{Entry: Entry{"logstash", "1000", "1000", "logstash official image and docker.elastic.co/logstash/logstash", srcLogstash},
		match: func(r ref, _ string) bool {
			return r.official() == "logstash" || (r.registry == "docker.elastic.co" && r.path == "logstash/logstash")
		}},

	{Entry: Entry{"default", "1001", "0", "Red Hat s2i images built on ubi8/ubi9/ubi10 s2i-core (s2i-core, s2i-base, python-*, nodejs-*, nginx-*; not the -minimal variants)", srcS2IDefault},
		match: func(r ref, _ string) bool { return isS2I(r) }},
}

// official matches the Docker Official Image name in the given family.
func official(name, family string) func(ref, string) bool {
	return func(r ref, fam string) bool { return r.official() == name && fam == family }
}

func isGoogleDistroless(r ref, _ string) bool {
	return r.registry == "gcr.io" && strings.HasPrefix(r.path, "distroless/")
}

func isChainguard(r ref, _ string) bool { return r.registry == "cgr.dev" }

// legacyRHEL reports whether r names a RHEL-family image from before the
// Fedora 28 / RHEL 8 switch of nobody to 65534 (CentOS 5–7, Oracle Linux 5–7,
// Amazon Linux 1 and 2, Fedora < 28, UBI/RHEL 7, mysql 5.x on Oracle Linux 7).
func legacyRHEL(r ref) bool {
	for _, p := range strings.Split(r.path, "/") {
		for _, prefix := range []string{"ubi", "rhel"} {
			if n, ok := numbered(p, prefix); ok && n < 8 {
				return true
			}
		}
	}
	major, _, ok := r.version()
	if !ok {
		return false
	}
	switch {
	case r.hasComponent("centos"), r.hasComponent("oraclelinux"):
		return major >= 5 && major <= 7
	case r.hasComponent("amazonlinux"):
		return major == 1 || major == 2 || (major >= 2011 && major <= 2018)
	case r.hasComponent("fedora"):
		return major < 28
	case r.official() == "mysql":
		return major == 5
	}
	return false
}

var ubuntuUserCodenames = map[string]bool{
	"lunar": true, "mantic": true, "noble": true, "oracular": true,
	"plucky": true, "questing": true, "resolute": true,
}

// ubuntuHasUser reports whether the ubuntu image tag is 23.04 or later, the
// first release whose image ships the "ubuntu" user.
func ubuntuHasUser(r ref) bool {
	switch r.tag {
	case "", "latest", "rolling", "devel":
		return true
	}
	if r.tag[0] >= '0' && r.tag[0] <= '9' {
		major, minor, _ := r.version()
		return major > 23 || (major == 23 && minor >= 4)
	}
	return r.tagHasToken(ubuntuUserCodenames)
}

// dotnetHasApp reports whether a mcr.microsoft.com/dotnet tag is a .NET 8+
// Linux image (8.0 previews used a different UID and are excluded).
func dotnetHasApp(r ref) bool {
	for _, s := range []string{"windowsservercore", "nanoserver", "ltsc"} {
		if strings.Contains(r.tag, s) {
			return false
		}
	}
	if r.latestTag() {
		return true
	}
	if r.tag[0] < '0' || r.tag[0] > '9' {
		return false
	}
	major, _, _ := r.version()
	if major == 8 && strings.Contains(r.tag, "preview") {
		return false
	}
	return major >= 8
}

// isS2I matches Red Hat's source-to-image images that are built FROM
// s2i-core (which creates "default"), e.g.
// registry.access.redhat.com/ubi9/python-312.
func isS2I(r ref) bool {
	if r.registry != "registry.access.redhat.com" && r.registry != "registry.redhat.io" {
		return false
	}
	parts := strings.Split(r.path, "/")
	if len(parts) != 2 {
		return false
	}
	switch parts[0] {
	case "ubi8", "ubi9", "ubi10", "rhel8", "rhel9", "rhel10":
	default:
		return false
	}
	n := parts[1]
	if n == "s2i-core" || n == "s2i-base" {
		return true
	}
	for _, p := range []string{"python-", "nodejs-", "nginx-"} {
		if _, ok := numbered(n, p); ok {
			return true
		}
	}
	return false
}
