#!/bin/sh
# The base image's start-up script: set-up, then the command it is given.
set -e
export BASE_ENTRYPOINT=ran
exec "$@"
