"""Russian news language (Asia-Plus, Radio Ozodi, Kloop, AKIpress, RIA...), the shape of
:mod:`geomap.lang.en`: every name a stage reads is defined here or inherited from English.

Incident words and their ACLED types (обстрел, нападение, теракт, столкновение, взрыв,
перестрелка, похищение, задержаны), numerals in every case (lemmatised with :mod:`pymorphy3`:
"пятерых", "двух", "сорока"), casualty verbs ("погибли", "убиты", "ранены", "задержаны"), dates
("в среду", "3 мая", "в мае прошлого года"), relative locations ("в 40 км к югу от Оша", "под",
"южнее"), actors and their aliases (ИГ/«Исламское государство», талибы, ГКНБ, пограничники) and
border phrases ("на границе с Афганистаном"). Event types, actors and notes stay ACLED's English
vocabulary. Russian words change their endings, so most patterns match a stem and ``\\w*``
(bounded by the word); all patterns are linear-time.
"""

from __future__ import annotations

import re
from functools import lru_cache

from geomap.lang.en import *  # noqa: F403  (the shape and the defaults: see geomap.lang)
from geomap.lang.en import (
    BATTLES,
    CLASH_IF_ORGANISED,
    EXPLOSIONS,
    PROTESTS,
    RIOTS,
    STRATEGIC,
    VAC,
)

CODE = "ru"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# --- number words ---------------------------------------------------------------------------

NUMERAL_LEMMAS = {
    "ноль": 0, "один": 1, "одна": 1, "одно": 1, "два": 2, "две": 2, "три": 3, "четыре": 4,
    "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10,
    "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14,
    "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18,
    "девятнадцать": 19, "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50,
    "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90, "сто": 100,
    "двести": 200, "триста": 300, "четыреста": 400, "пятьсот": 500, "тысяча": 1000,
    "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6, "семеро": 7, "восьмеро": 8,
    "девятеро": 9, "десятеро": 10, "оба": 2, "обе": 2, "полтора": 1.5, "десяток": 10,
}
"""Numeral lemmas (pymorphy3 turns "пятерых", "семнадцати", "сорока" into these)."""
_NUM_STEMS = (
    r"(?:нол|од(?:и|н)|дв|тр[иеёо]|четыр|четвер|пят|шест|сем|восем|восьм|девят|десят|сорок"
    r"|девяност|ст[ао]|сот|тысяч|полтор|об[аеио])"
)
NUMBER_WORD = _NUM_STEMS + r"[а-яё]{0,12}"
NUMBER_PATTERN = (
    r"(?:\d{1,3}(?:[\s\u00a0]\d{3})+|\d+(?:,\d+)?|" + NUMBER_WORD + r"(?:\s" + NUMBER_WORD
    + r"){0,3})"
)
"""One number in digits or words ("семнадцать", "двадцати пяти", "пятерых")."""
APPROXIMATE = {"десяток": 10, "десятка": 10, "десятков": 30, "полтора десятка": 15}
VAGUE_WORDS = _rx(r"\b(?:несколько|нескольк\w+|многие|многих|десятки|десятков|сотни|сотен)\b")


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3  # a well-kept Russian morphology library (ships its dictionaries)

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=4096)
def lemma(word: str) -> str:
    """The dictionary form of a Russian word ("Оша" -> "ош", "погибли" -> "погибнуть")."""
    return _morph().parse(word)[0].normal_form


def parse_number(text: str) -> int | None:
    """The integer a Russian number phrase states ("17", "семнадцати", "двадцать пять",
    "пятерых"), or None when a word is no numeral."""
    low = text.strip().lower().replace("\u00a0", " ")
    digits = re.sub(r"(?<=\d)\s(?=\d{3}\b)", "", low)
    if re.fullmatch(r"\d+", digits):
        return int(digits)
    if low in APPROXIMATE:
        return APPROXIMATE[low]
    total = 0.0
    for word in low.split():
        value = NUMERAL_LEMMAS.get(word, NUMERAL_LEMMAS.get(lemma(word)))
        if value is None:
            return None
        total = total * value if value == 1000 and total else total + value
    return int(total) if total else None


# --- incident triggers ----------------------------------------------------------------------

