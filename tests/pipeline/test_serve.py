#!/usr/bin/env python3
"""`readstat serve` on a loopback port: every endpoint, auth (401), bad JSON
(400), body limits (413), the gate (422), CMS payload mappings, the access
log, SIGHUP reload with no dropped request, and SIGTERM draining.

Usage: test_serve.py READSTAT FIXTURES_DIR

The server always listens on 127.0.0.1 port 0 (the kernel picks a free
port; the server logs it) and is never exposed beyond the loopback.
"""

import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pipeline_util import check, finish  # noqa: E402

READSTAT, FIXTURES = [os.path.abspath(a) for a in sys.argv[1:3]]
TOKEN = "test-token-4f9a2b"
tmp = tempfile.TemporaryDirectory(prefix="readstat-serve-")
TOKEN_FILE = os.path.join(tmp.name, "token")
with open(TOKEN_FILE, "w") as f:
    f.write(TOKEN + "\n")
AUTH = {"Authorization": "Bearer " + TOKEN}
with open(os.path.join(os.path.dirname(FIXTURES), "..", "..", "examples", "article.txt"),
          encoding="utf-8") as f:
    ARTICLE = f.read()


class Server:
    """A readstat serve process and its log lines (read on a thread)."""

    def __init__(self, *args):
        self.proc = subprocess.Popen(
            [READSTAT, "serve", "--listen", "127.0.0.1:0"] + list(args),
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.log = []
        self.lock = threading.Lock()
        self.ready = threading.Event()
        self.port = None
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        if not self.ready.wait(20):
            raise RuntimeError("server did not start: " + "".join(self.raw_lines()))

    def _read(self):
        for line in self.proc.stderr:
            with self.lock:
                self.log.append(line)
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if entry.get("event") == "listening":
                self.port = entry["port"]
                self.ready.set()
        self.ready.set()

    def raw_lines(self):
        with self.lock:
            return list(self.log)

    def events(self, name=None):
        out = []
        for line in self.raw_lines():
            try:
                e = json.loads(line)
            except ValueError:
                continue
            if name is None or e.get("event") == name:
                out.append(e)
        return out

    def wait_event(self, name, count=1, timeout=20):
        end = time.time() + timeout
        while time.time() < end:
            if len(self.events(name)) >= count:
                return True
            time.sleep(0.02)
        return False

    def request(self, method, path, body=None, headers=None, timeout=30):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
        conn.request(method, path, body=data, headers=headers or {})
        resp = conn.getresponse()
        payload = resp.read()
        conn.close()
        return resp.status, dict(resp.getheaders()), payload

    def json_request(self, method, path, body=None, headers=None):
        status, hdrs, payload = self.request(method, path, body, headers)
        try:
            return status, hdrs, json.loads(payload)
        except ValueError:
            return status, hdrs, payload

    def stop(self, sig=signal.SIGTERM):
        """The exit status once the process and the reading of its log end
        (the last lines may still be in the pipe when it exits)."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            code = self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = None
        self.reader.join(10)
        return code


rules = os.path.join(FIXTURES, "house-rules.lua")

# --- the main server: auth, rules, small body limit ------------------------
srv = Server("--token-file", TOKEN_FILE, "--rules", rules, "--threads", "2",
             "--max-body", "65536")
check("listens on the loopback only", srv.events("listening")[0]["address"] == "127.0.0.1")

status, hdrs, body = srv.json_request("GET", "/healthz")
check("GET /healthz: 200 without a token", status == 200 and body == {"status": "ok"}, body)

good = {"id": "post-1", "title": "Night Ferry", "text": ARTICLE}
status, hdrs, body = srv.json_request("POST", "/v1/analyze", good)
check("no token: 401", status == 401 and "error" in body, (status, body))
check("401 names the scheme", hdrs.get("WWW-Authenticate", "").startswith("Bearer"), hdrs)
for wrong in ("Bearer wrong", "Bearer " + TOKEN[:-1], "Bearer " + TOKEN + "x",
              "Basic " + TOKEN, TOKEN):
    status, _, _ = srv.json_request("POST", "/v1/analyze", good, {"Authorization": wrong})
    check(f"wrong credentials ({wrong[:12]}...): 401", status == 401, status)
status, _, _ = srv.json_request("GET", "/metrics")
check("GET /metrics needs the token", status == 401, status)

status, hdrs, body = srv.json_request("POST", "/v1/analyze", good, AUTH)
check("POST /v1/analyze: 200", status == 200, (status, body))
check("analyze: JSON content type", hdrs.get("Content-Type") == "application/json", hdrs)
check("analyze: the full report", isinstance(body, dict) and body["counts"]["words"] > 300 and
      "readability" in body and "sections" in body and body["source"] == "post-1", body)
check("analyze: tags, scores and checks", body["tags"] == ["has-sections"] or
      isinstance(body["tags"], list) and isinstance(body["scores"], dict) and
      {c["rule"] for c in body["checks"]} == {"needs-title", "long-sentences", "no-todo",
                                              "author-set"}, body.get("checks"))
check("analyze: the title from the request is metadata",
      body["meta"]["title"] == "Night Ferry", body["meta"])
check("analyze: the gate verdict", body["gate"] == {"fail_on": "error", "passed": True,
                                                    "rule_errors": 0}, body["gate"])

# Same answer as the command line for the same text.
with open(os.path.join(tmp.name, "a.txt"), "w") as f:
    f.write(ARTICLE)
cli = subprocess.run([READSTAT, "--json", "--rules", rules, "--meta", "title=Night Ferry",
                      "--meta", "id=post-1", os.path.join(tmp.name, "a.txt")],
                     capture_output=True, text=True)
cli_doc = json.loads(cli.stdout)
check("analyze: counts and scores equal the CLI's", cli_doc["counts"] == body["counts"] and
      cli_doc["readability"] == body["readability"] and cli_doc["tags"] == body["tags"],
      (cli_doc["counts"], body["counts"]))

bad = dict(good, text=ARTICLE + "\n\nTODO: a last fix.")
status, _, body = srv.json_request("POST", "/v1/check", bad, AUTH)
check("POST /v1/check: 422 when an error-level check fails",
      status == 422 and body["gate"]["passed"] is False and
      any(c["rule"] == "no-todo" and not c["passed"] for c in body["checks"]), (status, body))
where = [c for c in body["checks"] if c["rule"] == "no-todo"][0]["where"][0]
check("check: places carry line and col", where["line"] > 1 and where["col"] == 1, where)
status, _, body = srv.json_request("POST", "/v1/check", good, AUTH)
check("POST /v1/check: 200 when the gate passes", status == 200 and body["gate"]["passed"],
      (status, body.get("gate") if isinstance(body, dict) else body))
status, _, body = srv.json_request("POST", "/v1/analyze", bad, AUTH)
check("analyze is never 422", status == 200, status)

for fmt, text in (("markdown", "# Title\n\nSome *words* here."),
                  ("html", "<h1>Title</h1><p>Some <b>words</b> here.</p>")):
    status, _, body = srv.json_request("POST", "/v1/analyze", {fmt: text}, AUTH)
    check(f"{fmt} field: read as {fmt}", status == 200 and body["format"] == fmt and
          body["counts"]["words"] == 3, (status, body))
status, _, body = srv.json_request("POST", "/v1/analyze",
                                   {"text": "Hello there.", "meta": {"section": "news",
                                                                     "n": 3}}, AUTH)
check("meta object: passed to the report", body["meta"].get("section") == "news" and
      body["meta"].get("n") == "3", body.get("meta"))

for name, payload, why in (
        ("malformed JSON", b'{"text": "x",', "malformed JSON"),
        ("not an object", b'["text"]', "not a JSON object"),
        ("no text field", b'{"title": "x"}', "no text, markdown or html"),
        ("two text fields", b'{"text": "a", "html": "b"}', "more than one"),
        ("text not a string", b'{"text": 5}', "not a string"),
        ("empty body", b"", "malformed JSON"),
        ("NUL in text", b'{"text": "a\\u0000b"}', "")):
    status, hdrs, body = srv.json_request("POST", "/v1/analyze", payload, AUTH)
    check(f"{name}: 400 with a message", status == 400 and isinstance(body, dict) and
          why in body.get("error", ""), (status, body))

big = {"text": "word " * 20000}  # 100 KB > 64 KiB
status, _, body = srv.json_request("POST", "/v1/analyze", big, AUTH)
check("body over --max-body (Content-Length): 413", status == 413, status)


def chunked(server, size):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    conn.putrequest("POST", "/v1/analyze")
    conn.putheader("Authorization", AUTH["Authorization"])
    conn.putheader("Transfer-Encoding", "chunked")
    conn.endheaders()
    data = json.dumps({"text": "word " * (size // 5)}).encode()
    for i in range(0, len(data), 8192):
        piece = data[i:i + 8192]
        conn.send(b"%x\r\n%s\r\n" % (len(piece), piece))
    conn.send(b"0\r\n\r\n")
    resp = conn.getresponse()
    resp.read()
    conn.close()
    return resp.status


check("chunked body over --max-body: 413", chunked(srv, 100000) == 413)
check("chunked body under --max-body: 200", chunked(srv, 20000) == 200)

status, _, _ = srv.json_request("GET", "/v1/analyze", None, AUTH)
check("GET /v1/analyze: 405", status == 405, status)
status, _, _ = srv.json_request("POST", "/healthz", b"{}")
check("POST /healthz: 405", status == 405, status)
status, _, _ = srv.json_request("GET", "/nope", None, AUTH)
check("unknown path: 404", status == 404, status)

status, hdrs, text = srv.request("GET", "/metrics", None, AUTH)
text = text.decode()
check("GET /metrics: Prometheus text", status == 200 and
      hdrs.get("Content-Type", "").startswith("text/plain; version=0.0.4"), hdrs)
check("metrics: requests by endpoint and code",
      'readstat_requests_total{endpoint="/v1/check",code="422"} 1' in text and
      'readstat_requests_total{endpoint="/v1/analyze",code="401"}' in text, text)
check("metrics: errors and a latency histogram", "readstat_errors_total " in text and
      'readstat_request_duration_seconds_bucket{le="+Inf"}' in text and
      "readstat_request_duration_seconds_count" in text, text)

srv.wait_event("request", 25)  # the log line follows the answer: no fixed sleep
log = srv.events("request")
check("access log: one JSON line per request", len(log) >= 25 and
      all({"time", "remote", "method", "path", "status", "ms"} <= set(e) for e in log), log[-1:])
check("access log: statuses and ids", any(e["status"] == 422 and e.get("id") == "post-1"
                                          for e in log) and
      any(e["status"] == 413 for e in log))
check("access log: nothing but JSON on stderr",
      all(line.startswith("{") for line in srv.raw_lines()), srv.raw_lines()[:3])
check("SIGTERM: exit 0", srv.stop() == 0)

# --- CMS payloads -------------------------------------------------------
with open(os.path.join(FIXTURES, "payloads", "ghost-post-published.json"), "rb") as f:
    ghost_body = f.read()
with open(os.path.join(FIXTURES, "payloads", "wordpress-post.json"), "rb") as f:
    wp_body = f.read()

ghost = Server("--payload", "ghost", "--rules", rules)
status, _, body = ghost.json_request("POST", "/v1/check", ghost_body)
check("ghost payload: html, title, id and metadata mapped", isinstance(body, dict) and
      body["format"] == "html" and body["source"] == "6650a1f2c3d4e5f600000001" and
      body["meta"]["title"] == "Night Ferry Returns to Harbor City" and
      body["meta"]["url"] == "https://news.example.org/night-ferry-returns/" and
      body["meta"]["byline"] == "Laura Mendes" and body["counts"]["words"] > 20, body)
check("ghost payload: the TODO fails the gate (422)", status == 422, status)
status, _, body = ghost.json_request("POST", "/v1/check", wp_body)
check("ghost mapping on another payload: 400", status == 400, (status, body))
ghost.stop()

wp = Server("--payload", "wordpress", "--rules", rules)
status, _, body = wp.json_request("POST", "/v1/check", wp_body)
check("wordpress payload: content.rendered, title.rendered, id mapped",
      status == 200 and body["format"] == "html" and body["source"] == "4211" and
      body["meta"]["title"] == "Community Garden Opens" and
      body["meta"]["url"].startswith("https://blog.example.org/") and
      body["counts"]["words"] == 36, (status, body))
wp.stop()

custom = Server("--field", "html=/post/current/html", "--field", "id=/post/current/uuid",
                "--field", "meta.slug=/post/current/slug", "--field", "title=")
status, _, body = custom.json_request("POST", "/v1/analyze", ghost_body)
check("--field pointers map any payload", status == 200 and
      body["source"] == "3b7d9a52-1c2e-4f6a-9b0d-2e5f8c7a1d34" and
      body["meta"]["slug"] == "night-ferry-returns", (status, body))
check("no rules: the same keys, empty", body["tags"] == [] and body["checks"] == [] and
      body["gate"]["passed"] is True, body.get("gate"))
custom.stop()
code = subprocess.run([READSTAT, "serve", "--field", "bogus=/x"], capture_output=True).returncode
check("--field with an unknown name: exit 2", code == 2, code)
code = subprocess.run([READSTAT, "serve", "--listen", "10.1.2.3"], capture_output=True).returncode
check("--listen without a port: exit 2", code == 2, code)

# --- SIGHUP reload --------------------------------------------------------
rule_file = os.path.join(tmp.name, "live.lua")


def write_rules(tag):
    with open(rule_file + ".new", "w") as f:
        f.write(tag)
    os.replace(rule_file + ".new", rule_file)


write_rules('tag "v1" (function() return true end)\n')
live = Server("--rules", rule_file, "--threads", "2")
_, _, body = live.json_request("POST", "/v1/analyze", {"text": "Hello."})
check("rules loaded at start", body["tags"] == ["v1"], body.get("tags"))

results = []
stop_load = threading.Event()


def hammer():
    while not stop_load.is_set():
        try:
            status, _, b = live.json_request("POST", "/v1/analyze", {"text": ARTICLE})
            results.append((status, tuple(b["tags"]) if isinstance(b, dict) else None))
        except Exception as exc:  # a dropped connection is what we look for
            results.append((None, repr(exc)))


workers = [threading.Thread(target=hammer) for _ in range(4)]
for w in workers:
    w.start()
time.sleep(0.3)
for i in range(2, 7):
    write_rules(f'tag "v{i}" (function() return true end)\n')
    live.proc.send_signal(signal.SIGHUP)
    live.wait_event("rules-reloaded", i - 1)
    time.sleep(0.15)
stop_load.set()
for w in workers:
    w.join()
check("SIGHUP under load: no request dropped or failed",
      len(results) > 20 and all(s == 200 for s, _ in results),
      [r for r in results if r[0] != 200][:5])
check("SIGHUP: every answer used one whole rule set",
      all(t is not None and len(t) == 1 for _, t in results), results[:5])
_, _, body = live.json_request("POST", "/v1/analyze", {"text": "Hello."})
check("SIGHUP: the new rules answer", body["tags"] == ["v6"], body.get("tags"))

write_rules('tag "broken" (function() return true end\n')  # syntax error
live.proc.send_signal(signal.SIGHUP)
check("a failing reload is logged with the reason",
      live.wait_event("rules-reload-failed") and
      "live.lua" in live.events("rules-reload-failed")[0]["message"],
      live.events("rules-reload-failed"))
_, _, body = live.json_request("POST", "/v1/analyze", {"text": "Hello."})
check("a failing reload keeps the old rules", body["tags"] == ["v6"], body.get("tags"))
status, _, text = live.request("GET", "/metrics")
check("metrics: reloads counted", 'readstat_rule_reloads_total{result="ok"} 5' in text.decode()
      and 'readstat_rule_reloads_total{result="failed"} 1' in text.decode(), text.decode())
live.stop()

code = subprocess.run([READSTAT, "serve", "--listen", "127.0.0.1:0", "--rules", rule_file],
                      capture_output=True, timeout=30).returncode
check("a rule file that does not load at start: exit 4", code == 4, code)

# --- SIGTERM drains -------------------------------------------------------
slow_rules = os.path.join(tmp.name, "slow.lua")
with open(slow_rules, "w") as f:
    f.write('tag "slow" (function(article)\n'
            '  if article.meta.slow == "yes" then\n'
            '    local t = os.clock()\n'
            '    while os.clock() - t < 1.0 do end\n'
            '  end\n'
            '  return true\n'
            'end)\n')
slow = Server("--rules", slow_rules, "--rule-time", "20", "--budget", "1e13", "--threads", "2")
answers = []


def slow_request():
    try:
        answers.append(slow.json_request("POST", "/v1/analyze",
                                         {"text": "Slow.", "meta": {"slow": "yes"}}))
    except Exception as exc:
        answers.append((None, None, repr(exc)))


def in_flight(server):
    """readstat_requests_in_flight, counting the /metrics request asking."""
    _, _, text = server.request("GET", "/metrics")
    for line in text.decode().splitlines():
        if line.startswith("readstat_requests_in_flight "):
            return int(line.split()[1])
    return 0


t = threading.Thread(target=slow_request)
t.start()
# SIGTERM only once the slow request is in (a loaded machine may be slow to
# deliver it): then it is in flight beside the /metrics request asking
deadline = time.time() + 20
while in_flight(slow) < 2 and time.time() < deadline:
    time.sleep(0.02)
started = time.time()
slow.proc.send_signal(signal.SIGTERM)
time.sleep(0.2)
refused = False
try:
    slow.request("GET", "/healthz", timeout=2)
except OSError:
    refused = True
check("SIGTERM: new connections are refused", refused)
t.join(30)
code = slow.stop()
check("SIGTERM: the request in flight finishes with 200",
      answers and answers[0][0] == 200 and answers[0][2]["tags"] == ["slow"], answers)
check("SIGTERM: exits 0 once drained", code == 0 and time.time() - started < 15, code)
check("SIGTERM: logged", slow.events("stopped") and
      slow.events("stopped")[0]["unfinished"] == 0, slow.events("stopped"))

finish()
