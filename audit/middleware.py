from auditlog.middleware import AuditlogMiddleware

from core.client_ip import client_ip


class AuditMiddleware(AuditlogMiddleware):
    """django-auditlog's middleware (the signed-in user becomes the actor of every change the
    request makes), with the client's address taken the way the sign-in lockout takes it."""

    @staticmethod
    def _get_remote_addr(request):
        return client_ip(request)

    @staticmethod
    def _get_remote_port(request):
        return None
