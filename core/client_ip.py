"""The address a request came from, for the audit trail, the sign-in lockout and rate limits.

Without a reverse proxy it is the peer's address (REMOTE_ADDR). Behind the proxy of
deploy/nginx.conf every request comes from the proxy, which writes the client's address into
X-Real-IP; set CLIENT_IP_HEADER=X-Real-IP there. Only a header the proxy overwrites may be trusted:
a client can send any X-Forwarded-For it likes.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if header:
        value = request.headers.get(header, "").split(",")[0].strip()
        if valid_ip(value):
            return value
    value = request.META.get("REMOTE_ADDR", "")
    return value if valid_ip(value) else None


def valid_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
