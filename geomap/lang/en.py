"""English news language that the event stages share: one place for the words.

Incident triggers (which sentences report an incident), the ACLED event/sub-event type each
phrase reports, number words, casualty verbs and the nouns that name people. The stages
(:mod:`geomap.events.extract`, :mod:`geomap.events.classify`, :mod:`geomap.events.numbers`,
:mod:`geomap.locate.relative`) import from here, so a phrase added for one stage is seen by all.
General news English only: no entry is specific to one article, region or data set. All
patterns are alternations of literals with bounded repetitions (linear time).
"""

from __future__ import annotations

import re

# --- number words -------------------------------------------------------------------------

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

VAGUE_LOWER_BOUNDS = {
    "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "tens of thousands": 20_000,
    "hundreds of thousands": 200_000, "millions": 2_000_000, "several": 3, "a few": 2,
    "a couple": 2, "many": 2, "numerous": 2,
}
"""Smallest value each vague phrase allows (plural "dozens" is at least two dozen)."""


# --- incident triggers ----------------------------------------------------------------------

STRONG_TRIGGER = re.compile(
    r"\b(?:killed|killings?|clash(?:es|ed)?|gun\s?fights?|fire\s?fights?"
    r"|shoot-?outs?|explosions?|exploded|blasts?|bombings?|bombed|bombers?|shelling|shelled"
    r"|air\s?strikes?|drone\sstrikes?|riot(?:s|ers|ing)?|protest(?:s|ers|ed)|protesters"
    r"|demonstrators|shot\sdead|shooting|stabb(?:ed|ing)|wound(?:ed|ing)|injur(?:ed|ing|ies)"
    r"|kidnap(?:ped|ping|pers)|abduct(?:ed|ing|ion)|hostages?|arrested|detained|ambush(?:ed)?"
    r"|massacre[ds]?|grenades?|tear\s?gas|rubber\sbullets|water\scannons?|retook|recaptured"
    r"|overran"
    r"|IEDs?|landmines?|murder(?:ed)?|gunm[ae]n|neutrali[sz]ed|opened\sfire)\b",
    re.IGNORECASE,
)
"""Words that alone make a sentence report a violent incident, protest or arrest."""

WEAK_TRIGGER = re.compile(
    r"\b(?:attack(?:s|ed|ers|ing)?|assault(?:s|ed)?|fighting|battles?|raid(?:s|ed)?|shot|dead|died"
    r"|deaths?"
    r"|bombs?|rockets?|mortars?|missiles?|stormed)\b",
    re.IGNORECASE,
)
"""Words that report an incident only next to a :data:`CONTEXT` word ("attack" in sport,
"shot" in photography, "battles" in politics, "dead mullet", "a dead end" are not incidents)."""

CONTEXT = re.compile(
    r"\b(?:soldiers?|troops|army|military|police(?:m[ae]n)?|officers?|guards?|forces|militants?"
    r"|rebels?|insurgents?|jihadists?|terrorists?|terror|extremists?|gunm[ae]n|assailants?"
    r"|attackers?|armed|civilians?|people|victims?|villagers?|residents?|man|woman|men|women"
    r"|boy|girl|child(?:ren)?|border\spost|checkpoint|base|convoy|guns?|rifles?|knife"
    r"|weapons?|explosives?|nerve\sagent|chemical|suicide)\b",
    re.IGNORECASE,
)

GENERIC = re.compile(
    r"\b(?:[Ff]requent(?:ly)?|often|[Rr]egularly|routinely|[Uu]sually|typically|series\sof"
    r"|scene\sof|prone\sto|history\sof|include|ha(?:s|ve)\sbeen\shit\sby|[Oo]ver\sthe\spast"
    r"|[Ii]n\srecent\s(?:years|months))\b"
)
"""Habitual or descriptive wording: the sentence is about a pattern, not an incident."""

