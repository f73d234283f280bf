"""End-to-end benchmark: a ~1 MB reply from the emulator through `poe-tui ask` to /dev/null,
beside `curl -N` fetching the same stream, alternating runs in one process. Prints medians and
the ratio. Loopback only; the emulator is started here and killed at the end."""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

bin_dir = sys.argv[1] if len(sys.argv) > 1 else ".build/release"
runs = int(os.environ.get("BENCH_RUNS", "7"))
words = 95_000  # "wordN " pieces: about 1 MB of reply text

emulator = subprocess.Popen([f"{bin_dir}/poe-emulator"], stdout=subprocess.PIPE, text=True)
try:
    base = emulator.stdout.readline().strip()
    body = json.dumps({
        "version": "1.2", "type": "query", "user_id": "", "conversation_id": "", "message_id": "",
        "query": [{"role": "user", "content": "go", "parameters": {"words": words, "interval_ms": 0}}],
    })
    curl = ["curl", "-sS", "-N", "-o", "/dev/null", "-X", "POST", f"{base}/bot/Stream",
            "-H", "Authorization: Bearer bench-key", "-H", "Content-Type: application/json", "--data-binary", body]
    ask = [f"{bin_dir}/poe-tui", "ask", "--no-save", "--bot", "Stream", "--param", f"words={words}", "--param", "interval_ms=0", "go"]
    ask_saving = [word for word in ask if word != "--no-save"]
    # A private store and config: the benchmark never touches the user's conversations.
    home = tempfile.mkdtemp(prefix="poe-bench-")
    env = dict(os.environ, POE_API_KEY="bench-key", POE_API_BASE=base, HOME=home,
               XDG_DATA_HOME=f"{home}/data", XDG_CONFIG_HOME=f"{home}/config", XDG_CACHE_HOME=f"{home}/cache")

    reply = subprocess.run(ask, env=env, capture_output=True, check=True).stdout
    wire = subprocess.run(curl[:4] + ["-"] + curl[5:], capture_output=True, check=True).stdout
    print(f"reply {len(reply) / 1e6:.2f} MB of text, {len(wire) / 1e6:.2f} MB on the wire")

    def timed(command, **kwargs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True, **kwargs)
        return time.perf_counter() - start

    curl_times, ask_times, saving_times = [], [], []
    for _ in range(runs):
        curl_times.append(timed(curl))
        ask_times.append(timed(ask, env=env))
        saving_times.append(timed(ask_saving, env=env, stderr=subprocess.DEVNULL))
    c, a, s = (statistics.median(t) for t in (curl_times, ask_times, saving_times))
    print(f"curl -N: median {c * 1000:.0f} ms; poe-tui ask --no-save: median {a * 1000:.0f} ms; ratio {a / c:.2f}x over {runs} runs each")
    print(f"poe-tui ask, saving the exchange as it streams: median {s * 1000:.0f} ms; ratio {s / c:.2f}x")
finally:
    emulator.kill()
    emulator.wait()
