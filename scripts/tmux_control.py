"""A private tmux server driven through one control-mode client (`tmux -C`), for timing what a
program in a pane puts on screen.

Why control mode and not `tmux capture-pane` in a loop: each `tmux` command run from a shell
starts a client process (a few milliseconds here), so polling that way cannot resolve a few
milliseconds and loads the two cores the program under test needs. A control client is one
process: commands go down its stdin and come back as `%begin`/`%end` blocks, and every time the
pane's program writes, tmux sends a `%output` notification at once. A reader thread stamps each
line with CLOCK_MONOTONIC as it arrives (the same clock the proxy and the launcher use).

When did text appear? `wait_for_screen` captures the pane only when new output has arrived,
and the stream is ordered: a capture shows exactly the output notified before its `%begin`.
So when capture k shows the text and capture k-1 (or the `not_before` time) did not, the text
arrived with one of the notifications in between. The last of them is the conservative answer
(`at`); the first is `earliest`; their gap is the resolution of that measurement.
"""
import os
import subprocess
import threading
import time


def now_ns():
    return time.monotonic_ns()


class TmuxServer:
    """`tmux -L NAME` with its own socket, no config file, and a clean environment."""

    def __init__(self, name, width, height, command, home, remain_on_exit=False):
        self.name = name
        self.env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "xterm-256color", "HOME": home}
        # In one tmux command: no status line (the pane is the whole window, as in a terminal),
        # and, when asked, a pane whose program ended stays, so its end can be seen.
        self.run("-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", str(width), "-y", str(height), command,
                 ";", "set-option", "-g", "status", "off", ";", "set-option", "-g", "remain-on-exit", "on" if remain_on_exit else "off")
        self.socket = self.run("display-message", "-p", "#{socket_path}").strip()

    def run(self, *arguments):
        return subprocess.run(["tmux", "-L", self.name] + list(arguments), env=self.env, check=True,
                              capture_output=True, text=True).stdout

    def pane_pid(self):
        return int(self.run("display-message", "-p", "-t", "main", "#{pane_pid}").strip())

    def kill(self):
        subprocess.run(["tmux", "-L", self.name, "kill-server"], env=self.env, capture_output=True)
        # tmux 3.3a leaves its socket file behind.
        try:
            os.remove(self.socket)
        except OSError:
            pass


class ControlClient:
    """One `tmux -C attach` client: commands with replies, and arrival times of pane output."""

    def __init__(self, server, width, height):
        self.process = subprocess.Popen(["tmux", "-L", server.name, "-C", "attach-session", "-t", "main"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=server.env, bufsize=0)
        self.lock = threading.Condition()
        self.outputs = []  # arrival time (ns) of each %output notification, in order
        self.replies = []  # (outputs notified before its %begin, its lines, failed), in order
        self.closed = False
        self.exit_reason = "the client ended without %exit"
        threading.Thread(target=self._read, daemon=True).start()
        # The attach itself answers with a block first; a marker command finds where ours begin.
        self.command_count = 0
        self.skipped = None
        # A control client takes part in sizing the window: give it the pane's size.
        self.command(f"refresh-client -C {width}x{height}")

    def _read(self):
        block = None
        for raw in self.process.stdout:
            arrived = now_ns()
            line = raw.decode("utf-8", "replace").rstrip("\n")
            with self.lock:
                if block is not None:
                    if line.startswith(("%end ", "%error ")) and line.split(" ")[2] == block[0]:
                        self.replies.append((block[1], block[2], line.startswith("%error")))
                        block = None
                        self.lock.notify_all()
                    else:
                        block[2].append(line)
                elif line.startswith("%begin "):
                    block = (line.split(" ")[2], len(self.outputs), [])
                elif line.startswith("%output "):
                    self.outputs.append(arrived)
                    self.lock.notify_all()
                elif line.startswith("%exit"):
                    self.exit_reason = line
                    break
        with self.lock:
            self.closed = True
            self.lock.notify_all()

    def command(self, text, timeout=10):
        """Runs one tmux command; returns (its output lines, outputs seen before it ran)."""
        with self.lock:
            if self.skipped is None:
                # The first reply block belongs to `attach-session`; ours come after it.
                self.lock.wait_for(lambda: self.replies or self.closed, timeout)
                self.skipped = len(self.replies)
            wanted = self.skipped + self.command_count
            self.command_count += 1
        try:
            self.process.stdin.write((text + "\n").encode())
            self.process.stdin.flush()
        except BrokenPipeError:
            raise RuntimeError(f"the tmux control client ended ({self.exit_reason}) before {text!r}") from None
        with self.lock:
            if not self.lock.wait_for(lambda: len(self.replies) > wanted or self.closed, timeout):
                raise TimeoutError(f"tmux did not answer {text!r}")
            if self.closed and len(self.replies) <= wanted:
                raise RuntimeError(f"the tmux control client ended ({self.exit_reason})")
            seen, lines, failed = self.replies[wanted]
        if failed:
            raise RuntimeError(f"tmux: {text!r}: {' '.join(lines)}")
        return lines, seen

    def capture(self):
        """The pane's text now, and how many output notifications it reflects."""
        lines, seen = self.command("capture-pane -p -t main")
        return "\n".join(lines), seen

    def send_literal(self, text):
        """Types `text` (no key names); returns the time just before the command was sent."""
        escaped = text.replace("\\", "\\\\").replace("'", "\\'")
        sent = now_ns()
        self.command(f"send-keys -t main -l '{escaped}'")
        return sent

    def press(self, *keys):
        sent = now_ns()
        self.command("send-keys -t main " + " ".join(keys))
        return sent

    def output_times(self, start, end):
        with self.lock:
            return self.outputs[start:end]

    def wait_for_screen(self, predicate, not_before=0, timeout=30):
        """Waits until a capture satisfies `predicate`, capturing only after new output.

        Returns a dict: `at` (the arrival time of the last output notification the first
        matching capture reflects: conservative), `earliest` (the first notification after the
        last non-matching capture and after `not_before`), `screen`. `not_before` is a time
        before which the text cannot have been on screen (say, when its last byte was sent).
        """
        deadline = time.monotonic() + timeout
        # A capture makes tmux render the whole pane, and tmux reads nothing from the pane
        # meanwhile: a capture sent right after a key made that key's own echo wait behind it
        # (measured on a full 160x48 chat screen: 5-7 ms of an 8 ms echo; nothing for `cat`,
        # whose screen is empty). So the first capture waits, briefly, for output newer than
        # `not_before`; when the text is on screen already, none comes and it captures anyway.
        with self.lock:
            self.lock.wait_for(lambda: (self.outputs and self.outputs[-1] >= not_before) or self.closed, min(0.25, timeout))
        screen, seen = self.capture()
        previous_seen = None  # no capture is known not to match yet
        while True:
            if predicate(screen):
                times = [t for t in self.output_times(0 if previous_seen is None else previous_seen, seen) if t >= not_before]
                if not times:
                    # Nothing arrived after `not_before`: already on screen then (at most as late).
                    return {"at": not_before, "earliest": not_before, "screen": screen}
                return {"at": times[-1], "earliest": times[0], "screen": screen}
            previous_seen = seen
            with self.lock:
                if not self.lock.wait_for(lambda: len(self.outputs) > seen or self.closed, max(0, deadline - time.monotonic())):
                    raise TimeoutError("the screen never showed what was expected; it was:\n" + screen)
            screen, seen = self.capture()

    def close(self):
        try:
            self.process.stdin.close()
        except OSError:
            pass
        self.process.wait(timeout=5)
