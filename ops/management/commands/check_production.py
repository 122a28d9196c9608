"""`clusterplan check_production`: is this installation fit to serve real users?

Runs Django's `check --deploy` and then checks of its own, and prints one line per check in
Russian and English. Exit status 1 if any check fails (warnings do not fail).
"""

import io
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, SystemCheckError
from django.db import connection

OK, WARN, FAIL = "ok", "warning", "FAIL"
MIN_SECRET_KEY = 50


def inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def media_checks() -> list[tuple[str, str, str]]:
    media = Path(settings.MEDIA_ROOT)
    results = []
    static_roots = [Path(settings.STATIC_ROOT), *map(Path, settings.STATICFILES_DIRS)]
    if any(inside(media, root) or inside(root, media) for root in static_roots):
        results.append(
            (
                FAIL,
                f"MEDIA_ROOT ({media}) пересекается с каталогами статики — загруженные файлы "
                "станут доступны по URL",
                "MEDIA_ROOT overlaps the static files: uploads would be served",
            )
        )
    else:
        results.append((OK, f"MEDIA_ROOT ({media}) вне статики", "MEDIA_ROOT is outside static"))
    try:
        media.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=media, prefix=".write-check-"):
            pass
    except OSError as error:
        results.append(
            (FAIL, f"MEDIA_ROOT недоступен для записи: {error}", "MEDIA_ROOT is not writable")
        )
    else:
        results.append((OK, "MEDIA_ROOT доступен для записи", "MEDIA_ROOT is writable"))
    return results


def own_checks() -> list[tuple[str, str, str]]:
    results = []
    if settings.DEBUG:
        results.append((FAIL, "DEBUG включён", "DEBUG is on"))
    else:
        results.append((OK, "DEBUG выключен", "DEBUG is off"))
    if len(settings.SECRET_KEY) < MIN_SECRET_KEY or "insecure" in settings.SECRET_KEY:
        results.append(
            (
                FAIL,
                f"SECRET_KEY короче {MIN_SECRET_KEY} символов или учебный",
                "SECRET_KEY is short or the development one",
            )
        )
    else:
        results.append((OK, "SECRET_KEY длинный", "SECRET_KEY is long"))
    if connection.vendor == "sqlite":
        results.append(
            (
                WARN,
                "база данных SQLite: для работы нескольких пользователей нужен PostgreSQL",
                "the database is SQLite; use PostgreSQL in production",
            )
        )
    else:
        results.append((OK, f"база данных: {connection.vendor}", f"database: {connection.vendor}"))
    if settings.EMAIL_BACKEND.endswith(("console.EmailBackend", "locmem.EmailBackend")):
        results.append(
            (
                FAIL,
                "письма не отправляются (EMAIL_BACKEND — консоль): напоминания не дойдут",
                "EMAIL_BACKEND is the console: reminders will not be sent",
            )
        )
    else:
        results.append((OK, "отправка почты настроена", "an e-mail backend is set"))
    if not settings.ALLOWED_HOSTS:
        results.append((FAIL, "ALLOWED_HOSTS пуст", "ALLOWED_HOSTS is empty"))
    if not getattr(settings, "CLIENT_IP_HEADER", ""):
        results.append(
            (
                WARN,
                "CLIENT_IP_HEADER не задан: за обратным прокси в журнал и блокировку входа попадёт "
                "адрес прокси (задайте X-Real-IP, см. docs/deploy.md)",
                "CLIENT_IP_HEADER is not set: behind a proxy, the proxy's address is recorded",
            )
        )
    return results + media_checks() + cache_checks() + site_url_checks()


# Caches that keep their entries in one process's memory (or nowhere): behind several workers or
# servers, rate limits would count per process and reset with each restart.
PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
)
SHARED_CACHES = (
    "django.core.cache.backends.redis.RedisCache",
    "django.core.cache.backends.db.DatabaseCache",
    "django.core.cache.backends.memcached.PyMemcacheCache",
    "django.core.cache.backends.memcached.PyLibMCCache",
)
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}


def cache_checks() -> list[tuple[str, str, str]]:
    from django.core.cache import caches

    backend = settings.CACHES["default"]["BACKEND"]
    if backend in PER_PROCESS_CACHES or backend not in SHARED_CACHES:
        return [
            (
                FAIL,
                f"кэш {backend.rsplit('.', 1)[-1]} не общий для процессов: ограничения частоты "
                "запросов будут считаться в каждом процессе отдельно (задайте REDIS_URL или "
                "оставьте кэш в базе данных)",
                f"the cache ({backend}) is per process: rate limits would not hold",
            )
        ]
    try:
        cache = caches["default"]
        cache.set("check_production", "ok", 30)
        answered = cache.get("check_production") == "ok"
    except Exception as error:  # a down Redis, a missing cache table
        return [(FAIL, f"кэш не отвечает: {error}", "the cache does not answer")]
    if not answered:
        return [(FAIL, "кэш не сохраняет значения", "the cache does not keep values")]
    name = "Redis" if backend.endswith("RedisCache") else backend.rsplit(".", 1)[-1]
    return [(OK, f"кэш общий для всех процессов ({name})", f"the cache is shared ({name})")]


def site_url_checks() -> list[tuple[str, str, str]]:
    url = urlsplit(settings.SITE_URL)
    if url.scheme not in ("http", "https") or not url.hostname:
        return [
            (
                FAIL,
                f"SITE_URL ({settings.SITE_URL!r}) — не адрес сайта: ссылки в письмах не откроются",
                "SITE_URL is not a site address",
            )
        ]
    if url.hostname in LOCAL_HOSTS or url.hostname.endswith(".localhost"):
        return [
            (
                FAIL,
                f"SITE_URL ({settings.SITE_URL}) указывает на этот компьютер: ссылки в письмах "
                "не откроются у получателей",
                "SITE_URL points to localhost: links in e-mails will not open",
            )
        ]
    if url.scheme != "https":
        return [
            (
                WARN,
                f"SITE_URL ({settings.SITE_URL}) без HTTPS",
                "SITE_URL is not HTTPS",
            )
        ]
    return [(OK, f"SITE_URL: {settings.SITE_URL}", f"SITE_URL: {settings.SITE_URL}")]


class Command(BaseCommand):
    help = (
        "Проверка установки перед работой: check --deploy и собственные проверки "
        "(DEBUG, SECRET_KEY, база, почта, MEDIA_ROOT, кэш, SITE_URL). Production readiness check."
    )

    def handle(self, *args, **options):
        results = []
        output = io.StringIO()
        try:
            call_command("check", deploy=True, fail_level="WARNING", stdout=output, stderr=output)
        except SystemCheckError as error:
            results.append(
                (FAIL, "manage.py check --deploy нашёл проблемы", "check --deploy found issues")
            )
            self.stderr.write(str(error))
        else:
            results.append(
                (OK, "manage.py check --deploy без замечаний", "check --deploy is clean")
            )
        results += own_checks()
        styles = {OK: self.style.SUCCESS, WARN: self.style.WARNING, FAIL: self.style.ERROR}
        for level, russian, english in results:
            self.stdout.write(styles[level](f"[{level:>7}] {russian} / {english}"))
        failed = sum(1 for level, *_ in results if level == FAIL)
        warned = sum(1 for level, *_ in results if level == WARN)
        summary = (
            f"Итог: {len(results)} проверок, ошибок {failed}, предупреждений {warned}. "
            f"Summary: {len(results)} checks, {failed} failed, {warned} warnings."
        )
        if failed:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
