#!/usr/bin/env python3
"""Captures the exact error output of the installed Go releases in broken local environments.

Covers the causes the fault lab does not (go.mod, go.work, vendor/, GOFLAGS, GOTOOLCHAIN, GOVCS,
GOAUTH, a missing git, a file:// proxy with bad sums or paths, a local git repository) and a few
network ones that need nothing beyond loopback. Each scenario runs in a throwaway environment of
its own (HOME, GOENV, GOPATH, caches, git config); nothing outside /tmp is touched and nothing
leaves loopback. Paths of the scenario folder become /LAB and loopback ports PORT, as in the lab
corpus. Usage: scripts/capture-local-scenarios.py GO_BINARY... > Corpus/lab/local-scenarios.yaml
"""
import http.server, io, json, os, re, shutil, socket, subprocess, sys, tempfile, threading, zipfile

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

class Quiet(http.server.BaseHTTPRequestHandler):
    status = 404
    def do_GET(self):
        self.send_response(self.status); self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *a): pass

def serve(status):
    handler = type("H", (Quiet,), {"status": status})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server

class FetchingProxy(http.server.BaseHTTPRequestHandler):
    """A module proxy and checksum database that, like proxy.golang.org, fetches a module it lacks
    from its origin with the real go (GOPROXY=direct) and answers 404 with go's own error text."""
    go = "/usr/bin/go"
    def do_GET(self):
        path = self.path.split("?")[0]
        if path.startswith("/lookup/"):
            query = path[len("/lookup/"):]
        elif "/@v/" in path and path.endswith(".info"):
            module, version = path.strip("/").split("/@v/")
            query = module + "@" + version[: -len(".info")]
        else:
            self.send_response(404); self.send_header("Content-Length", "0"); self.end_headers(); return
        work = tempfile.mkdtemp(prefix="gotriage-fetcher-")
        env = {"HOME": work, "GOPATH": work + "/gopath", "GOMODCACHE": work + "/gopath/pkg/mod", "GOCACHE": work + "/cache",
               "GOENV": "off", "GOPROXY": "direct", "GOSUMDB": "off", "GOFLAGS": "-mod=mod", "GIT_TERMINAL_PROMPT": "0",
               "GIT_CONFIG_NOSYSTEM": "1", "PATH": "/usr/bin:/bin", "GO111MODULE": "on", "GOTOOLCHAIN": "local"}
        r = subprocess.run([self.go, "mod", "download", "-json", query], cwd=work, env=env, capture_output=True, text=True)
        shutil.rmtree(work, ignore_errors=True)
        try:
            error = json.loads(r.stdout).get("Error", "")
        except ValueError:
            error = r.stderr.strip()
        body = ("not found: " + error + "\n").encode()
        self.send_response(404); self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass

def fetching_proxy():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FetchingProxy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server

def module_proxy(root, path, version, gomod, files):
    base = os.path.join(root, path, "@v"); os.makedirs(base, exist_ok=True)
    with open(os.path.join(base, "list"), "a") as f: f.write(version + "\n")
    with open(os.path.join(base, version + ".info"), "w") as f: json.dump({"Version": version, "Time": "2023-01-01T00:00:00Z"}, f)
    with open(os.path.join(base, version + ".mod"), "w") as f: f.write(gomod)
    with zipfile.ZipFile(os.path.join(base, version + ".zip"), "w") as z:
        z.writestr(f"{path}@{version}/go.mod", gomod)
        for name, text in files.items(): z.writestr(f"{path}@{version}/{name}", text)

def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": cwd, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"})

