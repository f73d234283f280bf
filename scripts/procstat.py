"""What /proc says about a process, for the UI benchmark."""
import os

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_ticks(pid):
    """utime + stime of a process (all its threads, those ended included), in clock ticks."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def scheduling_ns(pid):
    """(running, waiting for a CPU) in nanoseconds, summed over the threads alive now
    (/proc/PID/task/TID/schedstat). Only for short windows: a thread that ends takes its share
    with it."""
    running = waiting = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as stat:
                values = stat.read().split()
        except FileNotFoundError:
            continue
        running += int(values[0])
        waiting += int(values[1])
    return running, waiting


def memory_kb(pid, field="VmHWM"):
    """A /proc/PID/status memory line (peak resident set size by default), in KB."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise KeyError(field)
