"""HTTP benchmark: the real stack (gunicorn, middleware, API) at 1 and 16 concurrent clients. Prints figures.

    .venv/bin/python benchmarks/http_benchmark.py [--offers 10000] [--seconds 10] [--database-url URL]

Uses the scratch SQLite database of ``search_benchmark.py`` with ``--offers`` offers (built if missing), or
``--database-url`` (a PostgreSQL database that ``search_benchmark.py`` has filled), starts gunicorn on loopback
with 2 workers x 8 threads (this machine has 2 cores) and measures, for 1 and 16 clients: a mixed search set
through ``/api/v1/offers/`` (text, text + four facets, facets only, paging) with the API result cache off and
on, the same set as HTML catalogue pages (``/angebote/?…``) with the page cache off and on, a bare JSON view
(the ceiling), and a cached anonymous page, each with the server's CPU time per request (on Linux: the figure
least moved by other work on a shared machine); after each server's runs, its workers' memory; last, the
uncached API's and catalogue page's req/s at 16 clients as shares of the bare view's (issue 21's goals are such
ratios within one run).
``--engine elasticsearch`` searches the node at ``ELASTICSEARCH_URL`` (e.g. the compose file's) or, without
it, a real OpenSearch node started by ``scripts/opensearch`` on loopback. The load generator
runs on the same two cores, so all figures are lower bounds.
"""

import argparse
import http.client
import os
import random
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.search_benchmark import pct  # noqa: E402 - after the path it needs


def database(offers):
    """The scratch SQLite file of ``offers`` generated offers (one per size, built once)."""
    return ROOT / ".tmp" / f"benchmark-{offers}.sqlite3"


def prepare(offers):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database(offers)}"}
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "search_benchmark.py"),
            "--offers",
            str(offers),
            "--queries",
            "10",
            "--engines",
            "database",
        ],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def start_server(port, env):
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "kreissite.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--threads",
        "8",
        "--worker-class",
        "gthread",
        "--log-level",
        "warning",
        "--access-logfile",
        "/dev/null",  # gunicorn.conf.py logs every request to stdout
    ]
    server = subprocess.Popen(command, env=env, cwd=ROOT)
    for _ in range(100):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/bare/")
            connection.getresponse().read()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("gunicorn did not start")


def search_paths(rng, count, base="/api/v1/offers/"):
    """The search benchmark's query mix as URLs of the API (or of the catalogue page, ``base="/angebote/"``)."""
    import search_benchmark as sb

    paths = []
    for _shape, params in sb.query_mix(rng, count):
        pairs = [(k, v) for k, values in params.items() for v in values]
        paths.append(base + "?" + urllib.parse.urlencode(pairs))
    return paths


def _processes(pid):
    """gunicorn's master and its workers (Linux /proc)."""
    return [pid, *map(int, open(f"/proc/{pid}/task/{pid}/children").read().split())]


def worker_memory(pid):
    """Each worker's resident and peak resident memory in MB (Linux /proc), or "" elsewhere."""
    try:
        figures = []
        for process in _processes(pid)[1:]:
            status = dict(line.split(":", 1) for line in open(f"/proc/{process}/status") if ":" in line)
            rss, peak = (int(status[name].split()[0]) / 1024 for name in ("VmRSS", "VmHWM"))
            figures.append(f"{rss:.0f} MB (peak {peak:.0f} MB)")
        return ", ".join(figures)
    except (OSError, ValueError, KeyError):
        return ""


def server_cpu(pid):
    """CPU seconds used so far by gunicorn's master and workers (Linux /proc), or None elsewhere.

    Per request it is the figure that moves least when other work shares the machine: req/s and the ratio to
    the bare view depend on what else runs, CPU time per request mostly does not."""
    try:
        ticks = 0
        for process in _processes(pid):
            fields = open(f"/proc/{process}/stat").read().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError):
        return None


