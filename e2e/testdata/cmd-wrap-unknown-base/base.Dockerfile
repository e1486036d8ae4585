# An "unknown" base image, built and tagged by TestCmdWrapUnknownBase
# (unroot-e2e/cmdwrap-base:1): unroot has no facts about it. Its
# ENTRYPOINT is a start-up script of the usual kind: it sets something up,
# then execs its arguments.
FROM debian:bookworm-slim
COPY docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
ENTRYPOINT ["docker-entrypoint.sh"]
