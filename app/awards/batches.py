"""Certificates of a whole round, for its organizers: a page listing the round's pools with published
results, a form that starts a background job (one PDF to print, or a ZIP of single PDFs to send), and
the job's page with its progress bar and download link. Only the user who started a job may see it."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Response, abort, jsonify, redirect, render_template, url_for
from flask import send_file as send_path
from flask_login import current_user
from sqlalchemy.orm import joinedload
from werkzeug.wrappers import Response as BaseResponse

from app.awards import jobs
from app.awards.forms import BatchForm
from app.awards.routes import Page, bp, round_or_404
from app.extensions import db
from app.models import Pool, Round
from app.permissions import can_manage_contests, can_organize_pool
from app.services import certificates as service


def _organized_pools(round_: Round) -> list[Pool]:
    """The round's pools the user organizes; 404 when there are none, unless the user manages contests
    (a round not yet opened has no pools)."""
    pools = db.session.scalars(
        sa.select(Pool)
        .where(Pool.round_id == round_.id)
        .options(joinedload(Pool.province), joinedload(Pool.region))
        .order_by(Pool.key)
    ).all()
    mine = [pool for pool in pools if can_organize_pool(current_user, pool)]
    if not mine and not can_manage_contests(current_user):
        abort(404)
    return mine


def _round_page(round_: Round, form: BatchForm, problem: str = "", status: int = 200) -> tuple[str, int]:
    pools = _organized_pools(round_)
    found = service.published_pools(db.session, [p.id for p in pools])
    published = {pool.id: result for pool, result in found}
    listed = [
        {"pool": pool, "result": published.get(pool.id), "count": _placed(published.get(pool.id))}
        for pool in pools
    ]
    page = render_template(
        "awards/round.html",
        round=round_,
        pools=listed,
        total=sum(item["count"] for item in listed),
        form=form,
        problem=problem,
        manager=can_manage_contests(current_user),
    )
    return page, status


def _placed(result: Any) -> int:
    return sum(1 for row in result.rows if row.get("place")) if result is not None else 0


@bp.get("/rounds/<int:round_id>/certificates")
def round_certificates(round_id: int) -> tuple[str, int]:
    return _round_page(round_or_404(round_id), BatchForm())


@bp.post("/rounds/<int:round_id>/batch")
def start_batch(round_id: int) -> Page:
    round_ = round_or_404(round_id)
    pools = _organized_pools(round_)
    form = BatchForm()
    if not form.validate_on_submit():
        return _round_page(round_, form, status=400)
    if form.pool_id.data:
        pools = [pool for pool in pools if pool.id == int(form.pool_id.data)]
        if not pools:
            abort(404)
    made = service.round_certificates(db.session, pools)
    if not made:
        return _round_page(round_, form, problem="nothing", status=409)
    fmt = form.format.data
    scope = f"pool-{pools[0].id}" if form.pool_id.data else f"round-{round_.id}"
    job = jobs.create(
        user_id=current_user.id,
        fmt=fmt,
        total=len(made),
        filename=f"certificates-{scope}.{fmt}",
        label=f"{round_.category.name_th} · {service.LEVEL_TH[round_.level]}",
    )
    parts = service.prepared(made)  # templates need the request; the thread only lays them out
    render = service.zip_of_pdfs if fmt == "zip" else service.combined_pdf
    jobs.start(job, lambda progress: render(parts, progress))
    return redirect(url_for("awards.job", job_id=job["id"]))


def _job_or_404(job_id: str) -> dict[str, Any]:
    job = jobs.read(job_id, current_user.id)
    if job is None:
        abort(404)
    return job


def _status(job: dict[str, Any]) -> dict[str, Any]:
    done = job["state"] == jobs.DONE
    return {
        "state": job["state"],
        "done": job["done"],
        "total": job["total"],
        "percent": jobs.percent(job),
        "error": job["error"],
        "download": url_for("awards.job_download", job_id=job["id"]) if done else None,
    }


@bp.get("/jobs/<job_id>")
def job(job_id: str) -> str:
    found = _job_or_404(job_id)
    return render_template("awards/job.html", job=found, status=_status(found))


@bp.get("/jobs/<job_id>.json")
def job_status(job_id: str) -> Response:
    response = jsonify(_status(_job_or_404(job_id)))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/jobs/<job_id>/download")
def job_download(job_id: str) -> BaseResponse:
    found = _job_or_404(job_id)
    if found["state"] != jobs.DONE:
        return redirect(url_for("awards.job", job_id=job_id))
    path = jobs.output_path(jobs.jobs_dir(), found)
    if not path.is_file():
        abort(404)
    response = send_path(path, mimetype=jobs.MIMETYPES[found["format"]])  # streamed from disk
    response.headers["Content-Disposition"] = f'attachment; filename="{found["filename"]}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
