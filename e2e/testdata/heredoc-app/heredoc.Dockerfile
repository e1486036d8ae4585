# syntax=docker/dockerfile:1
# A service written in the here-document style of BuildKit files: its RUNs
# are scripts (`set -eux`, a `<<-` body indented with tabs, a quoted
# terminator, two here-documents in one RUN). Under a random UID it cannot
# write its data directory, has no HOME and no init. unroot must fold its
# packages into the body's install, add commands as lines of the body, and
# write its start-up script as a COPY of a here-document (issue 17).
FROM debian:bookworm
RUN <<EOT
set -eux
apt-get update
apt-get install -y --no-install-recommends procps
mkdir -p /srv/app/data
rm -rf /var/lib/apt/lists/*
EOT
RUN <<-EOT
	set -e
	mkdir -p /srv/app/conf
	echo "level=info" > /srv/app/conf/log.conf
EOT
RUN <<'EOT' cat > /srv/app/run.sh && <<EOC cat > /srv/app/conf/app.conf
#!/bin/sh
# Keeps its state in the data directory, then waits for a signal.
date > "$PWD/data/started" || exit 1
exec sleep 100000
EOT
data=/srv/app/data
EOC
WORKDIR /srv/app
CMD ["sh", "/srv/app/run.sh"]
