"""Attribution on hand-written texts: direct, indirect, mixed; speakers resolved; stance."""

from __future__ import annotations

from datetime import date

from debrief.document import Document
from debrief.options import PipelineOptions
from debrief.pipeline import Context, Resources
from debrief.records import Claim, DateValue
from debrief.stages.claims import ClaimsStage
from debrief.stages.mentions import MentionsStage
from debrief.stages.numbers import NumbersStage
from debrief.stages.segment import SegmentStage
from fakes import FakeGazetteer


def run(text: str) -> Document:
    options = PipelineOptions()
    resources = Resources(options, open_gazetteer=FakeGazetteer())  # type: ignore[arg-type]
    ctx = Context(options, resources)
    doc = Document.from_text(text, published=DateValue(date=date(2020, 3, 6).isoformat()))
    for stage in (SegmentStage(ctx), NumbersStage(ctx), MentionsStage(ctx), ClaimsStage(ctx)):
        doc = stage(doc)
    return doc


def only(doc: Document, speaker_text: str) -> Claim:
    found = [c for c in doc.claims if c.speaker.text == speaker_text]
    assert len(found) == 1, [c.speaker.text for c in doc.claims]
    return found[0]


def test_offsets_match_text() -> None:
    doc = run("Police said on Tuesday that 12 people were arrested in the capital. “We will not stop,” he said.")
    for c in doc.claims:
        assert doc.text[c.content.start : c.content.end] == c.content.text
        assert c.cue_span is not None and doc.text[c.cue_span.start : c.cue_span.end] == c.cue


def test_first_mention_gives_role_and_organisation_to_later_surname() -> None:
    doc = run(
        "Shelling hit the market, Colonel Maria Ortega, a spokeswoman for the Ukrainian Armed Forces, said on "
        "Thursday. “Three shells landed near the school,” Ortega told reporters."
    )
    first = only(doc, "Colonel Maria Ortega")
    later = only(doc, "Ortega")
    for c in (first, later):
        assert c.speaker.name == "Maria Ortega"
        assert c.speaker.role == "spokeswoman"
        assert c.speaker.organization == "Ukrainian Armed Forces"
    assert first.quote == "indirect" and later.quote == "direct"
    assert first.content.text == "Shelling hit the market"


def test_according_to_and_pronoun() -> None:
    doc = run(
        "According to the Nigerian Army, 30 militants were killed near the lake. Major Ibrahim Musa said the "
        "operation would continue. “We have cleared four camps,” he said."
    )
    army = only(doc, "the Nigerian Army")
    assert army.content.text.startswith("30 militants were killed")
    assert [q.value for q in army.quantities] == [30]
    pronoun = only(doc, "he")
    assert pronoun.speaker.name == "Ibrahim Musa" and pronoun.quote == "direct"


def test_denial_and_hedge() -> None:
    doc = run(
        "The ministry rejected reports of a chemical attack in the town. “This is fabricated,” the minister said. "
        "Residents said the strike had apparently hit a bakery."
    )
    assert only(doc, "The ministry").stance == "deny"
    assert only(doc, "the minister").stance == "deny"
    assert only(doc, "Residents").stance == "hedge"


def test_quote_spanning_sentences_and_role_speaker() -> None:
    doc = run("“The convoy was hit twice. Nobody survived,” a Red Crescent official said.")
    c = only(doc, "a Red Crescent official")
    assert c.quote == "direct"
    assert c.content.text == "The convoy was hit twice. Nobody survived"
    assert c.speaker.role == "official"


def test_no_claim_without_speech() -> None:
    doc = run("Clashes erupted in the north. Two soldiers were wounded.")
    assert doc.claims == []


def test_speaker_before_the_quotation() -> None:
    doc = run("The governor said: “Four rockets hit the power station and the grid is down.”")
    c = only(doc, "The governor")
    assert c.quote == "direct" and c.cue == "said"
    assert c.content.text.startswith("Four rockets hit the power station")


def test_appositive_name_dateline_and_organisation_pronoun() -> None:
    doc = run(
        "KYIV, March 5, 2020 — The regional rescue service said on Thursday that 14 people were killed. "
        "The head of the village council, Olena Kovalenko, said the shelling began at dawn. "
        "Fighting continued overnight, the service said. It said 30 homes were damaged."
    )
    service = only(doc, "The regional rescue service")
    assert service.content.text.startswith("14 people were killed")
    head = only(doc, "The head of the village council")
    assert (head.speaker.name, head.speaker.role) == ("Olena Kovalenko", "head")
    assert only(doc, "the service").speaker.name == service.speaker.name
    assert only(doc, "It").speaker.kind == "organization"


