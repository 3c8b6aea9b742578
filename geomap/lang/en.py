"""English news language that the event stages share: one place for the words.

Incident triggers (which sentences report an incident), the ACLED event/sub-event type each
phrase reports (the types themselves are listed in :mod:`geomap.events.types`), number words,
casualty verbs and the nouns that name people. The stages read these names through
:func:`geomap.lang.current` (the interface is declared in :mod:`geomap.lang`), so a phrase
added for one stage is seen by all, and French or Russian replace what they say differently.
General news English only: no entry is specific to one article, region or data set. All
patterns are alternations of literals with bounded repetitions (linear time).
"""

from __future__ import annotations

import re

from geomap.events.types import (
    BATTLES,
    CLASH_IF_ORGANISED,
    CROWD_VIOLENCE,
    EXPLOSIONS,
    PROTESTS,
    RIOTS,
    STRATEGIC,
    VAC,
)

CODE = "en"
"""ISO 639-1 code of this module's language (see :mod:`geomap.lang`)."""

# --- number words -------------------------------------------------------------------------

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "both": 2,
}
"""Number words ("both": two people, as in "both men were killed")."""
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
    r"|IEDs?|landmines?|murder(?:ed)?|gunm[ae]n|neutrali[sz]ed|opened\sfire"
    # protests as news reports them: "staged a protest", "held a demonstration", "a rally"
    r"|protest(?!\s(?:song|vote|music|movement\sof))|demonstrat(?:ed|ion|ions)|rallied"
    r"|sit-ins?|hunger\sstrikes?|picket(?:ed|ing)?|(?:staged|held)\s(?:a|an)\s(?:[\w-]+\s){0,2}?"
    r"(?:rally|march|strike|walkout|boycott)"
    # fire, artillery and offensives without a casualty: "fired 122mm artillery at", "fired on"
    r"|fired\s(?:[\w-]+\s){0,6}?(?:at|on|upon|into|towards|in\sthe\sdirection\sof)"
    r"|projectiles|bursts\sof\s(?:[\w-]+\s)?fire|shot\sdown|opened\s(?:[\w-]+\s){1,2}?fire"
    r"|regained\scontrol|protesting|(?:shots|rounds|shells)\s(?:were\s)?fired"
    r"|(?:artillery|missile|rocket|mortar)\s(?:fire|strikes?|attacks?|shells?|barrages?)"
    r"|launched\s(?:an?\s)?(?:[\w-]+\s){0,2}?offensive|counter-?offensive|repell?(?:ed|s)?"
    # one-sided violence and property: "executed seven civilians", "looted houses"
    r"|executed(?!\s(?:a|an|the)\s(?:[\w-]+\s){0,2}?(?:warrants?|orders?|plans?|contracts?"
    r"|deals?|agreements?|trades?|moves?|strateg(?:y|ies)|passes?|plays?))"
    r"|tortured|raped|sexually\sassaulted|lynched|looted|looting|looters|robbed|vandali[sz]ed"
    r"|torched|set\s(?:on\s)?fire|burn(?:ed|t)\sdown"
    # strategic developments of a war: civilians evacuated from a named town
    r"|humanitarian\scorridors?|evacuated\sfrom(?=\s(?-i:[A-Z])))\b",
    re.IGNORECASE,
)
"""Words that alone make a sentence report a violent incident, protest or arrest: violence
with or without casualties, protests ("staged a protest", "demonstrated"), fire and artillery
("fired at", "shelled", "artillery strikes"), offensives, executions, torture, looting and arson.
"""

WEAK_TRIGGER = re.compile(
    r"\b(?:attack(?:s|ed|ers|ing)?|assault(?:s|ed)?|fighting|battles?|raid(?:s|ed)?|shot|dead|died"
    r"|deaths?"
    r"|bombs?|rockets?|mortars?|missiles?|stormed|destroyed|(?:seized|captured)\s(?:the|a|an|control)"
    r"|abducted|beat(?:en)?"
    r"|advanced|offensive|attempted\sto\sadvance|shots"
    r"|(?:moving|moved|heading|headed|advancing)\s(?:towards?|in\sthe\sdirection\sof))\b",
    re.IGNORECASE,
)
"""Words that report an incident only next to a :data:`CONTEXT` word ("attack" in sport,
"shot" in photography, "battles" in politics, "dead mullet", "a dead end" are not incidents)."""

CONTEXT = re.compile(
    r"\b(?:soldiers?|troops|army|military|police(?:m[ae]n)?|officers?|guards?|forces|militants?"
    r"|rebels?|insurgents?|jihadists?|terrorists?|terror|extremists?|gunm[ae]n|assailants?"
    r"|attackers?|armed|civilians?|people|victims?|villagers?|residents?|man|woman|men|women"
    r"|boy|girl|child(?:ren)?|border\spost|checkpoint|base|convoy|guns?|rifles?|knife"
    r"|weapons?|explosives?|nerve\sagent|chemical|suicide|positions?|tanks?|vehicles?"
    r"|ammunition|armou?red|militia|artillery|journalists?|small\sarms|machine-?guns?"
    r"|teen(?:ager)?s?|toddlers?|infants?|bab(?:y|ies)|\d{1,3}-year-old|deput(?:y|ies)|troopers?"
    r"|suspects?|shooters?|(?:hand|shot)guns?|pistols?|gunshots?|bullets?)\b",
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
    r"\b(?:shot|shoot\w*|gunshots?|(?:hand|shot)guns?|stabb(?:ed|ing)|guns?|gunfire|gunm[ae]n"
    r"|bomb\w*|explosi\w*|militants?|murder\w*"
    r"|terror\w*)\b",
    re.IGNORECASE,
)
VIOLENT = re.compile(
    r"\b(?:assault\w*|clash\w*|riot\w*|protest\w*|arson\w*|set\s(?:on\s)?fire|torched"
    r"|opened\s(?:[\w-]+\s){0,2}?fire|shell(?:ed|ing)|artillery|mortars?|missiles?|air\s?strikes?"
    r"|tortured|burn(?:ed|t)\salive|bursts\sof\s(?:[\w-]+\s)?fire|small\sarms|machine-?guns?)\b",
    re.IGNORECASE,
)
"""Accidents, disasters and sport are not coded as events unless the sentence also names
violence (sport: weapons or killing words only, since teams "clash" and "attack")."""


