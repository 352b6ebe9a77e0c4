"""``pmi-workflow serve``: the HTTP service (``server`` extra: FastAPI and uvicorn).

The store is a SQLite file by default, or a ``postgresql://`` URL (``sql``
extra); the API keys come from a TOML file (see
:mod:`pmi_workflow.server.security`); the licence data (``--registry``), when
given, is read once at start-up. Access logs mask NIK-shaped ids.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pmi_workflow.cli.common import bilingual, bilingual_doc, registry_option

__all__ = ["register", "serve"]


@bilingual_doc("Menjalankan layanan HTTP (dokumen OpenAPI di alamat '/openapi.json').")
def serve(
    store: Annotated[
        str,
        typer.Option(
            "--store",
            metavar="TARGET",
            envvar="PMI_WORKFLOW_STORE",
            help=bilingual(
                (
                    "Lokasi berkas SQLite, atau alamat basis data dalam bentuk 'sqlite:///lokasi' "
                    "atau 'postgresql://...'."
                ),
                "SQLite file path, sqlite:///path or postgresql://... URL.",
            ),
        ),
    ] = "pmi-workflow.db",
    keys: Annotated[
        Path | None,
        typer.Option(
            "--keys",
            metavar="FILE",
            envvar="PMI_WORKFLOW_KEYS",
            help=bilingual(
                (
                    "Berkas TOML berisi kunci akses dan perannya; tanpa berkas ini, hanya alamat "
                    "'/v1/health' yang menjawab."
                ),
                "TOML file of API keys and their roles (without it, only /v1/health answers).",
            ),
        ),
    ] = None,
    registry: Annotated[Path | None, registry_option(envvar="PMI_WORKFLOW_REGISTRY")] = None,
    host: Annotated[
        str,
        typer.Option(
            "--host", help=bilingual("Alamat jaringan yang dilayani.", "Address to listen on.")
        ),
    ] = "127.0.0.1",
    port: Annotated[
        int,
        typer.Option("--port", min=0, max=65535, help=bilingual("Nomor porta jaringan.", "Port.")),
    ] = 8000,
    max_body: Annotated[
        int,
        typer.Option(
            "--max-body",
            min=1024,
            help=bilingual(
                "Ukuran terbesar isi permintaan, dalam bita.", "Largest request body in bytes."
            ),
        ),
    ] = 4 * 1024 * 1024,
) -> None:
    """Serve the HTTP API (OpenAPI document at /openapi.json)."""
    from pmi_workflow.cli.common import fail, guard

    try:
        import uvicorn

        from pmi_workflow.server import KeyRing, ServerSettings, create_app, load_keys
        from pmi_workflow.server.app import logging_config
    except ImportError:
        raise fail(
            'layanan HTTP memerlukan paket tambahan "server"; pasang dengan: '
            'pip install "pmi-workflow[server]"',
            'the server needs the server extra: pip install "pmi-workflow[server]"',
        ) from None
    with guard():
        ring = load_keys(keys) if keys is not None else KeyRing()
        settings = ServerSettings(
            store=store, keys=ring, max_body_bytes=max_body, registry=registry
        )
        application = create_app(settings)
    uvicorn.run(
        application,
        host=host,
        port=port,
        access_log=False,  # the application's own access log masks ids
        log_config=logging_config(),
        server_header=False,
    )


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to the command line."""
    app.command("serve")(serve)
