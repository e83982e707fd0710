"""gunicorn's settings for the portal (read from the working directory by
`gunicorn config.wsgi`). Every number can be changed from the environment
without editing this file; the defaults suit one app server of two cores
behind nginx, which buffers slow clients and large bodies before they reach
a worker."""

import os

#: Address to listen on; nginx proxies to it (loopback or a private network).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
#: Processes: the usual 2 × cores + 1 would starve the database on small nodes.
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
#: Threads per process: a request that waits for the database or Redis does
#: not block the others of its worker.
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
#: A request that takes longer is ended and logged (heavy work runs in the
#: task worker, never in a request).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = 5
#: Workers are replaced after this many requests (plus up to half as many
#: again, so that the workers of both nodes, which take the same load, do not
#: restart together), which bounds slow memory growth. A restart takes a few
#: seconds and resets the worker's keep-alive connections: at 2,000 the
#: cached pages (some 2,000 answers a second) had every worker of both nodes
#: restarting at once and nginx without a node for seconds (the rehearsal's
#: load check).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "25000"))
# Requests with absurd request lines or headers never reach Django.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
#: Access log to stdout for journald; the request id nginx sets is logged.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms rid=%({x-request-id}i)s "%(a)s"'
#: The app is imported once, before the workers fork: less memory per worker.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() == "true"
# Only nginx on this host may set X-Forwarded-* for gunicorn's own use.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
