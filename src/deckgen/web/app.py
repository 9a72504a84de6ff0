"""The pages and forms. Every action goes through deckgen's own stages: the build is
pipeline.build_decks, a blocker or evidence change is deckgen.choices (as `deckgen audience`),
an upload is read by load_org; these handlers only turn requests into those calls and back."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from deckgen.errors import DeckgenError, InputError
from deckgen.web import slides
from deckgen.web.config import ServeConfig
from deckgen.web.forms import EXEC_ROWS, KPI_ROWS, NewWorkspaceError, check_table, create_workspace
from deckgen.web.guard import MAX_BODY, Guard, check_csrf, csrf_value
from deckgen.web.preview import can_draw, preview_dir
from deckgen.web.session import Session


class App:
    """The handlers, holding the session and the token their forms are checked against."""

    def __init__(self, config: ServeConfig, token: str):
        self.token = token
        self.session = Session(
            outdir_given=config.outdir,
            images=can_draw() if config.images is None else config.images,
        )
        self.pages = Environment(
            loader=PackageLoader("deckgen.web", "templates"),
            autoescape=select_autoescape(default=True),
        )
        if config.workspace is not None:
            self.session.open(config.workspace)

    # ---- helpers ---------------------------------------------------------------------------

    def page(self, name: str, status: int = 200, **context) -> HTMLResponse:
        from deckgen.blockers import BLOCKERS
        from deckgen.kpis import CATALOG

        s = self.session
        html = self.pages.get_template(name).render(
            csrf=csrf_value(self.token),
            session=s,
            progress=s.progress,
            blockers=list(BLOCKERS),
            kpi_names=sorted(CATALOG),
            kpi_rows=KPI_ROWS,
            exec_rows=EXEC_ROWS,
            slide_html=slides.slide_html,
            **context,
        )
        s.notice = ""
        return HTMLResponse(html, status_code=status)

    async def form(self, request: Request):
        form = await request.form(max_files=2, max_fields=200, max_part_size=MAX_BODY)
        if not check_csrf(form, self.token):
            raise HTTPException(403, "deckgen serve: the form is out of date; reload the page")
        return form

    def deck(self, stem: str):
        found = self.session.decks.get(stem)
        if found is None:
            raise HTTPException(404, f"no deck '{stem}' in the last build")
        return found

    # ---- pages -------------------------------------------------------------------------------

    async def home(self, request: Request) -> Response:
        if self.session.opts is not None and not request.query_params.get("other"):
            return RedirectResponse("/workspace", status_code=303)
        return self.page("home.html", values={}, errors={}, general=[])

    async def open_workspace(self, request: Request) -> Response:
        form = await self.form(request)
        folder = Path(str(form.get("folder", "")).strip()).expanduser()
        try:
            self.session.open(folder)
        except DeckgenError as exc:
            values = {"open": str(form.get("folder", ""))}
            return self.page(
                "home.html", 400, values=values, errors={"open": [str(exc)]}, general=[]
            )
        return RedirectResponse("/workspace", status_code=303)

    async def create(self, request: Request) -> Response:
        form = await self.form(request)
        values = {k: str(v) for k, v in form.items() if k != "csrf"}
        try:
            folder = await run_in_threadpool(create_workspace, values, _evidence_ids())
        except NewWorkspaceError as exc:
            f = exc.form
            return self.page("home.html", 400, values=f.values, errors=f.errors, general=f.general)
        self.session.open(folder)
        self.session.notice = f"Created {folder / 'org.yaml'} and {folder / 'audience.yaml'}."
        return RedirectResponse("/workspace", status_code=303)

    async def workspace(self, request: Request) -> Response:
        if self.session.opts is None:
            return RedirectResponse("/", status_code=303)
        return self.page("workspace.html", upload=None)

    async def build(self, request: Request) -> Response:
        await self.form(request)
        if not self.session.start_build(()):
            self.session.notice = "A build is running; this page shows when it is done."
        return RedirectResponse("/workspace", status_code=303)

    async def upload(self, request: Request) -> Response:
        form = await self.form(request)
        s = self.session
        upload = form.get("table")
        kind = str(form.get("kind", "kpis"))
        if s.opts is None or upload is None or isinstance(upload, str) or not upload.filename:
            await form.close()
            s.notice = "Choose a CSV or XLSX file to upload."
            return RedirectResponse("/workspace", status_code=303)
        data = await upload.read(MAX_BODY + 1)
        await form.close()  # the spooled upload: read once, in memory from here
        check = await run_in_threadpool(check_table, s.opts.workspace, kind, upload.filename, data)
        if check.ok:
            s.notice = (
                f"{check.file} read without problems; it is now the workspace's {kind} table."
            )
            s.start_build(())
            return RedirectResponse("/workspace", status_code=303)
        return self.page("workspace.html", 400, upload=check)

    async def executive(self, request: Request) -> Response:
        stem = request.path_params["stem"]
        if self.session.opts is None:
            return RedirectResponse("/", status_code=303)
        deck = self.session.decks.get(stem)
        if deck is None:
            if self.session.busy:
                return self.page("waiting.html", stem=stem)
            raise HTTPException(404, f"no deck '{stem}' in the last build")
        reading = await run_in_threadpool(_reading, deck.plan.executive.said)
        return self.page(
            "executive.html",
            deck=deck,
            stem=stem,
            reading=reading,
            findings=slides.findings_by_slide(deck.result),
            error=request.query_params.get("error", ""),
        )

    async def change(self, request: Request) -> Response:
        """A new blocker, an evidence swap or a reset for one executive, then their deck again."""
        from deckgen.choices import clear_evidence, set_blocker, swap_evidence

        form = await self.form(request)
        stem, action = request.path_params["stem"], request.path_params["action"]
        deck, s = self.deck(stem), self.session
        name = deck.result.executive
        if s.busy:
            s.notice = "A build is running; try again when it is done."
            return RedirectResponse(f"/executive/{stem}", status_code=303)
        assert s.opts is not None
        try:
            if action == "blocker":
                slug = str(form.get("blocker", "")).strip()
                chosen = await run_in_threadpool(
                    set_blocker, s.opts, name, None if slug == "classify" else slug
                )
                s.notice = f"{name}: blocker {chosen or 'from their words'}; deck rebuilt."
            elif action == "swap":
                old, new = str(form.get("old", "")), str(form.get("new", ""))
                done = await run_in_threadpool(swap_evidence, s.opts, name, old, new)
                s.notice = f"{name}: {done.new} instead of {done.old}; deck rebuilt."
            else:
                await run_in_threadpool(clear_evidence, s.opts, name)
                s.notice = f"{name}: evidence chosen by fit and strength again; deck rebuilt."
        except DeckgenError as exc:
            problems = exc.problems if isinstance(exc, InputError) else None
            text = "; ".join(str(p) for p in problems) if problems else str(exc)
            return self.page(
                "executive.html",
                400,
                deck=deck,
                stem=stem,
                reading=await run_in_threadpool(_reading, deck.plan.executive.said),
                findings=slides.findings_by_slide(deck.result),
                error=text,
            )
        s.start_build((name,))
        return RedirectResponse(f"/executive/{stem}", status_code=303)

    async def image(self, request: Request) -> Response:
        deck = self.deck(request.path_params["stem"])
        index = request.path_params["n"] - 1
        if not 0 <= index < len(deck.images) or self.session.opts is None:
            raise HTTPException(404, "no such slide image")
        return FileResponse(preview_dir(self.session.opts.outdir) / deck.images[index])

    async def download(self, request: Request) -> Response:
        s, name = self.session, request.path_params["name"]
        if s.opts is None:
            raise HTTPException(404, "no workspace is open")
        if name == "all.zip":
            return _zip(s)
        stem, _, suffix = name.rpartition(".")
        deck = self.deck(stem)
        if suffix == "pptx":
            path = deck.result.path
        elif suffix == "pdf" and deck.pdf:
            path = preview_dir(s.opts.outdir) / deck.pdf
        else:
            raise HTTPException(404, f"no file '{name}'")
        return FileResponse(path, filename=path.name)

    async def progress(self, request: Request) -> Response:
        p = self.session.progress
        return Response(
            f'{{"running": {str(p.running).lower()}, "done": {p.done}, "total": {p.total}}}',
            media_type="application/json",
        )


def _zip(s: Session) -> Response:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for deck in s.decks.values():
            zf.write(deck.result.path, deck.result.path.name)
            if deck.pdf and s.opts is not None:
                zf.write(preview_dir(s.opts.outdir) / deck.pdf, deck.pdf)
    name = f"{s.opts.workspace.resolve().name if s.opts else 'decks'}-decks.zip"
    return Response(
        buffer.getvalue(),
        media_type="application/zip",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


def _reading(said: str | None):
    """What the classifier reads in the executive's words (shown even when `blocker:` is given)."""
    if not said:
        return None
    from deckgen.classify import classify_objection

    return classify_objection(said)


