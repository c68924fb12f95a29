#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs the wizard on a real pseudo-terminal, waits for its first screen, then ends it (a signal, or
keys), and reports whether the terminal's modes were restored.

    ptyrun.py BIN HOW [ARGS...]     HOW: TERM | HUP | INT | keys
Prints "exit=<code> echo=<0|1> icanon=<0|1> rmcup=<0|1>"."""
import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time

binary, how, args = sys.argv[1], sys.argv[2], sys.argv[3:]
master, slave = os.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
attrs = termios.tcgetattr(slave)
attrs[3] |= termios.ECHO | termios.ICANON  # a user's shell leaves the tty cooked
termios.tcsetattr(slave, termios.TCSANOW, attrs)
env = dict(os.environ, TERM="xterm", LANG="C.UTF-8")
env.pop("O365_SCRIPT", None)


def own_tty():
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


child = subprocess.Popen([binary] + args, stdin=slave, stdout=slave, stderr=slave, env=env,
                         preexec_fn=own_tty, close_fds=True)
seen = b""


def read_until(needle, seconds):
    global seen
    end = time.monotonic() + seconds
    while needle not in seen and time.monotonic() < end:
        r, _, _ = select.select([master], [], [], 0.2)
        if r:
            try:
                seen += os.read(master, 65536)
            except OSError:
                break
    return needle in seen


if not read_until(b"Step 0", 15):
    child.kill()
    print("exit=never-drew")
    sys.exit(1)
if how == "keys":
    os.write(master, b"\x03")          # Ctrl-C
    read_until(b"Save a draft", 5)
    os.write(master, b"n")
else:
    child.send_signal(getattr(signal, "SIG" + how))
try:
    code = child.wait(timeout=10)
except subprocess.TimeoutExpired:
    child.kill()
    code = "hung"
read_until(b"\x1b[?1049l", 1)          # drain what the child wrote last
lflag = termios.tcgetattr(slave)[3]
left_alt_screen = int(b"\x1b[?1049l" in seen)
print(f"exit={code} echo={int(bool(lflag & termios.ECHO))} icanon={int(bool(lflag & termios.ICANON))} "
      f"rmcup={left_alt_screen}")
