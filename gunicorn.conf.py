"""gunicorn's settings for the production image (gunicorn reads ./gunicorn.conf.py from the working directory).

Proxy trust is explicit: X-Forwarded-Proto is believed only from FORWARDED_ALLOW_IPS (addresses or networks,
never "*"), and Django takes the scheme from gunicorn, so both trust the same peers; the rate limiter reads the
client address with the same setting (kreissite/security.py).
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
accesslog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
if forwarded_allow_ips.strip() == "*":
    raise SystemExit('FORWARDED_ALLOW_IPS="*" would trust X-Forwarded-* from anyone; name the proxy\'s address.')


def post_worker_init(worker):
    """Each worker loads the search's word data and bitmaps before its first request, not during it.

    What it has loaded then lives as long as the worker: ``gc.freeze`` takes it out of the garbage collector's
    full passes, which otherwise walk all of it (about 100 ms at 10,000 offers, every thread waiting) a few
    times a minute under load.
    """
    import gc

    from django.db import connections

    from search.service import warm_up

    try:
        warm_up()
    except Exception:  # a cold first search is better than a worker that does not start
        worker.log.exception("Search warm-up failed; the first search will load what it needs")
    finally:
        connections.close_all()  # opened by this thread only; the request threads open their own
    gc.collect()
    gc.freeze()