# --- casualties -----------------------------------------------------------------------------

FATAL_VERBS = (
    r"shot\sand\skilled|shot\sto\sdeath|stabbed\sto\sdeath|beaten\sto\sdeath|burn(?:ed|t)\salive"
    r"|shot\sand\s(?:later\s)?died|(?:later\s)?died\s(?:of|from)\s(?:a\s|his\s|her\s)?(?:gunshot|wounds?)"
    r"|fatally\s(?:shot|wounded|injured|stabbed|struck|hit)|pronounced\sdead|found\sdead"
    r"|gunned\sdown|killed|dead|died|shot\sdead|slain|murdered|executed|beheaded|massacred"
    r"|lost\stheir\slives|succumbed|deceased|did\snot\ssurvive|didn't\ssurvive"
)
"""Passive and intransitive verbs of dying ("were killed", "was shot and killed", "died")."""
INJURED_VERBS = r"injured|wounded|hurt|hospitali[sz]ed"
DETAINED_VERBS = r"detained|arrested|captured|taken\sinto\scustody|held|apprehended"
SHOT_VERBS = (
    r"shot(?!\s(?:dead|and\skilled|to\sdeath|down))|(?:struck|hit)\sby\s(?:gunfire|(?:a\s|stray\s)?"
    r"bullets?)"
)
"""People shot whose fate the phrase does not say: news counts them as wounded unless they
died (:func:`geomap.events.numbers.combine_casualties` subtracts the dead)."""
FATAL_ACTIVE = (
    r"shot\sand\skilled|shooting\sand\skilling|fatally\s(?:shot|shooting|stabbed|stabbing)"
    r"|shot\sto\sdeath|stabbed\sto\sdeath|shot\sdead|gunned\sdown|killed|killing|murdered"
    r"|murdering|executed|executing|(?:claim|tak)(?:ed|ing)\sthe\sli(?:fe|ves)\sof|took\sthe\sli(?:fe|ves)\sof"
)
"""Active verbs whose object died ("shot dead a civilian man", "killing his wife")."""
WOUND_ACTIVE = r"wounded|wounding|injured|injuring"
SHOT_ACTIVE = r"shot(?!\s(?:dead|and\skilled|to\sdeath|down))|shooting(?!\sand\skilling)"
PERSON_NOUNS = (
    r"(?:people|persons?|civilians?|soldiers?|policem[ae]n|police\sofficers?|officers?|guards?|"
    r"m[ae]n|wom[ae]n|child(?:ren)?|boys?|girls?|troops|servicem[ae]n|militants?|fighters?|"
    r"rebels?|attackers?|assailants?|gunm[ae]n|jihadists?|journalists?|workers?|students?|"
    r"tourists?|villagers?|residents?|pilgrims?|worshippers?|passengers?|protesters?|"
    r"demonstrators?|prisoners?|inmates?|suspects?|border\sguards?|members?|others?|victims?|"
    r"militiam[ae]n|combatants?|insurgents?|terrorists?|agents?|personnel|"
    r"teen(?:ager)?s?|toddlers?|infants?|bab(?:y|ies)|deput(?:y|ies)|troopers?|"
    r"(?:grand)?(?:father|mother|son|daughter)s?|husbands?|wi(?:fe|ves)|brothers?|sisters?|"
    r"(?:girl|boy)friends?|fianc[eé]e?s?|neighbou?rs?|drivers?|clerks?|employees?|customers?|"
    r"bystanders?|shooters?|motorists?|individuals?|cousins?|nephews?|nieces?|relatives?|"
    r"friends?|patrons?|youths?|adults?|juveniles?|males?|females?|teachers?|doctors?|nurses?|"
    r"hunters?|firefighters?|owners?|guests?|kids?|shoppers?|partygoers?|revell?ers?|spectators?|"
    r"\d{1,3}[\s-](?:year|month)[\s-]olds?)"
)


# --- event types (ACLED) --------------------------------------------------------------------

# The types themselves are registered in geomap.events.types (re-exported here for the
# other language modules' ``from geomap.lang.en import *``).


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


ORGANISED_ARMED = re.compile(
    r"\b(?:forces|troops|soldiers|army|military|militants?|rebels?|insurgents?|militias?"
    r"|jihadists?|fighters|separatists|guerrillas?|positions|units|paramilitar\w*)\b",
    re.IGNORECASE,
)
CRIME_STORY = re.compile(
    r"\b(?:gunm[ae]n|shooters?|suspects?|victims?|robbery|homicides?|murder\w*|police|sheriff\w*"
    r"|deputies|detectives?)\b",
    re.IGNORECASE,
)

_CROWD = (r"(?:people|villagers|residents|locals|youths?|workers|students|supporters|protesters"
          r"|demonstrators|crowds?|mobs?|(?:a\s|two\s)?groups?\sof\s(?:[\w-]+\s){0,2}?"
          r"(?:people|youths?|villagers|residents|locals|individuals|assailants|men))")
_GUNS = r"(?:shot|shoot\w*|gun\w*|fired|firearms?|rifles?|pistols?|bullets?|stabb\w*|knife|killed)"

