# syntax=docker/dockerfile:1
# Heredoc forms that docker 20.10's own BuildKit cannot parse, built by a
# standalone buildkitd (scripts/buildkit-setup.sh): see e2e/buildkitd_test.go.
# The file is not named Dockerfile, so the rewrite fixtures leave it out.

FROM busybox AS busybox-heredoc
ARG GREETING=hello
RUN <<EOT
set -e
mkdir -p /srv/demo
echo "built by uid $(id -u)" > /srv/demo/unquoted
EOT
RUN <<'EOT'
echo 'quoted terminator' > /srv/demo/quoted
EOT
RUN <<-EOT
	echo "tabs
	stripped" > /srv/demo/dash
	EOT
RUN <<FIRST cat > /srv/demo/first && <<SECOND cat > /srv/demo/second
one
FIRST
two
SECOND
COPY <<EOF /srv/demo/greeting
${GREETING} from COPY
EOF
COPY --chmod=0755 <<'EOF' /usr/local/bin/unroot-entrypoint
#!/bin/sh
set -e
echo "entrypoint: uid=$(id -u) gid=$(id -g) HOME=${HOME:-}"
exec "$@"
EOF
ENTRYPOINT ["/usr/local/bin/unroot-entrypoint"]
CMD ["sh", "-c", "cat /srv/demo/*"]

FROM debian:bookworm AS debian-heredoc
RUN <<EOT
set -e
apt-get update
apt-get install -y --no-install-recommends tini
apt-get clean
rm -rf /var/lib/apt/lists/*
mkdir -p /srv/demo
echo "built by uid $(id -u)" > /srv/demo/unquoted
EOT
RUN <<-EOT
	echo "tabs
	stripped" > /srv/demo/dash
	EOT
COPY --chmod=0755 <<'EOF' /usr/local/bin/unroot-entrypoint
#!/bin/sh
set -e
echo "entrypoint: uid=$(id -u) gid=$(id -g) HOME=${HOME:-}"
exec "$@"
EOF
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/unroot-entrypoint"]
CMD ["sh", "-c", "cat /srv/demo/*"]
