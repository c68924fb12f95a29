#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs a command with a pseudo-terminal as its controlling terminal and standard input, as a user
at a shell would, and types a line when the command prompts (or at once when no prompt is given).

    ttyinput.py TIMEOUT PROMPT-REGEX LINE CMD [ARGS...]     (PROMPT-REGEX "" = type nothing)

Prints the command's output, then one line
"exit=<code|timeout> echo_at_prompt=<0|1|-> line_shown=<0|1>"."""
import fcntl
import os
import re
import select
import signal
import subprocess
import sys
import termios
import time

timeout, prompt, line, cmd = float(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
master, slave = os.openpty()
attrs = termios.tcgetattr(slave)
attrs[3] |= termios.ECHO | termios.ICANON  # a user's shell leaves the tty cooked
termios.tcsetattr(slave, termios.TCSANOW, attrs)


def own_tty():
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, preexec_fn=own_tty, close_fds=True)
os.close(slave)
out, typed, echo, deadline = b"", False, "-", time.monotonic() + timeout
while time.monotonic() < deadline:
    r, _, _ = select.select([master], [], [], 0.05)
    if r:
        try:
            data = os.read(master, 65536)
        except OSError:
            data = b""
        if not data and proc.poll() is not None:
            break
        out += data
    elif proc.poll() is not None:
        break
    if prompt and not typed and re.search(prompt.encode(), out):
        echo = "1" if termios.tcgetattr(master)[3] & termios.ECHO else "0"
        os.write(master, line.encode() + b"\r")
        typed = True
status = proc.poll()
if status is None:
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    status = "timeout"
sys.stdout.write(out.decode("utf-8", "replace"))
shown = "1" if line and line.encode() in out else "0"
print(f"\nexit={status} echo_at_prompt={echo} line_shown={shown}")