ACCIDENT = re.compile(
    r"\b(?:crash(?:ed|es)?|accident(?:s|al|ally)?|collision|collided|drown(?:ed|ing)|overdose"
    r"|(?:heart|panic|asthma)\sattacks?|natural\scauses|illness|cancer|stroke|complications"
    r"|floods?|flooding|earthquake|tornado|hurricane|storm|wildfire|avalanche|landslide|blaze"
    r"|(?<!opened\s)(?<!set\s)(?<!open\s)(?<!under\s)(?<!gun)fires?)\b",
    re.IGNORECASE,
)
SPORT = re.compile(
    r"\b(?:teams?|match(?:es)?|games?|league|cup|season|coach|players?|goals?|tournament"
    r"|championship|playoffs?|semi-?finals?|finals?|fans|striker|quarterback|innings)\b",
    re.IGNORECASE,
)
HYPOTHETICAL = re.compile(
    r"\b(?:threat(?:en(?:ed|s|ing)?)?\sto|vow(?:ed|s)?\sto|plan(?:s|ned)?\sto|plot(?:ted)?\sto)\s",
    re.IGNORECASE,
)
VIOLENT_CORE = re.compile(
    r"\b(?:shot|stabb(?:ed|ing)|guns?|gunfire|gunm[ae]n|bomb\w*|explosi\w*|militants?|murder\w*"
    r"|terror\w*)\b",
    re.IGNORECASE,
)
VIOLENT = re.compile(
    r"\b(?:assault\w*|clash\w*|riot\w*|protest\w*|arson\w*|set\sfire|torched|opened\sfire)\b",
    re.IGNORECASE,
)
"""Accidents, disasters and sport are not coded as events unless the sentence also names
violence (sport: weapons or killing words only, since teams "clash" and "attack")."""


# --- casualties -----------------------------------------------------------------------------

FATAL_VERBS = r"killed|dead|died|shot\sdead|slain|murdered|executed|beheaded|massacred|lost\stheir\slives"
INJURED_VERBS = r"injured|wounded|hurt"
DETAINED_VERBS = r"detained|arrested|captured|taken\sinto\scustody|held|apprehended"
PERSON_NOUNS = (
    r"(?:people|persons?|civilians?|soldiers?|policem[ae]n|police\sofficers?|officers?|guards?|"
    r"m[ae]n|wom[ae]n|child(?:ren)?|boys?|girls?|troops|servicem[ae]n|militants?|fighters?|"
    r"rebels?|attackers?|assailants?|gunm[ae]n|jihadists?|journalists?|workers?|students?|"
    r"tourists?|villagers?|residents?|pilgrims?|worshippers?|passengers?|protesters?|"
    r"demonstrators?|prisoners?|inmates?|suspects?|border\sguards?|members?|others?|victims?|"
    r"militiam[ae]n|combatants?|insurgents?|terrorists?|agents?|personnel)"
)


# --- event types (ACLED) --------------------------------------------------------------------

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VAC = "Violence against civilians"
RIOTS = "Riots"
PROTESTS = "Protests"
STRATEGIC = "Strategic developments"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


