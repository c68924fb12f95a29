#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A delaying TCP proxy for loopback tests: a link with real latency in front of the stand-ins
(this kernel has no netem).

    delayproxy.py RTT_MS TARGET_PORT...

For each target port on 127.0.0.1 it listens on an ephemeral 127.0.0.1 port and prints one line,
"LISTENING P1 P2 ...", in the order of the targets. Every byte waits RTT/2 in each direction, and
a new connection pays the TCP handshake: the server side is connected one RTT after the client's
connect, so a server's greeting reaches the client 1.5 RTT after connect, as on a real link.
Bytes keep their order; reading never waits for the delay, so the link's bandwidth is not cut.

Bounded: loopback only, at most MAX_CONNS connections at once, at most MAX_QUEUED bytes in flight
per direction (reading pauses above it), and idle connections are closed after IDLE_S seconds."""
import asyncio
import os
import sys

MAX_CONNS = 2048
MAX_QUEUED = 1 << 20
IDLE_S = 120
CHUNK = 65536


class Pipe:
    """One direction: chunks are stamped on arrival and written out RTT/2 later."""

    def __init__(self, reader, writer, delay, gate):
        self.reader, self.writer, self.delay, self.gate = reader, writer, delay, gate
        self.queue = asyncio.Queue()
        self.queued = 0
        self.room = asyncio.Event()
        self.room.set()

    async def pump(self):
        loop = asyncio.get_running_loop()
        try:
            while True:
                await self.room.wait()
                data = await asyncio.wait_for(self.reader.read(CHUNK), IDLE_S)
                self.queue.put_nowait((loop.time() + self.delay, data))
                if not data:
                    return
                self.queued += len(data)
                if self.queued > MAX_QUEUED:
                    self.room.clear()
        except (OSError, asyncio.TimeoutError, asyncio.CancelledError):
            self.queue.put_nowait((loop.time() + self.delay, b""))

    async def deliver(self):
        loop = asyncio.get_running_loop()
        await self.gate.wait()
        try:
            while True:
                due, data = await self.queue.get()
                wait = due - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                if not data:
                    if self.writer.can_write_eof():
                        self.writer.write_eof()
                    return
                self.writer.write(data)
                await self.writer.drain()
                self.queued -= len(data)
                if self.queued <= MAX_QUEUED:
                    self.room.set()
        except (OSError, asyncio.CancelledError):
            pass


class Proxy:
    def __init__(self, rtt_ms, target):
        self.half = rtt_ms / 2000.0
        self.target = target
        self.conns = 0

    async def handle(self, creader, cwriter):
        if self.conns >= MAX_CONNS:
            cwriter.close()
            return
        self.conns += 1
        swriter = None
        try:
            connected = asyncio.Event()
            up = Pipe(creader, None, self.half, connected)
            up_task = asyncio.ensure_future(up.pump())
            # The handshake: SYN out and SYN-ACK back before the server side exists.
            await asyncio.sleep(2 * self.half)
            try:
                sreader, swriter = await asyncio.open_connection("127.0.0.1", self.target)
            except OSError:
                up_task.cancel()
                return
            up.writer = swriter
            down = Pipe(sreader, cwriter, self.half, connected)
            connected.set()
            await asyncio.gather(up_task, up.deliver(), down.pump(), down.deliver())
        finally:
            self.conns -= 1
            for w in (cwriter, swriter):
                if w:
                    w.close()


async def main():
    if len(sys.argv) < 3:
        sys.exit("usage: delayproxy.py RTT_MS TARGET_PORT...")
    rtt = float(sys.argv[1])
    if not 0 <= rtt <= 10000:
        sys.exit("RTT_MS must be from 0 to 10000")
    ports = []
    for t in sys.argv[2:]:
        proxy = Proxy(rtt, int(t))
        server = await asyncio.start_server(proxy.handle, "127.0.0.1", 0, backlog=1024)
        ports.append(str(server.sockets[0].getsockname()[1]))
    print("LISTENING " + " ".join(ports), flush=True)
    os.close(1)
    await asyncio.Event().wait()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
