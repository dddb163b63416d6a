"""Speakers the claims stage finds beyond "Name said": coordinated verbs, counted groups, relative
clauses, generic cue verbs before a that-clause or a quotation, and capitalised headline cues."""

from __future__ import annotations

import pytest

from debrief.document import Document
from debrief.options import PipelineOptions
from debrief.pipeline import Context, Resources
from debrief.records import Claim
from debrief.stages.claims import ClaimsStage
from debrief.stages.mentions import MentionsStage
from debrief.stages.segment import SegmentStage


def claim_records(text: str, *, raw: bool = False) -> list[Claim]:
    """The claims found in `text`, normalised as ingest does, or as it is with `raw`."""
    ctx = Context(PipelineOptions(), Resources(PipelineOptions()))
    doc = Document.from_text(text)
    if raw:
        doc = Document(text=text, info=doc.info)
    for stage in (SegmentStage(ctx), MentionsStage(ctx), ClaimsStage(ctx)):
        doc = stage(doc)
    return doc.claims


def claims(text: str, *, raw: bool = False) -> list[tuple[str, str, str]]:
    """(speaker text, cue, content text) of each claim found in `text`."""
    return [(c.speaker.text, c.cue, c.content.text) for c in claim_records(text, raw=raw)]


def test_coordinated_verb_takes_the_sentence_subject() -> None:
    found = claims("Graham visited the base on Monday and said the troops would stay until spring.")
    assert found == [("Graham", "said", "the troops would stay until spring")]


def test_counted_group_is_a_speaker() -> None:
    found = claims("In the poll, 47 percent said they would vote for the governor.")
    assert found == [("47 percent", "said", "they would vote for the governor")]


def test_relative_clause_speaker_is_the_antecedent() -> None:
    found = claims("The farmer Ali Hassan, who said the shelling began at dawn, fled north.")
    assert [f[0] for f in found] == ["The farmer Ali Hassan"]  # his name is the tail: see below
    assert found[0][2].startswith("the shelling began at dawn")


def test_any_verb_before_a_that_clause_is_a_cue() -> None:
    found = claims("The mayor hinted that the curfew would be lifted next week.")
    assert found == [("The mayor", "hinted", "the curfew would be lifted next week")]


def test_adjectival_uses_are_not_cues() -> None:
    assert claims("The show was cancelled after the storm hit the coast.") == []
    assert claims("Police found the car abandoned near the border crossing.") == []


def test_a_quotation_signed_with_a_dash() -> None:
    found = claims("“He represents our greatest shame and we will not forget it.” ― Sonya Herridge\n\nNext paragraph.")
    assert found == [("Sonya Herridge", "―", "He represents our greatest shame and we will not forget it")]


def test_a_dash_signature_with_no_break_spaces_and_a_full_stop() -> None:
    text = "“That is just the opinion of a voter.”\u00a0―\u00a0Julie A. Diaz Martinez.\n\nMore follows."
    found = claims(text)
    assert found == [("Julie A. Diaz Martinez", "―", "That is just the opinion of a voter")]


def test_a_dash_signature_with_spaces_before_the_line_ends() -> None:
    text = "“We will not forget it. He represents our greatest shame.”― Pamela Padilla \n“Next one.” ― A. Reader"
    found = claims(text, raw=True)  # a library user's text, not normalised: the space stays before the break
    assert ("Pamela Padilla", "―", "We will not forget it. He represents our greatest shame") in found


def test_a_participle_after_a_comma_takes_the_subject() -> None:
    found = claims("Warren praised the governor's record on schools, saying she had steady hands in a crisis.")
    assert ("Warren", "saying", "she had steady hands in a crisis") in found


def test_demands_refusals_and_decisions_are_cues() -> None:
    assert claims("The union demanded that the ministry pay the March wages.") == [
        ("The union", "demanded", "the ministry pay the March wages")
    ]
    assert claims("The governor refuses to lift the curfew in the capital.") == [
        ("The governor", "refuses", "to lift the curfew in the capital")
    ]