class Scenario:
    def __init__(self, go, name, cause):
        self.go, self.name, self.cause = go, name, cause
        self.root = tempfile.mkdtemp(prefix="gotriage-scn-")
        for d in ["home", "gopath", "work", "proxy"]: os.makedirs(os.path.join(self.root, d))
        self.goenv = {"GOSUMDB": "off", "GOPROXY": "file://" + os.path.join(self.root, "proxy")}
        self.env = {}
        self.path = [os.path.dirname(go), "/usr/bin", "/bin"]
        open(os.path.join(self.root, "gitconfig"), "w").close()
    @property
    def work(self): return os.path.join(self.root, "work")
    def write(self, rel, text):
        p = os.path.join(self.work, rel); os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f: f.write(text)
    def gitconfig(self, text):
        with open(os.path.join(self.root, "gitconfig"), "a") as f: f.write(text)
    def run(self, argv):
        with open(os.path.join(self.root, "goenv"), "w") as f:
            for k, v in self.goenv.items(): f.write(f"{k}={v}\n")
        env = {"HOME": os.path.join(self.root, "home"), "GOENV": os.path.join(self.root, "goenv"),
               "GOPATH": os.path.join(self.root, "gopath"), "GOMODCACHE": os.path.join(self.root, "gopath/pkg/mod"),
               "GOCACHE": os.path.join(self.root, "gocache"), "GIT_CONFIG_NOSYSTEM": "1",
               "GIT_CONFIG_GLOBAL": os.path.join(self.root, "gitconfig"), "GIT_TERMINAL_PROMPT": "0",
               "GOTELEMETRY": "off", "PATH": ":".join(self.path), "LC_ALL": "C", **self.env}
        if "GOTOOLCHAIN" not in env and "GOTOOLCHAIN" not in self.goenv: env["GOTOOLCHAIN"] = "local"
        r = subprocess.run(argv, cwd=self.work, env=env, capture_output=True, text=True, timeout=120)
        return r.returncode, r.stdout + r.stderr
    def clean(self):
        subprocess.run(["chmod", "-R", "u+w", self.root], capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)

HELLO_MOD = "module example.com/hello\n\ngo 1.16\n"
HELLO = {"hello.go": "package hello\n\nfunc Hello() string { return \"hi\" }\n"}

def consumer(s, requires, go_line="1.16"):
    reqs = "".join(f"require {m} {v}\n" for m, v in requires)
    s.write("go.mod", f"module example.com/consumer\n\ngo {go_line}\n\n{reqs}")

def version_of(go):
    out = subprocess.run([go, "env", "GOVERSION"], capture_output=True, text=True,
                         env={"HOME": "/tmp", "GOENV": "off", "GOTOOLCHAIN": "local", "PATH": "/usr/bin:/bin"}).stdout.strip()
    return out.removeprefix("go")