STRONG_TRIGGER = _rx(
    r"\b(?:обстрел\w*|обстрелял\w*|нападени\w*|напал\w*|теракт\w*|террористическ\w*\sакт\w*"
    r"|столкновени\w*|взрыв\w*|взорвал\w*|перестрелк\w*|похищ\w*|похитил\w*|задержан\w*"
    r"|задержал\w*|убит\w*|убил\w*|убийств\w*|погиб\w*|гибел\w*|ранен\w*|ранил\w*|застрел\w*"
    r"|расстрел\w*|митинг\w*|протест\w*|беспорядк\w*|стрельб\w*|открыл\w*\sогонь|бомбардировк\w*"
    r"|авиаудар\w*|СВУ|самодельн\w*\sвзрывн\w*|заложник\w*|арестован\w*|арест\w*|ликвидирован\w*"
    r"|ликвидировал\w*|нейтрализован\w*|подрыв\w*|подорвал\w*|боестолкновени\w*|драк\w*"
    r"|избил\w*|избит\w*|поджог\w*|подожгл\w*|захват\w*|штурм\w*)\b"
)
"""Words that alone make a Russian sentence report a violent incident, protest or arrest."""
WEAK_TRIGGER = _rx(r"\b(?:атак\w*|бо[йяеи]\w*|удар\w*|погибш\w*|жертв\w*|уничтож\w*|наступлени\w*)\b")
CONTEXT = _rx(
    r"\b(?:военн\w*|военнослужащ\w*|солдат\w*|арми\w*|пограничник\w*|погранслужб\w*|силов\w*"
    r"|боевик\w*|террорист\w*|экстремист\w*|джихадист\w*|талиб\w*|милици\w*|полици\w*|мирн\w*"
    r"|жител\w*|человек|люд\w*|заставы?|пост\w*|позици\w*|оружи\w*|техник\w*|вооружен\w*"
    r"|вооружён\w*|гражданск\w*|сил\w*)\b"
)
GENERIC = _rx(r"\b(?:часто|регулярно|нередко|как\sправило|в\sпоследние\sгоды|неоднократно)\b")
ACCIDENT = _rx(r"\b(?:ДТП|авари\w*|столкнул\w*\sс\sгрузовик\w*|утонул\w*|наводнени\w*|сел\w*"
               r"|землетрясени\w*|пожар\w*|болезн\w*|лавин\w*|оползн\w*)\b")
SPORT = _rx(r"\b(?:матч\w*|команд[аыуе]\b|чемпионат\w*|турнир\w*|гол\w*|болельщик\w*)\b")
HYPOTHETICAL = _rx(r"\b(?:угрожа\w*|планировал\w*|намеревал\w*|готовил\w*)\s")
VIOLENT_CORE = _rx(r"\b(?:стрел\w*|оружи\w*|взрыв\w*|боевик\w*|террор\w*|убийств\w*)\b")
VIOLENT = _rx(r"\b(?:столкновени\w*|беспорядк\w*|обстрел\w*|артиллери\w*|поджог\w*)\b")


# --- casualties -----------------------------------------------------------------------------

