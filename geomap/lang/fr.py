"""French news language (RFI, Jeune Afrique, Studio Tamani, AIB...), the shape of
:mod:`geomap.lang.en`: every name a stage reads is defined here or inherited from English.

Incident words and their ACLED types, number words (:mod:`text_to_num` reads "dix-sept",
"quatre-vingt-douze"), casualty verbs ("ont péri", "tués", "blessés"), dates ("mercredi
soir", "en juillet dernier", "le 3 mai"), relative locations ("à une cinquantaine de kilomètres
au nord-ouest de Tillabéri", "près de"), actors and their aliases (EIGS, GSIM/JNIM, FAMa, VDP)
and border phrases ("à la frontière avec le Mali"). Event types, actors and notes stay ACLED's
English vocabulary. General news French only; all patterns are alternations of literals with
bounded repetitions (linear time).
"""

from __future__ import annotations

import re

from geomap.events.types import (
    BATTLES,
    CLASH_IF_ORGANISED,
    EXPLOSIONS,
    PROTESTS,
    RIOTS,
    STRATEGIC,
    VAC,
)
from geomap.lang.en import *  # noqa: F403  (the shape and the defaults: see geomap.lang)

CODE = "fr"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# --- number words ---------------------------------------------------------------------------

NUMBER_WORD = (
    r"(?:z[ée]ro|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze"
    r"|quinze|seize|vingts?|trente|quarante|cinquante|soixante|cent|cents|mille)"
)
NUMBER_PATTERN = (
    r"(?:\d{1,3}(?:[\s\u00a0.]\d{3})+|\d+(?:,\d+)?"
    r"|" + NUMBER_WORD + r"(?:[\s-](?:et[\s-])?" + NUMBER_WORD + r"){0,5})"
)
"""One number in digits ("1 344", "17") or words ("dix-sept", "quatre-vingt-douze")."""
APPROXIMATE = {
    "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
    "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100,
}
""""une cinquantaine de kilomètres", "une dizaine de soldats": about that many (the figure
itself, hedged)."""
APPROXIMATE_PATTERN = r"(?:une\s)?(?:" + "|".join(APPROXIMATE) + r")s?"
VAGUE_WORDS = _rx(r"\b(?:plusieurs|nombreux|nombreuses|des\sdizaines|des\scentaines|quelques)\b")
"""Vague amounts: no count (as in English)."""


def parse_number(text: str) -> int | None:
    """The integer a French number phrase states ("dix-sept", "17", "une dizaine"), or None."""
    low = text.strip().lower().replace("\u00a0", " ")
    for word, value in APPROXIMATE.items():
        if word in low:
            return value
    digits = re.sub(r"(?<=\d)[\s.](?=\d{3}\b)", "", low)
    if re.fullmatch(r"\d+", digits):
        return int(digits)
    if low in ("un", "une"):
        return 1
    from text_to_num import text2num  # a well-kept parser of French number words

    try:
        return int(text2num(low, "fr"))
    except ValueError:
        return None


# --- incident triggers ----------------------------------------------------------------------

STRONG_TRIGGER = _rx(
    r"\b(?:tu[ée]s?|tu[ée]es|tuant|tuer|ont\sp[ée]ri|a\sp[ée]ri|p[ée]ri|abattus?|abattues?"
    r"|ex[ée]cut[ée]s?|assassin(?:at|[ée]s?|ée?s)|[ée]gorg[ée]s?|massacres?|massacr[ée]s?"
    r"|bless[ée]s?|bless[ée]es|blessant|affrontements?|accrochages?|embuscades?|fusillades?"
    r"|explosions?|explos[ée]|attentats?|kamikazes?|EEI|engins?\sexplosifs?|mines?\sartisanales?"
    r"|enl[èe]vements?|enlev[ée]s?|enlev[ée]es|kidnapp\w*|otages?|rapt"
    r"|manifestations?|manifestants?|manifest[ée]|marche\sde\sprotestation|sit-in|[ée]meutes?"
    r"|arrestations?|arr[êe]t[ée]s?|interpell[ée]s?|neutralis[ée]s?|ouvert\sle\sfeu"
    r"|bombardements?|bombard[ée]s?|frappes?\s(?:a[ée]riennes?|de\sdrones?)|obus|roquettes"
    r"|tirs\sd['’]artillerie|pilonn\w+|incendi[ée]s?|pill[ée]s?|pillages?|repouss[ée]s?"
    r"|riposte|d[ée]c[ée]d[ée]s?|a\ssaut[ée]|ont\ssaut[ée]"
    r"|(?:fait|faisant|caus[ée])\s(?:[\w'’-]+\s){1,4}?(?:morts|victimes|bless[ée]s))\b"
)
"""Words that alone make a French sentence report a violent incident, protest or arrest."""
WEAK_TRIGGER = _rx(
    r"\b(?:attaques?|attaqu[ée]s?|attaqu[ée]es|combats?|assauts?|tirs?|morts?|raids?"
    r"|d[ée]truits?|pris\sd['’]assaut|offensives?|opérations?\smilitaires?)\b"
)
CONTEXT = _rx(
    r"\b(?:soldats?|militaires?|arm[ée]es?|forces|FAMa|FDS|gendarmes?|gendarmerie|policiers?"
    r"|police|garde\snationale|jihadistes?|djihadistes?|terroristes?|hommes\sarm[ée]s|assaillants?"
    r"|civils?|villageois|habitants?|personnes|VDP|volontaires|combattants?|rebelles?|insurg[ée]s"
    r"|postes?|camps?|convois?|patrouilles?|armes?|engins?|v[ée]hicules?|motos?|villages?"
    r"|base|positions?|groupes?\sarm[ée]s?)\b"
)
GENERIC = _rx(
    r"\b(?:fr[ée]quemment|souvent|r[ée]guli[èe]rement|habituellement|depuis\sdes\sann[ée]es"
    r"|ces\sderni[èe]res\sann[ée]es|en\sproie\s[àa])\b"
)
ACCIDENT = _rx(
    r"\b(?:accidents?|collision|noy[ée]s?|inondations?|s[ée]isme|temp[êe]te|incendie\sde\sbrousse"
    r"|maladie|[ée]pid[ée]mie)\b"
)
SPORT = _rx(r"\b(?:match(?:s|es)?|[ée]quipes?|championnat|tournoi|buts?|supporters)\b")
HYPOTHETICAL = _rx(r"\b(?:menac[ée]\sde|menace\sde|pr[ée]voi[tr]\sde|projet(?:ait|te)\sde)\s")
VIOLENT_CORE = _rx(r"\b(?:tirs?|fusillades?|armes?|bombes?|explosi\w*|jihadistes?|djihadistes?"
                   r"|terroris\w*)\b")
