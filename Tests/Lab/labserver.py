#!/usr/bin/env python3
"""Fault-lab servers for gotriage's end-to-end tests (python3 standard library only).

Subcommands:
  proxy   --root DIR [--gone]            serve DIR as a GOPROXY (404, or 410 with --gone, for missing files)
  mkproxy --root DIR --module PATH --version VERSION --src DIR
                                         add a module version to a proxy tree (exits when done)
  git     --root DIR [--user U --password P]
                                         serve the bare repositories under DIR over git smart HTTP
  dead                                   print a 127.0.0.1 port that nothing listens on, then exit

Every server binds 127.0.0.1 port 0, prints exactly one line `listening 127.0.0.1:PORT` to stdout
when ready, logs one line per request to stderr, and serves until SIGTERM or until its stdin reaches
end of file (so a test that dies never leaves a server behind).
"""

import argparse
import base64
import http.server
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import urllib.parse
import zipfile


# --- common -----------------------------------------------------------------------------------------

def exit_when_stdin_closes():
    """Exits the whole process once stdin reaches end of file (the parent went away)."""
    def watch():
        try:
            while sys.stdin.buffer.read(4096):
                pass
        except OSError:
            pass
        os._exit(0)
    threading.Thread(target=watch, daemon=True).start()


def serve(handler_class):
    """Binds 127.0.0.1:0, announces the port on stdout and serves until terminated."""
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler_class)
    server.daemon_threads = True
    host, port = server.server_address[:2]
    sys.stdout.write(f"listening {host}:{port}\n")
    sys.stdout.flush()
    exit_when_stdin_closes()
    server.serve_forever()


class LoggingHandler(http.server.BaseHTTPRequestHandler):
    """Request handler that logs to stderr in one flushed line per request."""

    def log_message(self, format, *args):
        sys.stderr.write("%s %s\n" % (self.log_date_time_string(), format % args))
        sys.stderr.flush()


# --- module proxy -----------------------------------------------------------------------------------

def escape_path(path):
    """Go's module path escaping: every upper-case letter becomes '!' plus its lower-case form."""
    return "".join("!" + c.lower() if "A" <= c <= "Z" else c for c in path)


def make_proxy(root, module, version, src):
    """Writes list/.info/.mod/.zip for module@version built from the files under src."""
    vdir = os.path.join(root, escape_path(module), "@v")
    os.makedirs(vdir, exist_ok=True)
    base = os.path.join(vdir, escape_path(version))
    with open(os.path.join(src, "go.mod"), "rb") as f:
        gomod = f.read()
    with open(base + ".mod", "wb") as f:
        f.write(gomod)
    with open(base + ".info", "w") as f:
        json.dump({"Version": version, "Time": "2024-01-01T00:00:00Z"}, f)
    prefix = f"{module}@{version}/"
    with zipfile.ZipFile(base + ".zip", "w", zipfile.ZIP_DEFLATED) as z:
        for dirpath, dirnames, filenames in os.walk(src):
            dirnames[:] = sorted(d for d in dirnames if d not in (".git", ".hg", ".svn"))
            for name in sorted(filenames):
                full = os.path.join(dirpath, name)
                rel = os.path.relpath(full, src).replace(os.sep, "/")
                z.write(full, prefix + rel)
    listing = os.path.join(vdir, "list")
    known = []
    if os.path.exists(listing):
        with open(listing) as f:
            known = [line.strip() for line in f if line.strip()]
    if version not in known:
        with open(listing, "a") as f:
            f.write(version + "\n")


def proxy_handler(root, gone):
    class ProxyHandler(LoggingHandler):
        def do_GET(self):
            self.answer(with_body=True)

        def do_HEAD(self):
            self.answer(with_body=False)

        def answer(self, with_body):
            path = urllib.parse.unquote(self.path.split("?", 1)[0])  # go sends '!' as %21
            parts = [p for p in path.split("/") if p]
            full = os.path.realpath(os.path.join(root, *parts)) if parts else root
            inside = full.startswith(os.path.realpath(root) + os.sep)
            if not inside or not os.path.isfile(full):
                status = 410 if gone else 404
                body = (b"gone\n" if gone else b"not found\n")
                self.send_response(status)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if with_body:
                    self.wfile.write(body)
                return
            kind = {
                ".info": "application/json", ".mod": "text/plain; charset=utf-8",
                ".zip": "application/zip",
            }.get(os.path.splitext(full)[1], "text/plain; charset=utf-8")
            size = os.path.getsize(full)
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(size))
            self.end_headers()
            if with_body:
                with open(full, "rb") as f:
                    shutil.copyfileobj(f, self.wfile)
    return ProxyHandler


# --- git smart HTTP ---------------------------------------------------------------------------------

