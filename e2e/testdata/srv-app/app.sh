#!/bin/sh
# Keeps its state in its working directory, then waits for a signal.
date > ./state || exit 1
exec sleep 100000