FATAL_VERBS = (
    r"погиб\w*|убит\w*|убил\w*|застрелен\w*|расстрелян\w*|ликвидирован\w*|уничтожен\w*"
    r"|скончал\w*|нейтрализован\w*|жертвами\sстал\w*|стал\w*\sжертвами"
)
INJURED_VERBS = r"ранен\w*|ранил\w*|пострадал\w*|получил\w*\sранени\w*|госпитализирован\w*"
DETAINED_VERBS = r"задержан\w*|задержал\w*|арестован\w*|арестовал\w*|взят\w*\sв\sплен"
PERSON_NOUNS = (
    r"(?:человек\w*|люд\w*|военн\w*|военнослужащ\w*|солдат\w*|пограничник\w*|боевик\w*"
    r"|террорист\w*|мирн\w*\sжител\w*|жител\w*|граждан\w*|сотрудник\w*|полицейск\w*"
    r"|милиционер\w*|детей|дет[иья]\w*|ребен\w*|ребён\w*|женщин\w*|мужчин\w*|подозреваем\w*"
    r"|участник\w*|член\w*|талиб\w*|нарушител\w*|контрабандист\w*|чабан\w*|пастух\w*)"
)
_HEDGE = r"(?:(?:не\sменее|по\sменьшей\sмере|около|более|свыше|как\sминимум|еще|ещё|почти)\s)?"
_AUX = r"(?:(?:были|был|была|было|также|еще|ещё|в\sтом\sчисле)\s){0,2}"
CASUALTY_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # "погибли пять военнослужащих", "убиты трое", "ранены 12 человек", "задержаны двое"
    (_rx(r"\b(?:(?P<k>" + FATAL_VERBS + r")|(?P<i>" + INJURED_VERBS + r")|(?P<d>"
         + DETAINED_VERBS + r"))\s(?:(?:в\sрезультате|при|во\sвремя)\s\w+\s)?" + _HEDGE
         + r"(?P<num>" + NUMBER_PATTERN + r")(?![\w%])(?P<noun>(?:\s[\w-]{1,30}){0,2})"),
     "verb_num"),
    # "пять военнослужащих погибли", "17 человек были ранены", "двое задержаны"
    (_rx(r"(?<![\w-])" + _HEDGE + r"(?P<num>" + NUMBER_PATTERN + r")(?P<noun>(?:\s[\w-]{1,30})"
         r"{0,3}?)\s" + _AUX + r"(?:(?P<k>" + FATAL_VERBS + r")|(?P<i>" + INJURED_VERBS
         + r")|(?P<d>" + DETAINED_VERBS + r"))\b"), "num_verb"),
    # "погиб пограничник", "был убит военнослужащий", "ранен мирный житель": one person
    (_rx(r"\b(?:(?P<k>погиб|убит|застрелен|скончался)|(?P<i>ранен|пострадал)|(?P<d>задержан"
         r"|арестован))\s(?P<noun>(?:\w+\s)?(?:военнослужащий|пограничник|военный|солдат"
         r"|житель|гражданин|полицейский|сотрудник|милиционер|ребенок|ребёнок|мужчина|боевик"
         r"|террорист|подозреваемый|чабан|пастух))\b"), "one"),
)
"""(pattern, form): a figure and the fate of the people it counts ("k" killed, "i" injured,
"d" detained); the noun tells a total ("человек") from a group ("военнослужащих")."""
TOTAL_NOUNS = frozenset({"", "человек", "людей", "человека", "граждан"})
GROUPS = (
    ("armed", _rx(r"\b(?:боевик\w*|террорист\w*|экстремист\w*|талиб\w*|нападавш\w*"
                  r"|нарушител\w*|контрабандист\w*)\b")),
    ("forces", _rx(r"\b(?:военн\w*|военнослужащ\w*|солдат\w*|пограничник\w*|сотрудник\w*"
                   r"|полицейск\w*|милиционер\w*|силовик\w*)\b")),
    ("civilians", _rx(r"\b(?:мирн\w*|жител\w*|граждан\w*|дет\w*|женщин\w*|чабан\w*"
                      r"|пастух\w*)\b")),
)
CASUALTY_CUE = _rx(r"погиб|убит|убил|ранен|ранил|задерж|арест|застрел|расстрел|ликвид|уничтож"
                   r"|скончал|нейтрализ|жертв|пострадал|госпитал")


# --- event types (ACLED) --------------------------------------------------------------------

