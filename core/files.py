"""Stored files: the checks every upload gets, writes that leave no orphan, and the one download.

Checks, in the order they run: the size before a byte is read (`read_upload`); the extension among
the kinds we take; the content sniffed by the `filetype` library and compared with the extension;
for DOCX and XLSX, every zip member inflated through a capped stream, so an archive that lies about
its sizes is refused after at most the cap of real bytes (`check_office_zip`). Names the user typed
are cleaned for display (`clean_filename`) and never become part of a path (`random_name`).

Writes (`store_on_commit`): the bytes go to `staging/<final name>` inside the transaction and are
moved to the final name when it commits. A failed service transaction removes its staged files at
once (`atomic_with_files`); a killed worker or a failed outer transaction leaves only a staged file,
which `manage.py files_cleanup` removes after an hour, or moves into place when its row committed.
A committed row therefore never points at bytes that are gone: until the move, they are staged, and
`open_stored` completes the move when it finds them there.
"""

from __future__ import annotations

import contextvars
import functools
import io
import logging
import os
import stat
import tempfile
import uuid
import zipfile
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path, PurePath, PurePosixPath
from typing import IO, TYPE_CHECKING, Any, TypeVar

import filetype  # type: ignore[import-untyped]
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils import timezone

from core.office.response import MIME

if TYPE_CHECKING:
    from core.models import EvidenceItem, StoredFile

S = TypeVar("S", bound="StoredFile")
E = TypeVar("E", bound="EvidenceItem")

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
STAGING = "staging"
CHUNK = 64 * 1024
# A zip member that really inflates past a megabyte at more than 100:1 is refused as a bomb (text
# and pictures in office files stay far below that).
BOMB_FLOOR = 1024 * 1024
MAX_RATIO = 100

PDF, DOCX, XLSX = MIME["pdf"], MIME["docx"], MIME["xlsx"]
JPEG = "image/jpeg"
PNG = "image/png"
ZIP = "application/zip"
OLE = "application/x-ole-storage"


@dataclass(frozen=True)
class FileKind:
    label: str
    content_type: str
    inline: bool  # a browser may show it in place (PDF, pictures); others are downloaded


