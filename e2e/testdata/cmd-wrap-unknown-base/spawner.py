"""Starts a short-lived worker every few seconds and never reaps it."""
import os
import sys
import time

INTERVAL = float(os.environ.get("SPAWN_INTERVAL", "2"))
MAX_CHILDREN = int(os.environ.get("MAX_CHILDREN", "50"))

started = 0
while True:
    if started < MAX_CHILDREN:
        pid = os.fork()
        if pid == 0:
            # The worker: a moment of "work", then exit. Nobody waits for it.
            os.execvp("sleep", ["sleep", "0.1"])
        started += 1
        print("started worker %d (pid %d)" % (started, pid), flush=True)
    sys.stdout.flush()
    time.sleep(INTERVAL)
