#!/bin/sh
# Keeps its state in HOME, then waits for a signal.
date > "$HOME/started" || exit 1
exec sleep 100000