TYPE_RULES: list[tuple[re.Pattern[str], str, str]] = [
    (_rx(r"\bsuicide\s(?:bomb|attack|blast|car|vest|belt)|\bsuicide\sbomber"), EXPLOSIONS,
     "Suicide bomb"),
    # air defence: a missile or drone shot down is a disrupted weapon, an aircraft a strike on it
    (_rx(r"\b(?:shot\sdown|intercepted|downed)\s(?:[\w-]+\s){0,4}?(?:missiles?|rockets?)\b"),
     STRATEGIC, "Disrupted weapons use"),
    (_rx(r"\b(?:air\s?strikes?|drone\s(?:strike|attack)s?|air\sraids?|warplanes?|"
         r"airstrikes?|helicopter\sgunships?|aerial\sbombardment|bombed\sfrom\sthe\sair)\b"),
     EXPLOSIONS, "Air/drone strike"),
    # direct fire between armed groups ("small arms and grenade launchers") is a clash
    (_rx(r"\b(?:small\sarms|(?:heavy\s)?machine-?guns?|automatic\sweapons|unspecified\sweapons)\b"
         r"(?:\s[\w'-]+){0,8}?\s(?:at|on|upon|against)\s(?:[\w'-]+\s){0,6}?(?:positions?|units?"
         r"|forces|troops|soldiers|militia|checkpoints?)\b"), BATTLES, "Armed clash"),
    # fire exchanged across a front line, or bursts of small-arms fire: a clash
    (_rx(r"\b(?:in\sboth\sdirections|bursts\sof\s(?:[\w-]+\s)?fire|shots\sinvolving\ssmall\sarms)"
         r"\b"), BATTLES, "Armed clash"),
    (_rx(r"\b(?:(?<!gas\s)shell(?:ing|ed|s)?|artillery|mortars?|rockets?|missiles?|howitzers?"
         r"|projectiles"
         r"|heavy\s(?:guns|weapons)|shot\sdown|downed)\b"),
     EXPLOSIONS, "Shelling/artillery/missile attack"),
    (_rx(r"\b(?:hurled|threw|throwing|pelted)\s(?:[\w-]+\s){0,2}?(?:stones|rocks|bricks"
         r"|bottles|petrol\sbombs|molotov)"), RIOTS, CROWD_VIOLENCE),
    (_rx(r"\bgrenades?\b"), EXPLOSIONS, "Grenade"),
    (_rx(r"\b(?:IEDs?|improvised\sexplosive|roadside\sbomb|landmines?|land\smines?|car\sbomb|"
         r"bomb(?:s|ing|ings|ed)?|explosions?|explosives?|blasts?|exploded|detonated)\b"),
     EXPLOSIONS, "Remote explosive/landmine/IED"),
    (_rx(r"\b(?:prison\sriot|jail\sriot|mob|mobs|lynch(?:ed|ing)?|vigilantes?)\b"), RIOTS,
     "Mob violence"),
    (_rx(r"\b(?:riot(?:s|ers|ing)?|violent\s(?:protest|demonstration)s?)\b"), RIOTS,
     "Violent demonstration"),
    (_rx(r"\b(?:protesters|demonstrators|crowds?)\s(?:\w+\s){0,4}?(?:clashed|threw\s(?:stones|rocks)"
         r"|torched|set\sfire|looted|stormed|attacked|vandali[sz]ed|damaged)\b"), RIOTS,
     "Violent demonstration"),
    # a crowd that fights without weapons: "two groups of people clashed", "villagers clashed"
    (_rx(r"\b" + _CROWD + r"\s(?:[\w-]+\s){0,4}?(?:clashed|attacked|assaulted|beat|vandali[sz]ed"
         r"|looted|stormed|torched|set\sfire)\b|\bclash(?:es)?\s(?:broke\sout\s)?between\s(?:two\s)?"
         r"groups\b|\bturned\sinto\sa\sclash\b"), RIOTS, CROWD_VIOLENCE),
    (_rx(r"\b(?:protest(?:s|ers|ed|ing)?|demonstrat(?:ion|ions|ors|ed)|rall(?:y|ies|ied)|sit-ins?"
         r"|strikers?|marched|picket(?:ed|ing)?|hunger\sstrikes?)\b"), PROTESTS,
     "Peaceful protest"),
    (_rx(r"\b(?:kidnap(?:ped|ping|pings|s)?|abduct(?:ed|ion|ions|s)?|hostages?|taken\scaptive"
         r"|disappeared)\b"), VAC, "Abduction/forced disappearance"),
    (_rx(r"\b(?:raped|rape|sexual(?:ly)?\s(?:assault(?:ed)?|violence|abuse[d]?))\b"), VAC,
     "Sexual violence"),
    (_rx(r"\b(?:(?:army|troops|government\sforces|military|soldiers)\s(?:\w+\s){0,3}?"
         r"(?:recaptured|retook|regained|liberated|took\sback)|recaptured|retook|regained\s(?!consc))"
         r"\b"), BATTLES, "Government regains territory"),
    (_rx(r"\b(?:seized|captured|overran|took\scontrol\sof|took\sover)\s(?:\w+\s){0,3}?"
         r"(?:town|city|village|district|base|territory|area|province|region|control)\b"), BATTLES,
     "Non-state actor overtakes territory"),
    (_rx(r"\b(?:clash(?:es|ed|ing)?|gun\s?fights?|fire\s?fights?|exchange\sof\sfire|exchanged\sfire"
         r"|shoot-?outs?|fighting|battles?|ambush(?:ed)?|offensives?|counter-?attack(?:s|ed)?"
         r"|repell?(?:ed|s)?)\b"), BATTLES, CLASH_IF_ORGANISED),
    (_rx(r"\bfired\s(?:[\w'-]+\s){0,6}?(?:at|on|upon)\s(?:[\w'-]+\s){0,6}?(?:positions|units"
         r"|regiment|troops|soldiers)\b"), BATTLES, "Armed clash"),
    (_rx(r"\b(?:attack(?:s|ed|ing)?|assault(?:s|ed)?|raid(?:s|ed)?|stormed|opened\sfire)\b"
         r"(?:\s[\w'-]+){0,6}?\s(?:(?:border|police|military|army)\s(?:post|station|base|"
         r"checkpoint|outpost|patrol|convoy)s?|checkpoints?|barracks|garrison|soldiers|troops|"
         r"police(?:men)?|security\sforces|border\sguards?|positions|units|regiment)\b"), BATTLES,
     "Armed clash"),
    (_rx(r"\b(?:attack(?:s|ed|ing)?|assault(?:s|ed)?|kill(?:ed|ing|s)?|shot|shooting|stabb(?:ed|ing)"
         r"|massacre[ds]?|murder(?:ed|s)?|gunm[ae]n|beheaded|executed|killed|dead|died|tortured"
         r"|opened\s(?:[\w-]+\s){0,2}?fire|beat(?:en)?|burn(?:ed|t)\salive)\b"), VAC,
     "Attack"),
    # state or armed forces firing at a place with no victim named: indirect fire
    (_rx(r"\b(?:forces|military|troops|army|rebels|militia)\s(?:[\w-]+\s){0,4}?fired\s"
         r"(?:[\w-]+\s){0,4}?(?:at|on|upon|in\sthe\sdirection\sof)\b"), EXPLOSIONS,
     "Shelling/artillery/missile attack"),
    (_rx(r"\b(?:loot(?:ed|ing)|looters|plunder(?:ed|ing)|vandali[sz](?:ed|ing)|robbed|torched"
         r"|set\s(?:on\s)?fire|burn(?:ed|t)\sdown|destroyed|damaged)\b"), STRATEGIC,
     "Looting/property destruction"),
    (_rx(r"\b(?:seized|confiscated|defused|dismantled)\s(?:[\w-]+\s){0,4}?(?:weapons|arms"
         r"|ammunition|explosives|mines|IEDs?|rifles|guns)\b"), STRATEGIC, "Disrupted weapons use"),
    (_rx(r"\b(?:arrest(?:s|ed)?|detain(?:ed|s)?|custody|captured)\b"), STRATEGIC, "Arrests"),
    # troop movements and evacuations: ACLED's strategic developments without violence
    (_rx(r"\b(?:evacuat(?:ed|ion)|humanitarian\scorridors?|(?:moving|moved|heading|headed|advancing)"
         r"\s(?:towards?|in\sthe\sdirection\sof))\b"), STRATEGIC, "Other"),
]
"""(pattern, event type, sub-event type) in order: the first that matches decides."""