def test_feeling_chanting_and_offering_need_a_clause_or_a_quotation() -> None:
    assert claims("Residents felt the blast across the city.") == []
    assert claims("Protesters chanted slogans outside the embassy.") == []
    assert claims("Turkey offered aid to the flood victims.") == []
    assert claims("The minister felt that the strikes were justified.") == [
        ("The minister", "felt", "the strikes were justified")
    ]


def test_a_block_quotation_under_its_colon_cue() -> None:
    text = 'Donors gave less.\n\nThe local paper reports:\n\n"Only a quarter of the donors gave over $200."\n\nNext.'
    assert claims(text) == [("The local paper", "reports", "Only a quarter of the donors gave over $200")]
    assert claims('The rules:\n\n"No one may enter the zone after dark, by order of the command."') == []


def test_a_document_speaks_through_its_relative_clause() -> None:
    assert claims("The ministry issued a statement that said the strikes hit only military targets.") == [
        ("a statement", "said", "the strikes hit only military targets")
    ]
    found = claims("He released a letter from his doctor on Friday that says he is in good health.")
    assert found == [("a letter from his doctor", "says", "he is in good health")]


def test_calling_someone_something_is_an_opinion() -> None:
    (found,) = claims("His former partner, Lawrence Cummings, called him a master at impossible transactions.")
    assert found[1] == "called" and "master" in found[2]
    assert claims("The group, called the Legacy Fund, will still own the park.") == []


