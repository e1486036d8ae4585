# Built on a base image unroot does not know, with a CMD and no ENTRYPOINT
# of its own: a new ENTRYPOINT would replace the base image's start-up
# script, so unroot runs the CMD under tini and its start-up script instead.
# PID 1 is a Python supervisor that never waits for its workers.
FROM unroot-e2e/cmdwrap-base:1

RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 \
 && rm -rf /var/lib/apt/lists/*

COPY spawner.py /opt/spawner/spawner.py
CMD ["python3", "/opt/spawner/spawner.py"]
