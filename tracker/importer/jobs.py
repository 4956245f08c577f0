"""Imports that finish whatever the page does: a confirmed import is stored by a worker thread of its own,
outside the page's script run (Streamlit stops a script when its viewer leaves, which rolled a store back with
no message and no audit entry). A job row says how it ended — stored (marked in the store's own transaction),
nothing to store, rejected, failed, or interrupted (the process ended while it ran) — every ending audited and
shown to the account on its next visit to the upload page.

SQL outside `tracker/storage`: this module owns the `import_job` table; its few queries live with the rule.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass

from sqlalchemy import Engine, select, update
from sqlmodel import Session, col

from tracker.access.audit import record
from tracker.access.roles import Actor
from tracker.core.clock import as_utc, utcnow
from tracker.core.errors import ImportRejected, Problem, TrackerError
from tracker.importer.apply import ImportPlan, store_import
from tracker.storage.db import session as open_session
from tracker.storage.faults import STORAGE_ERRORS, storage_error
from tracker.storage.models import ImportJob

RUNNER = uuid.uuid4().hex[:12]  # this process: a job another process ran and left "running" is judged by age
STALE = dt.timedelta(minutes=30)  # a store takes seconds; one running this long elsewhere has died
KEEP_PLANS = 16

# A job id is unique within its database, and one process may hold several (the tests, a tool opening two): the
# worker, its progress and its result are kept by database and id, so a job of one database never ends, hides or
# shows another's.
JobKey = tuple[str, int]
_lock = threading.Lock()
_threads: dict[JobKey, threading.Thread] = {}
_progress: dict[JobKey, tuple[int, int]] = {}
_results: OrderedDict[JobKey, tuple[ImportPlan | None, list[Problem]]] = OrderedDict()


def _key(engine: Engine, job_id: int) -> JobKey:
    return (engine.url.render_as_string(hide_password=True), int(job_id))


@dataclass(frozen=True)
class JobState:
    """A job as the page shows it."""

    id: int
    file: str
    status: str  # running, stored, nothing, rejected, failed, interrupted
    started_at: dt.datetime
    summary: dict[str, object]
    error: dict[str, str]
    done: int
    total: int
    plan: ImportPlan | None
    problems: list[Problem]

    @property
    def finished(self) -> bool:
        return self.status != "running"


def _set(session: Session, job_id: int, **values: object) -> None:
    session.execute(update(ImportJob).where(col(ImportJob.id) == job_id).values(**values))


def start_store(engine: Engine, plan: ImportPlan, actor: Actor) -> int:
    """Record the job, start storing `plan` in a worker thread, return the job's id at once."""
    with open_session(engine) as s:
        job = ImportJob(user=actor.name[:128], file_name=plan.file[:512], sha256=plan.sha256, status="running",
                        message=json.dumps({"runner": RUNNER}))
        s.add(job)
        s.commit()
        job_id = int(job.id or 0)
    worker = threading.Thread(target=_run, args=(engine, plan, actor, job_id), name=f"import-job-{job_id}")
    key = _key(engine, job_id)
    with _lock:
        _threads[key] = worker
        _progress[key] = (0, plan.count("new") + plan.count("changed"))
    worker.start()  # not a daemon: the process waits for it to finish before it exits
    return job_id


def _run(engine: Engine, plan: ImportPlan, actor: Actor, job_id: int) -> None:
    key = _key(engine, job_id)

    def progress(done: int, total: int) -> None:
        _progress[key] = (done, total)

    def finish(s: Session, sid: int, stored: ImportPlan) -> None:
        _set(s, job_id, status="stored", submission_id=sid, finished_at=utcnow(), values_new=stored.count("new"),
             values_changed=stored.count("changed"), message=json.dumps({"summary": stored.summary_params()}))

    problems: list[Problem] = []
    try:
        with open_session(engine) as s:
            sid = store_import(session=s, plan=plan, actor=actor, on_progress=progress, finish=finish)
            if not sid:
                _set(s, job_id, status="nothing", finished_at=utcnow(),
                     message=json.dumps({"summary": plan.summary_params()}))
                s.commit()
    except ImportRejected as exc:  # a lock or a change of rights since the preview; store_import audited it
        problems = exc.problems
        _end(engine, job_id, "rejected", {lang: exc.text(lang) for lang in ("zh", "en")}
             | {f"{lang}_problems": "\n".join(p.located(lang) for p in problems[:20]) for lang in ("zh", "en")})
    except BaseException as exc:  # noqa: BLE001 - whatever stops a store is said, audited and kept
        error = storage_error(exc) if isinstance(exc, STORAGE_ERRORS) else TrackerError(
            "job.crashed", detail=f"{type(exc).__name__}: {exc}"[:300])
        _end(engine, job_id, "failed", {"zh": error.text("zh"), "en": error.text("en")}, actor, plan)
    with _lock:
        _results[key] = (plan, problems)
        while len(_results) > KEEP_PLANS:
            _results.popitem(last=False)
        _threads.pop(key, None)


