"""gunicorn settings for ClusterPlan: `gunicorn -c deploy/gunicorn.conf.py config.wsgi:application`.

Sync workers, one request at a time each: pages are short database reads and writes. Every value can
be overridden from the environment (GUNICORN_BIND, GUNICORN_WORKERS, …) — bench/load.py does.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# (2 × cores) + 1 is gunicorn's rule of thumb; never fewer than 2, so one slow export (a PDF of a
# thousand activities) does not stop the site.
workers = int(os.environ.get("GUNICORN_WORKERS", max(2, multiprocessing.cpu_count() * 2 + 1)))
worker_class = "sync"
timeout = int(
    os.environ.get("GUNICORN_TIMEOUT", "60")
)  # a PDF export may take seconds, not minutes
graceful_timeout = 30
keepalive = 2
# Restart each worker now and then, so slow leaks (lxml, WeasyPrint) never build up.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = 100
# Trust X-Forwarded-* only from the reverse proxy on this machine.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None  # "" turns it off
logger_class = "ops.logging.GunicornLogger"  # calendar keys masked in the access log
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
proc_name = "clusterplan"