def git_handler(root, user, password):
    expected = None
    if user is not None:
        expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()

    class GitHandler(LoggingHandler):
        def do_GET(self):
            self.run_backend()

        def do_POST(self):
            self.run_backend()

        def authorized(self):
            if expected is None:
                return True
            if self.headers.get("Authorization") == expected:
                return True
            body = b"authentication required\n"
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="lab"')
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return False

        def run_backend(self):
            if not self.authorized():
                return
            path, _, query = self.path.partition("?")
            env = {
                "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                "GIT_CONFIG_NOSYSTEM": "1",
                "GIT_CONFIG_GLOBAL": "/dev/null",
                "HOME": root,
                "GIT_PROJECT_ROOT": root,
                "GIT_HTTP_EXPORT_ALL": "1",
                "GATEWAY_INTERFACE": "CGI/1.1",
                "SERVER_PROTOCOL": "HTTP/1.1",
                "SERVER_NAME": "127.0.0.1",
                "SERVER_PORT": str(self.server.server_address[1]),
                "REQUEST_METHOD": self.command,
                "PATH_INFO": path,
                "QUERY_STRING": query,
                "REMOTE_ADDR": self.client_address[0],
                "CONTENT_TYPE": self.headers.get("Content-Type", ""),
            }
            if user is not None:
                env["REMOTE_USER"] = user
                env["AUTH_TYPE"] = "Basic"
            for name, value in self.headers.items():
                key = "HTTP_" + name.upper().replace("-", "_")
                if key not in ("HTTP_AUTHORIZATION", "HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH"):
                    env[key] = value
            chunked = "chunked" in self.headers.get("Transfer-Encoding", "").lower()
            length = int(self.headers.get("Content-Length") or 0)
            if chunked:
                sys.stderr.write("chunked request body for %s\n" % path)
                sys.stderr.flush()
            else:
                env["CONTENT_LENGTH"] = str(length)
            # Without CONTENT_LENGTH, git http-backend reads the body until end of file.
            backend = subprocess.Popen(
                ["git", "http-backend"], env=env,
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=sys.stderr,
            )
            feeder = threading.Thread(target=self.feed_body, args=(backend.stdin, chunked, length))
            feeder.start()
            try:
                self.relay_response(backend.stdout)
            finally:
                feeder.join()
                backend.stdout.close()
                backend.wait()

        def feed_body(self, sink, chunked, length):
            """Copies the request body (fixed length or chunked) into the CGI's stdin."""
            try:
                if chunked:
                    while True:
                        size = int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
                        if size == 0:
                            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                                pass  # trailers
                            break
                        remaining = size
                        while remaining:
                            block = self.rfile.read(min(remaining, 65536))
                            if not block:
                                return
                            sink.write(block)
                            remaining -= len(block)
                        self.rfile.readline()  # CRLF after each chunk
                else:
                    remaining = length
                    while remaining:
                        block = self.rfile.read(min(remaining, 65536))
                        if not block:
                            return
                        sink.write(block)
                        remaining -= len(block)
            except (BrokenPipeError, ValueError, OSError):
                pass
            finally:
                try:
                    sink.close()
                except OSError:
                    pass

        def relay_response(self, source):
            """Turns the CGI's header block (with `Status:`) into an HTTP response and streams the rest."""
            status, reason, headers = 200, "OK", []
            while True:
                line = source.readline()
                if not line or line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("latin-1").rstrip("\r\n").partition(":")
                value = value.strip()
                if name.lower() == "status":
                    code, _, text = value.partition(" ")
                    status, reason = int(code), text or reason
                else:
                    headers.append((name, value))
            self.send_response(status, reason)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            shutil.copyfileobj(source, self.wfile)
            self.wfile.flush()

    return GitHandler


# --- dead port --------------------------------------------------------------------------------------

def dead_port():
    """Binds 127.0.0.1:0, closes it and returns the port; nothing listens there afterwards."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- command line -----------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(prog="labserver.py")
    commands = parser.add_subparsers(dest="command", required=True)
    proxy = commands.add_parser("proxy")
    proxy.add_argument("--root", required=True)
    proxy.add_argument("--gone", action="store_true")
    mk = commands.add_parser("mkproxy")
    mk.add_argument("--root", required=True)
    mk.add_argument("--module", required=True)
    mk.add_argument("--version", required=True)
    mk.add_argument("--src", required=True)
    git = commands.add_parser("git")
    git.add_argument("--root", required=True)
    git.add_argument("--user")
    git.add_argument("--password")
    commands.add_parser("dead")
    args = parser.parse_args()

    if args.command == "proxy":
        serve(proxy_handler(os.path.realpath(args.root), args.gone))
    elif args.command == "mkproxy":
        make_proxy(args.root, args.module, args.version, args.src)
    elif args.command == "git":
        if (args.user is None) != (args.password is None):
            parser.error("--user and --password go together")
        serve(git_handler(os.path.realpath(args.root), args.user, args.password))
    elif args.command == "dead":
        print(dead_port(), flush=True)


if __name__ == "__main__":
    main()
