"""A scripted LSP client for the asynclint-clangd tests and benchmark.

Talks to a server over its stdin/stdout. A reader thread parses the
server's output strictly: anything on stdout that is not a well-framed JSON
message is recorded as a protocol error, so every test also checks that the
server's stdout carries only LSP.
"""
import json
import os
import queue
import subprocess
import sys
import threading
import time


# clangd keeps running after `exit` until its background indexing is done
# (minutes for the standard library on a loaded machine), and the
# supervisor rightly waits for it: the tests turn indexing off (the flag
# also shows that the arguments reach clangd).
QUIET_CLANGD = ["--background-index=false"]
CLANGD_CONFIG = "Index:\n  StandardLibrary: No\n"


# A coroutine task type and a coroutine that drops one: an
# async-unawaited-task finding at `work();`, for the sessions to open and the
# benchmark to append (no `%`, so it can be %-formatted into).
UNAWAITED_TASK = """struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {}
};
task work();
task caller() {
  work();
  co_return;
}
"""


def quiet_clangd(workdir):
    """Writes a .clangd that turns off standard library indexing."""
    with open(os.path.join(workdir, ".clangd"), "w") as f:
        f.write(CLANGD_CONFIG)


def start_server(server, workdir, log_name="stderr.log", env=None):
    """asynclint-clangd (or any clangd) in workdir with quiet clangd flags,
    its stderr in workdir/log_name."""
    log = open(os.path.join(workdir, log_name), "wb")
    return Client([server] + QUIET_CLANGD, cwd=workdir, stderr=log, env=env)


class ProtocolError(Exception):
    pass


def frame(body):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return b"Content-Length: %d\r\n\r\n" % len(data) + data


class Client:
    def __init__(self, cmd, cwd=None, stderr=None, env=None):
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=stderr, cwd=cwd, env=env)
        self.inbox = queue.Queue()
        self.errors = []
        self.next_id = 1
        self.diagnostics = {}  # uri -> the last published list
        self.published = []   # (time, uri, version, diagnostics)
        self.shown = []       # window/showMessage texts
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        out = self.proc.stdout
        while True:
            headers = {}
            line = out.readline()
            if not line:
                self.inbox.put(None)
                return
            while line not in (b"\r\n", b""):
                if not line.endswith(b"\r\n") or b":" not in line:
                    self.errors.append("bad header line %r" % line)
                    self.inbox.put(None)
                    return
                name, value = line.decode().split(":", 1)
                headers[name.strip().lower()] = value.strip()
                line = out.readline()
            try:
                length = int(headers["content-length"])
                body = out.read(length)
                if len(body) != length:
                    raise ValueError("short body")
                msg = json.loads(body)
            except (KeyError, ValueError) as e:
                self.errors.append("bad message: %s" % e)
                self.inbox.put(None)
                return
            self.inbox.put((time.monotonic(), msg))

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, msg):
        self.send_raw(frame(msg))

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def open(self, uri, text, version=1):
        """didOpen of a C++ document."""
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "cpp", "version": version,
            "text": text}})

    def request_async(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method,
                   "params": params})
        return rid

    def _handle(self, stamp, msg):
        """Bookkeeping for one message; answers the server's requests."""
        if msg.get("method") == "textDocument/publishDiagnostics":
            p = msg["params"]
            self.diagnostics[p["uri"]] = p["diagnostics"]
            self.published.append((stamp, p["uri"], p.get("version"),
                                   p["diagnostics"]))
        elif msg.get("method") == "window/showMessage":
            self.shown.append(msg["params"]["message"])
        elif "method" in msg and "id" in msg:
            # workDoneProgress/create and the like: accept.
            self.send({"jsonrpc": "2.0", "id": msg["id"], "result": None})

    def next_message(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("timed out waiting for the server")
        try:
            item = self.inbox.get(timeout=left)
        except queue.Empty:
            raise TimeoutError("timed out waiting for the server")
        if item is None:
            if self.errors:
                raise ProtocolError("; ".join(self.errors))
            raise EOFError("the server closed its output")
        self._handle(*item)
        return item

    def drain(self, seconds):
        """Reads (and keeps track of) whatever arrives for that long."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                self.next_message(deadline)
            except TimeoutError:
                return

    def request(self, method, params, timeout=60):
        rid = self.request_async(method, params)
        deadline = time.monotonic() + timeout
        while True:
            _, msg = self.next_message(deadline)
            if msg.get("id") == rid and "method" not in msg:
                if "error" in msg:
                    raise ProtocolError("%s failed: %s" % (method, msg["error"]))
                return msg.get("result")

    def wait_diagnostics(self, uri, predicate, timeout=90):
        """Reads messages until the last list published for uri satisfies
        predicate; returns that list."""
        deadline = time.monotonic() + timeout
        while True:
            if uri in self.diagnostics and predicate(self.diagnostics[uri]):
                return self.diagnostics[uri]
            self.next_message(deadline)

    def initialize(self, root, encodings=None):
        caps = {
            "textDocument": {
                "codeAction": {"codeActionLiteralSupport": {
                    "codeActionKind": {"valueSet": ["quickfix"]}}},
                "publishDiagnostics": {"relatedInformation": True,
                                       "versionSupport": True},
            },
        }
        if encodings:
            caps["general"] = {"positionEncodings": encodings}
        result = self.request("initialize", {
            "processId": os.getpid(), "rootUri": uri_of(root),
            "capabilities": caps})
        self.notify("initialized", {})
        return result

    def shutdown(self, timeout=60):
        self.request("shutdown", None)
        self.notify("exit", None)
        self.proc.stdin.close()
        return self.wait_exit(timeout)

    def wait_exit(self, timeout=60):
        deadline = time.monotonic() + timeout
        # Drain what is left so that the server is never blocked on us.
        while True:
            try:
                self.next_message(deadline)
            except EOFError:
                break
        return self.proc.wait(timeout=max(1, deadline - time.monotonic()))


def uri_of(path):
    return "file://" + os.path.abspath(path)


def is_ours(d):
    """An async-* finding (clangd reports it as a clang-tidy one)."""
    return str(d.get("code", "")).startswith("async-")


def ours(diags):
    return [d for d in diags if is_ours(d)]


def theirs(diags):
    return [d for d in diags if not is_ours(d)]


def utf16_column(line_text, byte_column):
    """The UTF-16 column of a byte column of a UTF-8 line."""
    prefix = line_text.encode()[:byte_column].decode()
    return len(prefix.encode("utf-16-le")) // 2


def fail(why):
    """Ends a scripted session: the reason on stdout, for FileCheck."""
    print("FAIL: " + why)
    sys.exit(1)


def describe(d):
    """A diagnostic as one line: source, code, line:column, message."""
    r = d["range"]["start"]
    return "%s %s %d:%d %s" % (d.get("source"), d.get("code"), r["line"],
                                r["character"], d["message"].splitlines()[0])