TYPE_RULES: list[tuple[re.Pattern[str], str, str]] = [
    (_rx(r"\b(?:смертник\w*|террорист\w*-смертник\w*)\b"), EXPLOSIONS, "Suicide bomb"),
    (_rx(r"\b(?:авиаудар\w*|беспилотник\w*|дрон\w*|авиаци\w*|бомбардировк\w*)\b"), EXPLOSIONS,
     "Air/drone strike"),
    (_rx(r"\b(?:минометн\w*|миномётн\w*|артиллери\w*|снаряд\w*|ракет\w*|РСЗО|мин[ыао]м[еёи]т\w*"
         r"|обстрел\w*\s(?:из\s)?(?:минометов|миномётов|артиллерии|гаубиц))\b"), EXPLOSIONS,
     "Shelling/artillery/missile attack"),
    (_rx(r"\b(?:гранат\w*)\b"), EXPLOSIONS, "Grenade"),
    (_rx(r"\b(?:СВУ|самодельн\w*\sвзрывн\w*|взрывн\w*\sустройств\w*|взрыв\w*|взорвал\w*"
         r"|подрыв\w*|подорвал\w*|мин[аеуы]\b|фугас\w*|бомб\w*)\b"), EXPLOSIONS,
     "Remote explosive/landmine/IED"),
    (_rx(r"\b(?:самосуд\w*|линчева\w*)\b"), RIOTS, "Mob violence"),
    (_rx(r"\b(?:массов\w*\sбеспорядк\w*|беспорядк\w*|погром\w*)\b"), RIOTS,
     "Violent demonstration"),
    (_rx(r"\b(?:драк\w*|подрались|избил\w*|закидал\w*\sкамнями|забросал\w*\sкамнями"
         r"|стычк\w*\sмежду\sжител\w*)\b"), RIOTS, "Mob violence"),
    (_rx(r"\b(?:митинг\w*|протест\w*|пикет\w*|демонстраци\w*|акци\w*\sпротеста"
         r"|голодовк\w*|забастовк\w*)\b"), PROTESTS, "Peaceful protest"),
    (_rx(r"\b(?:похищ\w*|похитил\w*|заложник\w*|пропал\w*\sбез\sвести)\b"), VAC,
     "Abduction/forced disappearance"),
    (_rx(r"\b(?:изнасиловани\w*|изнасиловал\w*)\b"), VAC, "Sexual violence"),
    (_rx(r"\b(?:восстановил\w*\sконтроль|вернул\w*\sконтроль|отбил\w*|освободил\w*\sсел\w*)\b"),
     BATTLES, "Government regains territory"),
    (_rx(r"\b(?:захватил\w*\s(?:\w+\s){0,2}?(?:сел\w*|город\w*|район\w*|застав\w*|пост\w*)"
         r"|установил\w*\sконтроль)\b"), BATTLES, "Non-state actor overtakes territory"),
    (_rx(r"\b(?:перестрелк\w*|столкновени\w*|боестолкновени\w*|бо[йяеи]\b|боях|боев\w*"
         r"|перестрелял\w*|обмен\w*\sогнем|обмен\w*\sогнём|отбил\w*\sатак\w*)\b"), BATTLES,
     CLASH_IF_ORGANISED),
    (_rx(r"\b(?:напал\w*|нападени\w*|атак\w*|обстрелял\w*|обстрел\w*|открыл\w*\sогонь)\b"
         r"(?:\s[\w-]+){0,6}?\s(?:застав\w*|пост\w*|погранпост\w*|позици\w*|пограничник\w*"
         r"|военн\w*|военнослужащ\w*|патрул\w*|колонн\w*|отдел\w*\sмилиции|отдел\w*\sполиции"
         r"|блокпост\w*|баз\w*)\b"), BATTLES, "Armed clash"),
    (_rx(r"\b(?:обстрел\w*)\b"), EXPLOSIONS, "Shelling/artillery/missile attack"),
    (_rx(r"\b(?:напал\w*|нападени\w*|атак\w*|убит\w*|убил\w*|убийств\w*|застрел\w*"
         r"|расстрел\w*|теракт\w*|открыл\w*\sогонь|стрельб\w*|погиб\w*|ранен\w*)\b"), VAC, "Attack"),
    (_rx(r"\b(?:поджог\w*|подожгл\w*|сожгл\w*|разгромил\w*|разграбил\w*|мародер\w*"
         r"|мародёр\w*)\b"), STRATEGIC, "Looting/property destruction"),
    (_rx(r"\b(?:изъял\w*|изъят\w*|обезвредил\w*|обезврежен\w*)\s(?:[\w-]+\s){0,4}?(?:оружи\w*"
         r"|боеприпас\w*|взрывчатк\w*|взрывн\w*|мин\w*|патрон\w*)\b"), STRATEGIC,
     "Disrupted weapons use"),
    (_rx(r"\b(?:задержан\w*|задержал\w*|арест\w*|под\sстраж\w*)\b"), STRATEGIC, "Arrests"),
]
"""(pattern, event type, sub-event type) in order: the first that matches decides."""
_UNLESS_GUNS = _rx(r"\b(?:стрел\w*|оружи\w*|автомат\w*|нож\w*|убит\w*)\b")
ORGANISED_ARMED = _rx(
    r"\b(?:военн\w*|военнослужащ\w*|арми\w*|пограничник\w*|погранслужб\w*|погранвойск\w*"
    r"|силов\w*|боевик\w*|террорист\w*|талиб\w*|джихадист\w*|ополчен\w*|позици\w*|подразделени\w*"
    r"|застав\w*|ГКНБ|СНБ|ГПС)\b"
)
CRIME_STORY = _rx(r"\b(?:грабеж\w*|ограблени\w*|разбо\w*|хулиган\w*|бытов\w*|уголовн\w*)\b")
PROTEST_WORDS = _rx(r"\b(?:митинг\w*|протест\w*|пикет\w*|демонстраци\w*)\b")
INTERVENTION_WORDS = _rx(r"\b(?:слезоточив\w*|разогнал\w*|разогнан\w*|дубинк\w*|задержан\w*"
                         r"|задержал\w*|резинов\w*\sпул\w*)\b")


# --- dates ----------------------------------------------------------------------------------

MONTHS = {
    "январь": 1, "февраль": 2, "март": 3, "апрель": 4, "май": 5, "июнь": 6, "июль": 7,
    "август": 8, "сентябрь": 9, "октябрь": 10, "ноябрь": 11, "декабрь": 12,
}
_MONTH_STEMS = (("январ", 1), ("феврал", 2), ("март", 3), ("апрел", 4), ("ма[йяе]", 5),
                ("июн", 6), ("июл", 7), ("август", 8), ("сентябр", 9), ("октябр", 10),
                ("ноябр", 11), ("декабр", 12))
