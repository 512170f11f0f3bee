"""gunicorn settings for `make serve`: ``gunicorn -c gunicorn.conf.py 'briefings:create_app()'``.

The application reads its own settings from the environment (DATABASE_URL,
SECRET_KEY, MAIL_*, REDIS_URL, PROXY_FIX_*, LOG_*; see README); this file
only says how to serve it. Every value here can be overridden on the command
line or through the environment variables named below.

Workers: 2 × cores + 1 sync workers (WEB_CONCURRENCY overrides). A sync
worker serves one request at a time, and some requests are long: a PDF drawn
by WeasyPrint, a CSV streamed to a slow client, a wait on PostgreSQL or on
SQLite's write lock. With one worker per core, two PDF downloads would stall
every other visitor; the spare workers keep pages answering meanwhile. For
short requests both counts give the same throughput on two cores (within the
noise of benchmarks/README.md), and the workers share the preloaded code, so
the extra ones cost their private memory only (about 15-25 MB each).
"""
import gc
import multiprocessing
import os

# The master loads the app with the collector off, then freezes what it loaded just before
# each fork (Python's advice for forking servers, see gc.freeze): the workers' collections
# then never walk, nor write to, the thousands of long-lived objects they share with it,
# so those pages stay shared and each collection costs a fraction of the time.
gc.disable()

bind = os.environ.get("BIND") or "{}:{}".format(os.environ.get("HOST", "127.0.0.1"),
                                               os.environ.get("PORT", "8000"))
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * multiprocessing.cpu_count() + 1)
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))  # a compiled-minutes PDF can take seconds
graceful_timeout = 30
keepalive = 2
# Recycle workers now and then: a slow leak in a library never grows without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# Load the app once in the master: a broken setting stops the start instead of
# failing every worker, and the workers share the loaded code (copy-on-write).
preload_app = True
# Heartbeat files on tmpfs: a worker is never killed because a disk was slow.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# The app writes one JSON line per request itself (briefings/logging.py).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
proc_name = "briefings"
# No control socket in the home folder: two servers on one machine would share its path.
control_socket_disable = True


def when_ready(server):
    """The app is loaded: freeze it and let the master collect its own garbage from now on."""
    gc.freeze()
    gc.enable()


def pre_fork(server, worker):
    gc.freeze()


def post_fork(server, worker):
    """Each worker opens its own database connections: none inherited from the master."""
    gc.enable()
    from briefings.extensions import db

    app = server.app.wsgi()
    with app.app_context():
        db.engine.dispose(close=False)