UNLESS_GUNS = _rx(r"\b" + _GUNS + r"\b")
"""Crowd violence is coded only when no one used a gun or knife (then it is an attack)."""


PROTEST_WORDS = _rx(r"\b(?:protest(?:s|ers|ed|ing)?|demonstrat(?:ion|ions|ors|ed)|rall(?:y|ies)|marchers)\b")
INTERVENTION_WORDS = _rx(
    r"\b(?:tear\s?gas|dispersed?|rubber\sbullets|water\scannons?|arrested|detained|batons?"
    r"|beat(?:en)?|broke\sup)\b"
)


# --- dates: holidays -------------------------------------------------------------------------

HOLIDAYS: dict[str, tuple[str, int, int, int]] = {
    "christmas eve": ("fixed", 12, 24, 0), "christmas day": ("fixed", 12, 25, 0),
    "christmas": ("fixed", 12, 25, 0), "new year's eve": ("fixed", 12, 31, 0),
    "new year's day": ("fixed", 1, 1, 0), "new year's": ("fixed", 1, 1, 0),
    "fourth of july": ("fixed", 7, 4, 0), "july fourth": ("fixed", 7, 4, 0),
    "independence day": ("fixed", 7, 4, 0), "halloween": ("fixed", 10, 31, 0),
    "valentine's day": ("fixed", 2, 14, 0), "st. patrick's day": ("fixed", 3, 17, 0),
    "thanksgiving day": ("nth", 11, 3, 4), "thanksgiving": ("nth", 11, 3, 4),
    "mother's day": ("nth", 5, 6, 2), "father's day": ("nth", 6, 6, 3),
    "labor day": ("nth", 9, 0, 1), "memorial day": ("last", 5, 0, 0),
    "easter sunday": ("easter", 0, 0, 0), "easter": ("easter", 0, 0, 0),
}
"""Holidays news dates incidents by ("on Christmas Eve", "a Fourth of July party"): (rule, month,
weekday, n): "fixed" month/day (day in the third field), "nth" the n-th weekday (Monday 0) of
the month, "last" the last such weekday, "easter" Western Easter Sunday."""


SEASONAL_HOLIDAYS = frozenset({"christmas"})
"""Holidays whose bare name before "party", "dinner", "shopping" ... names the season, not the
day: a Christmas party is held on any December evening (a Fourth of July party on the Fourth)."""
SEASON_NOUNS = r"part(?:y|ies)|dinner|shopping|tree|lights|parade|gathering|celebration|concert"
"""What a seasonal holiday's name qualifies when it names the season (:data:`SEASONAL_HOLIDAYS`)."""


# --- dates: what is not the incident's date -----------------------------------------------

