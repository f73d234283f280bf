"""Full-screen UI benchmark (issue 4): the release `poe-tui` in a private tmux server, against a
standalone `poe-emulator` on loopback, with the 1,000 x 50 benchmark store.

    python3 scripts/bench_ui.py [BIN_DIR] [STORE_DIR]

Measures launch to first full frame, peak memory, idle CPU, CPU while a reply streams at 200
tokens a second (first and last 10 s of a 20,000-token reply) and the delay of its last token, a
2,000-token reply arriving at once, and keystroke echo (with tmux's own floor, `cat` in a pane).
How each is timed is written in docs/performance.md ("Full-screen UI") and in tmux_control.py
and sse_tap.py. Every run uses private HOME/XDG folders holding a copy of the store; nothing of
the user's is read or written. Prints the numbers; asserts nothing about speed.

Bot parameters reach the emulator as a user sets them: `/bot Stream`, then `/set words 20000`
typed in the input; the relay checks that the prompt carried them.
"""
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import queue

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from procstat import CLOCK_TICKS, cpu_ticks, memory_kb, scheduling_ns  # noqa: E402
from tmux_control import ControlClient, TmuxServer, now_ns  # noqa: E402

BIN_DIR = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/release")
STORE = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else ".build/bench-data/poe-tui")
WIDTH, HEIGHT = 160, 48  # the largest size the screen tests use; a frame costs the most here
LAUNCH_RUNS = int(os.environ.get("BENCH_LAUNCH_RUNS", "9"))
BURST_RUNS = int(os.environ.get("BENCH_BURST_RUNS", "5"))
KEYSTROKES = int(os.environ.get("BENCH_KEYSTROKES", "40"))
STREAM_WORDS, STREAM_INTERVAL_MS, BURST_WORDS = 20_000, 5, 2_000


def ms(nanoseconds):
    return nanoseconds / 1e6


# --- The emulator, behind the timestamping relay -------------------------------------------

class Backend:
    """`poe-emulator` and `sse_tap.py` in front of it; the app talks to the tap."""

    def __init__(self):
        self.emulator = subprocess.Popen([f"{BIN_DIR}/poe-emulator", "--rate-limit", "0"], stdout=subprocess.PIPE, text=True)
        upstream = int(self.emulator.stdout.readline().strip().rsplit(":", 1)[1])
        tap = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sse_tap.py")
        self.tap = subprocess.Popen([sys.executable, tap, str(upstream)], stdout=subprocess.PIPE, text=True)
        self.base = f"http://127.0.0.1:{self.tap.stdout.readline().strip()}"
        self.replies = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.tap.stdout:
            self.replies.put(json.loads(line))

    def next_reply(self, timeout):
        """The next bot reply the tap saw end (see sse_tap.py for its fields)."""
        return self.replies.get(timeout=timeout)

    def close(self):
        for process in (self.tap, self.emulator):
            process.terminate()
            process.wait()


# --- A private home with a copy of the store, and the app in a pane --------------------------

def private_home():
    home = tempfile.mkdtemp(prefix="poe-ui-bench-")
    shutil.copytree(STORE, f"{home}/data/poe-tui")
    for folder in ("config", "cache", "state"):
        os.makedirs(f"{home}/{folder}", mode=0o700)
    return home


