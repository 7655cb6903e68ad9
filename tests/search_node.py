"""A real OpenSearch node for the tests, started by ``scripts/opensearch`` on a free loopback port.

``scripts/test`` starts one for the whole run and passes its address in ``TEST_ELASTICSEARCH_URL``;
without it (a single test file run by hand) the session starts its own. The fault tests get a second
node of their own that they may stop, freeze (SIGSTOP) and restart empty.
"""

import json
import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "opensearch"
START_TIMEOUT = 300  # the first start on a machine resolves the jars through Maven


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(url, deadline, process=None, log=None, pid=None):
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"scripts/opensearch exited with {process.returncode}:\n{_tail(log)}")
        if pid is not None and not Path(f"/proc/{pid}").exists():
            raise RuntimeError(f"scripts/opensearch exited:\n{_tail(log)}")
        try:
            with urllib.request.urlopen(f"{url}/_cluster/health?wait_for_status=yellow&timeout=5s", timeout=10) as r:
                if json.load(r)["status"] in ("yellow", "green"):
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no healthy node at {url} after {START_TIMEOUT} s:\n{_tail(log)}")


def warm_up(url):
    """Index and search once, so the first request of a test does not pay for a cold JVM."""

    def call(method, path, body=None):
        data = json.dumps(body).encode() if body else None
        request = urllib.request.Request(
            f"{url}{path}", method=method, data=data, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=120) as response:
            return json.load(response)

    call("PUT", "/warm-up", {"settings": {"number_of_shards": 1, "number_of_replicas": 0}})
    call("PUT", "/warm-up/_doc/1?refresh=true", {"title": "Workshop Zivilcourage"})
    call("POST", "/warm-up/_search", {"query": {"match": {"title": "workshop"}}})
    call("DELETE", "/warm-up")


def _tail(log):
    return Path(log).read_text(errors="replace")[-3000:] if log else ""


class ExternalNode:
    """A node somebody else started (scripts/test): used as it is, never stopped."""

    def __init__(self, url):
        self.url = url.rstrip("/")

    def close(self):
        pass


class OwnNode:
    """A node this test session starts and may stop, freeze and restart with an empty data folder."""

    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.NamedTemporaryFile(prefix="opensearch-test-", suffix=".log", delete=False).name
        self.process = None

    def start(self):
        """Start (again) on the same port; a restarted node is empty, like a server that lost its disk."""
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [str(SCRIPT), str(self.port)],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        wait_until_healthy(self.url, time.monotonic() + START_TIMEOUT, self.process, self.log)
        warm_up(self.url)
        return self

    def stop(self):
        if self.process is not None:
            self.process.send_signal(signal.SIGCONT)  # a frozen JVM cannot run its shutdown hook
            self.process.terminate()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None

    def freeze(self):
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self):
        """Let a frozen node run again and wait until it answers (it first works off what piled up)."""
        if self.process is not None:
            self.process.send_signal(signal.SIGCONT)
            wait_until_healthy(self.url, time.monotonic() + 120, self.process, self.log)

    def close(self):
        self.stop()
        Path(self.log).unlink(missing_ok=True)


def session_node():
    url = os.environ.get("TEST_ELASTICSEARCH_URL")
    return ExternalNode(url) if url else OwnNode().start()


if __name__ == "__main__":  # scripts/test: python -m tests.search_node URL PID LOG waits for the node it started
    import sys

    wait_until_healthy(sys.argv[1], time.monotonic() + START_TIMEOUT, pid=int(sys.argv[2]), log=sys.argv[3])