LATER_STEP = re.compile(
    r"\b(?:arrested|arrest|charged|booked|arraigned|arraignment|indicted|sentenced|convicted"
    r"|pleaded|appeared|appears|court|custody|vigil|funeral|memorial|autopsy|identified|released"
    r"|(?:news|press)\sconference|reward|surrendered|turned\s(?:himself|herself)\sin|extradited"
    r"|buried|laid\sto\srest|remembered|honou?red|investigat(?:ing|ion|ors)|said|says|told"
    r"|condition|remain(?:s|ed)?|still|unclear|judge|surrendered|recovering|listed|on\sthe\srun"
    r"|mourn(?:ed|ing|s)?|gathered|pleaded|announced|apprehended|jail|prison|filed|complaint"
    r"|statement|indictment|bond|bail|hearing|update|reopen|news\srelease|e-?mail|searching"
    r"|(?:met|spoke)\swith|addressed|confirmed|in\scustody|manhunt|search\scontinued)\b",
    re.IGNORECASE,
)
"""Steps after an incident (arrest, charges, court, vigil, funeral, a statement): a date right
after one of these words ("was arrested Thursday", "said Monday") dates that step, not the
incident, when the sentence names the incident as a thing ("in connection with the shooting")."""
STATUS_WORDS = frozenset({
    "said", "says", "told", "condition", "remain", "remains", "remained", "still", "unclear",
    "judge", "surrendered", "recovering", "listed", "on the run", "mourn", "mourns", "mourned",
    "mourning", "gathered", "pleaded", "announced", "statement", "update", "email", "e-mail",
    "news release", "hearing", "bond", "bail", "confirmed", "addressed", "met with",
    "spoke with", "manhunt", "search continued", "reopen",
})
"""Later-step words that date a statement or a state ("in critical condition Tuesday", "still
on the run Thursday") whatever the sentence says about the incident."""
STEP_AFTER_DATE = re.compile(
    r"\s(?:said|says|announced|identified|confirmed|released|reported|told|pleaded|charged"
    r"|arrested|declined|urged|asked|filed)\b",
)
"""A statement or step right after a date ("Authorities Saturday said", "police on Tuesday
announced"): the date is the step's, not the incident's."""
INCIDENT_POSSESSIVE = re.compile(
    r"(?:['\u2019]s\s(?:[\w-]+\s){0,3}?|\s(?:(?:fatal|deadly|drive-by|double|triple|quadruple"
    r"|mass|accidental|apparent|random|targeted|gang-related|road-rage|officer-involved"
    r"|police|domestic|murder-suicide)\s){0,2})(?:shooting|killing|murder|slaying|homicide|attack|stabbing"
    r"|incident|robbery|blast|bombing|explosion|violence|gunfire|shootout|rampage)s?\b",
    re.IGNORECASE,
)
"""After a date: "Friday's Santa Monica shooting", "Tuesday's incident", "the August 14 shooting
death", "a Thursday evening homicide" name the incident's day itself, whatever else the sentence dates ("died Sunday from injuries sustained in Friday's
shooting")."""
CASUALTY_WORDS = re.compile(
    r"\b(?:died|dies|death|dead|killed|wounded|injured|hurt)\b", re.IGNORECASE
)
"""Words that tell of a casualty without a count ("his tragic death", "found dead"): a draft
that has them reports an incident, not only a later step."""
DIED_OF_INJURIES = re.compile(
    r"\b(?:died|dies|succumbed)\b(?=[^.;]{0,80}?\b(?:of|from|as\sa\sresult\sof|to)\s"
    r"(?:(?:his|her|their|the|its)\s)?(?:injuries|wounds)\b"
    r"|[^.;]{0,40}?\b(?:days?|weeks?|months?|hours)\s(?:after|since)\b)",
    re.IGNORECASE,
)
"""A death from injuries ("died Sunday from his injuries", "died Saturday, a week after she was
wounded", "died early Sunday as a result of his
injuries"): a later step, the wounding came earlier; a date right after it dates the death."""
INCIDENT_BEFORE_DATE = re.compile(
    r"\b(?:shot|shoots?|shootings?|shootout|gunfire|gunshots?|fired|opened\sfire|killed|slain"
    r"|wounded|injured|happened|occurred|erupted|attack(?:ed)?|murder(?:ed)?|found\sdead"
    r"|rang\sout|ambush(?:ed)?|stabbed|struck|discharged|went\soff|gunned\sdown)\b",
    re.IGNORECASE,
)
"""Incident language shortly before a date ("five people were shot early Sunday", "the shooting
happened around 5 a.m. on Sunday"), also between a later-step word and the date ("recovering
after they were shot Saturday night"): the date is the incident's own, not a later step's."""
INCIDENT_DATE_GAP = 60
"""Characters before a date searched for incident language (about one clause)."""
CLOCK_BEFORE_DATE = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2})?\s?[ap]\.?\s?m\b\.?,?\s(?:on\s)?$|\b(?:noon|midnight),?\s(?:on\s)?$",
    re.IGNORECASE,
)
"""A clock time right before a date ("at 2:15 p.m. Wednesday", "about 7 p.m. Feb. 9", "just
before midnight on Saturday"): news gives the time of the incident (of a call to police, of
shots), rarely of a later step, so the date is the incident's own."""
CLOCK_AFTER_DATE = re.compile(
    r",?\s(?:(?:at|around|about|near|shortly|just|before|after|approximately)\s){0,3}"
    r"\d{1,2}(?:[:.]\d{2})?\s?[ap]\.?\s?m\b",
    re.IGNORECASE,
)
"""A clock time right after a date ("on Sunday around 3 p.m.", "Sunday at about 2 p.m."): as
:data:`CLOCK_BEFORE_DATE`, the incident's time."""
HAPPENED = re.compile(r"\b(?:happened|occurred|took\splace|unfolded|broke\sout|erupted)\b",
                      re.IGNORECASE)
"""Between a step word and a date, the incident itself: "police say it happened late Saturday
night" dates the incident, not the statement."""
LATER_STEP_GAP = 45
"""Characters between a later-step word and a date that still attach the date to the step
("arrested Josh Smith, 22, on Sunday" fits; a new clause usually starts further on)."""
CHARGE_BEFORE_NOUN = re.compile(
    r"\b(?:charged|charges?|counts?|convicted|accused|guilty|indicted)\s"
    r"(?:(?!in\b|connection\b|relation\b)[\w-]+\s){0,3}?"
    r"(?:with|of|on|for)\s(?:[\w-]+\s){0,2}$",
    re.IGNORECASE,
)
"""Before an incident noun: the noun names a charge ("charged with first-degree murder
Thursday", "two counts of attempted murder"), not the incident, so a date after it is the
charge's ("charged in connection with a shooting Thursday" names the incident)."""
CHARGE_NOUN_SPAN = 40
"""Characters before an incident noun searched for :data:`CHARGE_BEFORE_NOUN`."""
INCIDENT_NOUN = re.compile(
    r"\b(?:shooting|killing|murder|death|slaying|homicide|attack|stabbing|assault|incident"
    r"|robbery|crime|case|blast|bombing|explosion)s?\b",
    re.IGNORECASE,
)
FOLLOW_UP_LEDE = re.compile(
    r"\b(?:arrest(?:ed|s)?|charged|charges|booked|arraigned|arraignment|indicted|indictment"
    r"|sentenced|convicted|pleaded|appeared|(?-i:court)|accused|vigil|funeral|memorial|mourn(?:ed|s)?"
    r"|buried|laid\sto\srest|remember(?:ed|s|ing)?|honou?red|autopsy|extradited|surrendered"
    r"|manhunt|in\sconnection\swith)\b",
    re.IGNORECASE,
)
"""A lede that reports a later step (an arrest, charges, court, a vigil or funeral): a
follow-up, whose incident happened on the day the article ties to it further on."""
PAGE_FURNITURE = re.compile(
    r"(?:\b(?:Posted|Updated|Published|Last\supdated|Modified|Copyright)\b|\u00a9)[\s:|,-]{0,3}"
    r"(?:[\w.]+\s){0,2}",
)
"""Page furniture before a date ("Posted: 3:57 AM, May 26", "Updated: Jan 6, 2017"): the date
of the page, not of any incident."""
PAGE_DATE_CHAIN = re.compile(r"[\s\d:,.|/\u2013-]{0,12}")
"""What may separate the parts of one page date ("Tuesday, January 20, 2015")."""
PAGE_FURNITURE_SPAN = 40
"""Characters after a furniture word within which its (first) date belongs to the page."""
REFERS_TO_INCIDENT = re.compile(
    r"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s(?:[\w-]+\s)?(?:shooting|incident|attack|stabbing|killing|homicide"
    r"|murder|blast|explosion|bombing|clash|raid|ambush|robbery|protest|demonstration|fire)\s"
    r"(?:\w+\s){0,2}?(?:happened|occurred|took\splace|was\sreported|broke\sout|unfolded|began"
    r"|started|erupted)\b|\b[Ii]t\s(?:all\s)?(?:happened|occurred|started|began)\b",
)
"""A sentence that dates the incident by referring to it: "The shooting happened around 10:30
p.m. Monday", "It started late Sunday afternoon"."""


