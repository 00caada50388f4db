#!/usr/bin/env python3
"""Fault-lab servers for gotriage's end-to-end tests (python3 standard library only).

Subcommands:
  proxy   --root DIR [--gone]            serve DIR as a GOPROXY (404, or 410 with --gone, for missing files)
  mkproxy --root DIR --module PATH --version VERSION --src DIR
                                         add a module version to a proxy tree (exits when done)
  git     --root DIR [--user U --password P]
                                         serve the bare repositories under DIR over git smart HTTP
  dead                                   print a 127.0.0.1 port that nothing listens on, then exit
  status  --code N [--body TEXT]         answer every request (CONNECT included) with status N
  forward [--route HOST:PORT=127.0.0.1:PORT ...]
                                         HTTP forward proxy (absolute-URI requests and CONNECT)
                                         that reaches only the routed names; anything else gets 502
  sshd    --host-key FILE --authorized-keys FILE --log-dir DIR
                                         run /usr/sbin/sshd -D on a free 127.0.0.1 port

proxy, git and status also take --tls-cert FILE --tls-key FILE to speak HTTPS instead of HTTP.

Every server binds 127.0.0.1 port 0, prints exactly one line `listening 127.0.0.1:PORT` to stdout
when ready, logs one line per request to stderr, and serves until SIGTERM or until its stdin reaches
end of file (so a test that dies never leaves a server behind).
"""

import argparse
import base64
import http.client
import http.server
import json
import os
import shutil
import signal
import select
import socket
import ssl
import subprocess
import sys
import threading
import time
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


def serve(handler_class, tls=None):
    """Binds 127.0.0.1:0, announces the port on stdout and serves until terminated.

    tls is None or a (certificate file, key file) pair; with it every connection speaks TLS.
    """
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler_class)
    server.daemon_threads = True
    if tls is not None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(tls[0], tls[1])
        # Handshake in the handler thread, so a client that rejects the certificate cannot
        # stall the accept loop.
        server.socket = context.wrap_socket(
            server.socket, server_side=True, do_handshake_on_connect=False)
        handler_class = handshaking(handler_class)
        server.RequestHandlerClass = handler_class
    host, port = server.server_address[:2]
    sys.stdout.write(f"listening {host}:{port}\n")
    sys.stdout.flush()
    exit_when_stdin_closes()
    server.serve_forever()


def handshaking(handler_class):
    """Wraps handler_class so a TLS handshake failure is logged and the connection dropped."""
    class Handshaking(handler_class):
        def setup(self):
            try:
                self.request.do_handshake()
            except (ssl.SSLError, OSError) as error:
                sys.stderr.write("tls handshake failed: %s\n" % error)
                sys.stderr.flush()
                raise
            super().setup()
    return Handshaking


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


# --- fixed status -----------------------------------------------------------------------------------

def status_handler(code, body):
    payload = (body + "\n").encode() if body else b""

    class StatusHandler(LoggingHandler):
        def answer(self):
            self.send_response(code)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            if self.command != "HEAD":
                self.wfile.write(payload)

        do_GET = do_POST = do_HEAD = do_PUT = do_CONNECT = answer
    return StatusHandler


# --- forward proxy ----------------------------------------------------------------------------------

def relay(a, b):
    """Copies bytes both ways between sockets a and b until either side closes."""
    sockets = [a, b]
    while True:
        readable, _, failed = select.select(sockets, [], sockets, 60)
        if failed or not readable:
            return
        for source in readable:
            try:
                data = source.recv(65536)
            except OSError:
                return
            if not data:
                return
            (b if source is a else a).sendall(data)


def forward_handler(routes):
    """routes maps 'host:port' (lower case) to a (127.0.0.1, port) pair."""

    class ForwardHandler(LoggingHandler):
        def refuse(self, target):
            body = ("lab forward proxy has no route to %s\n" % target).encode()
            self.send_response(502)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            self.wfile.write(body)

        def do_CONNECT(self):
            target = self.path.lower()
            if target not in routes:
                return self.refuse(target)
            try:
                upstream = socket.create_connection(routes[target], timeout=10)
            except OSError:
                return self.refuse(target)
            self.send_response(200, "Connection established")
            self.end_headers()
            self.wfile.flush()
            self.close_connection = True
            with upstream:
                relay(self.connection, upstream)

        def forward(self):
            url = urllib.parse.urlsplit(self.path)
            if url.scheme != "http" or not url.hostname:
                return self.refuse(self.path)
            target = "%s:%d" % (url.hostname.lower(), url.port or 80)
            if target not in routes:
                return self.refuse(target)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items()
                       if k.lower() not in ("proxy-connection", "proxy-authorization", "connection")}
            try:
                upstream = http.client.HTTPConnection(*routes[target], timeout=30)
                path = url.path or "/"
                if url.query:
                    path += "?" + url.query
                upstream.request(self.command, path, body=body, headers=headers)
                response = upstream.getresponse()
                data = response.read()
            except OSError:
                return self.refuse(target)
            self.send_response(response.status, response.reason)
            for name, value in response.getheaders():
                if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            if self.command != "HEAD":
                self.wfile.write(data)

        do_GET = do_POST = do_HEAD = forward
    return ForwardHandler


def parse_routes(specs):
    routes = {}
    for spec in specs:
        name, _, target = spec.partition("=")
        host, _, port = target.rpartition(":")
        if not name or ":" not in name or host != "127.0.0.1" or not port.isdigit():
            raise SystemExit("bad --route %r (want HOST:PORT=127.0.0.1:PORT)" % spec)
        routes[name.lower()] = ("127.0.0.1", int(port))
    return routes