def test_introductory_adverbial_is_not_content() -> None:
    doc = run("In a televised statement on Saturday, the army spokesman said the campaign had secured the capital.")
    c = only(doc, "the army spokesman")
    assert c.content.text == "the campaign had secured the capital"


def test_plural_or_indefinite_roles_do_not_name_an_earlier_person() -> None:
    doc = run(
        "President Ana Lopez said the talks would resume. Residents said the shelling lasted all night. "
        "A spokesman said the road was closed."
    )
    assert only(doc, "Residents").speaker.name is None
    assert only(doc, "A spokesman").speaker.name is None
    assert only(doc, "President Ana Lopez").speaker.name == "Ana Lopez"


def test_attitude_verbs_attribute_wishes_and_stances() -> None:
    doc = run("Senator Maria Lopez wants an independent inquiry into the strikes on Aleppo.")
    (claim,) = doc.claims
    assert claim.speaker.text == "Senator Maria Lopez"
    assert claim.cue == "wants"
    assert claim.content.text.startswith("an independent inquiry")
    # a hyphenated backer is part of a name, not a cue: no claim
    assert run("US-backed fighters advanced on the town.").claims == []


def test_multiword_cues_win_over_their_first_word() -> None:
    (claim,) = run("The governor called for an immediate ceasefire in the district.").claims
    assert claim.cue == "called for"
    assert claim.content.text.startswith("an immediate ceasefire")


def test_called_with_a_quotation_a_few_words_on() -> None:
    (claim,) = run("Graham called both of the front-runners “unfit to serve.”").claims
    assert claim.cue == "called"
    (named,) = run("One of the doctors who sent the letter called Oz a quack.").claims
    assert named.cue == "called"
    assert not run("The governor called Smith a day later to apologise.").claims  # a telephone call


def test_a_party_tag_between_speaker_and_cue() -> None:
    doc = run("Sen. David Perdue (R-Ga.) said the characterizations did not hurt the campaign.")
    claim = only(doc, "David Perdue")
    assert claim.cue == "said" and claim.content.text.startswith("the characterizations")


def test_a_question_quoted_before_its_speaker() -> None:
    doc = run("“How many times do we have to see this in our country?” Clinton said. “It must stop.”")
    claim = only(doc, "Clinton")
    assert claim.quote == "direct" and claim.content.text.startswith("How many times")


def test_a_poll_shows_and_a_counted_group_says() -> None:
    doc = run("The poll shows the senator ahead by three points. Nearly eight of 10 voters say they will watch.")
    assert only(doc, "The poll").cue == "shows"
    assert only(doc, "Nearly eight of 10 voters").content.text.startswith("they will watch")
    assert not run("Police found the car near the river.").claims  # no finding without a finding's subject


def test_a_finding_named_with_its_author() -> None:
    doc = run("A 2014 study by a law professor at Loyola found 31 cases of voter impersonation.")
    assert [c.cue for c in doc.claims] == ["found"]
    assert doc.claims[0].content.text.startswith("31 cases")
    report = run("A report by the UN monitoring mission found that 300 civilians were killed in the city.")
    assert [c.cue for c in report.claims] == ["found"]


def test_experts_as_sources() -> None:
    doc = run("Clinton has ignored tax reform, and experts say her plans would raise taxes on the rich.")
    claim = only(doc, "experts")
    assert claim.cue == "say" and claim.content.text.startswith("her plans")


def test_content_before_a_titled_speaker_and_an_abbreviated_one() -> None:
    doc = run("An acre of trees can store tons of carbon over the years, Mr. Van Voorhis said.")
    assert only(doc, "Van Voorhis").content.text.startswith("An acre of trees")
    doc = run("But the plan still favours the rich, the Tax Foundation said. The S.E.C. said it would act.")
    assert only(doc, "the Tax Foundation").content.text.startswith("But the plan")
    assert only(doc, "The S.E.C.").content.text.startswith("it would act")


def test_a_closing_mark_typed_as_the_opening_one() -> None:
    doc = run("”Fear. I am truly afraid for this country.” ― Adriana Rodarte")
    claim = only(doc, "Adriana Rodarte")
    assert claim.quote == "direct" and claim.content.text.startswith("Fear.")


