"""gunicorn's settings for this project.

gunicorn reads ./gunicorn.conf.py by default; the Dockerfile names it as well, and
bench/pages.py and tests/test_server_headers.py start gunicorn from this folder.

gunicorn writes `Server: gunicorn` into every response and has no setting to leave it out.
Naming the server software helps a scanner and nobody else, so the response's default headers
are kept but for that one line. (Django sends no Server header of its own.)
"""

from gunicorn.http import wsgi


def _without_server_line(default_headers):
    def headers(self) -> list[str]:
        return [line for line in default_headers(self) if not line.lower().startswith("server:")]

    headers.drops_server_line = True
    return headers


# The file may be read more than once (a reload): wrap the original once only.
if not getattr(wsgi.Response.default_headers, "drops_server_line", False):
    wsgi.Response.default_headers = _without_server_line(wsgi.Response.default_headers)
