"""`debrief gazetteer import|download|list|remove`: add places to the gazetteer for good.

Imported files are copied into the cache folder's ``imports/``; the next run that opens the
gazetteer builds a new index that holds them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from debrief.errors import DebriefError

CacheOption = Annotated[
    Path | None,
    typer.Option("--cache", help="Gazetteer cache folder (default $DEBRIEF_CACHE or ~/.cache/debrief)."),
]


def _cache(cache: Path | None) -> Path:
    from debrief.options import default_cache_dir

    return cache if cache is not None else default_cache_dir()


def register(app: typer.Typer) -> None:
    gazetteer = typer.Typer(help="Add GeoNames dumps or your own places to the gazetteer.", no_args_is_help=True)
    app.add_typer(gazetteer, name="gazetteer")

    @gazetteer.command("import")
    def import_(
        files: Annotated[list[Path], typer.Argument(help="GeoNames dumps (SY.zip, cities500.zip, .txt) or CSVs.")],
        cache: CacheOption = None,
    ) -> None:
        """Check FILE… and copy them into the gazetteer's imports; the next run rebuilds the index."""
        from debrief.gazetteer.imports import import_file

        try:
            for path in files:
                target, count = import_file(path, _cache(cache))
                typer.echo(f"imported {path} ({count:,} places) as {target}")
        except DebriefError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(code=2) from exc

    @gazetteer.command("download")
    def download(
        countries: Annotated[list[str], typer.Argument(help="ISO 3166-1 alpha-2 codes, e.g. SY IQ.")],
        url: Annotated[
            str | None,
            typer.Option("--url", help="Dump site (default $DEBRIEF_GEONAMES_URL or GeoNames' export/dump/)."),
        ] = None,
        cache: CacheOption = None,
    ) -> None:
        """Fetch GeoNames country dumps (COUNTRY.zip) and import them."""
        from debrief.gazetteer.imports import GEONAMES_DUMP_URL
        from debrief.gazetteer.imports import download as fetch

        base = url or os.environ.get("DEBRIEF_GEONAMES_URL") or GEONAMES_DUMP_URL
        try:
            for cc in countries:
                target, count = fetch(cc, _cache(cache), base_url=base)
                typer.echo(f"downloaded {cc.upper()} ({count:,} places) into {target}")
        except DebriefError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(code=2) from exc

    @gazetteer.command("list")
    def list_(cache: CacheOption = None) -> None:
        """The files imported so far."""
        from debrief.gazetteer.imports import imported

        files = imported(_cache(cache))
        for path in files:
            typer.echo(str(path))
        if not files:
            typer.echo("no imported files (the gazetteer uses the packaged data and places.csv)", err=True)

    @gazetteer.command("remove")
    def remove(
        name: Annotated[str, typer.Argument(help="File name as `list` shows it.")], cache: CacheOption = None
    ) -> None:
        """Forget an imported file; the next run rebuilds the index without it."""
        from debrief.gazetteer.imports import remove as forget

        if not forget(name, _cache(cache)):
            typer.echo(f"error: no imported file {name!r}", err=True)
            raise typer.Exit(code=2)
        typer.echo(f"removed {name}")
