"""The audit trail's client address is core.client_ip's (one definition for the trail, the sign-in
lockout and every rate limit); kept here for AXES_CLIENT_IP_CALLABLE and older imports."""

from core.client_ip import client_ip, valid_ip

__all__ = ["client_ip", "valid_ip"]