def speakers(text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    ctx = Context(PipelineOptions(), Resources(PipelineOptions()))
    doc = Document.from_text(text)
    for stage in (SegmentStage(ctx), MentionsStage(ctx), ClaimsStage(ctx)):
        doc = stage(doc)
    return [(c.speaker.text, c.speaker.name, c.speaker.role, c.speaker.organization) for c in doc.claims]


def test_an_organisation_keeps_its_of_tail() -> None:
    found = speakers("A soldier died in an explosion in Syria, the Ministry of Defence has said.")
    assert found == [("the Ministry of Defence", "Ministry of Defence", None, "Ministry of Defence")]


def test_a_role_phrase_starts_at_its_own_determiner_and_takes_the_appositive_name() -> None:
    found = speakers("On the same day the US president, Donald Trump, announced that the troops would leave.")
    assert found == [("the US president", "Donald Trump", "president", None)]
    found = speakers("A spokesman for the US military said they were working to find the cause.")
    assert [f[:3] for f in found] == [("A spokesman for the US military", None, "spokesman")]


def test_a_role_noun_phrase_after_an_introduction_is_the_gerund_speaker() -> None:
    found = speakers(
        "But earlier this year, senior Emirati officials began to restore ties with Damascus, "
        "encouraging their allies to do the same."
    )
    assert [f[0] for f in found] == ["senior Emirati officials"]


def test_a_possessive_owner_before_the_role_of_an_appositive_name() -> None:
    found = speakers("Turkey’s president, Recep Tayyip Erdoğan, said on Friday that Turkey would stay.")
    assert found == [("Turkey’s president", "Recep Tayyip Erdoğan", "president", None)]


def test_a_plural_noun_before_a_relative_that_is_no_cue() -> None:
    assert claims("Front lines often follow boundaries that divide clans or castes.") == []
    assert claims("The truth remains that the wars that seem to inspire the fanatics are local.") == []
    found = claims("She tweets that perhaps the deal is dead.")
    assert found == [("She", "tweets", "perhaps the deal is dead")]


def test_a_relative_which_inside_the_phrase_is_not_part_of_the_speaker() -> None:
    found = claims("Officials released the figures, an announcement which insiders said was a response to pressure.")
    assert all(not speaker.lower().startswith("an announcement") for speaker, _, _ in found)


def test_a_participle_accused_of_is_not_speech_and_negation_is_not_the_speaker() -> None:
    assert claims("He lied about his ties to the two men accused of carrying out the bombing.") == []
    assert [f[:2] for f in claims("Prosecutors accused him of lying to investigators.")] == [("Prosecutors", "accused")]
    assert [f[0] for f in claims("The monitor had not reported that the town fell.")] == ["The monitor"]


def test_a_common_noun_antecedent_of_who_speaks() -> None:
    found = claims("Trump refused to pay an architect who said he was never paid for the work.")
    assert ("an architect who", "said", "he was never paid for the work") in found


def test_which_he_said_is_his_claim() -> None:
    found = claims("He attacked the donations, which he said were accompanied by demands for favours.")
    assert [f[:2] for f in found if f[1] == "said"] == [("he", "said")]


def test_a_year_between_who_and_the_cue_and_a_role_for_someone() -> None:
    found = claims("McConnell, who in 2010 said the goal was to defeat Obama, refused to comment.")
    assert [f[:2] for f in found if f[1] == "said"] == [("McConnell", "said")]
    found = claims("The family watched the video on Thursday, attorneys for the family said.")
    assert found == [("attorneys for the family", "said", "The family watched the video on Thursday")]


def test_a_cue_word_after_a_determiner_is_a_noun() -> None:
    assert claims("His plans to rebuild the bridge stalled in the spring.") == []
    assert [f[:2] for f in claims("The ministry plans to open the crossing on Monday.")] == [("The ministry", "plans")]


def test_footage_images_and_surveys_speak_through_what_they_show() -> None:
    assert claims("Satellite images show that the airbase was hit.") == [
        ("Satellite images", "show", "the airbase was hit")
    ]
    found = claims("Video of the incident shows him with his hands in the air.")
    assert [f[:2] for f in found] == [("Video of the incident", "shows")]
    found = claims("A new survey by the ministry found that 40 villages were empty.")
    assert [f[:2] for f in found] == [("A new survey by the ministry", "found")]


def test_called_a_long_object_a_judgement() -> None:
    found = claims("At the forum, the senator called her vote in favor of the war a mistake.")
    assert [f[:2] for f in found] == [("the senator", "called")]


def test_war_reporting_attributions() -> None:
    found = claims("Ukraine's air force said on Telegram that it shot down 30 drones overnight.")
    assert found == [("Ukraine's air force", "said", "it shot down 30 drones overnight")]
    found = claims("The Islamic State group claimed responsibility for the attack in a statement.")
    assert [f[:2] for f in found] == [("The Islamic State group", "claimed responsibility")]
    found = claims("Residents reported hearing loud explosions near the airport.")
    assert [f[:2] for f in found] == [("Residents", "reported")]
    found = claims("The attack killed 15 people, according to a local official who spoke on condition of anonymity.")
    assert found == [("a local official", "according to", "The attack killed 15 people")]


def test_media_participles_and_whom_a_speaker_told() -> None:
    found = claims("Footage posted on social media showed smoke rising over the port.")
    assert found == [("Footage posted on social media", "showed", "smoke rising over the port")]
    found = claims("In a video posted online, the group said it had captured the town.")
    assert found == [("the group", "said", "it had captured the town")]
    found = claims("Military spokesman Daniel Hagari told reporters the strike targeted a commander.")
    assert [f[1:] for f in found] == [("told", "the strike targeted a commander")]


def test_coordinated_speakers_after_a_comma() -> None:
    found = claims("Shelling killed 17 civilians in the town, rescue workers and a war monitor said.")
    assert found == [("rescue workers and a war monitor", "said", "Shelling killed 17 civilians in the town")]


def test_a_finding_noun_inside_a_verb_phrase_is_no_speaker() -> None:
    found = claims("The faction said it downed a drone, and posted photographs of what it said was the wreckage.")
    assert all(not speaker.lower().startswith("posted") for speaker, _, _ in found)


def test_a_lead_in_before_the_speaker_is_not_the_content_when_a_clause_follows_the_cue() -> None:
    found = claims("Speaking at a rally in Novi, Michigan, Trump says he is making a demand of the president.")
    assert found == [("Trump", "says", "he is making a demand of the president")]
    found = claims(
        "At a rally Friday in Coral Springs, Florida, Clinton questioned what kind of person sends such tweets."
    )
    assert found == [("Clinton", "questioned", "what kind of person sends such tweets")]


def test_content_before_the_speaker_stays_when_only_a_day_or_a_listener_follows_the_cue() -> None:
    found = claims("Over the weekend, the army withdrew from the town, the minister said Friday.")
    assert found == [("the minister", "said", "Over the weekend, the army withdrew from the town")]
    found = claims("Over the weekend, the army lifted the blockade of the airbase, Konashenkov told Ruptly.")
    assert found == [("Konashenkov", "told", "Over the weekend, the army lifted the blockade of the airbase")]


def test_a_plain_clause_subject_is_the_speaker() -> None:
    found = claims("Top committee leaders told reporters that they do not spend money on safe seats.")
    assert found == [("Top committee leaders", "told", "they do not spend money on safe seats")]
    found = claims("Seventy-four percent of registered voters say they have a favorable view of the governor.")
    assert found == [("Seventy-four percent of registered voters", "say", "they have a favorable view of the governor")]
    # a clause that opens with a preposition or holds a verb is no plain subject
    assert claims("After the vote was counted the officials said the result would stand.")[0][0] != (
        "After the vote was counted the officials"
    )


def test_a_common_noun_speaker_after_a_quotation() -> None:
    found = claims("“Anything less than a clear contrast with such fear-mongering will only hurt,” the letter says.")
    assert found == [
        ("the letter", "says", "Anything less than a clear contrast with such fear-mongering will only hurt")
    ]
    found = claims("“They got great ratings, the best in years,” the billionaire business mogul told People.")
    assert found == [("the billionaire business mogul", "told", "They got great ratings, the best in years")]


def test_a_long_according_to_source() -> None:
    text = (
        "According to early results of exit polls conducted for the news agency and television networks, turnout rose."
    )
    found = claims(text)
    assert found == [
        (
            "early results of exit polls conducted for the news agency and television networks",
            "According to",
            "turnout rose",
        )
    ]


def test_the_kind_of_speaker_before_its_name_is_part_of_the_speaker() -> None:
    found = claims("He was headed to Cairo for meetings, the news site RTL Info reported.")
    assert found == [("the news site RTL Info", "reported", "He was headed to Cairo for meetings")]
    for text, name in (
        ("He was headed to Cairo for meetings, the news site RTL Info reported.", "RTL Info"),
        ("The farmer Ali Hassan, who said the shelling began at dawn, fled north.", "Ali Hassan"),
    ):
        assert claim_records(text)[0].speaker.name == name


def test_seeing_someone_as_something_is_an_opinion() -> None:
    found = claims("Four in 10 voters see the campaign of the senator as most unfair.")
    assert found == [("Four in 10 voters", "see", "the campaign of the senator as most unfair")]
    assert claims("The city saw heavy fighting as rebels advanced on the airport.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a possessive in the lead in is not a quotation
        (
            "Later, in front of the club at Fratello’s Grille, Trump said the governor is not smart enough to win.",
            ("Trump", "said", "the governor is not smart enough to win"),
        ),
        # an appositive between dashes stands between speaker and cue
        (
            "Jason Sims — a teacher from Mount Pleasant — says he made a late decision to vote for the senator.",
            ("Jason Sims", "says", "he made a late decision to vote for the senator"),
        ),
        # whom a speaker told is not the content
        (
            "Clinton did not name him, but told city leaders that the country should be governed by the able.",
            ("Clinton", "told", "the country should be governed by the able"),
        ),
        # a listener after "told" ends the sentence: the content comes before the speaker
        (
            "He had been completing his second year, a school spokesman told The Wall Street Journal.",
            ("a school spokesman", "told", "He had been completing his second year"),
        ),
        # a comma after the speaker's parenthesis
        (
            "Gov. John Kasich (R-OH), said, “I’m getting ready to rent a covered wagon.”",
            ("John Kasich", "said", "I’m getting ready to rent a covered wagon"),
        ),
    ],
)
def test_one_claim_with_its_speaker_cue_and_content(text: str, expected: tuple[str, str, str]) -> None:
    assert claims(text) == [expected]