# --- actors ---------------------------------------------------------------------------------

FORCE_NOUNS = (
    r"(?:(?:military|armed|air|naval|ground|government|special|security|border)\s)?(?:forces|troops"
    r"|soldiers|army|military|air\s(?:force|defen[cs]e)|aviation|navy|artillery|aircraft|planes|jets"
    r"|warplanes|helicopters|tanks|servicem[ae]n|units|paratroopers|marines|border\sguards?)"
)
"""Nouns for state forces that a demonym or country name can own ("Russian military planes",
"Ukrainian air defence", "Belarusian troops")."""
REPORTING = re.compile(
    r"(?:['\u2019]s?)?\s(?:\w+\s){0,2}?(?:said|say|says|told|tell|reported|report|confirmed"
    r"|believe[sd]?|(?:are|is|were|was)\sinvestigating|investigat\w+|responded|respond|were\scalled"
    r"|arrived|received|identified|released|declined|spokes(?:man|woman|person)|department"
    r"|chief|statement|news\sconference|press\sconference)\b",
    re.IGNORECASE,
)
"""After a police word: the police only report or investigate ("police said", "police are
investigating", "police spokesman"); reporting police are not actors of the incident."""
REPORTED_BY = re.compile(r"\b(?:according\sto|told|(?:said|says)\s(?:to\s)?)\s(?:the\s)?$",
                         re.IGNORECASE)
"""Before a police word: "according to police", "told police"."""


# --- grouping -------------------------------------------------------------------------------

SEPARATE_INCIDENT = re.compile(
    r"\b(?:in\sa\s(?:separate|second|third|different|further|later)\s(?:incident|attack|clash"
    r"|shooting|development|case)|in\sanother\s(?:incident|attack|clash|shooting|case)"
    r"|in\sthe\s(?:first|second|third|fourth|latest|other|deadliest)\s(?:incident|attack|clash"
    r"|shooting|raid|ambush|bombing|blast|explosion|case)"
    r"|separately|elsewhere|meanwhile|in\sa\sseparate\s\w+)\b",
    re.IGNORECASE,
)
"""The writer's own cue that a sentence reports another incident ("In a separate incident",
"Separately,", "Elsewhere,", "In the first attack"): it starts a new event whatever its date."""

SUMMARY = re.compile(
    r"\b(?:(?:two|three|four|five|six|several|multiple|numerous|twin|separate|coordinated"
    r"|simultaneous|a\sseries\sof|a\swave\sof|a\sspate\sof|a\sstring\sof)\s(?:[\w-]+\s)?"
    r"(?:attacks|incidents|raids|assaults|bombings|blasts|explosions|shootings|clashes|ambushes"
    r"|strikes|ambushes)|each\sother|both\ssides)\b",
    re.IGNORECASE,
)
"""A sentence that sums up several incidents ("killed 23 in two attacks", "twin blasts",
"accused each other of shelling"): when the article then tells them one by one, the summary is
no event of its own (its total would be a sum across incidents), but its date dates them."""

ANAPHORIC = re.compile(
    r"^(?:(?:He|She|They|It|His|Her|Their|One|Both|All|Another|Two|Three|Four|Five|Six|Seven"
    r"|Eight|Nine|Ten)\b(?!\s(?:\w+\s)?(?:people|men|women|children|civilians|soldiers|gunmen"
    r"|militants|attackers|protesters))"
    r"|The\s(?:\w+\s)?(?:victims?|man|woman|men|women|boy|girl|teen|child|suspects?|gunm[ae]n"
    r"|shooter|attackers?|assailants?|driver|officer|dead|wounded|injured|bodies|body|family)\b)"
    r"|\b(?:[Tt]he|[Tt]his|[Tt]hat|[Hh]is|[Hh]er|[Tt]heir)\s(?:[\w-]+\s){0,3}?(?:attack|shooting"
    r"|blast|explosion|bombing|incident|ambush|clash|raid|assault|stabbing|killing|violence"
    r"|fighting|homicide|slaying|murder|death|robbery|gunfire)s?\b",
)
"""A sentence that continues an incident already told: its subject is a pronoun or a known
participant ("He died", "The victim was taken to a hospital in ..."), or it names the incident
as a known thing ("the attack", "the May 14 shooting death", "in connection with the triple
homicide"). It may name another place (a hospital, the
victim's home town) without reporting another incident."""

DATELINE = re.compile(
    r"[A-Z][A-Z.'\u2019-]+(?:[ /][A-Z][A-Z.'\u2019-]+)*"
    r"(?:,[ ][A-Za-z][\w.' ]{0,30}?)?[ ]?(?:\([^()\n]{1,40}\)[ ]?)?(?:[-\u2013\u2014]{1,2}|:)[ ]"
)
"""A news dateline ("KABUL (Reuters) - ", "BAMAKO, March 14 (Reuters) - ", "DALLAS — "): the
place and day the report was filed, not the incident's own place and date."""