VIOLENT = _rx(r"\b(?:affrontements?|[ée]meutes?|manifest\w*|incendi\w*|obus|artillerie"
              r"|frappes?)\b")


# --- casualties -----------------------------------------------------------------------------

FATAL_VERBS = (
    r"tu[ée]s?|tu[ée]es|morts?|mortes|p[ée]ri|abattus?|ex[ée]cut[ée]s?|assassin[ée]s?|[ée]gorg[ée]s?"
    r"|d[ée]c[ée]d[ée]s?|neutralis[ée]s?|massacr[ée]s?|sans\svie|perdu\sla\svie"
    r"|trouv[ée]\sla\smort"
)
INJURED_VERBS = r"bless[ée]s?|bless[ée]es|hospitalis[ée]s?"
DETAINED_VERBS = r"arr[êe]t[ée]s?|interpell[ée]s?|captur[ée]s?|appr[ée]hend[ée]s?|d[ée]tenus?"
PERSON_NOUNS = (
    r"(?:personnes?|civils?|soldats?|militaires?|gendarmes?|policiers?|hommes?|femmes?|enfants?"
    r"|villageois|habitants?|jihadistes?|djihadistes?|terroristes?|assaillants?|combattants?"
    r"|membres?|[ée]l[ée]ments?|VDP|volontaires?|fid[èe]les|passagers?|[ée]l[èe]ves?|agents?"
    r"|gardes?|douaniers?|bergers?|commer[çc]ants?|orpailleurs?|manifestants?|suspects?"
    r"|individus|victimes?|otages?|rebelles?|insurg[ée]s|autres)"
)
_AUX = r"(?:(?:ont|a|avaient|avait|sont|est|[ée]t[ée]|auraient|aurait|ont\s[ée]t[ée]|a\s[ée]t[ée]"
_AUX += r"|ont\sainsi|y\sont|y\sa|également|[ée]galement|au\smoins)\s){0,3}"
_NOUN_WORD = (
    r"(?!(?:a|ont|avait|avaient|sont|est|[ée]t[ée]|fait|faisant|et|ou|qui|dans|lors|par|selon)\b)"
    r"(?!\d|" + NUMBER_WORD + r"\b)[\w'’-]{1,30}"
)
"""A word of the noun phrase between a figure and its verb: no auxiliary, clause word or other
number ("une attaque similaire avait fait vingt-deux morts" is no count of one)."""
CASUALTY_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # "dix-sept soldats ont été tués", "17 civils ont péri", "trois militaires tués"
    (_rx(r"(?<![\w-])(?:au\smoins\s|environ\s|pr[èe]s\sde\s|plus\sde\s)?(?P<num>"
         + APPROXIMATE_PATTERN + r"|" + NUMBER_PATTERN + r")(?P<noun>(?:\s" + _NOUN_WORD + r"){0,6}?)\s"
         + _AUX + r"(?:(?P<k>" + FATAL_VERBS + r")|(?P<i>" + INJURED_VERBS + r")|(?P<d>"
         + DETAINED_VERBS + r"))\b"), "num_verb"),
    # "tuant dix-sept soldats", "a fait 12 morts et 7 blessés", "bilan de 12 morts"
    (_rx(r"\b(?:(?P<k>tu[ée]s?|tuant|tuer|co[uû]t[ée]\sla\svie\s[àa]|abattu|abattant"
         r"|ex[ée]cut[ée]|ex[ée]cutant|neutralis[ée]|neutralisant|massacr[ée]|massacrant)"
         r"|(?P<i>bless[ée]|blessant)|(?P<d>arr[êe]t[ée]|interpell[ée]|arr[êe]tant))"
         r"\s?[»\u201d\"]?\s(?:au\smoins\s|environ\s|pr[èe]s\sde\s|plus\sde\s)?(?P<num>" + APPROXIMATE_PATTERN + r"|"
         + NUMBER_PATTERN + r")(?P<noun>(?:\s[\w'’-]{1,30}){0,1})"), "verb_num"),
)
"""(pattern, form): a figure and the fate of the people it counts ("k" killed, "i" injured,
"d" detained); the noun phrase tells a total ("personnes") from a group ("soldats")."""
TOTAL_NOUNS = frozenset({"", "personnes", "personne", "victimes", "autres", "morts", "blessés"})
GROUPS = (
    ("armed", _rx(r"\b(?:jihadistes?|djihadistes?|terroristes?|assaillants?|combattants?"
                  r"|rebelles?|insurg[ée]s|hommes\sarm[ée]s|[ée]l[ée]ments)\b")),
    ("forces", _rx(r"\b(?:soldats?|militaires?|gendarmes?|policiers?|gardes?|FAMa|FDS|VDP"
                   r"|agents?|douaniers?)\b")),
    ("civilians", _rx(r"\b(?:civils?|villageois|habitants?|femmes?|enfants?|fid[èe]les"
                      r"|passagers?|[ée]l[èe]ves?|bergers?|commer[çc]ants?|orpailleurs?)\b")),
)
CASUALTY_CUE = _rx(r"tu|mort|p[ée]ri|bless|arr[êe]t|interpell|abatt|ex[ée]cut|assassin|[ée]gorg"
                   r"|d[ée]c[ée]d|neutralis|massacr|captur|d[ée]tenu|vie|hospitalis")


