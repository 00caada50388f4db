#!/usr/bin/env python3
"""Drives a program through a pseudo-terminal, as a person at a keyboard would.

Usage: ptyshell.py STEPS.json PROGRAM [ARG...]

STEPS.json is a list of steps, run in order:
  {"send": "sta\t"}                      type these characters (\t is Tab, \r is Enter)
  {"expect": "text", "timeout": 20}      wait until the screen output contains text (after the
                                         previous expect's match)
  {"eof": true, "timeout": 10}           wait for the program to exit

Prints one JSON object: {"ok": bool, "failed_step": n|null, "exit_status": n|null,
"transcript": "..."}. The program runs with this process's environment and working directory.
"""
import json, os, pty, select, signal, sys, time, termios, struct, fcntl

def main():
    steps = json.load(open(sys.argv[1]))
    argv = sys.argv[2:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    output = b""
    consumed = 0
    result = {"ok": True, "failed_step": None, "exit_status": None}

    def pump(timeout):
        nonlocal output
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return False
        if not chunk:
            return False
        output += chunk
        return True

    for index, step in enumerate(steps):
        if "send" in step:
            time.sleep(0.05)
            os.write(fd, step["send"].encode())
        elif "expect" in step:
            wanted = step["expect"].encode()
            deadline = time.time() + step.get("timeout", 20)
            while output.find(wanted, consumed) < 0 and time.time() < deadline:
                if not pump(0.1):
                    break
            at = output.find(wanted, consumed)
            if at < 0:
                result.update(ok=False, failed_step=index)
                break
            consumed = at + len(wanted)
        elif step.get("eof"):
            deadline = time.time() + step.get("timeout", 10)
            while time.time() < deadline and pump(0.1):
                pass
            waited, status = os.waitpid(pid, os.WNOHANG)
            while waited == 0 and time.time() < deadline:
                time.sleep(0.05)
                waited, status = os.waitpid(pid, os.WNOHANG)
            if waited == 0:
                result.update(ok=False, failed_step=index)
                break
            result["exit_status"] = os.waitstatus_to_exitcode(status)
            pid = 0
    if pid:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    result["transcript"] = output.decode("utf-8", "replace")
    print(json.dumps(result))

main()