def scenarios(go, release):
    minor = int(release.split(".")[1])
    S = lambda name, cause: Scenario(go, name, cause)

    s = S("goproxy-off", "goproxy-off"); consumer(s, [("example.com/hello", "v1.0.0")]); s.goenv["GOPROXY"] = "off"
    yield s, ["go", "mod", "download", "example.com/hello"]
    s = S("goproxy-off-json", "goproxy-off"); consumer(s, [("example.com/hello", "v1.0.0")]); s.goenv["GOPROXY"] = "off"
    yield s, ["go", "mod", "download", "-json", "example.com/hello"]

    s = S("dead-proxy", "network-unreachable"); consumer(s, [("example.com/hello", "v1.0.0")])
    s.goenv["GOPROXY"] = f"http://127.0.0.1:{free_port()}"
    yield s, ["go", "mod", "download", "example.com/hello"]

    # This machine resolves no public name: the real DNS failures of a machine without internet.
    s = S("dns-proxy", "network-unreachable"); consumer(s, [("github.com/pkg/errors", "v0.9.1")])
    s.goenv["GOPROXY"] = "https://proxy.golang.org"
    yield s, ["go", "mod", "download", "github.com/pkg/errors"]
    s = S("dns-direct-git", "network-unreachable"); consumer(s, [("github.com/pkg/errors", "v0.9.1")])
    s.goenv["GOPROXY"] = "direct"
    yield s, ["go", "mod", "download", "github.com/pkg/errors"]
    s = S("dns-sumdb", "network-unreachable"); consumer(s, [("example.com/hello", "v1.0.0")])
    module_proxy(os.path.join(s.root, "proxy"), "example.com/hello", "v1.0.0", HELLO_MOD, HELLO)
    del s.goenv["GOSUMDB"]
    yield s, ["go", "mod", "download", "example.com/hello"]
    s = S("dns-toolchain", "toolchain-unavailable"); consumer(s, [], go_line="1.99.0") if minor >= 21 else None
    if minor >= 21:
        s.goenv.update({"GOTOOLCHAIN": "auto", "GOPROXY": "https://proxy.golang.org"})
        yield s, ["go", "mod", "download"]
    else:
        s.clean()

    s = S("goflags-invalid", "goflags-invalid"); consumer(s, []); s.env["GOFLAGS"] = "-modd=mod"
    yield s, ["go", "mod", "download"]
    s = S("goflags-invalid-goenv", "goflags-invalid"); consumer(s, []); s.goenv["GOFLAGS"] = "-bogus"
    yield s, ["go", "mod", "download"]

    s = S("gomod-unknown-directive", "gomod-invalid")
    s.write("go.mod", "module example.com/consumer\n\ngo 1.16\n\nrequir example.com/hello v1.0.0\n")
    yield s, ["go", "mod", "download"]
    s = S("gomod-bad-version", "gomod-invalid")
    s.write("go.mod", "module example.com/consumer\n\ngo 1.16\n\nrequire example.com/hello 1.0\n")
    yield s, ["go", "mod", "download"]

    if minor >= 18:
        s = S("gowork-missing-module", "gowork-broken"); consumer(s, [])
        s.write("go.work", f"go 1.18\n\nuse (\n\t.\n\t./missing\n)\n")
        yield s, ["go", "list", "-m", "all"]
        s = S("gowork-syntax", "gowork-broken"); consumer(s, [])
        s.write("go.work", "go 1.18\n\nuses .\n")
        yield s, ["go", "list", "-m", "all"]

    s = S("vendor-inconsistent", "vendor-inconsistent"); consumer(s, [("example.com/hello", "v1.0.0")], go_line="1.17")
    module_proxy(os.path.join(s.root, "proxy"), "example.com/hello", "v1.0.0", HELLO_MOD, HELLO)
    s.write("main.go", "package main\n\nimport \"example.com/hello\"\n\nfunc main() { println(hello.Hello()) }\n")
    s.write("vendor/modules.txt", "# example.com/hello v0.9.0\n## explicit\nexample.com/hello\n")
    yield s, ["go", "build", "./..."]

    s = S("package-not-in-module", "package-not-in-module"); consumer(s, [])
    module_proxy(os.path.join(s.root, "proxy"), "example.com/hello", "v1.0.0", HELLO_MOD, HELLO)
    yield s, ["go", "get", "example.com/hello/sub"]

    s = S("path-mismatch", "path-mismatch"); consumer(s, [("example.com/hello", "v1.0.0")])
    module_proxy(os.path.join(s.root, "proxy"), "example.com/hello", "v1.0.0", "module example.com/other\n\ngo 1.16\n", HELLO)
    yield s, ["go", "mod", "download", "example.com/hello"]
    s = S("path-mismatch-json", "path-mismatch"); consumer(s, [("example.com/hello", "v1.0.0")])
    module_proxy(os.path.join(s.root, "proxy"), "example.com/hello", "v1.0.0", "module example.com/other\n\ngo 1.16\n", HELLO)
    yield s, ["go", "mod", "download", "-json", "example.com/hello"]
    s = S("path-mismatch-tidy", "path-mismatch"); consumer(s, [("example.com/hello", "v1.0.0")])
    module_proxy(os.path.join(s.root, "proxy"), "example.com/hello", "v1.0.0", "module example.com/other\n\ngo 1.16\n", HELLO)
    s.write("main.go", "package main\n\nimport \"example.com/hello\"\n\nfunc main() { println(hello.Hello()) }\n")
    yield s, ["go", "mod", "tidy"]

    s = S("checksum-mismatch", "checksum-mismatch"); consumer(s, [("example.com/hello", "v1.0.0")])
    module_proxy(os.path.join(s.root, "proxy"), "example.com/hello", "v1.0.0", HELLO_MOD, HELLO)
    s.write("go.sum", "example.com/hello v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"
                      "example.com/hello v1.0.0/go.mod h1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=\n")
    yield s, ["go", "mod", "download", "example.com/hello"]

    s = S("unknown-revision-file-proxy", "unknown-revision"); consumer(s, [("example.com/hello", "v1.9.9")])
    module_proxy(os.path.join(s.root, "proxy"), "example.com/hello", "v1.0.0", HELLO_MOD, HELLO)
    yield s, ["go", "mod", "download", "example.com/hello"]

    s = S("requires-chain", "unknown-revision"); consumer(s, [("example.com/a", "v1.0.0")])
    module_proxy(os.path.join(s.root, "proxy"), "example.com/a", "v1.0.0", "module example.com/a\n\ngo 1.16\n\nrequire example.com/b v1.2.0\n", {"a.go": "package a\n"})
    module_proxy(os.path.join(s.root, "proxy"), "example.com/b", "v1.0.0", "module example.com/b\n\ngo 1.16\n", {"b.go": "package b\n"})
    s.write("main.go", "package main\n\nimport _ \"example.com/a\"\n\nfunc main() {}\n")
    yield s, ["go", "mod", "tidy"]

    # A local git repository reached through an insteadOf rewrite (direct, private).
    def private_git(name, cause, rewrite_to=None):
        s = S(name, cause)
        repo = os.path.join(s.root, "repo"); os.makedirs(repo)
        git("init", "-q", "-b", "main", cwd=repo)
        with open(os.path.join(repo, "go.mod"), "w") as f: f.write("module private.example.com/team/lib.git\n\ngo 1.16\n")
        git("add", "-A", cwd=repo); git("commit", "-q", "-m", "init", cwd=repo); git("tag", "v1.0.0", cwd=repo)
        s.gitconfig(f"[url \"{rewrite_to or 'file://' + repo}\"]\n\tinsteadOf = https://private.example.com/team/lib\n"
                    f"[url \"{rewrite_to or 'file://' + repo}\"]\n\tinsteadOf = git+ssh://private.example.com/team/lib\n"
                    f"[url \"{rewrite_to or 'file://' + repo}\"]\n\tinsteadOf = ssh://private.example.com/team/lib\n"
                    f"[url \"{rewrite_to or 'file://' + repo}\"]\n\tinsteadOf = git://private.example.com/team/lib\n"
                    "[protocol \"file\"]\n\tallow = always\n")
        s.goenv.update({"GOPROXY": "direct", "GOPRIVATE": "private.example.com"})
        return s, repo

    s, _ = private_git("git-unknown-revision", "unknown-revision"); consumer(s, [("private.example.com/team/lib.git", "v1.9.9")])
    yield s, ["go", "mod", "download", "private.example.com/team/lib.git"]
    if minor < 21:  # later releases refuse the file:// rewrite before git runs ("no secure protocol found")
        s, _ = private_git("git-repo-missing", "repo-not-found", rewrite_to="file:///LABMISSING/nope.git")
        consumer(s, [("private.example.com/team/lib.git", "v1.0.0")])
        yield s, ["go", "mod", "download", "private.example.com/team/lib.git"]
    s, _ = private_git("git-rewrite-ssh-refused", "git-url-rewrite", rewrite_to=f"ssh://git@127.0.0.1:{free_port()}/team/lib")
    consumer(s, [("private.example.com/team/lib.git", "v1.0.0")])
    yield s, ["go", "mod", "download", "private.example.com/team/lib.git"]

    s, _ = private_git("govcs-disallowed", "govcs-disallowed"); consumer(s, [("private.example.com/team/lib.git", "v1.0.0")])
    s.goenv["GOVCS"] = "private:none"
    yield s, ["go", "mod", "download", "private.example.com/team/lib.git"]

    s, _ = private_git("git-missing", "git-missing"); consumer(s, [("private.example.com/team/lib.git", "v1.0.0")])
    bindir = os.path.join(s.root, "gobin"); os.makedirs(bindir); os.symlink(go, os.path.join(bindir, "go"))
    s.path = [bindir]
    yield s, [os.path.join(bindir, "go"), "mod", "download", "private.example.com/team/lib.git"]

    s, repo = private_git("vcs-cache-corrupt", "vcs-cache-corrupt"); consumer(s, [("private.example.com/team/lib.git", "v1.0.0")])
    s.run(["go", "mod", "download", "private.example.com/team/lib.git"])
    vcs = os.path.join(s.root, "gopath/pkg/mod/cache/vcs")
    for entry in os.listdir(vcs) if os.path.isdir(vcs) else []:
        p = os.path.join(vcs, entry)
        if os.path.isdir(p):
            for sub in ["objects", "refs"]: shutil.rmtree(os.path.join(p, sub), ignore_errors=True)
            with open(os.path.join(p, "HEAD"), "w") as f: f.write("garbage\n")
    shutil.rmtree(os.path.join(s.root, "gopath/pkg/mod/cache/download"), ignore_errors=True)
    subprocess.run(["chmod", "-R", "u+w", os.path.join(s.root, "gopath/pkg/mod")], capture_output=True)
    for entry in os.listdir(os.path.join(s.root, "gopath/pkg/mod")):
        if entry != "cache": shutil.rmtree(os.path.join(s.root, "gopath/pkg/mod", entry), ignore_errors=True)
    git("tag", "v1.1.0", cwd=repo)
    consumer(s, [("private.example.com/team/lib.git", "v1.1.0")])
    yield s, ["go", "mod", "download", "private.example.com/team/lib.git"]

    # A private module (its host resolves only inside the company) asked of a proxy that fetches
    # from the origin, and checked against a checksum database that does the same.
    fetcher = fetching_proxy()
    plain = serve(404)
    s = S("proxy-cannot-reach-private-origin", "private-module-proxy"); consumer(s, [("git.corp.test/team/lib", "v1.2.0")])
    s.goenv["GOPROXY"] = f"http://127.0.0.1:{fetcher.server_port}"
    yield s, ["go", "mod", "download", "git.corp.test/team/lib"]
    s = S("sumdb-cannot-reach-private-origin", "private-module-sumdb"); consumer(s, [("git.corp.test/team/lib", "v1.2.0")])
    module_proxy(os.path.join(s.root, "proxy"), "git.corp.test/team/lib", "v1.2.0", "module git.corp.test/team/lib\n\ngo 1.16\n", {"lib.go": "package lib\n"})
    s.goenv["GOSUMDB"] = f"sum.golang.org http://127.0.0.1:{fetcher.server_port}"
    yield s, ["go", "mod", "download", "git.corp.test/team/lib"]

    s = S("proxy-404-private", "private-module-proxy"); consumer(s, [("private.example.com/team/lib.git", "v1.0.0")])
    s.goenv["GOPROXY"] = f"http://127.0.0.1:{plain.server_port}"
    yield s, ["go", "mod", "download", "private.example.com/team/lib.git"]

    server = serve(401)
    s = S("proxy-401", "proxy-auth"); consumer(s, [("example.com/hello", "v1.0.0")])
    s.goenv["GOPROXY"] = f"http://127.0.0.1:{server.server_port}"
    yield s, ["go", "mod", "download", "example.com/hello"]
    server403 = serve(403)
    s = S("proxy-403", "proxy-auth"); consumer(s, [("example.com/hello", "v1.0.0")])
    s.goenv["GOPROXY"] = f"http://127.0.0.1:{server403.server_port}"
    yield s, ["go", "mod", "download", "example.com/hello"]

    s = S("https-to-plain-http", "insecure-http"); consumer(s, [("example.com/hello", "v1.0.0")])
    s.goenv["GOPROXY"] = f"https://127.0.0.1:{plain.server_port}"
    yield s, ["go", "mod", "download", "example.com/hello"]

    s = S("https-proxy-refused", "proxy-misconfig"); consumer(s, [("example.com/hello", "v1.0.0")])
    s.goenv["GOPROXY"] = "https://proxy.golang.org"
    s.env["HTTPS_PROXY"] = f"http://127.0.0.1:{free_port()}"
    yield s, ["go", "mod", "download", "example.com/hello"]

    if minor >= 21:
        s = S("toolchain-local-too-old", "go-too-old"); consumer(s, [], go_line="1.99.0")
        yield s, ["go", "mod", "download"]
        s = S("toolchain-download-unavailable", "toolchain-unavailable"); consumer(s, [], go_line="1.99.0")
        s.goenv["GOTOOLCHAIN"] = "auto"
        yield s, ["go", "mod", "download"]
        s = S("toolchain-download-proxy-off", "toolchain-unavailable"); consumer(s, [], go_line="1.99.0")
        s.goenv.update({"GOTOOLCHAIN": "auto", "GOPROXY": "off"})
        yield s, ["go", "mod", "download"]
        s = S("gotoolchain-invalid", "gotoolchain-invalid"); consumer(s, [])
        s.goenv["GOTOOLCHAIN"] = "go1.99junk"
        yield s, ["go", "mod", "download"]
        s = S("gotoolchain-invalid-word", "gotoolchain-invalid"); consumer(s, [])
        s.goenv["GOTOOLCHAIN"] = "latest"
        yield s, ["go", "mod", "download"]
    else:
        s = S("go-line-three-part", "go-too-old"); consumer(s, [], go_line="1.21.0")
        yield s, ["go", "mod", "download"]