# --- event types (ACLED) --------------------------------------------------------------------

TYPE_RULES: list[tuple[re.Pattern[str], str, str]] = [
    (_rx(r"\b(?:kamikazes?|attentat-suicide|attentats?\ssuicides?|v[ée]hicule\spi[ée]g[ée]\s"
         r"conduit)\b"), EXPLOSIONS, "Suicide bomb"),
    (_rx(r"\b(?:frappes?\sa[ée]riennes?|frappes?\sde\sdrones?|drones?|aviation|bombardements?"
         r"\sa[ée]riens?|avions?\sde\schasse|h[ée]licopt[èe]res?\sde\scombat)\b"), EXPLOSIONS,
     "Air/drone strike"),
    (_rx(r"\b(?:obus|roquettes?|mortiers?|tirs\sd['’]artillerie|artillerie|bombardements?"
         r"|bombard[ée]s?|pilonn\w+)\b"), EXPLOSIONS, "Shelling/artillery/missile attack"),
    (_rx(r"\bgrenades?\b"), EXPLOSIONS, "Grenade"),
    (_rx(r"\b(?:EEI|engins?\sexplosifs?(?:\simprovis[ée]s?)?|mines?(?:\sartisanales?)?"
         r"|bombes?|explosions?|explos[ée]|explosifs?|a\ssaut[ée]|ont\ssaut[ée]"
         r"|v[ée]hicules?\spi[ée]g[ée]s?)\b"), EXPLOSIONS, "Remote explosive/landmine/IED"),
    (_rx(r"\b(?:lynch\w*|vindicte\spopulaire|justice\spopulaire)\b"), RIOTS, "Mob violence"),
    (_rx(r"\b(?:[ée]meutes?|[ée]meutiers|manifestations?\sviolentes?)\b"), RIOTS,
     "Violent demonstration"),
    (_rx(r"\b(?:manifestants?)\s(?:\w+\s){0,4}?(?:ont\s)?(?:incendi[ée]|saccag[ée]|pill[ée]"
         r"|lanc[ée]\sdes\spierres|affront[ée])"), RIOTS, "Violent demonstration"),
    (_rx(r"\b(?:manifest(?:ation|ations|ants?|[ée]|er)|marche\sde\sprotestation|sit-in"
         r"|rassemblements?|gr[èe]ves?|grévistes)\b"), PROTESTS, "Peaceful protest"),
    (_rx(r"\b(?:enl[èe]vements?|enlev[ée]s?|enlev[ée]es|kidnapp\w*|otages?|rapt|pris\sen\sotage"
         r"|disparus?)\b"), VAC, "Abduction/forced disappearance"),
    (_rx(r"\b(?:viol[ée]es?|viols?|violences?\ssexuelles?)\b"), VAC, "Sexual violence"),
    (_rx(r"\b(?:repris\sle\scontr[ôo]le|reprise\sde|reconquis|lib[ée]r[ée]\sla\sville)\b"),
     BATTLES, "Government regains territory"),
    (_rx(r"\b(?:pris\sle\scontr[ôo]le|s['’](?:est|sont)\sempar[ée]s?|occup[ée]\sla\sville)\b"),
     BATTLES, "Non-state actor overtakes territory"),
    (_rx(r"\b(?:affrontements?|accrochages?|combats?|[ée]changes?\sde\stirs|embuscades?"
         r"|riposte|repouss[ée]s?|contre-attaques?|offensives?)\b"), BATTLES, CLASH_IF_ORGANISED),
    (_rx(r"\b(?:attaques?|attaqu[ée]s?|assauts?|raids?|ouvert\sle\sfeu)\b(?:\s[\w'’-]+){0,6}?"
         r"\s(?:postes?|camps?|bases?|positions?|patrouilles?|convois?|gendarmerie|brigade"
         r"|d[ée]tachements?|unit[ée]s?|militaire"
         r"|soldats|militaires|FAMa|FDS|forces|VDP|garnison|check-?point|poste\sfrontalier)\b"),
     BATTLES, "Armed clash"),
    (_rx(r"\b(?:attaques?|attaqu[ée]s?|tu[ée]s?|tuant|massacres?|massacr[ée]s?|ex[ée]cut[ée]s?"
         r"|assassin\w*|[ée]gorg[ée]s?|abattus?|ouvert\sle\sfeu|fusillades?|tirs?|p[ée]ri"
         r"|morts?)\b"), VAC, "Attack"),
    (_rx(r"\b(?:pill\w+|incendi[ée]s?|incendi[ée]es|br[ûu]l[ée]s?|d[ée]truits?|saccag\w+)\b"),
     STRATEGIC, "Looting/property destruction"),
    (_rx(r"\b(?:saisi|saisie|d[ée]samorc[ée]|neutralis[ée])\s(?:[\w'’-]+\s){0,4}?(?:armes"
         r"|munitions|explosifs|mines|EEI|engins)\b"), STRATEGIC, "Disrupted weapons use"),
    (_rx(r"\b(?:arrestations?|arr[êe]t[ée]s?|interpell[ée]s?|garde\s[àa]\svue|d[ée]tenus?)\b"),
     STRATEGIC, "Arrests"),
]
"""(pattern, event type, sub-event type) in order: the first that matches decides."""
UNLESS_GUNS = _rx(r"\b(?:tirs?|armes?|fusils?|couteaux?|tu[ée]s?|abattus?)\b")
ORGANISED_ARMED = _rx(
    r"\b(?:forces|soldats|arm[ée]e|militaires|FAMa|FDS|jihadistes?|djihadistes?|terroristes?"
    r"|rebelles?|insurg[ée]s|groupes?\sarm[ée]s?|combattants|VDP|milices?|positions|unit[ée]s"
    r"|gendarmes?|garde\snationale|EIGS|JNIM|GSIM|Wagner)\b"
)
CRIME_STORY = _rx(r"\b(?:braquage|cambriol\w*|meurtres?|homicides?|bandits?|coupeurs\sde\sroute)\b")
PROTEST_WORDS = _rx(r"\b(?:manifest\w*|protestations?|marche|rassemblements?)\b")
INTERVENTION_WORDS = _rx(r"\b(?:gaz\slacrymog[èe]nes?|dispers[ée]s?|dispers[ée]e|matraques?"
                         r"|arr[êe]t[ée]s?|interpell[ée]s?|balles\sen\scaoutchouc)\b")


