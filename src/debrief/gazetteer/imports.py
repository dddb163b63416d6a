"""Places a user adds to the gazetteer for good: imported files and GeoNames country downloads.

``import_file`` checks a GeoNames dump (``SY.zip``, ``cities500.zip``, a ``.txt`` table) or a CSV of
places (the columns of the project's ``places.csv``), then copies it into ``<cache>/imports/``.
:meth:`Gazetteer.open <debrief.gazetteer.index.Gazetteer.open>` adds every file found there to the
options' ``extra_places``, so the next open builds an index that holds them (the index name hashes
its inputs). ``download`` fetches country dumps from GeoNames' export site and imports them.
"""

from __future__ import annotations

import shutil
import tempfile
import urllib.error
import urllib.request
from dataclasses import replace
from pathlib import Path

from debrief.errors import GazetteerError
from debrief.gazetteer import sources
from debrief.options import GazetteerOptions

GEONAMES_DUMP_URL = "https://download.geonames.org/export/dump/"
IMPORTS = "imports"
_SUFFIXES = {".zip", ".txt", ".tsv", ".csv"}
_TIMEOUT_S = 60


def imports_dir(cache_dir: Path) -> Path:
    return Path(cache_dir).expanduser() / IMPORTS


def imported(cache_dir: Path) -> tuple[Path, ...]:
    """The files imported into `cache_dir`, by name."""
    folder = imports_dir(cache_dir)
    if not folder.is_dir():
        return ()
    return tuple(sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in _SUFFIXES))


def with_imports(options: GazetteerOptions) -> GazetteerOptions:
    """`options` with the imported files added to its extra places (once each)."""
    extra = list(options.extra_places)
    known = {Path(p).expanduser().resolve() for p in extra}
    for path in imported(options.cache_dir):
        if path.resolve() not in known:
            extra.append(path)
    return replace(options, extra_places=tuple(extra))


def check(path: Path) -> int:
    """Read `path` as the gazetteer build will; return its number of places, or raise GazetteerError."""
    if not path.is_file():
        raise GazetteerError(f"no such file: {path}")
    if path.suffix.lower() not in _SUFFIXES:
        raise GazetteerError(f"{path}: expected a GeoNames dump (.zip, .txt) or a CSV of places")
    if sources.is_geonames_dump(path):
        count = sum(1 for _ in sources.read_geonames_dump(path))
    else:
        count = len(sources.read_place_table(path))
    if count == 0:
        raise GazetteerError(f"{path}: no places in it")
    return count


def import_file(path: Path, cache_dir: Path, *, name: str | None = None) -> tuple[Path, int]:
    """Check `path` and copy it into the imports folder of `cache_dir` (replacing a file of the same
    name); return where it went and how many places it holds."""
    count = check(path)
    folder = imports_dir(cache_dir)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (name or path.name)
    if path.resolve() != target.resolve():
        shutil.copyfile(path, target)
    return target, count


def remove(name: str, cache_dir: Path) -> bool:
    """Forget an imported file; False when there was none of that name."""
    target = imports_dir(cache_dir) / Path(name).name
    if not target.is_file():
        return False
    target.unlink()
    return True


def download(country: str, cache_dir: Path, *, base_url: str = GEONAMES_DUMP_URL) -> tuple[Path, int]:
    """Fetch GeoNames' dump of `country` (ISO alpha-2, e.g. "SY") from `base_url` and import it."""
    cc = country.strip().upper()
    if len(cc) != 2 or not cc.isalpha():
        raise GazetteerError(f"{country!r}: expected an ISO 3166-1 alpha-2 country code such as SY")
    url = base_url.rstrip("/") + f"/{cc}.zip"
    if not url.startswith(("http://", "https://")):
        raise GazetteerError(f"{url}: only http(s) downloads are supported")
    with tempfile.TemporaryDirectory() as tmp:
        local = Path(tmp) / f"{cc}.zip"
        try:
            with urllib.request.urlopen(url, timeout=_TIMEOUT_S) as response, local.open("wb") as out:
                shutil.copyfileobj(response, out)
        except (urllib.error.URLError, OSError) as exc:
            raise GazetteerError(f"cannot download {url}: {exc}") from exc
        return import_file(local, cache_dir)
