#!/bin/sh
# Says who it runs as, then waits for a signal.
echo "running as $(id -un 2>/dev/null || echo "uid $(id -u) without a name")"
exec sleep 100000