# --- dates ----------------------------------------------------------------------------------

MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}
WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5,
            "dimanche": 6}
_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")
_EN_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")"
_DAY = r"(?:" + "|".join(WEEKDAYS) + r")"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_PART = r"(?:\s(?:soir|matin|apr[èe]s-midi|dans\sla\s(?:soir[ée]e|nuit|matin[ée]e)|dernier))?"
DATE_PATTERNS: list[tuple[str, str]] = [
    ("explicit", r"\b\d{1,2}(?:er)?\s" + _MONTH + r"(?:\s" + _YEAR + r")?\b"),
    ("weekday", r"\b(?:(?:dans\sla\s)?nuit\sde\s|(?:ce|le)\s)?" + _DAY + r"(?:\s(?:au|[àa])\s"
     + _DAY + r")?" + _PART + r"\b"),
    ("ago", r"\bavant-hier\b|\bil\sy\sa\s(?:\d{1,2}|" + NUMBER_WORD + r")\s(?:jours?|semaines?"
     r"|mois|ans?|ann[ée]es?)\b"),
    ("relday", r"\b(?:hier(?:\s(?:soir|matin))?|aujourd['’]hui|ce\smatin|cet\sapr[èe]s-midi"
     r"|ce\ssoir|cette\snuit|la\snuit\sderni[èe]re)\b"),
    ("relperiod", r"\b(?:la\ssemaine\s(?:derni[èe]re|pass[ée]e)|cette\ssemaine|le\smois\s"
     r"(?:dernier|pass[ée])|ce\smois-ci|l['’]ann[ée]e\s(?:derni[èe]re|pass[ée]e)"
     r"|cette\sann[ée]e)\b"),
    ("month", r"\b(?:(?:en|depuis|d[ée]but|fin|mi-|courant|au\smois\sde)\s?)" + _MONTH
     + r"(?:\s(?:dernier|" + _YEAR + r"))?\b"),
    ("year", r"\b(?:en|depuis|d[èe]s|avant|apr[èe]s)\s" + _YEAR + r"\b(?![-/.]?\d)"),
    ("decade", r"\bann[ée]es\s(?:19|20)?\d0\b"),
]
"""(kind, pattern) as in :mod:`geomap.events.dates`: the same kinds, resolved the same way
after :func:`english_date` has said each expression the English way."""


