"""ACLED-style event classification from keywords.

The rules run in order; the first that matches decides. Specific weapons come first (a suicide
bomb at a protest is an explosion), then riots and protests, abductions, territorial change,
armed clashes, attacks on civilians, arrests. Choices worth knowing:

- a prison riot, a mob or a lynching is Riots / Mob violence (ACLED codes violent crowds with no
  political demand as mob violence); a riot of protesters is Riots / Violent demonstration;
- an attack on a military or police target (border post, checkpoint, base, soldiers), or any
  text with "clash", "gunfight", "exchange of fire", is Battles / Armed clash;
- an attack with civilian victims (tourists, cyclists, villagers, worshippers) or with no
  armed target named is Violence against civilians / Attack;
- arrests with no violence are Strategic developments / Arrests.
"""

from __future__ import annotations

import re

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VAC = "Violence against civilians"
RIOTS = "Riots"
PROTESTS = "Protests"
STRATEGIC = "Strategic developments"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_RULES: list[tuple[re.Pattern[str], str, str]] = [
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


_PROTEST = _rx(r"\b(?:protest(?:s|ers|ed|ing)?|demonstrat(?:ion|ions|ors|ed)|rall(?:y|ies)|marchers)\b")
_INTERVENTION = _rx(
    r"\b(?:tear\s?gas|dispersed?|rubber\sbullets|water\scannons?|arrested|detained|batons?"
    r"|beat(?:en)?|broke\sup)\b"
)


def classify(text: str) -> tuple[str, str]:
    """(event_type, sub_event_type) for the text of an incident's sentences.

    >>> classify("an attack on foreign cycling tourists claimed by IS left four dead")
    ('Violence against civilians', 'Attack')
    """
    for pattern, event_type, sub_event_type in _RULES:
        if pattern.search(text):
            if sub_event_type == "Peaceful protest" and _INTERVENTION.search(text):
                return PROTESTS, "Protest with intervention"
            return event_type, sub_event_type
    return STRATEGIC, "Other"
