"""Drives the built gotriage shell on a real pseudo-terminal, for the end-to-end pty tests.

usage: ptydrive.py BINARY PLAYBOOKS_DIR MODE
  MODE signal:NAME  wait for the prompt, send the signal, report the terminal settings before
                    gotriage started, at its prompt (libedit's raw mode) and after it died.
  MODE ctrlc:ARG    start the t-hang playbook, press Ctrl-C while `sleep ARG` runs, report what
                    the shell printed and whether the sleep is gone.
  MODE retry:ARG    the same, then `retry` and Ctrl-C again: reports both interrupts.
  MODE fix:ARG      start t-fixhang, answer y at its Apply? prompt, then press Ctrl-C while the
                    `sleep ARG` after the fix runs.
  MODE probe-signal:NAME:ARG  start t-hang, send the signal to gotriage while `sleep ARG` runs,
                    report whether the sleep is gone, the terminal settings and how gotriage ended.
  MODE walk:URL     on an 80x24 terminal: Tab-complete `start exit-status-128`, ask `why` at the
                    proxy question, answer URL, go `back` from the fix to the question, answer again,
                    apply the fix, then `undo`, `report` and `quit`; reports the screen as a
                    terminal shows it ("screen": the lines, escape sequences carried out) and the
                    lines as gotriage wrote them ("lines": the same, on a terminal that never wraps).
Prints one JSON object on stdout. The parent keeps the slave side open, so the terminal's
settings can still be read after the child is gone.
"""
import fcntl, json, os, re, select, signal, struct, subprocess, sys, termios, time

binary, playbooks, mode = sys.argv[1:4]
master, slave = os.openpty()
COLUMNS = 80
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, COLUMNS, 0, 0))
attrs = termios.tcgetattr(slave)
attrs[3] |= termios.ECHO | termios.ICANON | termios.ISIG
termios.tcsetattr(slave, termios.TCSANOW, attrs)
before = termios.tcgetattr(slave)


def controlling_terminal():
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


env = dict(os.environ, NO_COLOR="1")
env.setdefault("TERM", "xterm")
child = subprocess.Popen([binary, "--playbooks", playbooks], stdin=slave, stdout=slave, stderr=slave,
                         start_new_session=True, preexec_fn=controlling_terminal, env=env)
output = b""


def read_until(marker, seconds=20):
    global output
    deadline = time.time() + seconds
    while marker.encode() not in output and time.time() < deadline:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                output += os.read(master, 65536)
            except OSError:
                break
    return marker.encode() in output


def sleeps(argument):
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            argv = open(f"/proc/{pid}/cmdline", "rb").read().split(b"\0")
        except OSError:
            continue
        if len(argv) >= 2 and argv[0].endswith(b"sleep") and argv[1] == argument.encode():
            found.append(pid)
    return found


def wait_for_sleep(argument, seconds=20):
    deadline = time.time() + seconds
    while not sleeps(argument) and time.time() < deadline:
        read_until("\0", 0.1)
    return bool(sleeps(argument))


def settings(a):
    return {"lflag": a[3], "iflag": a[0], "oflag": a[1]}


CSI = re.compile(r"\x1b\[([0-9;?]*)([@A-Za-z])")
OSC = re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