def english_date(kind: str, text: str) -> tuple[str, str]:
    """(kind, English wording) of a French date expression, for the English resolver: "le 3
    mai" -> "3 May", "mercredi soir" -> "Wednesday", "en juillet dernier" -> "last July"."""
    low = text.lower()
    year = re.search(_YEAR, low)
    month = next((m for w, m in MONTHS.items() if re.search(r"\b" + w + r"\b", low)), None)
    days = sorted((low.find(w), d) for w, d in WEEKDAYS.items() if w in low)
    day = days[0][1] if days else None
    if kind == "explicit" and month:
        num = re.search(r"\d{1,2}", low)
        return kind, f"{num.group(0) if num else 1} {_EN_MONTHS[month - 1]}" + (
            f" {year.group(0)}" if year else "")
    if kind == "weekday" and day is not None:
        return kind, ("last " if "dernier" in low else "") + _EN_DAYS[day]
    if kind == "ago":
        if "avant-hier" in low:
            return kind, "2 days ago"
        num = re.search(r"\d{1,2}|" + NUMBER_WORD, low.split("il y a", 1)[-1])
        n = parse_number(num.group(0)) if num else 1
        unit = ("years" if re.search(r"\ban|ann", low) else "months" if "mois" in low
                else "weeks" if "semaine" in low else "days")
        return kind, f"{n or 1} {unit} ago"
    if kind == "relday":
        return kind, "yesterday" if "hier" in low or "dernière" in low else "today"
    if kind == "relperiod":
        last = "last" if re.search(r"derni|pass", low) else "this"
        unit = "week" if "semaine" in low else "month" if "mois" in low else "year"
        return kind, f"{last} {unit}"
    if kind == "month" and month:
        name = _EN_MONTHS[month - 1]
        if year:
            return kind, f"{name} {year.group(0)}"
        return kind, f"last {name}" if "dernier" in low else f"in {name}"
    if kind == "year" and year:
        return kind, f"in {year.group(0)}"
    if kind == "decade":
        num = re.search(r"\d{2,4}", low)
        digits = num.group(0) if num else "00"
        return kind, (digits if len(digits) == 4 else ("19" + digits)) + "s"
    return kind, text


TIME_PATTERN = _rx(r"\b(?:vers|[àa])\s(\d{1,2})\s?h\s?(\d{2})?\b")
"""Time of day: "vers 5 h", "à 14h30"."""


# --- relative locations ---------------------------------------------------------------------

DIRECTIONS = {
    "nord-est": 45.0, "nord-ouest": 315.0, "sud-est": 135.0, "sud-ouest": 225.0,
    "nord": 0.0, "sud": 180.0, "est": 90.0, "ouest": 270.0,
}
"""Compass words of "au nord-ouest de", "à l'est de"."""
DISTANCE_UNITS = {"km": "km", "kilomètres": "km", "kilometres": "km", "kilomètre": "km",
                  "mètres": "m", "metres": "m", "m": "m"}
_ANCHOR = r"(?P<anchor>(?:[A-ZÀ-Ý][\w'’-]+)(?:[\s-](?:(?:de|du|la|le|des|el)\s)?[A-ZÀ-Ý][\w'’-]+){0,3})"
_ELIDED = r"(?:de\s(?:la\s|l['’])?|du\s|des\s|d['’]|l['’])"
RELATIVE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(
        r"(?i:(?:[àa]\s)?(?P<hedge>environ\s|quelque\s|pr[èe]s\sde\s|une?\s)?(?<![\w.,])(?P<num>\d+(?:[.,]\d+)?|"
        + NUMBER_PATTERN + r"|(?:" + "|".join(APPROXIMATE) + r"))\s(?:de\s)?(?P<unit>km|kilom[èe]tres?"
        r"|m[èe]tres)\s(?:(?:au|[àa]\sl['’])\s?(?P<dir>nord-est|nord-ouest|sud-est|sud-ouest|nord"
        r"|sud|est|ouest)\s)?" + _ELIDED + r")" + _ANCHOR), "offset"),
    (re.compile(r"(?i:(?P<hedge>tout\s)?(?:(?:[àa]\sla|sur\sla|pr[èe]s\sde\sla|le\slong\sde\sla)"
                r"\sfronti[èe]re\s(?:avec\s(?:le\s|la\s|les\s|l['’])?|entre\s(?:le\s|la\s|l['’])?)))"
                + r"(?P<anchor>[A-ZÀ-Ý][\w'’-]+(?:\s(?:et\s(?:le\s|la\s|l['’])?)?[A-ZÀ-Ý][\w'’-]+)?)"),
     "on_border"),
    (re.compile(r"(?i:(?:[àa]\sla|sur\sla|pr[èe]s\sde\sla)\sfronti[èe]re\s)(?P<anchor>"
                r"(?i:(?:malienne|nig[ée]rienne|burkinab[èe]|alg[ée]rienne|mauritanienne"
                r"|ivoirienne|b[ée]ninoise|tchadienne|libyenne|togolaise|ghan[ée]enne"
                r"|guin[ée]enne|s[ée]n[ée]galaise|nig[ée]riane)(?:[\s-](?:et\s)?\w+){0,2}))"),
     "on_border_adj"),
    (re.compile(r"(?i:(?:[àa]\sla\s)?p[ée]riph[ée]rie\s" + _ELIDED + r"|(?:aux|dans\sles)\s"
                r"environs\s" + _ELIDED + r"|aux\sabords\s" + _ELIDED + r")" + _ANCHOR),
     "outskirts"),
    (re.compile(r"(?i:(?P<hedge>tout\s)?(?:pr[èe]s|non\sloin|aupr[èe]s|[àa]\sproximit[ée])\s"
                + _ELIDED + r")" + _ANCHOR), "near"),
)
"""(pattern, relation): relation is "offset" (with a distance and maybe a direction),
"on_border" (the border with a named country), "on_border_adj" (the border by its adjective:
"la frontière malienne"), "outskirts" or "near"."""
BORDER_ADJECTIVES = {
    "malienne": "ML", "nigérienne": "NE", "nigerienne": "NE", "burkinabè": "BF",
    "burkinabe": "BF", "algérienne": "DZ", "mauritanienne": "MR", "ivoirienne": "CI",
    "béninoise": "BJ", "tchadienne": "TD", "libyenne": "LY", "togolaise": "TG",
    "ghanéenne": "GH", "guinéenne": "GN", "sénégalaise": "SN", "nigériane": "NG",
}
COUNTRY_NAMES = {
    "mali": "ML", "niger": "NE", "burkina faso": "BF", "burkina": "BF", "algérie": "DZ",
    "mauritanie": "MR", "côte d'ivoire": "CI", "bénin": "BJ", "tchad": "TD", "libye": "LY",
    "togo": "TG", "ghana": "GH", "guinée": "GN", "sénégal": "SN", "nigeria": "NG",
    "nigéria": "NG",
}
"""Country names and adjectives of border phrases ("à la frontière avec le Niger")."""