LOCATIVE = re.compile(
    r"\b(?:in|at|near|outside|inside|of|on|from|into|across|around|towards?|between|off|along"
    r"|en)\b",
    re.IGNORECASE,
)
"""Prepositions that make a name the place of a clause ("shot in Miami", "the towns of Jermuk,
Goris and Kapan", "positions in the Lachin and Kalbajar districts"); a name without one is often
a person or an organisation ("Kevin Richardson, 30, died", "Memphis Police said")."""
HOSPITAL = re.compile(
    r"\b(?:hospitals?|medical\scent(?:er|re)|trauma\scent(?:er|re)|clinic|morgue"
    r"|emergency\sroom)\b",
    re.IGNORECASE,
)
"""Where the wounded are taken, often in another town: a sentence naming one tells no new
incident place ("died at Providence Sacred Heart Medical Center in Spokane")."""
LOCATIVE_SPAN = 30
"""Characters before a name within which its preposition may stand (an article, an adjective or
a list of names between)."""

CLAIMED = re.compile(
    r"\bclaimed\s(?:responsibility|(?:the|this|that|both|these|those)\s(?:[\w-]+\s){0,2}?"
    r"(?:attacks?|bombings?|blasts?|explosions?|assaults?|ambush(?:es)?|killings?|shootings?"
    r"|raids?|strikes?|abductions?|kidnappings?))\b",
    re.IGNORECASE,
)
NO_CLAIM = re.compile(r"\b(?:no|not|nobody|none|denied|deny|denies|yet\sto)\b", re.IGNORECASE)
"""A sentence that claims the incident just told ("The Islamic State claimed the attack") names
its perpetrator though it reports no incident itself; "No group claimed responsibility" (then
"JNIM operates in the area") names none."""


