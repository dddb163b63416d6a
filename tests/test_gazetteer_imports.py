"""`debrief gazetteer import|download`: files a user adds are checked, copied into the cache's
imports and built into the next index; downloads come from a dump site (here a small dump served
by http.server on 127.0.0.1)."""

from __future__ import annotations

import functools
import http.server
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from debrief.cli import app
from debrief.errors import GazetteerError
from debrief.gazetteer.build import index_path
from debrief.gazetteer.imports import download, import_file, imported, remove, with_imports
from debrief.options import GazetteerOptions

# one GeoNames row (19 tab-separated columns): a village missing from the PyPI packages
ROW = "\t".join(
    [
        "9990001",
        "Qaryat Zzyzxa",
        "Qaryat Zzyzxa",
        "Zzyzxa,Zzyzxah",
        "35.5",
        "37.1",
        "P",
        "PPL",
        "SY",
        "",
        "09",
        "",
        "",
        "",
        "1200",
        "",
        "300",
        "Asia/Damascus",
        "2020-01-01",
    ]
)


def make_dump(folder: Path, cc: str = "SY") -> Path:
    path = folder / f"{cc}.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{cc}.txt", ROW + "\n")
        archive.writestr("readme.txt", "not a table")
    return path


@pytest.fixture
def dump_site(tmp_path: Path) -> Iterator[str]:
    site = tmp_path / "site"
    site.mkdir()
    make_dump(site)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_import_copies_and_registers_a_dump(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    target, count = import_file(make_dump(tmp_path), cache)
    assert count == 1 and target.parent == cache / "imports" and target.is_file()
    assert imported(cache) == (target,)
    options = with_imports(GazetteerOptions(cache_dir=cache))
    assert target in options.extra_places
    assert with_imports(options).extra_places == options.extra_places  # never twice
    assert remove("SY.zip", cache) and imported(cache) == ()
    assert not remove("SY.zip", cache)


def test_import_refuses_what_the_build_could_not_read(tmp_path: Path) -> None:
    bad = tmp_path / "places.csv"
    bad.write_text("name,lat\nSomewhere,91\n", encoding="utf-8")
    with pytest.raises(GazetteerError):
        import_file(bad, tmp_path / "cache")
    with pytest.raises(GazetteerError):
        import_file(tmp_path / "missing.zip", tmp_path / "cache")
    assert imported(tmp_path / "cache") == ()


def test_download_fetches_a_country_dump(tmp_path: Path, dump_site: str) -> None:
    target, count = download("sy", tmp_path / "cache", base_url=dump_site)
    assert target.name == "SY.zip" and count == 1
    with pytest.raises(GazetteerError):
        download("IQ", tmp_path / "cache", base_url=dump_site)  # 404
    with pytest.raises(GazetteerError):
        download("Syria", tmp_path / "cache", base_url=dump_site)


def test_cli_import_and_download(tmp_path: Path, dump_site: str) -> None:
    runner = CliRunner()
    cache = tmp_path / "cache"
    csv = tmp_path / "mine.csv"
    csv.write_text("name,lat,lon,country,feature,source\nCamp Zzyzxb,36.0,38.0,SY,MILB,my notes\n", encoding="utf-8")
    result = runner.invoke(app, ["gazetteer", "import", str(csv), "--cache", str(cache)])
    assert result.exit_code == 0, result.output
    assert "1 places" in result.output
    result = runner.invoke(app, ["gazetteer", "download", "SY", "--url", dump_site, "--cache", str(cache)])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["gazetteer", "list", "--cache", str(cache)]).output.split()
    assert [Path(p).name for p in listed] == ["SY.zip", "mine.csv"]
    bad = runner.invoke(app, ["gazetteer", "import", str(tmp_path / "nope.csv"), "--cache", str(cache)])
    assert bad.exit_code == 2


def test_imports_change_the_index_the_next_open_builds(tmp_path: Path) -> None:
    """The index name hashes its inputs: after an import, Gazetteer.open looks for (and builds) a
    new index; tests/test_gazetteer.py checks that extra places end up in a built index."""
    cache = tmp_path / "cache"
    before = index_path(with_imports(GazetteerOptions(cache_dir=cache)))
    import_file(make_dump(tmp_path), cache)
    after = index_path(with_imports(GazetteerOptions(cache_dir=cache)))
    assert before != after and after.parent == cache