def render(data, columns=COLUMNS):
    """The lines a terminal `columns` wide shows for `data` (it never scrolls anything away): the
    cursor moves, erases, inserts and deletes that libedit and gotriage send, carried out."""
    lines, row, col = [[]], 0, 0
    text = data.decode("utf-8", "replace")
    i = 0

    def line():
        while len(lines) <= row:
            lines.append([])
        return lines[row]

    while i < len(text):
        c = text[i]
        if c == "\x1b":
            m = CSI.match(text, i)
            if m:
                params, command = m.group(1), m.group(2)
                n = int(params) if params.isdigit() else 1
                cur = line()
                if command == "C":
                    col += n
                elif command == "D":
                    col = max(0, col - n)
                elif command == "A":
                    row = max(0, row - n)
                elif command == "B":
                    row += n
                elif command == "G":
                    col = n - 1
                elif command == "K":
                    kind = int(params) if params.isdigit() else 0
                    if kind == 0:
                        del cur[col:]
                    elif kind == 1:
                        cur[:col + 1] = [" "] * min(len(cur), col + 1)
                    else:
                        cur.clear()
                elif command == "P":
                    del cur[col:col + n]
                elif command == "@":
                    cur[col:col] = [" "] * n
                i = m.end()
                continue
            m = OSC.match(text, i)
            i = m.end() if m else i + 2
            continue
        if c == "\r":
            col = 0
        elif c == "\n":
            row += 1
        elif c == "\b":
            col = max(0, col - 1)
        elif c == "\t":
            col = (col // 8 + 1) * 8
        elif c >= " ":
            if col >= columns:  # the terminal wraps at its right edge
                row, col = row + 1, 0
            cur = line()
            if len(cur) < col:
                cur.extend([" "] * (col - len(cur)))
            if col < len(cur):
                cur[col] = c
            else:
                cur.append(c)
            col += 1
        i += 1
        line()
    return ["".join(l).rstrip() for l in lines]


def quit_shell():
    """Types quit and notes how gotriage ended ("hung" when it did not within 10 s)."""
    os.write(master, b"quit\r")
    try:
        result["status"] = child.wait(timeout=10)
    except subprocess.TimeoutExpired:
        child.kill()
        result["status"] = "hung"
    read_until("\0", 0.3)


result = {"prompt": read_until("gotriage> ")}
if mode.startswith("signal:"):
    time.sleep(0.3)  # libedit has switched to raw mode once the prompt is drawn
    at_prompt = termios.tcgetattr(slave)
    child.send_signal(getattr(signal, mode.split(":", 1)[1]))
    try:
        status = child.wait(timeout=10)
    except subprocess.TimeoutExpired:
        child.kill()
        status = "hung"
    after = termios.tcgetattr(slave)
    result.update(before=settings(before), at_prompt=settings(at_prompt), after=settings(after), status=status,
                  restored=(after == before), raw_at_prompt=(at_prompt != before))
elif mode.split(":", 1)[0] in ("ctrlc", "retry", "fix"):
    kind, argument = mode.split(":", 1)
    if kind == "fix":
        os.write(master, b"start t-fixhang\r")
        result["apply_prompt"] = read_until("Apply? [y/N] ")
        os.write(master, b"y\r")
    else:
        os.write(master, b"start t-hang\r")
    interrupts = 2 if kind == "retry" else 1
    for attempt in range(interrupts):
        if attempt:
            os.write(master, b"retry\r")
        key = "" if attempt == 0 else str(attempt + 1)
        result["sleep_started" + key] = wait_for_sleep(argument)
        time.sleep(1.5)  # long enough for the spinner to draw
        mark = len(output)
        os.write(master, b"\x03")
        deadline = time.time() + 10
        while b" interrupted]> " not in output[mark:] and time.time() < deadline:
            read_until("\0", 0.1)
        result["interrupted_prompt" + key] = b" interrupted]> " in output[mark:]
        time.sleep(0.3)
        result["sleep_gone" + key] = not sleeps(argument)
    for pid in sleeps(argument):
        os.kill(int(pid), signal.SIGKILL)
    quit_shell()
elif mode.startswith("walk:"):
    url = mode.split(":", 1)[1]
    steps = []

    def send(keys, marker, seconds=20, on_screen=False):
        """Types `keys` once libedit reads the terminal (raw mode: before that the terminal itself
        would echo them, a Tab as spaces), then waits for `marker` in what follows (with
        `on_screen`, for the screen's last line to end with it: libedit redraws a completed word in
        pieces)."""
        deadline = time.time() + seconds
        while termios.tcgetattr(slave)[3] & termios.ICANON and time.time() < deadline:
            read_until("\0", 0.02)
        os.write(master, keys.encode())
        mark = len(output)
        deadline = time.time() + seconds

        def reached():
            return render(output)[-1].endswith(marker) if on_screen else marker.encode() in output[mark:]

        while not reached() and time.time() < deadline:
            read_until("\0", 0.1)
        steps.append({"keys": keys, "reached": reached()})

    send("sta\t", "gotriage> start", on_screen=True)
    send("exit-s\t", "gotriage> start exit-status-128", on_screen=True)
    send("\r", "goproxy> ")
    send("why\r", "goproxy> ")
    send(url + "\r", "Apply? [y/N] ")
    send("back\r", "goproxy> ")
    send(url + "\r", "Apply? [y/N] ")
    send("y\r", "gotriage> ")
    send("undo\r", "gotriage> ")
    send("report\r", "gotriage> ")
    quit_shell()
    result["steps"] = steps
    result["screen"] = render(output)
    # The same bytes on a terminal too wide to wrap anything: each line as gotriage wrote it.
    result["lines"] = render(output, columns=1000)
elif mode.startswith("probe-signal:"):
    _, name, argument = mode.split(":", 2)
    os.write(master, b"start t-hang\r")
    result["sleep_started"] = wait_for_sleep(argument)
    child.send_signal(getattr(signal, name))
    try:
        result["status"] = child.wait(timeout=10)
    except subprocess.TimeoutExpired:
        child.kill()
        result["status"] = "hung"
    deadline = time.time() + 5
    while sleeps(argument) and time.time() < deadline:
        time.sleep(0.05)
    result["sleep_gone"] = not sleeps(argument)
    for pid in sleeps(argument):
        os.kill(int(pid), signal.SIGKILL)
    after = termios.tcgetattr(slave)
    result.update(before=settings(before), after=settings(after), restored=(after == before))
    read_until("\0", 0.3)
result["output"] = output.decode("utf-8", "replace")
print(json.dumps(result))