WEEKDAYS = {"понедельник": 0, "вторник": 1, "среда": 2, "четверг": 3, "пятница": 4,
            "суббота": 5, "воскресенье": 6}
_DAY_STEMS = (("понедельник", 0), ("вторник", 1), ("сред", 2), ("четверг", 3), ("пятниц", 4),
              ("суббот", 5), ("воскресень", 6))
_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")
_EN_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH = r"(?:январ[ьяе]|феврал[ьяе]|март[ае]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|август[ае]?" \
         r"|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе])"
_DAY = r"(?:понедельник|вторник|сред[ауы]|четверг|пятниц[ауы]|суббот[ауы]|воскресень[ея])"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
DATE_PATTERNS: list[tuple[str, str]] = [
    ("explicit", r"\b\d{1,2}\s" + _MONTH + r"(?:\s" + _YEAR + r"(?:\s(?:года|г\.))?)?(?![\w])"),
    ("weekday", r"(?:\b(?:в|во|в\sночь\sна|в\sночь\sс|утром\sв|вечером\sв|днем\sв|днём\sв)\s)"
     + _DAY + r"(?:\s(?:вечером|утром|днем|днём|ночью))?\b"),
    ("ago", r"\bпозавчера\b|\b(?:\d{1,2}|" + NUMBER_WORD + r")\s(?:дн(?:я|ей)|день|недел[июь]"
     r"|месяц(?:а|ев)?|год(?:а)?|лет)\sназад\b"),
    ("relday", r"\b(?:вчера|сегодня|накануне|этой\sночью|минувшей\sночью|прошлой\sночью"
     r"|этим\sутром|сегодня\sутром)\b"),
    ("relperiod", r"\b(?:на\s(?:прошлой|минувшей|этой)\sнеделе|в\s(?:прошлом|этом)\sмесяце"
     r"|в\s(?:прошлом|этом|минувшем)\sгоду)\b"),
    ("month", r"\b(?:в|с|до|в\sначале|в\sконце|в\sсередине|к)\s" + _MONTH
     + r"(?:\s(?:прошлого|этого|текущего)\sгода|\s" + _YEAR + r"\sгода|\sмесяце)?(?![\w])"),
    ("year", r"\b(?:в|с|до|после)\s" + _YEAR + r"(?:\s(?:году|года|г\.))?(?![\w-])"),
    ("decade", r"\bв\s(?:19|20)?\d0-[хе]\s(?:годах|годы)\b"),
]
"""(kind, pattern) as in :mod:`geomap.events.dates`: the same kinds, resolved the same way
after :func:`english_date` has said each expression the English way."""


def english_date(kind: str, text: str) -> tuple[str, str]:
    """(kind, English wording) of a Russian date expression for the English resolver: "3 мая"
    -> "3 May", "в среду" -> "Wednesday", "в мае прошлого года" -> "May last year"."""
    low = text.lower()
    year = re.search(_YEAR, low)
    month = next((m for stem, m in _MONTH_STEMS if re.search(r"\b" + stem, low)), None)
    day = next((d for stem, d in _DAY_STEMS if stem in low), None)
    if kind == "explicit" and month:
        num = re.search(r"\d{1,2}", low)
        return kind, f"{num.group(0) if num else 1} {_EN_MONTHS[month - 1]}" + (
            f" {year.group(0)}" if year else "")
    if kind == "weekday" and day is not None:
        return kind, _EN_DAYS[day]
    if kind == "ago":
        if "позавчера" in low:
            return kind, "2 days ago"
        n = parse_number(low.split()[0]) or 1
        unit = ("years" if re.search(r"год|лет", low) else "months" if "месяц" in low
                else "weeks" if "недел" in low else "days")
        return kind, f"{n} {unit} ago"
    if kind == "relday":
        return kind, "today" if "сегодня" in low or "этим" in low or "этой" in low else "yesterday"
    if kind == "relperiod":
        last = "last" if re.search(r"прошл|минувш", low) else "this"
        unit = "week" if "недел" in low else "month" if "месяц" in low else "year"
        return kind, f"{last} {unit}"
    if kind == "month" and month:
        name = _EN_MONTHS[month - 1]
        if year:
            return kind, f"{name} {year.group(0)}"
        if "прошлого" in low:
            return kind, f"{name} last year"
        if "этого" in low or "текущего" in low:
            return kind, f"{name} this year"
        return kind, f"in {name}"
    if kind == "year" and year:
        return kind, f"in {year.group(0)}"
    if kind == "decade":
        num = re.search(r"\d{2,4}", low)
        digits = num.group(0) if num else "00"
        return kind, (digits if len(digits) == 4 else ("19" + digits)) + "s"
    return kind, text