def app_environment(home, base):
    return {"HOME": home, "XDG_DATA_HOME": f"{home}/data", "XDG_CONFIG_HOME": f"{home}/config",
            "XDG_CACHE_HOME": f"{home}/cache", "XDG_STATE_HOME": f"{home}/state", "POE_API_KEY": "bench-key",
            "POE_API_BASE": base, "TERM": "tmux-256color", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"}


# Waits for a byte on a FIFO, stamps CLOCK_MONOTONIC into a file, then becomes poe-tui (exec, same
# pid). Python's own start-up happens before the stamp, so launch time is exec to first frame.
LAUNCHER = """
import os, sys, time
fifo, stamp, program = sys.argv[1:4]
with open(fifo) as gate: gate.read(1)
started = time.monotonic_ns()
with open(stamp, "w") as out: out.write(str(started))
os.execv(program, [program])
"""


def pane_command(home, base, gated):
    environment = " ".join(f"{key}={shlex.quote(value)}" for key, value in app_environment(home, base).items())
    if not gated:
        return f"env -i {environment} {shlex.quote(BIN_DIR + '/poe-tui')}"
    return (f"env -i {environment} {shlex.quote(sys.executable)} -c {shlex.quote(LAUNCHER)} "
            f"{shlex.quote(home + '/gate')} {shlex.quote(home + '/started')} {shlex.quote(BIN_DIR + '/poe-tui')}")


class AppSession:
    """poe-tui in a private tmux server, with a control client for keys and timing."""

    count = 0  # each session has a server (and socket) of its own

    def __init__(self, home, base, gated=False):
        self.home, self.base = home, base
        if gated and not os.path.exists(f"{home}/gate"):
            os.mkfifo(f"{home}/gate")
        AppSession.count += 1
        self.server = TmuxServer(f"poe-ui-bench-{os.getpid()}-{AppSession.count}", WIDTH, HEIGHT,
                                 pane_command(home, base, gated), home, remain_on_exit=True)
        self.control = ControlClient(self.server, WIDTH, HEIGHT)

    def pid(self):
        return self.server.pane_pid()

    def type_line(self, text):
        self.control.send_literal(text)
        self.control.press("Enter")

    def wait_for(self, predicate, not_before=0, timeout=30):
        return self.control.wait_for_screen(predicate, not_before=not_before, timeout=timeout)

    def quit(self):
        pid = self.pid()
        self.control.press("C-q")
        deadline = time.monotonic() + 20
        while os.path.exists(f"/proc/{pid}") and self.server.run("display-message", "-p", "-t", "main", "#{pane_dead}").strip() != "1":
            if time.monotonic() > deadline:
                raise TimeoutError("poe-tui did not quit on Ctrl-Q")
            time.sleep(0.01)

    def close(self):
        self.control.close()
        self.server.kill()


# --- Reading the screen ------------------------------------------------------------------------

def message_pane_last_line(screen):
    """The last non-blank line of the message pane (above the input box's top border). The pane
    is what follows the list's border `│` (columns are not characters: CJK takes two)."""
    rows = [row.split("│", 1)[1] if "│" in row else row for row in screen.split("\n")]
    border = max(i for i, row in enumerate(rows) if row.startswith("╭"))
    for row in reversed(rows[:border]):
        if row.strip():
            return row.strip()
    return ""


def pane_ends_with(word):
    pattern = re.compile(r"(^|\s)" + re.escape(word) + r"$")
    return lambda screen: bool(pattern.search(message_pane_last_line(screen)))


def without_status_line(screen):
    return screen.split("\n")[:HEIGHT - 1]


def conversations_in_list_order():
    with open(f"{STORE}/index.json") as file:
        entries = [entry for entry in json.load(file)["conversations"] if not entry.get("archived")]
    return sorted(entries, key=lambda entry: entry["updatedAt"], reverse=True)


# --- 1. Launch to first full frame, and idle CPU ---------------------------------------------

def measure_launch(backend):
    """Median exec-to-first-full-frame over LAUNCH_RUNS launches (one warm-up run first).

    The full frame is the screen the app settles on (taken from the warm-up run), status line
    aside: the balance arrives from the network a moment later and changes only that line.
    Each launch gets a tmux server of its own: `respawn-pane` while a control client is behind
    on the pane's output crashes the tmux server (tmux/tmux#5499, in 3.3a too).
    """
    home = private_home()
    first_title = conversations_in_list_order()[0]["title"]
    reference = None
    times, memories, scheduling = [], [], []
    session = None
    try:
        for run in range(LAUNCH_RUNS + 1):
            if session:
                session.quit()
                session.close()
            session = AppSession(home, backend.base, gated=True)
            if os.path.exists(f"{home}/started"):
                os.remove(f"{home}/started")
            # The launcher (the pane's process, soon poe-tui) has run Python so far: not counted.
            launcher = session.pid()
            base = scheduling_ns(launcher)
            with open(f"{home}/gate", "w") as gate:
                gate.write("x")
            while not os.path.exists(f"{home}/started") or not open(f"{home}/started").read():
                time.sleep(0.001)
            started = int(open(f"{home}/started").read())
            if reference is None:
                # Warm-up: wait for the list and the open conversation, then for the screen to settle.
                session.wait_for(lambda screen: " Conversations" in screen and first_title[:18] in screen)
                time.sleep(1.0)
                settled, _ = session.control.capture()
                reference = without_status_line(settled)
                continue
            shown = session.wait_for(lambda screen: without_status_line(screen) == reference, not_before=started)
            times.append((ms(shown["at"] - started), ms(shown["at"] - shown["earliest"])))
            memories.append(memory_kb(launcher))
            now = scheduling_ns(launcher)
            scheduling.append((now[0] - base[0], now[1] - base[1]))
        launch = statistics.median(t for t, _ in times)
        resolution = max(r for _, r in times)
        print(f"launch to first full frame ({WIDTH}x{HEIGHT}, 1,000 x 50 store): median {launch:.1f} ms, "
              f"min {min(t for t, _ in times):.1f}, max {max(t for t, _ in times):.1f} over {len(times)} runs "
              f"(resolution: within {resolution:.2f} ms); by then its threads had run "
              f"{statistics.median(ms(r) for r, _ in scheduling):.1f} ms and waited for a CPU "
              f"{statistics.median(ms(w) for _, w in scheduling):.1f} ms (medians)")
        print(f"peak memory (VmHWM) right after launch: median {statistics.median(memories) / 1024:.1f} MB")
        measure_idle(session)
    finally:
        if session:
            session.close()
        shutil.rmtree(home, ignore_errors=True)


def measure_idle(session):
    pid = session.pid()
    time.sleep(2)  # the balance request and anything else start-up does, done
    ticks, start = cpu_ticks(pid), time.monotonic()
    time.sleep(20)
    elapsed = time.monotonic() - start
    used = cpu_ticks(pid) - ticks
    print(f"idle CPU over {elapsed:.0f} s: {used} ticks of {1000 // CLOCK_TICKS} ms "
          f"({100 * used / CLOCK_TICKS / elapsed:.3f} % of a core)")


# --- 2, 4, 5, 6. A session: switch conversations, stream, bursts, keystrokes -----------------

class CPUSampler:
    """poe-tui's CPU time (utime + stime, all threads, in clock ticks) every 100 ms, to cut any
    window out of a long stream afterwards."""

    def __init__(self, pid):
        self.pid, self.samples, self.running = pid, [], True
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while self.running:
            self.sample()
            time.sleep(0.1)

    def sample(self):
        self.samples.append((now_ns(), cpu_ticks(self.pid)))

    def stop(self):
        self.running = False
        self.thread.join()
        self.sample()  # one after the moment the caller waited for

    def at(self, moment):
        """Ticks used by `moment`, interpolated between the samples around it."""
        for (t0, a), (t1, b) in zip(self.samples, self.samples[1:]):
            if t0 <= moment <= t1:
                return a + (b - a) * (moment - t0) / (t1 - t0)
        raise ValueError("no CPU samples around that moment")

    def percent(self, start, end):
        """CPU between two moments, in % of one core."""
        return 100 * (self.at(end) - self.at(start)) / CLOCK_TICKS / ((end - start) / 1e9)


def set_parameters(session, parameters):
    """`/set NAME VALUE` for each, then waits for the input box's title to list them all."""
    for name, value in parameters.items():
        session.type_line(f"/set {name} {json.dumps(value)}")
    wanted = [f"{name}={json.dumps(value)}" for name, value in parameters.items()]
    session.wait_for(lambda screen: all(any(w in row for row in screen.split("\n") if "╭─" in row) for w in wanted))


def expect_parameters(reply, parameters):
    if reply["parameters"] != parameters:
        raise RuntimeError(f"the UI sent parameters {reply['parameters']}, not {parameters}: is `/set` in this build? "
                           "(BENCH_PARAMETERS=store seeds them into the store instead)")


def measure_session(backend):
    home = private_home()
    order = conversations_in_list_order()
    stream_parameters = {"words": STREAM_WORDS, "interval_ms": STREAM_INTERVAL_MS}
    burst_parameters = {"words": BURST_WORDS, "interval_ms": 0}
    session = AppSession(home, backend.base)
    try:
        session.wait_for(lambda screen: " Conversations" in screen and order[0]["title"][:18] in screen)
        pid = session.pid()
        # Open a few conversations (each loaded from its file), then come back to the first.
        for keys in (("M-Down",), ("M-Down",), ("M-Down",), ("M-5",), ("M-1",)):
            switch(session, keys)
        clear_input(session)  # a draft kept in the store would prefix what is typed
        session.type_line("/bot Stream")
        session.wait_for(input_box_bot("Stream"))
        set_parameters(session, stream_parameters)

        # 4. 200 tokens a second into the visible conversation.
        sampler = CPUSampler(pid)
        session.type_line("go")
        while True:  # cheap polling until the last few hundred tokens, then every output
            screen, _ = session.control.capture()
            if re.search(r"word19[5-9]\d\d\b", screen):
                break
            time.sleep(0.25)
        reply = backend.next_reply(timeout=600)
        expect_parameters(reply, stream_parameters)
        shown = session.wait_for(pane_ends_with(f"word{STREAM_WORDS}"), not_before=reply["last_text_ns"])
        sampler.stop()
        first = sampler.percent(reply["first_text_ns"], reply["first_text_ns"] + 10 * 10**9)
        last = sampler.percent(reply["last_text_ns"] - 10 * 10**9, reply["last_text_ns"])
        whole = sampler.percent(reply["first_text_ns"], reply["last_text_ns"])
        duration = (reply["last_text_ns"] - reply["first_text_ns"]) / 1e9
        print(f"stream of {reply['texts']:,} tokens over {duration:.1f} s ({reply['texts'] / duration:.0f} tokens/s), "
              f"CPU (% of a core): first 10 s {first:.1f} %, last 10 s {last:.1f} %, whole reply {whole:.1f} %")
        print(f"last token on screen {ms(shown['at'] - reply['last_text_ns']):.1f} ms after it reached poe-tui's socket "
              f"(resolution: within {ms(shown['at'] - shown['earliest']):.2f} ms)")
        print(f"peak memory (VmHWM) after switching 5 conversations and the 20,000-token reply: {memory_kb(pid) / 1024:.1f} MB")

        # 5. 2,000 tokens at once.
        set_parameters(session, burst_parameters)
        delays, scheduling = [], []
        for run in range(BURST_RUNS):
            before = scheduling_ns(pid)
            session.type_line(f"burst {run}")
            reply = backend.next_reply(timeout=60)
            expect_parameters(reply, burst_parameters)
            shown = session.wait_for(pane_ends_with(f"word{BURST_WORDS}"), not_before=reply["last_text_ns"])
            after = scheduling_ns(pid)
            delays.append((ms(shown["at"] - reply["last_text_ns"]), ms(shown["at"] - shown["earliest"]),
                           ms(reply["last_text_ns"] - reply["first_text_ns"])))
            scheduling.append((ms(after[0] - before[0]), ms(after[1] - before[1])))
            time.sleep(0.3)
        print(f"2,000-token reply at once: fully on screen {statistics.median(d for d, _, _ in delays):.1f} ms (median of "
              f"{len(delays)}; max {max(d for d, _, _ in delays):.1f} ms) after its last byte reached poe-tui's socket; "
              f"the reply took {statistics.median(s for _, _, s in delays):.1f} ms on the wire "
              f"(resolution: within {max(r for _, r, _ in delays):.2f} ms); from Enter to shown, poe-tui's threads ran "
              f"{statistics.median(r for r, _ in scheduling):.1f} ms and waited for a CPU {statistics.median(w for _, w in scheduling):.1f} ms (medians)")

        # 6. Keystroke to echo.
        app_echo = measure_echo(session, pid)
        print(f"peak memory (VmHWM) at the end of the session: {memory_kb(pid) / 1024:.1f} MB")
        session.quit()
    finally:
        session.close()
        shutil.rmtree(home, ignore_errors=True)
    floor = measure_cat_echo()
    print(f"keystroke to echo through tmux (control-mode timing): poe-tui median {app_echo[0]:.2f} ms "
          f"(p90 {app_echo[1]:.2f}, max {app_echo[2]:.2f}); tmux floor (cat) median {floor[0]:.2f} ms "
          f"(p90 {floor[1]:.2f}, max {floor[2]:.2f}), {KEYSTROKES} keys each; per key, poe-tui's threads ran "
          f"{app_echo[4]:.2f} ms and waited for a CPU {app_echo[5]:.2f} ms (medians)")
    print(f"the same with a `tmux send-keys` process, then `tmux capture-pane` processes until the key shows: "
          f"poe-tui median {app_echo[3]:.2f} ms, cat median {floor[3]:.2f} ms")


def switch(session, keys):
    """Presses `keys` and waits for the screen to change, then lets it settle."""
    before, _ = session.control.capture()
    session.control.press(*keys)
    session.wait_for(lambda screen: screen != before)
    time.sleep(0.3)


def clear_input(session):
    """Empties a one-line draft (Ctrl-E, then Ctrl-U), and checks the placeholder shows."""
    session.control.press("C-e", "C-u")
    session.wait_for(lambda screen: "│Message " in screen, timeout=10)


def input_box_bot(bot):
    """The input box's title names the bot the next message goes to."""
    pattern = re.compile(r"╭─\s+" + re.escape(bot) + r"\s+─")
    return lambda screen: bool(pattern.search(screen))


def measure_echo(session, pid=None):
    """Keystroke to echo, `KEYSTROKES` characters 100 ms apart (slower than anyone types: each
    key finds the app idle, as it would in use). Returns (median, p90, max, subprocess median,
    and with `pid` the median time its threads ran and waited for a CPU per key)."""
    control = session.control
    prefix = "bench:"
    control.send_literal(prefix)
    session.wait_for(lambda screen: prefix in screen)
    typed, delays, scheduling = prefix, [], []
    letters = "qwertyuiopasdfghjklzxcvbnm"
    for index in range(KEYSTROKES):
        time.sleep(0.1)
        letter = letters[index % len(letters)]
        before = scheduling_ns(pid) if pid else (0, 0)
        sent = control.send_literal(letter)
        typed += letter
        shown = session.wait_for(lambda screen, expected=typed: expected in screen, not_before=sent)
        delays.append(ms(shown["at"] - sent))
        after = scheduling_ns(pid) if pid else (0, 0)
        scheduling.append((ms(after[0] - before[0]), ms(after[1] - before[1])))
    # The method the issue names: a send-keys process, then capture-pane processes in a loop.
    naive = []
    for index in range(10):
        time.sleep(0.1)
        letter = letters[index]
        typed += letter
        sent = time.monotonic_ns()
        session.server.run("send-keys", "-t", "main", "-l", letter)
        while typed not in session.server.run("capture-pane", "-p", "-t", "main"):
            pass
        naive.append(ms(time.monotonic_ns() - sent))
    delays.sort()
    return (statistics.median(delays), delays[int(0.9 * (len(delays) - 1))], delays[-1], statistics.median(naive),
            statistics.median(r for r, _ in scheduling), statistics.median(w for _, w in scheduling))


def measure_cat_echo():
    """tmux's own floor: `cat` in a pane (the tty echoes each key), timed the same way."""
    home = tempfile.mkdtemp(prefix="poe-ui-bench-cat-")
    server = TmuxServer(f"poe-ui-bench-cat-{os.getpid()}", WIDTH, HEIGHT, "cat", home)
    control = ControlClient(server, WIDTH, HEIGHT)

    class CatSession:
        def __init__(self):
            self.control, self.server = control, server

        def wait_for(self, predicate, not_before=0, timeout=30):
            return control.wait_for_screen(predicate, not_before=not_before, timeout=timeout)

    try:
        return measure_echo(CatSession())
    finally:
        control.close()
        server.kill()
        shutil.rmtree(home, ignore_errors=True)


def main():
    for program in ("poe-tui", "poe-emulator"):
        if not os.access(f"{BIN_DIR}/{program}", os.X_OK):
            sys.exit(f"bench_ui: {BIN_DIR}/{program} is missing; run `make release` first")
    if not os.path.exists(f"{STORE}/index.json"):
        sys.exit(f"bench_ui: no benchmark store at {STORE}; run `make bench-store` first")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}; tmux {subprocess.run(['tmux', '-V'], capture_output=True, text=True).stdout.strip()}; "
          f"screen {WIDTH}x{HEIGHT}")
    backend = Backend()
    try:
        measure_launch(backend)
        measure_session(backend)
    finally:
        backend.close()


if __name__ == "__main__":
    main()