KINDS = {
    ".pdf": FileKind("PDF", PDF, True),
    ".docx": FileKind("Word (DOCX)", DOCX, False),
    ".xlsx": FileKind("Excel (XLSX)", XLSX, False),
    ".jpg": FileKind("JPEG", JPEG, True),
    ".jpeg": FileKind("JPEG", JPEG, True),
    ".png": FileKind("PNG", PNG, True),
}
ALLOWED = "PDF, DOCX, XLSX, JPEG или PNG"
OFFICE_MAIN_PART = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}
WRONG_OFFICE = {
    ".xlsx": "Это книга Excel (XLSX), а не документ Word",
    ".docx": "Это документ Word (DOCX), а не книга Excel",
}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def max_bytes() -> int:
    return int(getattr(settings, "REPORT_EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES))


def max_inflated_bytes() -> int:
    """What all members of one DOCX or XLSX may inflate to: pictures in a DOCX barely compress."""
    return 10 * max_bytes()


def extension_of(filename: str) -> str:
    return PurePath(filename.replace("\\", "/")).suffix.lower()


def megabytes(size: int) -> int:
    return size // (1024 * 1024)


def check_size(size: int) -> None:
    """Refuse an empty or oversized file before reading it."""
    if size == 0:
        raise ValidationError("Файл пустой.")
    limit = max_bytes()
    if size > limit:
        raise ValidationError(
            f"Файл слишком большой: подтверждение должно занимать не больше "
            f"{megabytes(limit)} МБ. Сожмите его или разделите на части."
        )


def read_upload(upload) -> bytes:
    """An uploaded file's bytes: its size is checked before reading, and no more than the limit
    (and one byte) is ever read, whatever the upload claims."""
    check_size(upload.size)
    upload.seek(0)
    data = upload.read(max_bytes() + 1)
    check_size(len(data))
    return data


def sniff(data: bytes) -> str | None:
    """The content type the bytes show (PDF, JPEG, PNG, a zip container, an OLE container).

    `filetype` reads the signatures. It misses two real cases, each covered by a test: a PDF whose
    header is not at byte 0 (readers accept it within the first 1024 bytes, and some scanners write
    such files), and an OOXML file whose first zip members are not the ones it looks at (it then
    says «zip» or nothing) — so DOCX and XLSX are told apart by their main part, below.
    """
    guess = filetype.guess(data[:8192])
    mime = guess.mime if guess else None
    if mime in (DOCX, XLSX, ZIP) or data.startswith(b"PK\x03\x04"):
        return ZIP
    if mime is None and data.startswith(OLE_MAGIC):
        return OLE
    if mime is None and b"%PDF-" in data[:1024]:
        return PDF
    return mime


def check_file(
    filename: str, data: bytes, *, extensions: Collection[str] | None = None
) -> FileKind:
    """The kind of an acceptable file; a ValidationError in Russian for anything else."""
    extension = extension_of(filename)
    kind = KINDS.get(extension)
    if kind is None or (extensions is not None and extension not in extensions):
        raise ValidationError(f"Этот тип файла не принимается. Загрузите {ALLOWED}.")
    check_size(len(data))
    found = sniff(data)
    if extension in OFFICE_MAIN_PART and found == OLE:
        raise ValidationError(
            "Файл защищён паролем или сохранён в старом формате Word/Excel 97–2003. "
            f"Снимите пароль и сохраните файл как {extension[1:].upper()}."
        )
    expected = ZIP if extension in OFFICE_MAIN_PART else kind.content_type
    if found != expected:
        raise ValidationError(
            f"Содержимое файла не соответствует расширению {extension}: это не {kind.label}. "
            "Проверьте, что файл не переименован из другого формата."
        )
    if extension in OFFICE_MAIN_PART:
        check_office_zip(data, extension)
    return kind


def bomb_error(limit: int) -> ValidationError:
    return ValidationError(
        f"Файл после распаковки слишком большой (больше {megabytes(limit)} МБ) — возможно, это "
        "«zip-бомба». Загрузка отклонена."
    )


def check_office_zip(data: bytes, extension: str, *, limit: int | None = None) -> None:
    """A DOCX or XLSX: a readable zip with its main part, whose members really inflate to no more
    than `limit` bytes in all, none past a megabyte at more than 100:1. Sizes declared in the
    archive are not trusted: every member is read through a stream that stops one chunk past what
    is left of the limit, counting the bytes it really gives."""
    limit = max_inflated_bytes() if limit is None else limit
    broken = ValidationError(
        f"Файл {extension[1:].upper()} повреждён или не является документом. "
        "Откройте его и сохраните заново."
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > 2_000:
                raise bomb_error(limit)
            names = {member.filename for member in members}
            if OFFICE_MAIN_PART[extension] not in names:
                other = ".xlsx" if extension == ".docx" else ".docx"
                if OFFICE_MAIN_PART[other] in names:
                    raise ValidationError(
                        f"{WRONG_OFFICE[other]}: загрузите файл с расширением {other}."
                    )
                raise broken
            left = limit
            for member in members:
                inflated, packed = 0, max(member.compress_size, 1)
                with archive.open(member) as stream:
                    while chunk := stream.read(min(CHUNK, left + 1)):
                        left -= len(chunk)
                        inflated += len(chunk)
                        if left < 0 or (inflated > BOMB_FLOOR and inflated > MAX_RATIO * packed):
                            raise bomb_error(limit)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise broken from exc
    except NotImplementedError as exc:  # an unknown compression method or encryption
        raise broken from exc


def clean_filename(filename: str) -> str:
    """The name as shown to people: no folders, no control characters, at most 255 characters."""
    name = PurePath(filename.replace("\\", "/")).name
    name = "".join(char for char in name if char.isprintable()).strip()
    if len(name) > 255:
        name = name[: 255 - 10] + extension_of(name)[:10]
    return name or "файл"


def random_name(folder: str, filename: str) -> str:
    """A stored file's path: a folder and a random name; what the user called it stays in the row."""
    return f"{folder}/{uuid.uuid4().hex}{extension_of(filename)[:10]}"


# --- the one way to attach a file or a link ---------------------------------------------------


def stored_file_attach(row: S, *, filename: str, data: bytes, kind: FileKind, actor) -> S:
    """Fill and save a new stored-file row whose bytes `check_file` accepted as `kind`; call it
    inside `atomic_with_files`."""
    row.original_name = clean_filename(filename)
    row.content_type = kind.content_type
    row.size = len(data)
    row.added_by = actor if getattr(actor, "is_authenticated", False) else None
    if hasattr(row, "kind"):
        row.kind = row.Kind.FILE
    store_on_commit(row.file, row.original_name, data)
    row.full_clean()
    row.save()
    return row


def check_link(url: str) -> str:
    """A link to a publication: a full http(s) address, else a Russian error on the field."""
    url = url.strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError(
            {"url": "Укажите полный адрес публикации, начиная с http:// или https://."}
        ) from None
    return url


def evidence_link_attach(row: E, *, url: str, title: str, actor) -> E:
    """Fill and save a new link row; `url` has passed `check_link`."""
    row.kind = row.Kind.LINK
    row.url = url
    row.title = " ".join(title.split())[:300]
    row.added_by = actor if getattr(actor, "is_authenticated", False) else None
    row.full_clean()
    row.save()
    return row


# --- writes that leave no orphan -------------------------------------------------------------

_staged: contextvars.ContextVar[list[tuple[Storage, str]] | None] = contextvars.ContextVar(
    "staged_files", default=None
)
F = TypeVar("F", bound=Callable[..., Any])


def staged_name(name: str) -> str:
    return f"{STAGING}/{name}"


def final_name(staged: str) -> str:
    return staged.removeprefix(f"{STAGING}/")


def atomic_with_files(func: F) -> F:
    """`transaction.atomic` for a service that stores files: when its transaction fails (or its
    commit does), the files it staged are removed at once."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        outer = _staged.get()
        mine: list[tuple[Storage, str]] = []
        token = _staged.set(mine)
        try:
            with transaction.atomic():
                result = func(*args, **kwargs)
        except BaseException:
            for storage, name in mine:
                discard(storage, name)
            raise
        finally:
            _staged.reset(token)
        if outer is not None:  # a service inside another: its files fail with the outer one
            outer.extend(mine)
        return result

    return wrapper  # type: ignore[return-value]


def store_on_commit(field_file: FieldFile, filename: str, data: bytes) -> str:
    """Give the field its final name and stage the bytes; they move into place on commit."""
    storage = field_file.storage
    name = field_file.field.generate_filename(field_file.instance, filename)
    staged = storage.save(staged_name(name), ContentFile(data))
    name = final_name(staged)  # the storage may have changed the name to avoid a clash
    pending = _staged.get()
    if pending is not None:
        pending.append((storage, staged))
    field_file.name = name
    field_file._committed = True
    transaction.on_commit(functools.partial(promote, storage, name), robust=True)
    return name


def promote(storage: Storage, name: str) -> None:
    """Move a staged file to its final name (a rename on disk, a copy and delete elsewhere)."""
    staged = staged_name(name)
    if not storage.exists(staged) and storage.exists(name):
        return  # moved already (by the cleanup command, or a second call)
    try:
        source, target = storage.path(staged), storage.path(name)
    except NotImplementedError:  # object storage has no paths
        with storage.open(staged, "rb") as handle:
            saved = storage.save(name, handle)
        if saved != name:
            storage.delete(saved)
            raise RuntimeError(f"{name} already exists in storage") from None
        storage.delete(staged)
        return
    os.makedirs(os.path.dirname(target), exist_ok=True)
    os.replace(source, target)


def discard(storage: Storage, name: str) -> None:
    try:
        storage.delete(name)
    except Exception:  # the cleanup command will find it
        logger.exception("could not remove %s", name)


def delete_on_commit(field_file: FieldFile) -> None:
    """Remove a stored file once the row that named it is gone for good."""
    if not field_file:
        return
    storage, name = field_file.storage, field_file.name

    def remove() -> None:
        for each in (name, staged_name(name)):
            if storage.exists(each):
                discard(storage, each)

    transaction.on_commit(remove, robust=True)


def open_stored(field_file: FieldFile) -> IO[bytes]:
    """The bytes of a stored file; a file still staged after its row committed is moved first."""
    storage, name = field_file.storage, field_file.name
    if not name:
        raise Http404("Файл не прикреплён.")
    if not storage.exists(name):
        if not (name and storage.exists(staged_name(name))):
            raise Http404("Файл не найден в хранилище.")
        promote(storage, name)
    return storage.open(name, "rb")


def stored_file_response(field_file: FieldFile, filename: str, content_type: str) -> FileResponse:
    """A stored file, shown in place when a browser can (PDF, pictures), else downloaded; never run
    as a page of this site (sandboxed, no sniffing, not cached)."""
    kind = KINDS.get(extension_of(filename))
    response = FileResponse(
        open_stored(field_file),
        as_attachment=not (kind and kind.inline),
        filename=filename,
        content_type=content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def walk(storage: Storage, folder: str) -> Iterator[str]:
    """Every file name under a folder of a storage (nothing when the folder does not exist)."""
    try:
        folders, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    for file in files:
        yield str(PurePosixPath(folder) / file)
    for sub in folders:
        yield from walk(storage, str(PurePosixPath(folder) / sub))


# --- the cleanup ------------------------------------------------------------------------------


@dataclass
class Cleanup:
    """What `files_cleanup` found: staged files it moved into place (their row committed), staged
    leftovers older than the limit, and files in the upload folders that no row names."""

    completed: list[str]
    stale: list[str]
    unreferenced: list[str]
    kept: list[str]  # staged files younger than the limit: an upload may still be under way
    spooled: list[str] = field(default_factory=list)  # Django's temporary upload files


def spooled_uploads(cutoff: float) -> list[Path]:
    """Temporary files Django spooled large uploads to (`tmp….upload.<ext>` in
    FILE_UPLOAD_TEMP_DIR) and that a killed worker never removed: ours, older than the cutoff."""
    folder = Path(settings.FILE_UPLOAD_TEMP_DIR or tempfile.gettempdir())
    found = []
    for path in folder.glob("tmp*.upload*"):
        try:
            info = path.lstat()
        except FileNotFoundError:
            continue
        if stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid() and info.st_mtime < cutoff:
            found.append(path)
    return sorted(found)


def upload_roots_and_names() -> tuple[list[str], set[str]]:
    """The upload folders the models declare (UPLOAD_ROOT) and every file name a row refers to."""
    from django.apps import apps
    from django.db.models import FileField

    roots: set[str] = set()
    names: set[str] = set()
    for model in apps.get_models():
        fields = [f.name for f in model._meta.get_fields() if isinstance(f, FileField)]
        if not fields:
            continue
        if getattr(model, "UPLOAD_ROOT", ""):
            roots.add(model.UPLOAD_ROOT)
        for column in fields:
            names |= set(
                model._default_manager.exclude(**{column: ""}).values_list(column, flat=True)
            )
    return sorted(roots), names


def files_cleanup(
    *, delete: bool, older_than: timedelta, storage: Storage | None = None
) -> Cleanup:
    """Find (and with `delete`, remove or complete) what failed writes left in the storage."""
    from django.core.files.storage import default_storage

    storage = storage or default_storage
    roots, referenced = upload_roots_and_names()
    found = Cleanup([], [], [], [])
    cutoff = timezone.now() - older_than
    for staged in walk(storage, STAGING):
        name = final_name(staged)
        if name in referenced and not storage.exists(name):
            found.completed.append(name)
            if delete:
                promote(storage, name)
        elif name in referenced or storage.get_modified_time(staged) < cutoff:
            found.stale.append(staged)
            if delete:
                storage.delete(staged)
        else:
            found.kept.append(staged)
    for root in roots:
        for name in walk(storage, root):
            if name not in referenced:
                found.unreferenced.append(name)
                if delete:
                    storage.delete(name)
    for path in spooled_uploads(cutoff.timestamp()):
        found.spooled.append(str(path))
        if delete:
            path.unlink(missing_ok=True)
    return found