TIME_PATTERN = _rx(r"\b(?:около|в|примерно\sв)\s(\d{1,2})[:.](\d{2})\b")
"""Time of day: "около 03:30", "в 14.30"."""


# --- relative locations ---------------------------------------------------------------------

DIRECTIONS = {
    "северо-восток": 45.0, "северо-запад": 315.0, "юго-восток": 135.0, "юго-запад": 225.0,
    "север": 0.0, "юг": 180.0, "восток": 90.0, "запад": 270.0,
    "северо-восточнее": 45.0, "северо-западнее": 315.0, "юго-восточнее": 135.0,
    "юго-западнее": 225.0, "севернее": 0.0, "южнее": 180.0, "восточнее": 90.0, "западнее": 270.0,
}
"""Compass words of "к югу от", "в 40 км южнее"."""
_CAP = r"[А-ЯЁA-Z][\w-]+"
_ANCHOR = r"(?P<anchor>" + _CAP + r"(?:\s" + _CAP + r"){0,2})"
_DIR = (r"(?P<dir>северо-восток|северо-запад|юго-восток|юго-запад|север|юг|восток|запад)"
        r"[уа]?")
_DIR_ADV = (r"(?P<dir>северо-восточнее|северо-западнее|юго-восточнее|юго-западнее|севернее"
            r"|южнее|восточнее|западнее)")
_QTY = (r"(?P<hedge>примерно\s|около\s|почти\s|более\sчем\s|приблизительно\s)?(?:в\s)?"
        r"(?P<num>\d+(?:[.,]\d+)?|" + NUMBER_PATTERN + r")\s(?P<unit>км|километр\w*|метр\w*|м)"
        r"\.?")
RELATIVE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?i:(?:в\s)?" + _QTY + r"\s(?:к\s" + _DIR + r"\s)?от\s)" + _ANCHOR), "offset"),
    (re.compile(r"(?i:(?:в\s)?" + _QTY + r"\s" + _DIR_ADV + r"\s)" + _ANCHOR), "offset"),
    (re.compile(r"(?i:(?:в\s)?" + _QTY + r"\s(?:к\s" + _DIR + r"\sот\s)?(?:от\s)?(?:границ\w*"
                r"|рубеж\w*)\s(?:с\s))" + _ANCHOR), "from_border"),
    (re.compile(r"(?i:(?:на|у|вдоль|близ|возле)\s(?:\w+\s)?(?:границ\w*|рубеж\w*)\s(?:с\s))"
                + _ANCHOR), "on_border"),
    (re.compile(r"(?i:(?:на|у|вдоль|близ|возле)\s)(?P<anchor>(?:таджикско|кыргызско|киргизско"
                r"|узбекско|афганско|казахско|туркменско|китайско|российско)-\w+\s(?:границ\w*"
                r"|рубеж\w*))"), "on_border_adj"),
    (re.compile(r"(?i:на\sокраин\w*\s)" + _ANCHOR), "outskirts"),
    (re.compile(r"(?i:к\s" + _DIR + r"\sот\s)" + _ANCHOR), "direction"),
    (re.compile(r"(?i:" + _DIR_ADV + r"\s)" + _ANCHOR), "direction"),
    (re.compile(r"(?i:(?P<hedge>недалеко\sот|неподалеку\sот|неподалёку\sот|вблизи|близ|возле"
                r"|около|рядом\sс|в\sрайоне|в\sокрестностях))\s" + _ANCHOR), "near"),
    (re.compile(r"(?:\b(?P<hedge>под)\s)" + _ANCHOR), "near"),
)
"""(pattern, relation): "offset" with a distance (and maybe a direction), "from_border",
"on_border" (the border with a named country), "on_border_adj" (by adjectives: "на
таджикско-афганской границе"), "outskirts", "direction" (a direction, no distance: "южнее
Хорога") and "near" ("под Душанбе", "недалеко от")."""
BORDER_ADJECTIVES = {
    "таджикско": "TJ", "кыргызско": "KG", "киргизско": "KG", "узбекско": "UZ",
    "афганско": "AF", "казахско": "KZ", "туркменско": "TM", "китайско": "CN",
    "российско": "RU", "таджикск": "TJ", "кыргызск": "KG", "киргизск": "KG", "узбекск": "UZ",
    "афганск": "AF", "казахск": "KZ", "туркменск": "TM", "китайск": "CN", "российск": "RU",
}
COUNTRY_NAMES = {
    "афганистан": "AF", "таджикистан": "TJ", "кыргызстан": "KG", "киргизия": "KG",
    "узбекистан": "UZ", "казахстан": "KZ", "туркменистан": "TM", "туркмения": "TM",
    "китай": "CN", "россия": "RU", "иран": "IR", "пакистан": "PK",
}
"""Country names and adjectives of border phrases (lemmas: "Афганистаном" -> "афганистан")."""