# -- place language (resolve, locate) ------------------------------------------------------------
PLACE_CUE = re.compile(
    r"(?:\b(?:in|at|near|outside|from|to|into|towards?|on|of|around|across|inside|"
    r"village|town|city|settlement|shelled|attacked|struck|hit|bombed|seized|captured|"
    r"retook|recaptured|stormed|raided|entered|direction\sof)\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
"""Words that introduce a place name ("near X, Donetsk", "shelled X, Kherson"): a capitalised
word after one of these and before ", <area>" is taken for a place the gazetteer may lack."""
SETTLEMENT_WORDS = ("village", "town", "city", "settlement", "township", "hamlet")
"""Words that may stand between a place name and its container ("Osykove village, Kyiv")."""
LOCATIVE_CUE = re.compile(
    r"\b(?:in|near|outside|village\s+of|town\s+of|city\s+of|settlement\s+of)\s+$", re.IGNORECASE
)
"""Words after which a capitalised name is a place ("near Pervomaisk"): enough to accept an
alternate spelling of a small town that is not matched on its own."""
PLACE_AS_MODIFIER = re.compile(
    r"[ \t]+(?:rebels?|separatists?|militias?|militants?|people['’]s|insurgents?|"
    r"fighters|forces|troops|army)\b",
    re.IGNORECASE,
)
"""A place name right before one of these names an armed group, not where something happened
("Donetsk rebel positions", "the Luhansk People's Militia near X")."""
FACILITY_AFTER = re.compile(
    r"[ \t]+(?:[A-Z][\w'’]*[ \t]+){0,2}(?:Apartments?|Village|Park|Street|St\.|Avenue|Ave\.|Road|"
    r"Boulevard|Drive|Lane|Court|Plaza|Mall|Hospital|College|University|School|Elementary|"
    r"Academy|High|Church|Center|Centre|Hotel|Motel|Inn|Stadium|Arena|Airport|Station)\b"
)
"""A place name that begins a facility's or street's name ("South Park Village Apartments",
"a Palm Beach State College student", "Foster Park") is not where the event happened."""
PLACE_AGENCY_AFTER = re.compile(
    r"(?:-[A-Z][\w'’]+)?[ \t]+(?:(?:Metropolitan|Metro|City|County|Municipal)[ \t]+)?"
    r"(?:police|Police|PD|sheriff|Sheriff|officers|Fire)\b"
)
"""A town named as the agency reporting the event ("Sylvester Police now say", "Millcreek
police") is the event's town: local police work inside their town."""
COUNTRY_STYLE_CUES: dict[str, re.Pattern[str]] = {
    "US": re.compile(
        r"\b\d{1,5}[ \t]+block[ \t]+of\b"  # "the 200 block of North Penn Street"
        r"|\b[KW][A-Z]{2,3}-TV\b"  # broadcast call signs: K west of the Mississippi, W east
        r"|\(?\b\d{3}\)?[-. ]\d{3}-\d{4}\b"  # North American phone numbers ("850-872-3100")
        r"|\b[Ss]heriff['’]s[ \t]+(?:[Oo]ffice|[Dd]epartment|deputies|[Dd]eputy)\b"
        r"|\b[Pp]olice[ \t]+[Dd]epartment\b"
    ),
}
"""Reporting conventions of one country's local news, even when it names no state or country:
a town's "Police Department", "the 200 block of" a street, a TV call sign, a phone number
for tips. They tell which country a bare "Birmingham" or "York" is in."""
OUTLET_AFTER = re.compile(
    r"(?:-[A-Z][\w'’]+)?[ \t]+(?:(?:Daily|Evening|Morning|Sunday|Free)[ \t]+)?"
    r"(?:Times|Tribune|Post-[A-Z][a-z]+|Herald|Journal|Gazette|Chronicle|Courier|Observer|Register|"
    r"Inquirer|Dispatch|Examiner|Enquirer|Telegraph|Ledger|Bee|Globe|Star|Sun|Press|"
    r"Daily[ \t]+News|News[ \t]*(?:\||-[ \t]|Journal|Leader|Tribune|Observer|Sentinel))"
    r"(?:-[A-Z][\w'’]+)?\b"
)
"""A place name that begins a newspaper's name ("the Los Angeles Times reports", "The
Trussville Tribune", "Dallas News | myFOX"): the outlet's city, not where the event was."""
OUTLET_BEFORE = re.compile(
    r"(?:\b[KW][A-Z]{2,3}(?:-(?:TV|DT|FM|AM))?|\b(?:Fox|FOX|NBC|CBS|ABC|CW))"
    r"(?:[ \t]*\d{1,2})?[ \t]+$"
)
"""A place name after a broadcaster ("KPRC 2 Houston", "Fox Dallas-Fort Worth", "WSB-TV
Atlanta") names the station's market, not where the event was."""
BLOCK_OF_BEFORE = re.compile(
    r"\bblock[ \t]+of[ \t]+(?:the[ \t]+)?(?:(?:[NSEW]\.?|North|South|East|West)[ \t]+)?$",
    re.IGNORECASE,
)
"""A name right after "the 3000 block of" is a street ("the 1900 block of Dover"), however
many towns share it."""
PERSON_AGE_AFTER = re.compile(r",[ \t]+(?:age[ \t]+)?\d{1,3}[ \t]*(?:,|\.|\)|and\b|of\b)")
"""A name followed by an age ("Ibram Hanna, 15, ..."; "Montrell Jackson, 32,") after a
capitalised first name is a person's surname, not a town."""
STREET_ANCHOR_AFTER = re.compile(
    r"(?:['’]s\b|[ \t]+and[ \t]+[A-Z][\w'’.-]*[ \t]+(?:avenues|streets|roads|boulevards|"
    r"drives|lanes|parkways|highways)\b|[ \t]+(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|"
    r"Boulevard|Blvd\.|Highway|Hwy\.|Drive|Lane|Parkway|Court|Place)\b)",
    re.IGNORECASE,
)
"""After a relative expression's anchor, these make it a street corner or a business ("near
West End and Kilbourn Avenues", "near Virginia Avenue", "a nearby McDonald's"), not a town."""

THING_NAMED_AFTER_PLACE = re.compile(r"[ \t]+(?:cocktails?)\b", re.IGNORECASE)
"""A place name right before one of these words names a thing, not a place ("Molotov
cocktails" in riot reports: Molotov is an old name of Perm)."""

LOCAL_AREA_WORDS: dict[str, tuple[str, ...]] = {
    "raion": ("admin2",), "rayon": ("admin2",), "hromada": ("admin2", "city"),
    "village council": ("city",), "commune": ("admin2", "city"), "cercle": ("admin2",),
    "department": ("admin2", "admin1"), "LGA": ("admin2",), "local government area": ("admin2",),
    "Pradeshiya Sabha": ("admin2", "city"), "Divisional Secretariat": ("admin2", "city"),
}
"""Local administrative units as conflict reports name them after a place ("Bakhmut raion",
"Kaya commune", "Gwoza LGA", "Imaduwa Pradeshiya Sabha"), with the gazetteer kinds the place
may have: the name before the word is a place, looked up without the word."""
ADJECTIVAL_AREA_SUFFIX = re.compile(r"(?<=\w{4})(?:s['’]?k(?:yi|yy|iy|y|a|e|aya|oye))$",
                                    re.IGNORECASE)
"""Slavic districts and communities are named by an adjective of their seat ("Korostenska
district", "Bakhmutskyi raion"): without the ending, the name is the seat's."""
NEW_PLACE_AREA_WORDS = tuple(w for w in LOCAL_AREA_WORDS if w != "department")
"""Those of :data:`LOCAL_AREA_WORDS` that make an unknown capitalised name a place ("Police
department" names no place)."""

# -- admin area names (geomap.gazetteer.labels: the ACLED-style admin1/admin2 short form) --
ADMIN_TYPE_WORDS = frozenset({
    "province", "provinces", "region", "regions", "district", "districts", "county", "state",
    "governorate", "prefecture", "department", "municipality", "parish", "territory",
    "division", "oblast", "raion", "rayon", "krai", "kray", "okrug", "wilaya", "voivodeship",
    "canton", "republic", "autonomous",
})
"""Words English names use for the *kind* of an admin area ("Donetsk Oblast", "Kabul
Province", "Region of Republican Subordination"): dropped from the short form ACLED writes.
A name that carries one capitalised is taken as an English name of the area."""

ADMIN_CITY_WORDS = frozenset({"city"})
"""Kind words kept in the short form: "Kyiv City" is the city's own area, "Kyiv" the province
around it, and ACLED writes both so."""

ADMIN_LOCAL_TYPE_WORDS = frozenset({
    "oblasty", "oblysy", "viloyati", "viloyat", "nohiyahoi", "nohiyai", "respublika",
    "mintaqasi", "welayaty", "ostani",
})
"""Romanised kind words of other languages ("Kobul viloyati", "nohiyahoi tobei jumhurí"):
dropped like :data:`ADMIN_TYPE_WORDS`, but a name with one is not an English name."""


# --- place phrases before a relative expression (geomap.locate.place_phrase_before) ---------

PLACE_LINKS = {",", "located", "situated", "lying", "which", "that", "is", "lies", "sits", "was"}
"""Words between a place phrase and the relative expression after it ("Ishkobod, located some
50 km west of ...")."""
PLACE_CUES = {
    "in", "at", "near", "from", "to", "of", "into", "on", "outside", "towards", "toward",
    "between", "inside", "around", "reached", "village", "town", "hit", "attacked", "struck",
    "shelled", "seized", "captured", "stormed", "raided", "bombed",
}
"""Words that introduce a place right before a capitalised phrase ("at Kentford, near ...")."""
PLACE_FEATURES = {
    "border", "post", "checkpoint", "crossing", "outpost", "village", "town", "camp", "base",
    "district", "area", "station", "bridge", "dam", "airport", "airbase", "mine", "prison",
    "market", "mosque", "school", "hospital", "garrison", "point", "guard", "barracks",
    "compound", "field", "oilfield", "plant", "port", "valley", "pass", "gorge", "road",
    "township", "county", "province", "region", "street", "highway", "estate", "farm",
}
"""Feature words that end a place phrase the gazetteer lacks ("the Ishkobod border post")."""