# --- actors ---------------------------------------------------------------------------------

ARMED_GROUP_ALIASES: dict[str, tuple[str, ...]] = {
    "Islamic State (Sahel)": ("EIGS", "État islamique au Grand Sahara", "Etat islamique au Grand"
                              " Sahara", "État islamique au Sahel", "EI-Sahel", "EIS"),
    "Islamic State (West Africa)": ("ISWAP", "État islamique en Afrique de l'Ouest"),
    "Islamic State": ("État islamique", "Etat islamique", "Daech", "EI"),
    "JNIM": ("JNIM", "GSIM", "Groupe de soutien à l'islam et aux musulmans",
             "Groupe de soutien à l’islam et aux musulmans"),
    "Katiba Macina": ("Katiba Macina", "katiba Macina", "Front de libération du Macina"),
    "Ansarul Islam": ("Ansarul Islam", "Ansaroul Islam"),
    "Al-Qaeda": ("Al-Qaïda", "al-Qaïda", "AQMI"),
    "Boko Haram": ("Boko Haram",),
    "Wagner Group": ("Wagner", "groupe Wagner", "Africa Corps"),
    "CSP-PSD: Permanent Strategic Framework for Peace, Security and Development": (
        "CSP-PSD", "CSP", "Cadre stratégique permanent"),
    "VDP: Volunteers for the Defense of the Homeland": (
        "VDP", "Volontaires pour la défense de la patrie"),
    "Dan Na Ambassagou": ("Dan Na Ambassagou", "dozos", "Dozos"),
}
"""ACLED actor name -> French names and abbreviations (upper-case ones match with their case)."""
MILITARY = _rx(
    r"\b(?:soldats?|militaires?|arm[ée]e(?:\s\w+)?|FAMa|FDS|forces\sarm[ée]es|forces\sde\sd[ée]fense"
    r"|forces\sde\ss[ée]curit[ée]|garde\snationale|troupes|gardes-fronti[èe]res)\b"
)
POLICE = _rx(r"\b(?:policiers?|police|gendarmes?|gendarmerie)\b")
UNNAMED = _rx(r"\b(?:jihadistes?|djihadistes?|terroristes?|hommes\sarm[ée]s|individus\sarm[ée]s"
              r"|assaillants?|groupes?\sarm[ée]s?|rebelles?|insurg[ée]s|combattants|bandits"
              r"\sarm[ée]s)\b")
RIOTERS = _rx(r"\b(?:[ée]meutiers?|foule)\b")
PROTESTERS = _rx(r"\b(?:manifestants?|protestataires)\b")
CIVILIANS = _rx(r"\b(?:civils?|villageois|habitants|fid[èe]les|passagers|[ée]l[èe]ves"
                r"|enfants|orpailleurs|bergers|commer[çc]ants)\b")
REPORTING = _rx(r"(?:\s(?:\w+\s){0,2}?(?:a|ont)\s(?:indiqu[ée]|d[ée]clar[ée]|annonc[ée]"
                r"|affirm[ée]|pr[ée]cis[ée]|confirm[ée])|\sselon)\b")