def yaml_entry(cause, go, scenario, command, text):
    lines = text.split("\n")
    chomp = "+" if text.endswith("\n\n") else ("" if text.endswith("\n") else "-")
    if text.endswith("\n"): lines = lines[:-1]
    indicator = "2" if lines and lines[0][:1] in (" ", "\t") else ""
    body = "\n".join("    " + l if l else "" for l in lines)
    return (f"- cause: {cause}\n  go: \"{go}\"\n  scenario: \"{scenario}\"\n  command: \"{command}\"\n"
            f"  text: |{indicator}{chomp}\n{body}\n")

def main():
    print("# Real go output in broken local environments, written by scripts/capture-local-scenarios.py.")
    print("# The scenario folder is /LAB and loopback ports are PORT; everything else is verbatim.")
    for go in sys.argv[1:]:
        release = version_of(go)
        for s, argv in scenarios(go, release):
            try:
                code, out = s.run(argv)
                if code == 0:
                    print(f"# {release} {s.name}: the command worked; no entry", file=sys.stderr)
                    continue
                out = out.replace(s.root, "/LAB").replace("/LABMISSING", "/LAB/missing")
                out = re.sub(r"127\.0\.0\.1:[0-9]+", "127.0.0.1:PORT", out)
                out = re.sub(r"127\.0\.0\.1 port [0-9]+", "127.0.0.1 port PORT", out)
                cmd = " ".join(["go"] + argv[1:]) if argv[0].endswith("/go") else " ".join(argv)
                print(yaml_entry(s.cause, release, s.name, cmd, out))
            finally:
                s.clean()

main()