# --- sshd -------------------------------------------------------------------------------------------

SSHD = "/usr/sbin/sshd"


def sshd_command(config):
    """The argv that runs sshd in the foreground with config.

    As root, sshd insists on its privilege separation directory /run/sshd. When it is missing
    (no sshd service on the machine), sshd runs in a private mount namespace with a tmpfs on /run,
    so the machine's /run is not touched; where unshare is not permitted, /run/sshd is created
    (what the openssh-server package itself does at boot).
    """
    argv = [SSHD, "-D", "-e", "-f", config]
    if os.geteuid() != 0 or os.path.isdir("/run/sshd"):
        return argv
    probe = subprocess.run(["unshare", "-m", "true"], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    if probe.returncode == 0:
        script = 'mount -t tmpfs -o mode=0755 lab /run && mkdir -m 0755 /run/sshd && exec "$@"'
        return ["unshare", "-m", "sh", "-c", script, "sh"] + argv
    os.makedirs("/run/sshd", mode=0o755, exist_ok=True)
    return argv


def run_sshd(host_key, authorized_keys, log_dir):
    """Starts sshd on a free port (retrying on a collision), announces it, and waits for the end."""
    for attempt in range(5):
        port = dead_port()
        config = os.path.join(log_dir, "sshd_config")
        with open(config, "w") as f:
            f.write("\n".join([
                "ListenAddress 127.0.0.1", "Port %d" % port, "HostKey %s" % host_key,
                "AuthorizedKeysFile %s" % authorized_keys, "StrictModes no", "UsePAM no",
                "PasswordAuthentication no", "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password", "PidFile none", "LogLevel VERBOSE",
                "AcceptEnv LANG", "",
            ]))
        child = subprocess.Popen(sshd_command(config), stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        ready = threading.Event()

        def pump(stream=child.stderr, event=ready):
            for raw in stream:
                line = raw.decode("utf-8", "replace")
                sys.stderr.write(line)
                sys.stderr.flush()
                if line.startswith("Server listening on 127.0.0.1 port"):
                    event.set()
        threading.Thread(target=pump, daemon=True).start()
        deadline = time.time() + 10
        while time.time() < deadline and child.poll() is None and not ready.is_set():
            time.sleep(0.02)
        if ready.is_set():
            break
        if child.poll() is None:
            child.kill()
        child.wait()
    else:
        raise SystemExit("sshd did not start")

    def stop(*_):
        child.terminate()
        try:
            child.wait(timeout=5)
        except subprocess.TimeoutExpired:
            child.kill()
        os._exit(0)
    signal.signal(signal.SIGTERM, stop)
    sys.stdout.write("listening 127.0.0.1:%d\n" % port)
    sys.stdout.flush()
    try:
        while sys.stdin.buffer.read(4096):
            pass
    except OSError:
        pass
    stop()


# --- dead port --------------------------------------------------------------------------------------

def dead_port():
    """Binds 127.0.0.1:0, closes it and returns the port; nothing listens there afterwards."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- command line -----------------------------------------------------------------------------------

def add_tls_options(parser):
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")


def main():
    parser = argparse.ArgumentParser(prog="labserver.py")
    commands = parser.add_subparsers(dest="command", required=True)
    proxy = commands.add_parser("proxy")
    proxy.add_argument("--root", required=True)
    proxy.add_argument("--gone", action="store_true")
    add_tls_options(proxy)
    mk = commands.add_parser("mkproxy")
    mk.add_argument("--root", required=True)
    mk.add_argument("--module", required=True)
    mk.add_argument("--version", required=True)
    mk.add_argument("--src", required=True)
    git = commands.add_parser("git")
    git.add_argument("--root", required=True)
    git.add_argument("--user")
    git.add_argument("--password")
    add_tls_options(git)
    status = commands.add_parser("status")
    status.add_argument("--code", type=int, required=True)
    status.add_argument("--body", default="")
    add_tls_options(status)
    forward = commands.add_parser("forward")
    forward.add_argument("--route", action="append", default=[])
    sshd = commands.add_parser("sshd")
    sshd.add_argument("--host-key", required=True)
    sshd.add_argument("--authorized-keys", required=True)
    sshd.add_argument("--log-dir", required=True)
    commands.add_parser("dead")
    args = parser.parse_args()

    tls = None
    if getattr(args, "tls_cert", None) or getattr(args, "tls_key", None):
        if not (args.tls_cert and args.tls_key):
            parser.error("--tls-cert and --tls-key go together")
        tls = (args.tls_cert, args.tls_key)
    if args.command == "proxy":
        serve(proxy_handler(os.path.realpath(args.root), args.gone), tls)
    elif args.command == "mkproxy":
        make_proxy(args.root, args.module, args.version, args.src)
    elif args.command == "git":
        if (args.user is None) != (args.password is None):
            parser.error("--user and --password go together")
        serve(git_handler(os.path.realpath(args.root), args.user, args.password), tls)
    elif args.command == "status":
        serve(status_handler(args.code, args.body), tls)
    elif args.command == "forward":
        serve(forward_handler(parse_routes(args.route)))
    elif args.command == "sshd":
        run_sshd(args.host_key, args.authorized_keys, args.log_dir)
    elif args.command == "dead":
        print(dead_port(), flush=True)


if __name__ == "__main__":
    main()