def load(port, paths, clients, seconds):
    """``clients`` threads with keep-alive connections send requests for ``seconds``; returns (rps, latencies)."""
    latencies, errors, lock = [], [], threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker(offset):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, n = [], offset
        while time.perf_counter() < deadline:
            path = paths[n % len(paths)]
            n += clients
            start = time.perf_counter()
            connection.request("GET", path, headers={"Accept-Language": "de"})
            response = connection.getresponse()
            response.read()
            mine.append((time.perf_counter() - start) * 1000)
            if response.status >= 400:
                errors.append(response.status)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    if errors:
        raise SystemExit(f"{len(errors)} failed requests, e.g. HTTP {errors[0]}")
    return len(latencies) / elapsed, latencies


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--engine", choices=["database", "elasticsearch"], default="database")
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    if not args.database_url and not database(args.offers).exists():
        prepare(args.offers)
    database_url = args.database_url or f"sqlite:///{database(args.offers)}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "SECRET_KEY": "benchmark-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONPATH": str(ROOT),
        "STATIC_ROOT": str(ROOT / ".tmp" / "benchmark-static"),
        # The production checks want both said on purpose; nothing is mailed in a benchmark.
        "EMAIL_URL": "consolemail://",
        "PUBLIC_BASE_URL": "https://praevention.example.de",  # production refuses loopback mail links
    }
    for command in (["migrate", "--no-input", "-v0"], ["collectstatic", "--no-input", "-v0"]):
        subprocess.run([sys.executable, "manage.py", *command], env=env, cwd=ROOT, check=True)
    node = None
    if args.engine == "elasticsearch":
        node, url = elasticsearch_with_index(args.offers, database_url)
        env.update(SEARCH_BACKEND="elasticsearch", ELASTICSEARCH_URL=url, ELASTICSEARCH_INDEX="benchmark")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    searches = search_paths(random.Random(7), 400)
    pages = search_paths(random.Random(7), 400, base="/angebote/")
    print(
        f"HTTP benchmark {time.strftime('%Y-%m-%d %H:%M')}: gunicorn 2 workers x 8 threads, "
        f"{database_url.split(':')[0]}, {args.engine} engine, {args.seconds:.0f} s per run"
    )
    runs = [
        ("search mix, no result cache", searches),
        ("catalogue page, no page cache", pages),
        ("search mix, result cache", searches),
        ("catalogue page, page cache", pages),
        ("bare JSON view", ["/bare/"]),
        ("cached page /", ["/"]),
    ]
    rates = {}  # (run, clients) -> req/s
    try:
        for cached in (False, True):
            # The first server answers every search and page afresh; the second caches API answers and pages
            # (the defaults; per process here, shared through Redis in production when REDIS_URL is set).
            port = 18000 + random.randint(0, 999)
            seconds = "300" if cached else "0"
            server = start_server(port, {**env, "API_RESULT_CACHE_SECONDS": seconds, "PAGE_CACHE_SECONDS": seconds})
            try:
                load(port, searches[:40], 2, 2)  # warm up: bitmaps, remembered words
                load(port, ["/"], 1, 1)
                for name, paths in runs[2:] if cached else runs[:2]:
                    for clients in (1, 16):
                        cpu_before = server_cpu(server.pid)
                        rps, latencies = load(port, paths, clients, args.seconds)
                        rates[name, clients] = rps
                        cpu_after = server_cpu(server.pid)
                        cpu = (
                            f"   server CPU {1000 * (cpu_after - cpu_before) / len(latencies):5.2f} ms/req"
                            if cpu_before is not None and cpu_after is not None
                            else ""
                        )
                        print(
                            f"  {name:<28} {clients:>2} clients: {rps:7.0f} req/s   p50 {pct(latencies, 50):6.1f} ms"
                            f"   p95 {pct(latencies, 95):6.1f} ms   n={len(latencies)}{cpu}"
                        )
                print(f"  worker memory after these runs: {worker_memory(server.pid)}")
            finally:
                server.terminate()
                server.wait(timeout=10)
        print_shares(rates)
    finally:
        if node:
            node.close()


def print_shares(rates, clients=16):
    """Each uncached run's req/s as a share of the bare view's in this run (issue 21's goals are such ratios)."""
    bare = rates["bare JSON view", clients]
    shares = ", ".join(
        f"{name} {100 * rates[name, clients] / bare:.1f} %"
        for name in ("search mix, no result cache", "catalogue page, no page cache")
    )
    print(f"  share of the bare JSON view at {clients} clients: {shares}")


def elasticsearch_with_index(offers, database_url):
    """``ELASTICSEARCH_URL``'s node (e.g. the compose file's) or else a node of scripts/opensearch, filled
    with the same generated offers; returns (the node this started or None, URL)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    os.environ.update(DJANGO_SETTINGS_MODULE="kreissite.settings.dev", DATABASE_URL=database_url)
    import django

    django.setup()
    import search_benchmark as sb

    from search.engines.elasticsearch import ElasticsearchEngine

    node, url = None, os.environ.get("ELASTICSEARCH_URL")
    if not url:
        node = sb.start_node()
        url = node.url
    engine = ElasticsearchEngine(url, index="benchmark")
    start = time.perf_counter()
    engine.rebuild(sb.generate(offers))
    print(
        f"  elasticsearch indexing {offers} offers ({engine.client.info()['version']['distribution']} at {url}): "
        f"{time.perf_counter() - start:.1f} s"
    )
    return node, url


if __name__ == "__main__":
    main()