def test_called_before_a_double_apostrophe_quotation() -> None:
    doc = run("His former partner, Lawrence Cummings, called him ''a master at impossible deals'' on Monday.")
    assert any(c.cue == "called" for c in doc.claims)


def test_gerund_cues_take_the_clause_speaker() -> None:
    doc = run("The minister said the talks failed, adding that a new round would start soon.")
    said, adding = sorted(doc.claims, key=lambda c: c.content.start)
    assert (said.cue, said.content.text) == ("said", "the talks failed")
    assert (adding.cue, adding.speaker.text) == ("adding", "The minister")
    assert adding.content.text.startswith("a new round")
    doc = run("Dean appeared on television and began by saying he would never diagnose anyone.")
    assert only(doc, "Dean").cue == "saying"


def test_a_long_common_noun_phrase_speaker() -> None:
    doc = run("The former secretary of state and current Democratic presidential nominee said she would win.")
    claim = only(doc, "The former secretary of state and current Democratic presidential nominee")
    assert claim.content.text.startswith("she would win")


def test_judging_verbs_with_their_judgment() -> None:
    doc = run("Gov. Chris Christie described his rival as a disgrace to the office.")
    assert only(doc, "Chris Christie").cue == "described"
    assert not run("Professor Formicola described Trump's approach in some detail.").claims  # no "as"


def test_a_gerund_claim_keeps_the_subjects_role_noun() -> None:
    doc = run("The director of the main field hospital gave a higher figure, saying 19 bodies had been brought in.")
    claim = only(doc, "The director")
    assert claim.cue == "saying" and claim.content.text.startswith("19 bodies")


def test_cited_after_its_subject_is_a_verb() -> None:
    (claim,) = run(
        "At the debate, Clinton cited derogatory comments Trump had made about the former beauty queen."
    ).claims
    assert claim.cue == "cited" and claim.content.text.startswith("derogatory comments")
    assert [c.cue for c in run("The cited study was flawed, the reviewers wrote in March.").claims] == ["wrote"]


def test_a_say_cue_after_a_comma_with_a_short_speaker_phrase_is_inverted() -> None:
    doc = run("The blast took place near the headquarters, said council head Mohammed Abu Adel.")
    claim = only(doc, "council head Mohammed Abu Adel")
    assert claim.content.text == "The blast took place near the headquarters"
    doc = run("Five fighters were killed in the raid, said the monitor.")
    assert only(doc, "the monitor").content.text == "Five fighters were killed in the raid"


def test_an_appositive_subject_is_not_an_inversion() -> None:
    doc = run("Minyon Moore, a senior adviser, said Mr. Smith lied about the talks.")
    assert only(doc, "Minyon Moore").content.text.startswith("Mr. Smith lied")
    doc = run("Keron Blair, director of the group, called for more school investment in a statement.")
    assert [c.speaker.text for c in doc.claims if c.speaker] != ["more school investment in a statement"]


def test_hearsay_is_an_unattributed_hedge() -> None:
    doc = run("The group is said to have lost 40 fighters near the town.")
    (claim,) = doc.claims
    assert claim.speaker.text == "" and claim.speaker.start is None and claim.speaker.kind == "unknown"
    assert claim.cue == "is said" and claim.stance == "hedge"
    assert claim.content.text.startswith("The group is said to have lost 40 fighters")
    assert [c.cue for c in run("He said to reporters that the talks failed.").claims] == ["said"]


def test_the_reporters_caveat_that_a_claim_could_not_be_verified() -> None:
    doc = run(
        "The ministry claimed its forces had destroyed five tanks, a claim that could not be independently verified."
    )
    (claim,) = doc.claims
    assert claim.content.text == "its forces had destroyed five tanks"
    assert claim.caveat is not None and claim.caveat.text == "a claim that could not be independently verified"
    assert doc.text[claim.caveat.start : claim.caveat.end] == claim.caveat.text
    doc = run("The group said it shot down a drone over the port. Reporters could not independently verify the claim.")
    assert [c.caveat.text if c.caveat else None for c in doc.claims] == [
        "Reporters could not independently verify the claim"
    ]
    doc = run("The ministry said 12 soldiers died. The army sent reinforcements to the front.")
    assert [c.caveat for c in doc.claims] == [None]
