#!/bin/sh
# Records who it runs as in HOME and marks itself ready in its working
# directory, then waits for work.
set -e
echo "worker started as $(id -un)" >"$HOME/.worker-state"
touch ./ready
exec sleep infinity