REPORTED_BY = _rx(r"\b(?:selon|d['’]apr[èe]s|source)\s(?:la\s|les\s|le\s)?$")
COUNTRY_OWNERS = {
    "malien": "ML", "nigérien": "NE", "nigerien": "NE", "burkinab": "BF", "tchadien": "TD",
    "mauritanien": "MR", "algérien": "DZ", "français": "FR", "francais": "FR", "russe": "RU",
    "ivoirien": "CI", "béninois": "BJ", "togolais": "TG", "nigérian": "NG",
}
"""Adjectives that own forces ("l'armée malienne", "soldats nigériens": that country's)."""


# --- grouping -------------------------------------------------------------------------------

SEPARATE_INCIDENT = _rx(
    r"\b(?:dans\sune\sautre\sattaque|lors\sd['’]une\sautre\sattaque|dans\sun\sautre\sincident"
    r"|par\sailleurs|ailleurs|dans\sune\sattaque\sdistincte|le\sm[êe]me\sjour|[àa]\sun\sautre"
    r"\sendroit|une\sautre\sattaque|un\sautre\sincident)\b"
)
SUMMARY = _rx(
    r"\b(?:(?:deux|trois|quatre|plusieurs|s[ée]rie\sd['’]|vague\sd['’])\s?(?:attaques|incidents"
    r"|embuscades|explosions|attentats)|attaques\ssimultan[ée]es|attaques\scoordonn[ée]es)\b"
)
ANAPHORIC = re.compile(
    r"^(?:(?:Il|Elle|Ils|Elles|Les\svictimes|La\svictime|Les\sassaillants|Les\sbless[ée]s)\b)"
    r"|\b(?:[Cc]ette|[Ll]['’]|[Ll]a|[Ll]e|[Cc]et)\s?(?:[\w-]+\s){0,2}?(?:attaque|embuscade"
    r"|explosion|attentat|incident|affrontement|assaut|enl[èe]vement)s?\b"
)
LOCATIVE = _rx(r"\b(?:[àa]|au|aux|dans|pr[èe]s|de|d|du|vers|sur|en|entre|region|localit[ée]"
               r"|village|commune|cercle)\b")
HOSPITAL = _rx(r"\b(?:h[ôo]pital|centre\sde\ssant[ée]|CSCOM|CSPS|morgue|clinique"
              r"|[ée]vacu[ée]s?\svers|transport[ée]s?\svers)\b")
CLAIMED = _rx(r"\b(?:revendiqu[ée]|revendication)\b")
NO_CLAIM = _rx(r"\b(?:aucun|aucune|n['’]a\spas|pas\sencore|d[ée]menti)\b")
CASUALTY_WORDS = _rx(r"\b(?:tu[ée]s?|morts?|bless[ée]s?|p[ée]ri|d[ée]c[ée]d[ée]s?)\b")
LATER_STEP = _rx(
    r"\b(?:a\sindiqu[ée]|ont\sindiqu[ée]|a\sd[ée]clar[ée]|communiqu[ée]|annonc[ée]|selon"
    r"|inhum[ée]s?|fun[ée]railles|obs[èe]ques|enqu[êe]te|jug[ée]s?|tribunal|condamn[ée]s?"
    r"|revendiqu[ée])\b"
)
STATUS_WORDS = frozenset({"a indiqué", "ont indiqué", "a déclaré", "communiqué", "annoncé",
                          "selon"})
STEP_AFTER_DATE = _rx(r"\s(?:a|ont)\s(?:indiqu[ée]|d[ée]clar[ée]|annonc[ée]|affirm[ée])\b")
INCIDENT_BEFORE_DATE = _rx(r"\b(?:tu[ée]s?|attaqu[ée]s?|attaque|embuscade|explos[ée]|tirs"
                           r"|affrontements?|bless[ée]s?|survenue?|produite?)\b")
HAPPENED = _rx(r"\b(?:survenue?|produite?|d[ée]roul[ée]e?|eu\slieu)\b")
INCIDENT_NOUN = _rx(r"\b(?:attaques?|embuscades?|explosions?|attentats?|incidents?"
                    r"|affrontements?|assauts?)\b")
INCIDENT_POSSESSIVE = _rx(r"\s(?:l['’]attaque|l['’]embuscade|l['’]explosion)\b")
REFERS_TO_INCIDENT = _rx(r"\b(?:l['’]attaque|l['’]embuscade|l['’]explosion|l['’]incident)\s"
                         r"(?:\w+\s){0,2}?(?:s['’]est\sproduite?|a\seu\slieu|est\ssurvenue?)\b")
DIED_OF_INJURIES = _rx(r"\b(?:succomb[ée]s?\s[àa]\s(?:ses|leurs)\sblessures)\b")
PAGE_FURNITURE = re.compile(r"(?:\b(?:Publi[ée]\sle|Mis\s[àa]\sjour\sle|Modifi[ée]\sle)\b|\u00a9)"
                            r"[\s:|,-]{0,3}(?:[\w.]+\s){0,2}")


# --- sentences ------------------------------------------------------------------------------

ABBREVIATIONS = frozenset({"m", "mm", "mme", "mmes", "mlle", "dr", "pr", "gén", "gen", "col",
                           "cdt", "lt", "sgt", "st", "ste", "env", "etc", "av", "bd", "n°", "no"})
