"""Security settings: sign-in throttling, password policy, cookies, CSP and headers, check --deploy,
uploads never served by URL."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.views.static import serve

ROOT = Path(settings.BASE_DIR)
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "check-deploy-only-7c0f3e2a9b8d4f6a1e5c7b9d2f4a6c8e0b1d3f5a7c9e",
    "ALLOWED_HOSTS": "plan.example.ru",
    "CSRF_TRUSTED_ORIGINS": "https://plan.example.ru",
    "SITE_URL": "https://plan.example.ru",
}


def sign_in(client, password, address="10.0.0.1", username="coordinator"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_sign_in_is_locked_after_repeated_failures_per_username_and_address(client, world):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, "wrong-password")
        assert response.status_code == 200  # the form again, with Django's error
    locked = sign_in(client, "wrong-password")
    assert locked.status_code == 429
    assert "Вход временно заблокирован" in locked.text
    assert "«coordinator»" in locked.text
    assert "15 мин" in locked.text
    # The right password does not help while locked…
    assert sign_in(client, "demo-cluster-2023").status_code == 429
    # …but another address, or another username from the same address, is not locked.
    assert sign_in(client, "demo-cluster-2023", address="10.0.0.2").status_code == 302
    assert sign_in(client, "demo-cluster-2023", username="observer").status_code == 302


def test_a_successful_sign_in_resets_the_count(client, world):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "wrong-password")
    assert sign_in(client, "demo-cluster-2023").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "wrong-password").status_code == 200


@pytest.mark.parametrize(
    ("password", "ok"),
    [
        ("короткий1", False),
        ("123456789012", False),
        ("password1234", False),
        ("Кластер-транспорта-24", True),
    ],
)
def test_password_policy(password, ok):
    if ok:
        validate_password(password)
    else:
        with pytest.raises(ValidationError):
            validate_password(password)


def test_minimum_password_length_is_ten():
    with pytest.raises(ValidationError, match="10"):
        validate_password("Xq7#pLm2z")  # 9 characters, otherwise fine


def test_cookie_and_header_settings():
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.CSRF_COOKIE_SAMESITE == "Lax"
    assert settings.SESSION_COOKIE_AGE <= 24 * 60 * 60
    assert settings.X_FRAME_OPTIONS == "DENY"


def test_pages_carry_csp_and_security_headers(client, world):
    client.force_login(world.users["coordinator"])
    response = client.get(reverse("plans:plan_detail", args=[world.plan.pk]))
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"<style\b", re.I), "a <style> element"),
    (re.compile(r"\sstyle\s*=", re.I), "a style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an inline event handler"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
]


def template_files():
    folders = [ROOT / "templates", *ROOT.glob("*/templates")]
    for folder in folders:
        if ".venv" in folder.parts:
            continue
        yield from folder.rglob("*.html")


def test_no_template_needs_inline_script_or_style():
    """The CSP allows no inline script or style; a template that needs one must say so here.

    Templates rendered to PDF by WeasyPrint (*_pdf.html) never reach a browser and are exempt.
    """
    offenders = []
    for path in template_files():
        if path.name.endswith("_pdf.html"):
            continue
        text = path.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                offenders.append(f"{path.relative_to(ROOT)}:{line}: {what}")
    assert not offenders, "Blocked by the Content-Security-Policy:\n" + "\n".join(offenders)


def test_check_deploy_is_clean_with_production_settings():
    env = {**os.environ, **PRODUCTION_ENV}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests in this process
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def walk(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns)
        else:
            yield pattern


def test_uploads_are_never_served_by_url(client, world, settings):
    assert not settings.MEDIA_URL or settings.MEDIA_URL == "/"
    for pattern in walk(get_resolver().url_patterns):
        assert isinstance(pattern, URLPattern)
        assert pattern.callback is not serve, f"{pattern.pattern} serves files from disk"
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    (media / "secret.txt").write_text("не для всех")
    client.force_login(world.users["admin"])
    for path in ["/media/secret.txt", "/secret.txt", "/static/../media/secret.txt"]:
        response = client.get(path)
        assert response.status_code == 404
        assert b"\xd0\xbd\xd0\xb5 \xd0\xb4\xd0\xbb\xd1\x8f" not in response.content
    assert not str(media.resolve()).startswith(str(Path(settings.STATIC_ROOT).resolve()))