# --- actors ---------------------------------------------------------------------------------

ARMED_GROUP_ALIASES: dict[str, tuple[str, ...]] = {
    "Islamic State (Khorasan)": ("ИГИЛ-К", "ИГ-Хорасан", "Вилаят Хорасан", "ИГ-К"),
    "Islamic State": ("ИГ", "ИГИЛ", "Исламское государство", "Исламского государства",
                      "Исламским государством", "Исламском государстве", "ДАИШ", "Даиш"),
    "Taliban": ("Талибан", "талибы", "талибов", "талибами", "талибам", "талибах", "Талибы",
                "движение Талибан", "движения Талибан"),
    "IMU": ("ИДУ", "Исламское движение Узбекистана", "Исламского движения Узбекистана"),
    "Jamaat Ansarullah": ("Джамаат Ансаруллах", "Ансаруллах"),
    "Hizb ut-Tahrir": ("Хизб ут-Тахрир",),
    "Al-Qaeda": ("Аль-Каида", "Аль-Каиды", "Аль-Каидой"),
    "Wagner Group": ("ЧВК Вагнер", "Вагнер", "Африканский корпус"),
}
"""ACLED actor name -> Russian names in their usual cases and abbreviations."""
MILITARY = _rx(
    r"\b(?:пограничник\w*|погранслужб\w*|погранвойск\w*|пограничн\w*\sслужб\w*|военн\w*"
    r"|военнослужащ\w*|солдат\w*|арми\w*|вооруженн\w*\sсил\w*|вооружённ\w*\sсил\w*|ГКНБ|СНБ"
    r"|ГПС|минобороны|министерств\w*\sобороны|силовик\w*|спецназ\w*)\b"
)
POLICE = _rx(r"\b(?:полици\w*|полицейск\w*|милици\w*|милиционер\w*|МВД|ОВД|УВД)\b")
UNNAMED = _rx(r"\b(?:боевик\w*|террорист\w*|экстремист\w*|джихадист\w*|вооруженн\w*\sлюд\w*"
              r"|вооружённ\w*\sлюд\w*|нападавш\w*|неизвестн\w*|бандит\w*|вооруженн\w*\sгрупп\w*)\b")
RIOTERS = _rx(r"\b(?:толп\w*|погромщик\w*)\b")
PROTESTERS = _rx(r"\b(?:протестующ\w*|митингующ\w*|участник\w*\sакци\w*|демонстрант\w*)\b")
CIVILIANS = _rx(r"\b(?:мирн\w*\sжител\w*|жител\w*|гражданск\w*\sлиц\w*|детей|дет[иья]\w*"
                r"|чабан\w*|пастух\w*|школьник\w*|паломник\w*)\b")
REPORTING = _rx(r"(?:\s(?:\w+\s){0,2}?(?:сообщил\w*|заявил\w*|передает|передаёт|уточнил\w*"
                r"|подтвердил\w*|информирует))\b")
REPORTED_BY = _rx(r"\b(?:по\sданным|по\sсловам|как\sсообщил\w*|сообщает|сообщили\sв)\s$")
COUNTRY_OWNERS = {
    "таджикск": "TJ", "кыргызск": "KG", "киргизск": "KG", "узбекск": "UZ", "афганск": "AF",
    "казахск": "KZ", "туркменск": "TM", "российск": "RU", "китайск": "CN",
}
"""Adjectives that own forces ("кыргызские пограничники": Military Forces of Kyrgyzstan)."""


# --- grouping -------------------------------------------------------------------------------

SEPARATE_INCIDENT = _rx(
    r"\b(?:в\sдругом\sинциденте|в\sходе\sдругого|в\sотдельном\sинциденте|кроме\sтого|помимо"
    r"\sэтого|тем\sвременем|в\sтот\sже\sдень|также\sсообщается|еще\sодин\sинцидент"
    r"|ещё\sодин\sинцидент|в\sдругом\sрайоне)\b"
)
SUMMARY = _rx(r"\b(?:(?:два|три|нескольк\w+|серия|серии)\s(?:\w+\s)?(?:нападени\w*|инцидент\w*"
              r"|взрыв\w*|теракт\w*|обстрел\w*|столкновени\w*))\b")
