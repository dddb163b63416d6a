"""Shared fixtures: the project root, the samples folder and the benchmark data folder.

The data folder is ``$DEBRIEF_DATA``, else ``<project root>/../shared/data`` (DESIGN.md). Tests that
need it are marked ``@pytest.mark.data`` (or take the ``data_dir`` fixture) and are skipped, with
the path they looked for, when it is absent — so a fresh clone without the data still passes.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from debrief.gazetteer import Gazetteer
from debrief.options import GazetteerOptions, PipelineOptions
from debrief.pipeline import Context, Resources

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def find_data_dir() -> Path:
    """Where the benchmark folders are expected (whether or not the folder exists)."""
    env = os.environ.get("DEBRIEF_DATA")
    return Path(env) if env else PROJECT_ROOT.parent / "shared" / "data"


def data_path(*parts: str) -> Path:
    """A path inside the data folder, or skip the calling test when it is absent."""
    path = find_data_dir().joinpath(*parts)
    if not path.exists():
        pytest.skip(f"benchmark data not found: {path} (set DEBRIEF_DATA)")
    return path


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip tests marked ``data`` when the data folder is absent."""
    data_dir = find_data_dir()
    if data_dir.is_dir():
        return
    skip = pytest.mark.skip(reason=f"benchmark data folder not found: {data_dir} (set DEBRIEF_DATA)")
    for item in items:
        if item.get_closest_marker("data") is not None:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return PROJECT_ROOT / "samples"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The benchmark data folder; skips the test when it is absent."""
    return data_path()


@pytest.fixture(scope="session")
def geo_context(tmp_path_factory: pytest.TempPathFactory) -> Context:
    """A pipeline context whose gazetteer index lives in the session's temporary folder (the same
    cache folder as tests/test_gazetteer.py: the index is built once per session)."""
    options = PipelineOptions(gazetteer=GazetteerOptions(cache_dir=tmp_path_factory.getbasetemp() / "gazetteer-cache"))
    return Context(options, Resources(options))


@pytest.fixture(scope="session")
def gaz(geo_context: Context) -> Gazetteer:
    return geo_context.resources.gazetteer()