"""Words (lower case, no full stop) after which a full stop does not end a sentence."""
DATELINE = re.compile(
    r"(?<![\w.'\u2019-])[A-ZÀ-Ý][A-ZÀ-Ý.'\u2019-]+(?:[ /-][A-ZÀ-Ý][A-ZÀ-Ý.'\u2019-]+)*"
    r"(?:,[ ][\w][\w.' ]{0,30}?)?[ ]?(?:\([^()\n]{1,40}\)[ ]?)?(?:[-\u2013\u2014]{1,2}|:)[ ]"
)
"""A French dateline ("OUAGADOUGOU, 10 mai (AFP) - "): where and when the report was filed."""


# --- recognition ---
# Guard words for place recognition in French text (geomap/recognize/gazetteer.py). Keys are
# as geomap.gazetteer.normalize.name_key makes them (lower case, no accents).

STOP_NAMES = frozenset({
    # articles, pronouns, prepositions, conjunctions: "Une" is a town in Colombia, "Les" one
    # in Spain, "Par", "Des", "Au" ... are alternate names somewhere
    "le", "la", "les", "un", "une", "des", "du", "de", "d", "l", "au", "aux", "en", "et", "ou",
    "mais", "donc", "car", "ni", "or", "par", "pour", "avec", "sans", "selon", "dans", "sur",
    "sous", "vers", "chez", "entre", "depuis", "pendant", "apres", "avant", "contre", "malgre",
    "ce", "cet", "cette", "ces", "il", "elle", "ils", "elles", "on", "nous", "vous", "je", "tu",
    "leur", "leurs", "son", "sa", "ses", "mon", "ma", "mes", "notre", "nos", "votre", "vos",
    "qui", "que", "quoi", "dont", "si", "ne", "pas", "plus", "tout", "tous", "toute",
    "toutes", "aucun", "aucune", "plusieurs", "certains", "autres", "ainsi", "alors", "encore",
    "aussi", "puis", "deja", "lors", "hier", "demain", "aujourd hui", "cependant", "toutefois",
    "enfin", "outre", "parmi", "lorsque", "quand", "comme", "afin",
    # calendar
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "janvier",
    "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre",
    "novembre", "decembre",
    # compass and institutions capitalised in prose
    "nord", "sud", "est", "ouest", "etat", "etats", "republique", "gouvernement", "armee",
    "police", "gendarmerie", "president", "ministre", "ministere", "assemblee", "conseil",
    "region", "province", "commune", "cercle", "departement", "ville", "village", "dieu",
    "allah", "afp", "reuters",
})
"""Capitalised French words that are place names somewhere but never one in French prose."""

ORGANISATIONS = frozenset({
    "fama",  # Forces armées maliennes (Fama is a town in Brazil)
    "eigs", "gsim", "jnim", "vdp", "minusma", "barkhane", "wagner", "cedeao", "ecowas", "onu",
    "ue", "otan", "cnsp", "mnla", "csp", "hcua", "aqmi", "ansarul", "ansaroul", "boko",
    "iswap", "rfi", "aib", "ortb",
})
"""Armed forces, groups, missions and media of French-language conflict reporting whose
acronyms are also place names."""

TITLES = frozenset({
    "m", "mme", "mlle", "president", "presidente", "general", "colonel", "commandant",
    "capitaine", "lieutenant", "sergent", "adjudant", "ministre", "imam", "cheikh", "maire",
    "gouverneur", "prefet", "chef", "docteur", "dr", "pere", "abbe", "monseigneur", "mgr",
    "porte parole", "depute", "senateur", "juge", "procureur", "roi", "reine", "prince",
    "emir", "sultan", "me",
})
"""Words before a person's name ("le colonel Assimi Goïta", "M. Traoré")."""

NOT_PLACE_BEFORE = frozenset({
    "fleuve", "riviere", "lac", "mont", "monts", "massif", "foret", "parc", "rue", "avenue",
    "boulevard", "place", "pont", "barrage", "stade", "hopital", "lycee", "ecole", "universite",
    "mosquee", "eglise", "camp", "operation", "forces", "force", "groupe", "katiba", "front",
    "mouvement", "famille", "clan", "tribu", "ethnie", "quotidien", "journal", "radio",
})
"""Lower-case words right before a name that make it a river, street, building, group or
outlet, not the town or country of that name ("le fleuve Niger", "la katiba Macina")."""

LOCATIVES = frozenset({
    "a", "au", "aux", "en", "de", "d", "du", "des", "pres", "vers", "dans", "depuis", "entre",
    "sur", "sous", "via", "jusqu", "autour", "environs", "region", "province", "ville",
    "village", "commune", "cercle", "localite", "departement", "secteur", "zone", "frontiere",
    "nord", "sud", "est", "ouest",
})
"""Words after which a capitalised word is read as a place name."""

AREA_BEFORE = {
    "region": "region", "province": "province", "prefecture": "prefecture",
    "departement": "department", "cercle": "cercle", "commune": "commune",
    "wilaya": "province", "district": "district",
}
"""French area words before a name ("la région de Mopti", "le cercle de Bandiagara"), keyed
as name_key makes them, with the English feature word the resolver knows: the name is then
the area, not the town it is named after."""
