#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Prints N free TCP ports on 127.0.0.1 (bound together, so they differ)."""
import socket
import sys

socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
