"""A loopback TCP relay between poe-tui and the emulator that reports when reply bytes reach the
client, for the UI benchmark. Run as `python3 sse_tap.py UPSTREAM_PORT`: it prints its own port,
then one JSON line per finished request on stdout.

Each byte chunk read from the emulator is written to the client at once (TCP_NODELAY both ways),
then stamped with CLOCK_MONOTONIC: that is the moment the bytes sit in poe-tui's socket, ready to
read. The HTTP response is de-chunked and its SSE events parsed only to know which chunk
completed which event; the bytes themselves are relayed untouched. A line reports, per bot
reply: the request's `parameters` (what the UI sent), the number of `text` events, the time the
first and the last text event arrived, and when `done` arrived.

It runs in its own process so that its work never delays the benchmark's screen timing thread.
"""
import json
import re
import socket
import sys
import threading
import time

TEXT = re.compile(rb'^data: \{"text": "(.*)"\}$', re.M)
PARAMETERS = re.compile(rb'"parameters"\s*:\s*(\{[^{}]*\})')
report_lock = threading.Lock()


def report(record):
    with report_lock:
        sys.stdout.write(json.dumps(record) + "\n")
        sys.stdout.flush()


class Requests:
    """The client's side: finds each request's target and its last `parameters` object."""

    def __init__(self):
        self.buffer = bytearray()
        self.pending = []  # (target, parameters) of requests whose response has not finished
        self.lock = threading.Lock()

    def feed(self, data):
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(self.buffer[:end]).decode("latin-1")
            length = 0
            for line in head.split("\r\n")[1:]:
                name, _, value = line.partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            if len(self.buffer) < end + 4 + length:
                return
            body = bytes(self.buffer[end + 4:end + 4 + length])
            del self.buffer[:end + 4 + length]
            found = PARAMETERS.findall(body)
            with self.lock:
                self.pending.append((head.split(" ")[1], json.loads(found[-1]) if found else None))

    def next(self):
        with self.lock:
            return self.pending.pop(0) if self.pending else (None, None)


class Responses:
    """The emulator's side: HTTP framing (Content-Length or chunked), then SSE events."""

    def __init__(self, requests):
        self.requests = requests
        self.raw = bytearray()
        self.state = "head"
        self.remaining = 0
        self.events = bytearray()
        self.reset()

    def reset(self):
        self.texts = 0
        self.first_text = None
        self.last_text = None
        self.last_word = None
        self.done = None

    def feed(self, data, arrived):
        self.raw += data
        while self.step(arrived):
            pass

    def step(self, arrived):
        if self.state == "head":
            end = self.raw.find(b"\r\n\r\n")
            if end < 0:
                return False
            head = bytes(self.raw[:end]).decode("latin-1").lower()
            del self.raw[:end + 4]
            self.chunked = "transfer-encoding: chunked" in head
            match = re.search(r"content-length:\s*(\d+)", head)
            self.remaining = int(match.group(1)) if match else 0
            self.state = "size" if self.chunked else "body"
            if not self.chunked and self.remaining == 0:
                self.finish(arrived)
            return True
        if self.state == "size":
            end = self.raw.find(b"\r\n")
            if end < 0:
                return False
            self.remaining = int(bytes(self.raw[:end]).split(b";")[0], 16)
            del self.raw[:end + 2]
            if self.remaining == 0:
                self.state = "trailer"
            else:
                self.state = "body"
            return True
        if self.state == "trailer":
            end = self.raw.find(b"\r\n")
            if end < 0:
                return False
            del self.raw[:end + 2]
            self.finish(arrived)
            return True
        if self.state == "body":
            if not self.raw:
                return False
            take = min(self.remaining, len(self.raw))
            self.body(bytes(self.raw[:take]), arrived)
            del self.raw[:take]
            self.remaining -= take
            if self.remaining == 0:
                if self.chunked:
                    self.state = "chunk-end"
                else:
                    self.finish(arrived)
            return True
        if self.state == "chunk-end":
            if len(self.raw) < 2:
                return False
            del self.raw[:2]
            self.state = "size"
            return True
        raise AssertionError(self.state)

    def body(self, data, arrived):
        self.events += data
        while True:
            end = self.events.find(b"\r\n\r\n")
            if end < 0:
                return
            event = bytes(self.events[:end])
            del self.events[:end + 4]
            if event.startswith(b"event: text"):
                match = TEXT.search(event)
                self.texts += 1
                self.first_text = self.first_text or arrived
                self.last_text = arrived
                self.last_word = match.group(1).decode() if match else None
            elif event.startswith(b"event: done"):
                self.done = arrived

    def finish(self, arrived):
        target, parameters = self.requests.next()
        if target and target.startswith("/bot/"):
            report({"target": target, "parameters": parameters, "texts": self.texts, "last_word": self.last_word,
                    "first_text_ns": self.first_text, "last_text_ns": self.last_text, "done_ns": self.done, "end_ns": arrived})
        self.reset()
        self.events.clear()
        self.state = "head"


def relay(source, sink, on_data, before=False):
    """Copies bytes until either side closes. `on_data` sees each chunk after it was written (the
    arrival stamp), or before when `before` is set (requests are noted before any answer)."""
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            if before:
                on_data(data, None)
            sink.sendall(data)
            if not before:
                on_data(data, time.monotonic_ns())
    except OSError:
        pass
    finally:
        for sock in (source, sink):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve(client, upstream_port):
    upstream = socket.create_connection(("127.0.0.1", upstream_port))
    for sock in (client, upstream):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    requests = Requests()
    responses = Responses(requests)
    threading.Thread(target=relay, args=(client, upstream, lambda data, _: requests.feed(data), True), daemon=True).start()
    relay(upstream, client, responses.feed)
    client.close()
    upstream.close()


def main():
    upstream_port = int(sys.argv[1])
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    print(listener.getsockname()[1], flush=True)
    while True:
        client, _ = listener.accept()
        threading.Thread(target=serve, args=(client, upstream_port), daemon=True).start()


if __name__ == "__main__":
    main()
