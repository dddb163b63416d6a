"""Deaths counted in a sentence by ACLED's rules: governed counts, single victims, vague tolls,
coordinated tolls, and counts that are not people."""

from __future__ import annotations

from debrief.document import Document
from debrief.event_fields import fatalities_in
from debrief.options import PipelineOptions
from debrief.pipeline import Context, Resources
from debrief.stages.numbers import NumbersStage, injured_in
from debrief.stages.segment import SegmentStage


def analysed(text: str) -> Document:
    ctx = Context(PipelineOptions(), Resources(PipelineOptions()))
    doc = Document.from_text(text)
    for stage in (SegmentStage(ctx), NumbersStage(ctx)):
        doc = stage(doc)
    return doc


def best(text: str) -> int | None:
    doc = analysed(text)
    return fatalities_in(doc, doc.quantities, doc.sentences[0]).best


def test_a_death_verb_governs_the_count() -> None:
    assert best("Air forces launch attacks at a rebel base, killing 15.") == 15
    assert best("Kenyan forces kill four members of the militia in the hills.") == 4


def test_a_single_victim_counts_one() -> None:
    assert best("A police officer was killed in an IED blast in the city.") == 1
    assert best("Unidentified gunmen attack and kill a government official in the market.") == 1
    assert best("A British soldier serving with the coalition has died in an explosion.") == 1


def test_vague_tolls_follow_acled() -> None:
    assert best("The bombardment killed an unknown number of herders and their livestock.") == 10


def test_coordinated_counts_add_up() -> None:
    text = "Two police officers, one civil servant and one local resident were killed in the clash."
    assert best(text) == 4


def test_counts_that_are_not_people_or_dates() -> None:
    assert best("A man accused of stealing 11 goats was beaten to death in the village.") == 1
    assert best("Troops fired mortar rounds on 26/06, killing one civilian.") == 1


def test_no_reported_fatalities() -> None:
    assert best("Soldiers fired on protesters in the square. No reported fatalities.") in (None, 0)


def test_injured_count_is_kept_apart_from_deaths() -> None:
    doc = analysed("A roadside bomb killed one soldier and wounded two others, the military said.")
    assert fatalities_in(doc, doc.quantities, doc.sentences[0]).best == 1
    assert injured_in(doc.text, doc.quantities, 0, len(doc.text)) == 2


def test_the_killers_are_not_counted_among_the_dead() -> None:
    assert best("Two suicide bombers killed 23 people in the market, police said.") == 23
    assert best("Aircraft including helicopter gunships killed 46 civilians in the village.") == 46


def test_a_victim_taken_and_killed() -> None:
    assert best("The son of a landowner was kidnapped and killed by a militia on 21 June.") == 1
