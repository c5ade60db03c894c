"""Background jobs for big certificate batches, kept as files so every gunicorn worker sees them.

A job is ``<jobs dir>/<id>.json`` (who started it, its state, how far it got) and, when done, its output
next to it (``<id>.pdf`` or ``<id>.zip``). The id is a random token, and only the user who started the job
may read it. The work runs in a daemon thread of the worker that took the request; if that worker dies
the job stops being updated, and after :data:`STALE_AFTER` without news it is reported as interrupted.
Files older than :data:`KEEP_FOR` are removed when a new job starts.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Flask, current_app

from app.models.base import utcnow

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
STALE_AFTER = 15 * 60  # seconds without progress before a running job counts as interrupted
KEEP_FOR = 24 * 3600  # seconds a finished job's files are kept
JOB_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
MIMETYPES = {"pdf": "application/pdf", "zip": "application/zip"}


def jobs_dir() -> Path:
    """``JOBS_DIR`` if set (tests set it), else ``instance/jobs``: a disk the workers share."""
    configured = current_app.config.get("JOBS_DIR")
    path = Path(configured) if configured else Path(current_app.instance_path) / "jobs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _status_path(folder: Path, job_id: str) -> Path:
    return folder / f"{job_id}.json"


def output_path(folder: Path, job: dict[str, Any]) -> Path:
    return folder / f"{job['id']}.{job['format']}"


def _write(folder: Path, job: dict[str, Any]) -> None:
    """Write the status atomically: a reader in another worker never sees half a file."""
    job["updated_at"] = time.time()
    temporary = folder / f".{job['id']}.{secrets.token_hex(4)}.tmp"
    temporary.write_text(json.dumps(job, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, _status_path(folder, job["id"]))


def create(*, user_id: int, fmt: str, total: int, filename: str, label: str) -> dict[str, Any]:
    folder = jobs_dir()
    remove_old(folder)
    job = {
        "id": secrets.token_urlsafe(24),
        "user_id": user_id,
        "format": fmt,
        "filename": filename,
        "label": label,
        "state": QUEUED,
        "done": 0,
        "total": total,
        "error": "",
        "created_at": utcnow().isoformat(),
    }
    _write(folder, job)
    return job


def read(job_id: str, user_id: int) -> dict[str, Any] | None:
    """The job, if the id is well formed, the file exists and ``user_id`` started it; else None."""
    if not JOB_ID.match(job_id):
        return None
    try:
        job = json.loads(_status_path(jobs_dir(), job_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if job.get("user_id") != user_id:
        return None
    if job["state"] in (QUEUED, RUNNING) and time.time() - job.get("updated_at", 0) > STALE_AFTER:
        job["state"], job["error"] = FAILED, "interrupted"
    return job


def percent(job: dict[str, Any]) -> int:
    if job["state"] == DONE:
        return 100
    return int(100 * job["done"] / job["total"]) if job["total"] else 0


Work = Callable[[Callable[[int], None]], bytes]


def start(job: dict[str, Any], work: Work) -> threading.Thread:
    """Run ``work(progress)`` in a thread with an app context; store its bytes as the job's output."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    folder = jobs_dir()
    thread = threading.Thread(target=_run, args=(app, folder, dict(job), work), daemon=True)
    thread.start()
    return thread


def _run(app: Flask, folder: Path, job: dict[str, Any], work: Work) -> None:
    with app.app_context():
        job["state"] = RUNNING
        _write(folder, job)

        def progress(done: int) -> None:
            job["done"] = done
            _write(folder, job)

        try:
            content = work(progress)
            target = output_path(folder, job)
            partial = target.with_suffix(target.suffix + ".part")
            partial.write_bytes(content)
            os.replace(partial, target)
            job["state"], job["done"] = DONE, job["total"]
        except Exception:  # the job page says it failed; the log has the details
            app.logger.exception("certificate job %s failed", job["id"])
            job["state"], job["error"] = FAILED, "render_failed"
        _write(folder, job)


def remove_old(folder: Path) -> None:
    """Remove the files of jobs started more than :data:`KEEP_FOR` ago."""
    limit = time.time() - KEEP_FOR
    for path in folder.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            continue