def _end(engine: Engine, job_id: int, status: str, error: dict[str, str], actor: Actor | None = None,
         plan: ImportPlan | None = None) -> None:
    """The job's ending, when it is not a store (a failure is audited here; a rejection was by store_import)."""
    try:
        with open_session(engine) as s:
            _set(s, job_id, status=status, finished_at=utcnow(), message=json.dumps({"error": error},
                                                                                    ensure_ascii=False))
            if actor is not None and plan is not None:
                record(s, user=actor.name, action="import_failed", subject=plan.file, sha256=plan.sha256,
                       commit=False, reason=error["zh"])
            s.commit()
    except Exception:  # noqa: BLE001 - the database itself is gone: the job stays running, judged stale later
        return


def wait(engine: Engine, job_id: int, timeout: float | None = None) -> bool:
    """Wait for a job of this process to end (tests); whether it has."""
    with _lock:
        worker = _threads.get(_key(engine, job_id))
    if worker is not None:
        worker.join(timeout)
        return not worker.is_alive()
    return True


def _worker_here(engine: Engine, job_id: int) -> bool:
    with _lock:
        return _key(engine, job_id) in _threads


def _interrupted(job: ImportJob, worker_seen: bool, now: dt.datetime) -> bool:
    """A job left running by a process that ended: this process's own without its thread, or another's, stale.

    `worker_seen` is looked up *before* the row is read: a worker that commits its ending and leaves between the
    read and the look-up would otherwise make a stored job look abandoned.
    """
    if job.status != "running":
        return False
    runner = json.loads(job.message or "{}").get("runner")
    if runner == RUNNER:
        return not worker_seen
    return now - as_utc(job.started_at) > STALE


def job_state(engine: Engine, job_id: int) -> JobState | None:
    """The job as it stands (an interrupted one marked and audited when first seen so)."""
    worker_seen = _worker_here(engine, job_id)
    with open_session(engine) as s:
        job = s.get(ImportJob, job_id)
        if job is None:
            return None
        if _interrupted(job, worker_seen, utcnow()):
            marked = s.execute(update(ImportJob).where(col(ImportJob.id) == job_id, col(ImportJob.status) == "running")
                               .values(status="interrupted", finished_at=utcnow()))
            if getattr(marked, "rowcount", 0) == 1:  # an ending committed meanwhile is never overwritten
                record(s, user=job.user, action="import_interrupted", subject=job.file_name, sha256=job.sha256,
                       commit=False, started=str(job.started_at))
            s.commit()
            s.refresh(job)
        message = json.loads(job.message or "{}")
        with _lock:
            done, total = _progress.get(_key(engine, job_id), (0, 0))
            plan, problems = _results.get(_key(engine, job_id), (None, []))
        return JobState(job_id, job.file_name, job.status, as_utc(job.started_at), message.get("summary", {}),
                        message.get("error", {}), done, total, plan, problems)


def latest_unseen(engine: Engine, user: str) -> int | None:
    """The account's newest job not yet shown to it (the upload page shows it on the next visit), if any."""
    with open_session(engine) as s:
        stmt = (select(col(ImportJob.id)).where(col(ImportJob.user) == user, col(ImportJob.seen).is_(False))
                .order_by(col(ImportJob.id).desc()).limit(1))
        return s.execute(stmt).scalar_one_or_none()


def mark_seen(engine: Engine, job_id: int) -> None:
    """The account has been shown how the job ended."""
    with open_session(engine) as s:
        _set(s, job_id, seen=True)
        s.commit()
