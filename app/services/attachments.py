"""Files attached to entries: what a file really is (by its first bytes, never by its name), the size limits,
and where it is kept (outside the static folder, under a random name).

The file is written only after every check has passed and the row is flushed; the caller commits, and removes
the file again (:func:`remove_file`) if the commit fails. A deleted attachment's file is removed after commit.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import BinaryIO

from sqlalchemy.orm import Session

from app.models import Attachment, Entry, User

MB = 1024 * 1024


@dataclass(frozen=True)
class Kind:
    """An accepted kind of file: its canonical extension, the extensions a name may use, its MIME type."""

    extension: str
    extensions: tuple[str, ...]
    mimetype: str


KINDS: dict[str, Kind] = {
    "pdf": Kind("pdf", ("pdf",), "application/pdf"),
    "docx": Kind(
        "docx", ("docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    "pptx": Kind(
        "pptx", ("pptx",), "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    ),
    "xlsx": Kind("xlsx", ("xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "jpg": Kind("jpg", ("jpg", "jpeg"), "image/jpeg"),
    "png": Kind("png", ("png",), "image/png"),
}
ACCEPT = ",".join(f".{ext}" for kind in KINDS.values() for ext in kind.extensions)

OFFICE_FOLDERS = {"word/": "docx", "ppt/": "pptx", "xl/": "xlsx"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class AttachmentError(Exception):
    """A file refused: ``code`` is empty, too_large, entry_full, not_allowed, unrecognised, mismatch or
    encrypted; ``limit_mb`` the limit that applied, if any."""

    def __init__(self, code: str, limit_mb: int | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.limit_mb = limit_mb


@dataclass(frozen=True)
class Limits:
    file_mb: int
    entry_mb: int


def detect_kind(data: bytes) -> str | None:
    """What the content is (pdf, png, jpg, docx, pptx, xlsx), or None. An Office file is a ZIP holding
    ``[Content_Types].xml`` and the application's folder; an encrypted ZIP is refused outright."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(PNG_SIGNATURE):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"PK\x03\x04"):
        return _office_kind(data)
    return None


def _office_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        return None
    if any(member.flag_bits & 0x1 for member in members):
        raise AttachmentError("encrypted")
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names:
        return None
    found = {kind for folder, kind in OFFICE_FOLDERS.items() if any(n.startswith(folder) for n in names)}
    return found.pop() if len(found) == 1 else None


def kind_of_name(name: str) -> str | None:
    """The kind a file name claims by its extension, or None if it is not one we accept."""
    extension = PurePosixPath(name).suffix.lower().lstrip(".")
    return next((key for key, kind in KINDS.items() if extension in kind.extensions), None)


def read_upload(stream: BinaryIO, name: str, limits: Limits, entry_total: int) -> tuple[bytes, str]:
    """Read and check one uploaded file: not empty, within the file and entry limits, of an accepted kind,
    and its content agreeing with its name. Returns the bytes and the detected kind."""
    claimed = kind_of_name(name)
    if claimed is None:
        raise AttachmentError("not_allowed")
    data = stream.read(limits.file_mb * MB + 1)
    if not data:
        raise AttachmentError("empty")
    if len(data) > limits.file_mb * MB:
        raise AttachmentError("too_large", limits.file_mb)
    if entry_total + len(data) > limits.entry_mb * MB:
        raise AttachmentError("entry_full", limits.entry_mb)
    detected = detect_kind(data)
    if detected is None:
        raise AttachmentError("unrecognised")
    if detected != claimed:
        raise AttachmentError("mismatch")
    return data, detected


def clean_name(name: str, max_length: int = 255) -> str:
    """The name as the person gave it, without folders or control characters, at most ``max_length``."""
    base = PureWindowsPath(PurePosixPath(name).name).name
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip().strip(".")
    return base[-max_length:] or "file"


def download_name(attachment: Attachment) -> str:
    """A safe name to download as: the original name's stem with the detected kind's extension."""
    stem = PurePosixPath(clean_name(attachment.original_name)).stem
    stem = re.sub(r"\s+", " ", stem).strip() or "attachment"
    return f"{stem[:150]}.{KINDS[attachment.kind].extension}"


def stored_path(upload_dir: str | Path, stored_name: str) -> Path:
    """Where a stored file lives: UPLOAD_DIR/<first two characters>/<random name>."""
    return Path(upload_dir) / stored_name[:2] / stored_name


def entry_total(entry: Entry) -> int:
    return sum(attachment.size_bytes for attachment in entry.attachments)


def add_attachment(
    session: Session,
    entry: Entry,
    *,
    stream: BinaryIO,
    name: str,
    user: User,
    upload_dir: str | Path,
    limits: Limits,
) -> tuple[Attachment, Path]:
    """Check the file, add its row (flushed) and only then write it. Returns the row and the file's path,
    which the caller removes if its commit fails."""
    data, kind = read_upload(stream, name, limits, entry_total(entry))
    attachment = Attachment(
        original_name=clean_name(name),
        stored_name=secrets.token_hex(16),
        kind=kind,
        size_bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by_id=user.id,
    )
    entry.attachments.append(attachment)
    entry.version += 1
    session.flush()
    path = stored_path(upload_dir, attachment.stored_name)
    _write_new(path, data)
    return attachment, path


def _write_new(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except BaseException:
        remove_file(path)
        raise


def delete_attachment(session: Session, attachment: Attachment, upload_dir: str | Path) -> Path:
    """Remove the row (flushed); returns the file's path for the caller to remove after its commit."""
    entry = attachment.entry
    entry.attachments.remove(attachment)
    entry.version += 1
    session.flush()
    return stored_path(upload_dir, attachment.stored_name)


def remove_file(path: Path) -> None:
    path.unlink(missing_ok=True)