ANAPHORIC = re.compile(
    r"^(?:(?:Он|Она|Они|Погибш\w*|Ранен\w*|Нападавш\w*|Пострадавш\w*)\b)"
    r"|\b(?:[Ээ]т\w+|[Дд]анн\w+|[Уу]казанн\w+)\s(?:[\w-]+\s){0,2}?(?:нападени\w*|инцидент\w*"
    r"|взрыв\w*|теракт\w*|обстрел\w*|столкновени\w*|перестрелк\w*)\b"
)
LOCATIVE = _rx(r"\b(?:в|во|на|под|у|около|возле|близ|из|от|с|до|к|район\w*|сел\w*|город\w*"
               r"|кишлак\w*|джамоат\w*)\b")
HOSPITAL = _rx(r"\b(?:больниц\w*|госпитал\w*|морг\w*|медучреждени\w*|клиник\w*)\b")
CLAIMED = _rx(r"\b(?:взял\w*\sна\sсебя\sответственность|взяла\sответственность)\b")
NO_CLAIM = _rx(r"\b(?:никто\sне|не\sвзял\w*|пока\sне)\b")
CASUALTY_WORDS = _rx(r"\b(?:погиб\w*|убит\w*|ранен\w*|жертв\w*|скончал\w*)\b")
LATER_STEP = _rx(
    r"\b(?:сообщил\w*|заявил\w*|уголовн\w*\sдел\w*|возбужден\w*|возбуждён\w*|суд\w*|приговор\w*"
    r"|похорон\w*|похоронен\w*|расследовани\w*|следстви\w*|сообщает|передает|передаёт)\b"
)
STATUS_WORDS = frozenset({"сообщил", "сообщили", "заявил", "заявили", "сообщает", "передает",
                          "передаёт"})
STEP_AFTER_DATE = _rx(r"\s(?:сообщил\w*|заявил\w*|подтвердил\w*|сообщает)\b")
INCIDENT_BEFORE_DATE = _rx(r"\b(?:погиб\w*|убит\w*|напал\w*|нападени\w*|обстрел\w*|взрыв\w*"
                           r"|произош\w*|случил\w*|ранен\w*|столкновени\w*|перестрелк\w*)\b")
HAPPENED = _rx(r"\b(?:произош\w*|случил\w*|имел\sместо)\b")
INCIDENT_NOUN = _rx(r"\b(?:нападени\w*|инцидент\w*|взрыв\w*|теракт\w*|обстрел\w*"
                    r"|столкновени\w*|перестрелк\w*)\b")
INCIDENT_POSSESSIVE = _rx(r"\s(?:нападени\w*|инцидент\w*|теракт\w*)\b")
REFERS_TO_INCIDENT = _rx(r"\b(?:[Ии]нцидент|[Нн]ападение|[Вв]зрыв|[Оо]бстрел|[Сс]толкновение)\s"
                         r"(?:\w+\s){0,2}?(?:произош\w*|случил\w*)\b")
DIED_OF_INJURIES = _rx(r"\b(?:скончал\w*\s(?:от\s)?(?:полученных\s)?ранени\w*"
                       r"|скончал\w*\sв\sбольниц\w*)\b")
PAGE_FURNITURE = re.compile(r"(?:\b(?:Опубликовано|Обновлено|Дата\sпубликации)\b|\u00a9)"
                            r"[\s:|,-]{0,3}(?:[\w.]+\s){0,2}")


# --- sentences ------------------------------------------------------------------------------

ABBREVIATIONS = frozenset({"г", "гг", "с", "п", "пос", "ул", "д", "обл", "р", "т", "е", "т.е",
                           "т.д", "т.п", "др", "им", "км", "м", "млн", "млрд", "тыс", "чел",
                           "руб", "ст", "пр", "кв", "стр", "см", "н.э"})
"""Words (lower case, no full stop) after which a full stop does not end a sentence ("2023 г.",
"с. Ворух", "т.е.")."""
DATELINE = re.compile(
    r"[А-ЯЁA-Z][А-ЯЁA-Z.\u2019-]+(?:[ /-][А-ЯЁA-Z][А-ЯЁA-Z.\u2019-]+)*"
    r"(?:,[ ][\w][\w. ]{0,30}?)?[ ]?(?:\.[ ]?/[^/\n]{1,30}/\.?[ ]?|\([^()\n]{1,40}\)[ ]?)?"
    r"(?:(?:[-\u2013\u2014]{1,2}|:)[ ]|(?<=\.)[ ]|(?<=/)[ ])"
)
"""A Russian dateline ("ДУШАНБЕ, 3 мая — ", "ДОНЕЦК, 20 января. /ТАСС/. "): where and when the
report was filed."""
