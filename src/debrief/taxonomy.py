"""The 30 event codes of the CASE 2021 Task 2 benchmark (25 ACLED sub-event types plus five
non-ACLED classes), with ACLED's event_type / sub_event_type names and the PLOVER event type and
CAMEO root code each maps to for export."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EventCode:
    code: str
    event_type: str
    sub_event_type: str
    plover: str | None
    cameo_root: str | None
    acled: bool = True


_TABLE: tuple[EventCode, ...] = (
    EventCode("ABDUCT_DISSAP", "Violence against civilians", "Abduction/forced disappearance", "ASSAULT", "18"),
    EventCode("AGREEMENT", "Strategic developments", "Agreement", "AGREE", "05"),
    EventCode("AIR_STRIKE", "Explosions/Remote violence", "Air/drone strike", "ASSAULT", "19"),
    EventCode("ARMED_CLASH", "Battles", "Armed clash", "ASSAULT", "19"),
    EventCode("ARREST", "Strategic developments", "Arrests", "COERCE", "17"),
    EventCode("ART_MISS_ATTACK", "Explosions/Remote violence", "Shelling/artillery/missile attack", "ASSAULT", "19"),
    EventCode("ATTACK", "Violence against civilians", "Attack", "ASSAULT", "18"),
    EventCode("CHANGE_TO_GROUP_ACT", "Strategic developments", "Change to group/activity", "MOBILIZE", "15"),
    EventCode("CHEM_WEAP", "Explosions/Remote violence", "Chemical weapon", "ASSAULT", "20"),
    EventCode("DISR_WEAP", "Strategic developments", "Disrupted weapons use", "COERCE", "17"),
    EventCode("FORCE_AGAINST_PROTEST", "Protests", "Excessive force against protesters", "COERCE", "17"),
    EventCode("GOV_REGAINS_TERIT", "Battles", "Government regains territory", "ASSAULT", "19"),
    EventCode("GRENADE", "Explosions/Remote violence", "Grenade", "ASSAULT", "18"),
    EventCode("HQ_ESTABLISHED", "Strategic developments", "Headquarters or base established", "MOBILIZE", "15"),
    EventCode("MOB_VIOL", "Riots", "Mob violence", "ASSAULT", "18"),
    EventCode("NON_STATE_ACTOR_OVERTAKES_TER", "Battles", "Non-state actor overtakes territory", "ASSAULT", "19"),
    EventCode(
        "NON_VIOL_TERRIT_TRANSFER", "Strategic developments", "Non-violent transfer of territory", "RETREAT", "08"
    ),
    EventCode("OTHER", "Strategic developments", "Other", None, None),
    EventCode("PEACE_PROTEST", "Protests", "Peaceful protest", "PROTEST", "14"),
    EventCode("PROPERTY_DISTRUCT", "Strategic developments", "Looting/property destruction", "COERCE", "17"),
    EventCode("PROTEST_WITH_INTER", "Protests", "Protest with intervention", "PROTEST", "14"),
    EventCode("REM_EXPLOS", "Explosions/Remote violence", "Remote explosive/landmine/IED", "ASSAULT", "18"),
    EventCode("SEX_VIOL", "Violence against civilians", "Sexual violence", "ASSAULT", "18"),
    EventCode("SUIC_BOMB", "Explosions/Remote violence", "Suicide bomb", "ASSAULT", "18"),
    EventCode("VIOL_DEMONSTR", "Riots", "Violent demonstration", "PROTEST", "14"),
    EventCode("ORG_CRIME", "Non-ACLED", "Organized crime", "COERCE", None, acled=False),
    EventCode("NATURAL_DISASTER", "Non-ACLED", "Natural disaster", None, None, acled=False),
    EventCode("MAN_MADE_DISASTER", "Non-ACLED", "Man-made disaster", None, None, acled=False),
    EventCode("DIPLO", "Non-ACLED", "Diplomatic event", "CONSULT", "04", acled=False),
    EventCode("ATTRIB", "Non-ACLED", "Attribution of responsibility", "ACCUSE", "11", acled=False),
)

EVENT_CODES: tuple[str, ...] = tuple(e.code for e in _TABLE)
ACLED_CODES: tuple[str, ...] = tuple(e.code for e in _TABLE if e.acled)
CODES_28: tuple[str, ...] = (*ACLED_CODES, "ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER")


def code_info(code: str) -> EventCode:
    """The mapping row of `code`; KeyError for a code outside the 30."""
    for row in _TABLE:
        if row.code == code:
            return row
    raise KeyError(f"unknown event code {code!r}; known: {', '.join(EVENT_CODES)}")
