"""Stages registered by name, and the pipeline that runs them over a Document.

A stage is a callable ``(Document) -> Document`` built by a factory from a :class:`Context`.
Stages are registered as ``"<slot>.<backend>"`` ("events.lexicon"); the pipeline fills each slot
of :attr:`PipelineOptions.stages` with the backend named in ``options.overrides`` or the slot's
default, so a trained model or another backend replaces a stage without touching the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from debrief.document import Document
from debrief.errors import StageError, UnknownStageError
from debrief.options import PipelineOptions

if TYPE_CHECKING:
    from debrief.gazetteer import Gazetteer


class Stage(Protocol):
    name: str

    def __call__(self, doc: Document) -> Document: ...


@dataclass
class Resources:
    """Heavy objects shared by the stages of one pipeline, loaded on first use (never at import).
    Pass `open_gazetteer` to use one already open (shared between pipelines, or a stand-in in tests)."""

    options: PipelineOptions
    open_gazetteer: Gazetteer | None = None
    _nlp: Any = None

    def gazetteer(self) -> Gazetteer:
        if self.open_gazetteer is None:
            from debrief.gazetteer import Gazetteer

            self.open_gazetteer = Gazetteer.open(self.options.gazetteer)
        return self.open_gazetteer

    def nlp(self) -> Any:
        """A blank English spaCy pipeline with a rule sentencizer (no model download needed)."""
        if self._nlp is None:
            import spacy

            nlp = spacy.blank("en")
            nlp.add_pipe("sentencizer")
            nlp.max_length = 60_000_000
            self._nlp = nlp
        return self._nlp


@dataclass
class Context:
    options: PipelineOptions
    resources: Resources


StageFactory = Callable[[Context], Stage]


@dataclass
class Registry:
    factories: dict[str, StageFactory] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)  # slot -> backend

    def register(self, slot: str, backend: str, factory: StageFactory, *, default: bool = False) -> None:
        self.factories[f"{slot}.{backend}"] = factory
        if default or slot not in self.defaults:
            self.defaults[slot] = backend

    def names(self) -> list[str]:
        return sorted(self.factories)

    def create(self, slot: str, context: Context) -> Stage:
        backend = context.options.overrides.get(slot) or self.defaults.get(slot)
        key = f"{slot}.{backend}"
        if key not in self.factories:
            raise UnknownStageError(f"no stage registered as {key!r}; known: {', '.join(self.names())}")
        return self.factories[key](context)


def default_registry() -> Registry:
    """The stages that ship with debrief."""
    from debrief.stages import checks, claims, dates, denials, events, mentions, numbers, places, segment

    reg = Registry()
    reg.register("segment", "spacy", segment.SegmentStage)
    reg.register("dates", "rules", dates.DatesStage)
    reg.register("numbers", "rules", numbers.NumbersStage)
    reg.register("places", "gazetteer", places.PlacesStage)
    reg.register("mentions", "rules", mentions.MentionsStage)
    reg.register("events", "lexicon", events.EventsStage)
    reg.register("events", "model", _events_model, default=True)
    reg.register("claims", "rules", claims.ClaimsStage)
    reg.register("denials", "rules", denials.DenialsStage)
    reg.register("checks", "rules", checks.ChecksStage)
    return reg


class Pipeline:
    """Runs the configured stages, in order, over documents."""

    def __init__(self, options: PipelineOptions | None = None, registry: Registry | None = None) -> None:
        self.options = options or PipelineOptions()
        self.registry = registry or default_registry()
        self.context = Context(self.options, Resources(self.options))
        self.stages: list[Stage] = [self.registry.create(slot, self.context) for slot in self.options.stages]

    def __call__(self, doc: Document) -> Document:
        if self.options.published is not None:
            from debrief.records import DateValue

            doc.info.published = DateValue(date=self.options.published.isoformat(), precision="day")
        for stage in self.stages:
            try:
                doc = stage(doc)
            except Exception as exc:  # re-raised with the stage and document named
                raise StageError(stage.name, doc.id, f"{type(exc).__name__}: {exc}") from exc
            doc.stages_run.append(stage.name)
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)


def _events_model(context: Context) -> Stage:
    """The learned events backend (the default), imported only when built (it brings the encoder).
    ``DEBRIEF_BACKENDS=events=lexicon`` runs the trigger lexicon alone."""
    from debrief.stages.events_model import EventsModelStage

    return EventsModelStage(context)