def _evidence_ids() -> frozenset[str]:
    from deckgen.library import load_library
    from deckgen.resources import evidence_dir

    return frozenset(item.id for item in load_library(evidence_dir().resolve()))


async def _http_error(request: Request, exc: HTTPException) -> Response:
    return HTMLResponse(
        f"<!doctype html><title>deckgen</title><p>{_escape(str(exc.detail))}</p>"
        '<p><a href="/">Back to the start</a></p>',
        status_code=exc.status_code,
    )


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def create_app(config: ServeConfig, token: str, port: int) -> Guard:
    app = App(config, token)
    routes = [
        Route("/", app.home),
        Route("/open", app.open_workspace, methods=["POST"]),
        Route("/create", app.create, methods=["POST"]),
        Route("/workspace", app.workspace),
        Route("/build", app.build, methods=["POST"]),
        Route("/upload", app.upload, methods=["POST"]),
        Route("/progress", app.progress),
        Route("/executive/{stem}", app.executive),
        Route("/executive/{stem}/{action:str}", app.change, methods=["POST"]),
        Route("/slide/{stem}/{n:int}.png", app.image),
        Route("/download/{name}", app.download),
        Mount("/static", StaticFiles(packages=[("deckgen.web", "static")]), name="static"),
    ]
    web = Starlette(routes=routes, exception_handlers={HTTPException: _http_error})
    web.state.app = app
    names = {config.host, "localhost", "127.0.0.1", "[::1]"}
    hosts = frozenset(f"{h}:{port}" for h in names) | ({config.host} if port == 80 else set())
    return Guard(web, token, frozenset(hosts), f"deckgen-{port}")
