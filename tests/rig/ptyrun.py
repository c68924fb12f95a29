#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs the wizard on a real pseudo-terminal.

    ptyrun.py BIN HOW [ARGS...]        HOW: TERM | HUP | INT | keys
        waits for the first screen, ends the wizard (a signal, or keys) and prints
        "exit=<code> echo=<0|1> icanon=<0|1> rmcup=<0|1>": whether the tty was restored.
    ptyrun.py BIN script FILE [ARGS...]
        plays FILE against the wizard as a terminal would, reading the screen through a terminal
        emulator (pyte). Lines: "send BYTES" (\\e, \\r, \\t, \\xNN escapes), "wait TEXT" (until the
        screen shows it), "absent TEXT", "resize COLSxROWS", "save NAME" (the screen to $O365_SCREEN_DIR/NAME),
        "# comment". Prints "exit=<code>", or "FAIL ..." with the screen. Nothing sleeps: every
        wait is for screen content, with a deadline."""
import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time

binary, how = sys.argv[1], sys.argv[2]
script = sys.argv[3] if how == "script" else None
args = sys.argv[4:] if script else sys.argv[3:]
ROWS, COLS = 24, 80
master, slave = os.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
attrs = termios.tcgetattr(slave)
attrs[3] |= termios.ECHO | termios.ICANON  # a user's shell leaves the tty cooked
termios.tcsetattr(slave, termios.TCSANOW, attrs)
env = dict(os.environ, TERM=os.environ.get("PTY_TERM", "xterm"), LANG="C.UTF-8")
env.pop("O365_SCRIPT", None)


def own_tty():
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


child = subprocess.Popen([binary] + args, stdin=slave, stdout=slave, stderr=slave, env=env,
                         preexec_fn=own_tty, close_fds=True)
seen = b""
screen = stream = None
if script:
    import pyte

    class Screen(pyte.Screen):
        """DECRC restores the cursor where it was saved, even outside the scrolling margins (as
        xterm does); pyte clamps it into them, which ncurses' insert-line updates trip over."""

        def restore_cursor(self):
            if self.savepoints:
                y = self.savepoints[-1].cursor.y
                super().restore_cursor()
                self.cursor.y = y
            else:
                super().restore_cursor()

        def _margins(self):
            m = self.margins
            return (m.top, m.bottom) if m else (0, self.lines - 1)

        def scroll_down(self, n=1):  # SD, CSI n T: xterm's terminfo uses it (rin)
            y, (top, _) = self.cursor.y, self._margins()
            self.cursor.y = top
            self.insert_lines(n or 1)
            self.cursor.y = y

        def scroll_up(self, n=1):  # SU, CSI n S (indn)
            y, (top, _) = self.cursor.y, self._margins()
            self.cursor.y = top
            self.delete_lines(n or 1)
            self.cursor.y = y

        last = " "

        def draw(self, data):
            if data:
                self.last = data[-1]
            super().draw(data)

        def repeat_last(self, n=1):  # REP, CSI n b: ncurses' rep for runs of one character
            super().draw(self.last * (n or 1))

    class Stream(pyte.ByteStream):
        csi = dict(pyte.ByteStream.csi, T="scroll_down", S="scroll_up", b="repeat_last")

    screen = Screen(COLS, ROWS)
    stream = Stream(screen)


def pump(timeout):
    global seen
    r, _, _ = select.select([master], [], [], timeout)
    if r:
        try:
            data = os.read(master, 65536)
        except OSError:
            return False
        seen += data
        if stream:
            stream.feed(data)
        return True
    return False


def read_until(needle, seconds):
    end = time.monotonic() + seconds
    while needle not in seen and time.monotonic() < end:
        pump(0.2)
    return needle in seen


def text():
    return "\n".join(screen.display)


def fail(msg):
    if os.environ.get("PTY_RAW"):
        with open(os.environ["PTY_RAW"], "wb") as f:
            f.write(seen)
    print(f"FAIL {msg}\n--- screen ---\n{text()}\n---")
    child.kill()
    sys.exit(1)


def unescape(s):
    return s.encode().decode("unicode_escape").replace("\\e", "\x1b").encode("latin-1")


def play(path):
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        verb, _, arg = line.partition(" ")
        if verb == "send":
            os.write(master, unescape(arg.replace("\\e", "\\x1b")))
        elif verb == "wait":
            end = time.monotonic() + 15
            while arg not in text():
                if time.monotonic() > end:
                    fail(f"line {n}: the screen never showed {arg!r}")
                pump(0.2)
        elif verb == "absent":
            while pump(0.05):  # take in what has arrived so far
                pass
            if arg in text():
                fail(f"line {n}: the screen shows {arg!r}")
        elif verb == "resize":  # the terminal's window changes size: SIGWINCH, as in a real one
            cols, rows = (int(v) for v in arg.split("x"))
            fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            screen.resize(rows, cols)
        elif verb == "save":
            with open(os.path.join(os.environ.get("O365_SCREEN_DIR", "."), arg), "w") as f:
                f.write("\n".join(l.rstrip() for l in screen.display) + "\n")
        else:
            fail(f"line {n}: unknown verb {verb!r}")


if script:
    play(script)
    try:
        code = child.wait(timeout=10)
    except subprocess.TimeoutExpired:
        fail("the wizard did not exit")
    read_until(b"\x1b[?2004l", 1)
    paste = int(b"\x1b[?2004h" in seen and b"\x1b[?2004l" in seen)
    print(f"exit={code} paste-mode-restored={paste}")
    sys.exit(0)

if not read_until(b"Step 0", 15):
    child.kill()
    print("exit=never-drew")
    sys.exit(1)
if how == "keys":
    os.write(master, b"\x03")          # Ctrl-C: nothing was typed, so nothing is asked
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