TYPE_RULES: list[tuple[re.Pattern[str], str, str]] = [
    (_rx(r"\bsuicide\s(?:bomb|attack|blast|car|vest|belt)|\bsuicide\sbomber"), EXPLOSIONS,
     "Suicide bomb"),
    (_rx(r"\b(?:air\s?strikes?|drone\s(?:strike|attack)s?|air\sraids?|warplanes?|"
         r"airstrikes?|helicopter\sgunships?|aerial\sbombardment|bombed\sfrom\sthe\sair)\b"),
     EXPLOSIONS, "Air/drone strike"),
    (_rx(r"\b(?:shell(?:ing|ed|s)?|artillery|mortars?|rockets?|missiles?|howitzers?)\b"),
     EXPLOSIONS, "Shelling/artillery/missile attack"),
    (_rx(r"\bgrenades?\b"), EXPLOSIONS, "Grenade"),
    (_rx(r"\b(?:IEDs?|improvised\sexplosive|roadside\sbomb|landmines?|land\smines?|car\sbomb|"
         r"bomb(?:s|ing|ings|ed)?|explosions?|explosives?|blasts?|exploded|detonated)\b"),
     EXPLOSIONS, "Remote explosive/landmine/IED"),
    (_rx(r"\b(?:prison\sriot|jail\sriot|mob|mobs|lynch(?:ed|ing)?|vigilantes?)\b"), RIOTS,
     "Mob violence"),
    (_rx(r"\b(?:riot(?:s|ers|ing)?|violent\s(?:protest|demonstration)s?)\b"), RIOTS,
     "Violent demonstration"),
    (_rx(r"\b(?:protesters|demonstrators|crowds?)\s(?:\w+\s){0,4}?(?:clashed|threw\s(?:stones|rocks)"
         r"|torched|set\sfire|looted|stormed)\b"), RIOTS, "Violent demonstration"),
    (_rx(r"\b(?:protest(?:s|ers|ed|ing)?|demonstrat(?:ion|ions|ors|ed)|rall(?:y|ies)|sit-ins?"
         r"|strikers?|marched)\b"), PROTESTS, "Peaceful protest"),
    (_rx(r"\b(?:kidnap(?:ped|ping|pings|s)?|abduct(?:ed|ion|ions|s)?|hostages?|taken\scaptive"
         r"|disappeared)\b"), VAC, "Abduction/forced disappearance"),
    (_rx(r"\b(?:(?:army|troops|government\sforces|military|soldiers)\s(?:\w+\s){0,3}?"
         r"(?:recaptured|retook|regained|liberated|took\sback)|recaptured|retook|regained\s(?!consc))"
         r"\b"), BATTLES, "Government regains territory"),
    (_rx(r"\b(?:seized|captured|overran|took\scontrol\sof|took\sover)\s(?:\w+\s){0,3}?"
         r"(?:town|city|village|district|base|territory|area|province|region)\b"), BATTLES,
     "Non-state actor overtakes territory"),
    (_rx(r"\b(?:clash(?:es|ed)?|gun\s?fights?|fire\s?fights?|exchange\sof\sfire|exchanged\sfire"
         r"|shoot-?outs?|fighting|battles?|ambush(?:ed)?)\b"), BATTLES, "Armed clash"),
    (_rx(r"\b(?:attack(?:s|ed|ing)?|assault(?:s|ed)?|raid(?:s|ed)?|stormed|opened\sfire)\b"
         r"(?:\s[\w'-]+){0,6}?\s(?:(?:border|police|military|army)\s(?:post|station|base|"
         r"checkpoint|outpost|patrol|convoy)s?|checkpoints?|barracks|garrison|soldiers|troops|"
         r"police(?:men)?|security\sforces|border\sguards?)\b"), BATTLES, "Armed clash"),
    (_rx(r"\b(?:attack(?:s|ed|ing)?|assault(?:s|ed)?|kill(?:ed|ing|s)?|shot|shooting|stabb(?:ed|ing)"
         r"|massacre[ds]?|murder(?:ed|s)?|gunm[ae]n|beheaded|executed|killed|dead|died)\b"), VAC,
     "Attack"),
    (_rx(r"\b(?:arrest(?:s|ed)?|detain(?:ed|s)?|custody|captured)\b"), STRATEGIC, "Arrests"),
]


PROTEST_WORDS = _rx(r"\b(?:protest(?:s|ers|ed|ing)?|demonstrat(?:ion|ions|ors|ed)|rall(?:y|ies)|marchers)\b")
INTERVENTION_WORDS = _rx(
    r"\b(?:tear\s?gas|dispersed?|rubber\sbullets|water\scannons?|arrested|detained|batons?"
    r"|beat(?:en)?|broke\sup)\b"
)
