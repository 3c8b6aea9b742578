"""Date and time expressions in news sentences, resolved against the publication date.

Rules (all relative to the publication date ``published``; the article's own time zone):

- weekday names ("Wednesday", "on Sunday night"): the most recent such day on or before the
  publication date ("last Monday": strictly before); precision day;
- "today", "this morning", "tonight", "overnight": the publication date; "yesterday",
  "last night": the day before; "N days ago": N days before; precision day ("N weeks ago":
  week; "N months ago": that month, precision month; "N years ago": that year, precision year);
- "last week" / "this week": seven days before / the publication date; precision week;
- a month name ("in May"): the most recent such month not after publication; "July last year",
  "last July" (the latest July strictly before the publication month), "May 2019"; precision month;
- "last month", "earlier this month", "last year", "this year"; precision month or year;
- explicit dates ("6 November 2019", "Nov. 6", "November 6th, 2019"), parsed with dateparser
  (RELATIVE_BASE=published, PREFER_DATES_FROM="past", English only, no network); precision day;
- holidays ("Christmas Eve", "the Fourth of July", "Thanksgiving night", "Easter Sunday"; the
  list is :data:`geomap.lang.en.HOLIDAYS`): the latest such day on or before publication;
  precision day;
- a year after a preposition ("in 2015"; not "of 1935 Orchard St."); precision year; a decade ("the 1990s"): precision
  decade (history, not an incident date).

Time of day: "at 3:23 am local time" -> "03:23", "10 p.m." -> "22:00", "at 14:30" -> "14:30".
All regexes are alternations of literals with bounded repetitions: linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal

from geomap.events.number_words import UNITS
from geomap.lang import current, is_english
from geomap.lang import get as get_language
from geomap.lang.en import HOLIDAYS, SEASON_NOUNS, SEASONAL_HOLIDAYS

DatePrecision = Literal["day", "week", "month", "year", "decade"]

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
_NUM_WORDS = {"a": 1, "an": 1, **UNITS}
_NUM_WORDS_RE = "|".join(sorted(_NUM_WORDS, key=len, reverse=True))

# Month names must be capitalised (so the verb "may" is not a month); full names, or the
# usual abbreviations with an optional full stop.
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![a-z])\.?"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_ORD = r"(?:st|nd|rd|th)?"

_HOLIDAY = "|".join(
    re.escape(h).replace("'", "['\u2019]")
    + (r"(?!\s(?:" + SEASON_NOUNS + r")\b)" if h in SEASONAL_HOLIDAYS else "")
    for h in sorted(HOLIDAYS, key=len, reverse=True)
)
_PATTERNS: list[tuple[str, str]] = [
    ("holiday", r"\b(?:" + _HOLIDAY + r")(?:\s(?:night|morning|evening|afternoon))?(?![\w'])"
     r"(?!\s(?:[Ee]ve|[Dd]ay)\b)(?!\s(?:weekend|week|season|holidays?|break)\b)"),
    ("explicit", r"\b\d{1,2}" + _ORD + r"\s(?:of\s)?" + _MONTH + r"(?:,?\s" + _YEAR + r")?\b"),
    ("explicit", r"\b" + _MONTH + r"\s\d{1,2}" + _ORD + r"\b(?:,?\s" + _YEAR + r"\b)?"),
    ("month", r"(?:\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Uu]ntil|[Bb]y|[Ff]rom|[Ee]arly|[Ll]ate|[Mm]id-?"
     r"|[Tt]hrough|[Bb]efore|[Aa]fter|[Oo]f|[Ll]ast|[Tt]his)\s(?:early\s|late\s|mid-)?)?\b"
     + _MONTH + r"(?:\s(?:of\s)?(?:(?:last|this|next)\syear\b|" + _YEAR + r"\b))?"),
    ("weekday", r"\b(?:(?:[Ll]ast|[Tt]his|[Oo]n|[Ee]arly|[Ll]ate)\s)?" + _WEEKDAY
     + r"(?:\s(?:night|morning|evening|afternoon))?\b"),
    ("relday", r"\b(?:yesterday|today|tonight|last\snight|this\smorning|this\safternoon"
     r"|this\sevening|earlier\stoday)\b"),
    ("ago", r"\b(?:\d{1,2}|" + _NUM_WORDS_RE + r")\s(?:days?|weeks?|months?|years?)\sago\b"),
    ("overnight", r"\bovernight\b"),
    ("relperiod", r"\b(?:last|this|past)\s(?:week|month|year)\b|\bearlier\sthis\s(?:week|month|year)\b"),
    ("year", r"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Uu]ntil|[Bb]y|[Ff]rom|[Ee]arly|[Ll]ate|[Mm]id-?"
     r"|[Tt]hrough|[Bb]efore|[Aa]fter)\s" + _YEAR + r"\b(?![-/.]?\d|\s[A-Z][a-z])"),
    ("decade", r"\b(?:the\s)?(?:early\s|late\s|mid-)?(?:1[89]\d0|20\d0)s\b"),
]
_DATE_RE = re.compile(
    "|".join(f"(?P<{kind}{i}>{pat})" for i, (kind, pat) in enumerate(_PATTERNS)), re.IGNORECASE
)
# IGNORECASE would let "may" (the verb) be a month; months and weekdays are re-checked below.
_CAPITALISED = re.compile(_MONTH + "|" + _WEEKDAY)

_RANK = {
    "explicit": 0, "weekday": 1, "holiday": 1, "relday": 2, "ago": 2, "overnight": 3, "relperiod": 5,
    "month": 4, "year": 6, "decade": 7,
}
"""Lower is more specific: an event takes the most specific date of its first dated sentence."""


@dataclass(frozen=True, slots=True)
class DateExpression:
    """A date expression found in text; ``kind`` is one of the rule names above."""

    start: int
    end: int
    text: str
    kind: str

    @property
    def rank(self) -> int:
        return _RANK[self.kind]


def _kind_ok(kind: str, text: str) -> bool:
    """Month and weekday names must be capitalised in the text (IGNORECASE regex)."""
    if kind in ("explicit", "month", "weekday") and _CAPITALISED.search(text) is None:
        return False
    if kind == "holiday":
        return text[:1].isupper()
    if kind == "month":
        # A bare month name needs a preposition or a year to be a date ("in May", "May 2019").
        return " " in text.strip()
    return True


def find_date_expressions(sentence: str, offset: int = 0) -> list[DateExpression]:
    """Date expressions in ``sentence``, in text order; offsets shifted by ``offset`` (in the
    current language: :func:`geomap.lang.current`)."""
    if not is_english():
        return [DateExpression(m.start() + offset, m.end() + offset, m.group(0),
                               (m.lastgroup or "").rstrip("0123456789"))
                for m in _language_date_re(current().CODE).finditer(sentence)]
    out: list[DateExpression] = []
    for m in _DATE_RE.finditer(sentence):
        group = m.lastgroup or ""
        kind = group.rstrip("0123456789")
        text = m.group(0)
        if not _kind_ok(kind, text):
            continue
        out.append(DateExpression(m.start() + offset, m.end() + offset, text, kind))
    return out


def _month_of(text: str) -> int | None:
    for word in re.findall(r"[A-Za-z]+", text):
        month = MONTHS.get(word.lower())
        if month is not None and word[0].isupper():
            return month
    return None


def _weekday_of(text: str) -> int | None:
    for word in re.findall(r"[A-Za-z]+", text):
        if word.lower() in WEEKDAYS:
            return WEEKDAYS[word.lower()]
    return None


def _year_of(text: str) -> int | None:
    m = re.search(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)", text)
    return int(m.group(1)) if m else None


def find_year(text: str) -> int | None:
    """The year a date expression states ("Nov. 6, 2019" -> 2019), or None ("Nov. 6")."""
    return _year_of(text)


@lru_cache(maxsize=1)
def _dateparser():
    import dateparser  # slow-ish import; only explicit dates need it

    return dateparser


def resolve_date(
    expr: str | DateExpression, published: datetime | date | None
) -> tuple[date, DatePrecision] | None:
    """The calendar date an expression names, and how precise it is; None if it cannot be
    resolved (a relative expression with no publication date, or an impossible date)."""
    if isinstance(expr, str):
        found = find_date_expressions(expr)
        if not found:
            return None
        expr = min(found, key=lambda e: e.rank)
    if not is_english():
        # French and Russian expressions are said the English way, then resolved as English
        kind, said = current().english_date(expr.kind, expr.text)
        expr = DateExpression(expr.start, expr.end, said, kind)
    pub: date | None
    if isinstance(published, datetime):
        pub = published.date()
    else:
        pub = published
    kind, text = expr.kind, expr.text
    year = _year_of(text)

    if kind == "decade":
        return date(int(re.search(r"\d{4}", text).group(0)), 1, 1), "decade"  # type: ignore[union-attr]
    if kind == "year":
        return (date(year, 1, 1), "year") if year else None
    if kind == "explicit":
        return _explicit(text, pub, year)
    if kind == "month" and year is not None:
        month = _month_of(text)
        return (date(year, month, 1), "month") if month else None
    if pub is None:
        return None
    relative = _RELATIVE_TO_PUBLICATION.get(kind)
    if relative is not None:
        return relative(text, text.lower(), pub)
    return _named_month(text, text.lower(), year, pub)


def _holiday_day(text: str, low: str, pub: date) -> tuple[date, DatePrecision] | None:
    return _holiday(text, pub), "day"


def _weekday_day(text: str, low: str, pub: date) -> tuple[date, DatePrecision] | None:
    """"Tuesday": the latest Tuesday on or before publication ("last Tuesday": before it)."""
    wd = _weekday_of(text)
    if wd is None:
        return None
    delta = (pub.weekday() - wd) % 7
    if delta == 0 and low.startswith("last"):
        delta = 7
    return pub - timedelta(days=delta), "day"


def _relative_day(text: str, low: str, pub: date) -> tuple[date, DatePrecision] | None:
    """"today", "this morning": publication day; "yesterday", "last night": the day before."""
    back = 1 if ("yesterday" in low or "last night" in low) else 0
    return pub - timedelta(days=back), "day"


def _overnight(text: str, low: str, pub: date) -> tuple[date, DatePrecision] | None:
    return pub, "day"


def _ago(text: str, low: str, pub: date) -> tuple[date, DatePrecision] | None:
    """"three days ago", "two weeks ago", "a month ago", "years ago"."""
    first = low.split()[0]
    n = int(first) if first.isdigit() else _NUM_WORDS.get(first, 1)
    if "year" in low:
        return date(pub.year - n, 1, 1), "year"
    if "month" in low:
        months = pub.year * 12 + pub.month - 1 - n
        return date(months // 12, months % 12 + 1, 1), "month"
    days = n * 7 if "week" in low else n
    return pub - timedelta(days=days), "week" if "week" in low else "day"


def _relative_period(text: str, low: str, pub: date) -> tuple[date, DatePrecision] | None:
    """"this week", "last month", "past year": the period's first day."""
    last = "last" in low or "past" in low
    if low.endswith("week"):
        return pub - timedelta(days=7 if last else 0), "week"
    if low.endswith("month"):
        if last:
            prev = pub.replace(day=1) - timedelta(days=1)
            return prev.replace(day=1), "month"
        return pub.replace(day=1), "month"
    return date(pub.year - (1 if last else 0), 1, 1), "year"


_RELATIVE_TO_PUBLICATION = {
    "holiday": _holiday_day, "weekday": _weekday_day, "relday": _relative_day,
    "overnight": _overnight, "ago": _ago, "relperiod": _relative_period,
}
"""Resolvers of the expression kinds that count from the publication date."""


def _named_month(
    text: str, low: str, year: int | None, pub: date
) -> tuple[date, DatePrecision] | None:
    """A month without a day: "in May" the most recent May not after publication, "last
    July" the latest July before the publication month, "May last year", "this May"."""
    month = _month_of(text)
    if month is None:
        return None
    if year is not None:
        return date(year, month, 1), "month"
    if "last year" in low:
        return date(pub.year - 1, month, 1), "month"
    if "next year" in low:
        return date(pub.year + 1, month, 1), "month"
    if "this year" in low or low.startswith("this"):
        return date(pub.year, month, 1), "month"
    if low.startswith("last"):
        # "last July": the latest July strictly before the publication month.
        return date(pub.year if month < pub.month else pub.year - 1, month, 1), "month"
    # "in May": the most recent May not after publication.
    return date(pub.year if month <= pub.month else pub.year - 1, month, 1), "month"


def week_window(expr: DateExpression, published: date) -> tuple[date, date] | None:
    """The days a relative week can mean in news, for narrowing it to a named day: "this week",
    "earlier this week" the seven days up to publication (a Monday report's "this week" takes
    in the weekend); "last week", "past week" the calendar week before publication's, through
    the day before publication. None for other expressions."""
    low = expr.text.lower()
    if expr.kind != "relperiod" or not low.endswith("week"):
        return None
    if "last" in low or "past" in low:
        return published - timedelta(days=published.weekday() + 7), published - timedelta(days=1)
    return published - timedelta(days=6), published


def _holiday(text: str, pub: date) -> date:
    """The latest occurrence of a holiday on or before the publication date."""
    low = re.sub(r"\s(?:night|morning|evening|afternoon)$", "", text.lower().replace("\u2019", "'"))
    rule, month, third, n = HOLIDAYS[low]

    def on(year: int) -> date:
        if rule == "fixed":
            return date(year, month, third)
        if rule == "easter":
            from dateutil.easter import easter  # installed with dateparser

            return easter(year)
        if rule == "last":
            end = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
            return end - timedelta(days=(end.weekday() - third) % 7)
        first = date(year, month, 1)
        return first + timedelta(days=(third - first.weekday()) % 7 + 7 * (n - 1))

    found = on(pub.year)
    return found if found <= pub else on(pub.year - 1)


def _explicit(text: str, pub: date | None, year: int | None) -> tuple[date, DatePrecision] | None:
    """Day-month(-year) dates through dateparser, preferring the past relative to ``pub``."""
    settings: dict = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    if pub is not None:
        settings["RELATIVE_BASE"] = datetime(pub.year, pub.month, pub.day, 23, 59)
    elif year is None:
        return None
    clean = re.sub(r"\bof\s", "", text)
    parsed = _dateparser().parse(clean, languages=["en"], settings=settings)
    if parsed is None:
        return None
    return parsed.date(), "day"


_TIME_RE = re.compile(
    r"\b(?:at\s)?(\d{1,2})(?:[:.](\d{2}))?\s?([ap])\.?m\b\.?"
    r"|\bat\s(\d{1,2})[:h](\d{2})\b(?!\s?[ap]\.?m)",
    re.IGNORECASE,
)


@lru_cache(maxsize=8)
def _language_date_re(code: str) -> re.Pattern[str]:
    """One alternation of a language's ``DATE_PATTERNS`` (kinds as in :data:`_PATTERNS`)."""
    patterns = get_language(code).DATE_PATTERNS
    return re.compile(
        "|".join(f"(?P<{kind}{i}>{pat})" for i, (kind, pat) in enumerate(patterns)),
        re.IGNORECASE,
    )


def find_time(sentence: str) -> str | None:
    """The first time of day in ``sentence`` as "HH:MM" (24 h), or None."""
    if not is_english():
        for m in current().TIME_PATTERN.finditer(sentence):
            hour, minute = int(m.group(1)), int(m.group(2) or 0)
            if hour < 24 and minute < 60:
                return f"{hour:02d}:{minute:02d}"
        return None
    for m in _TIME_RE.finditer(sentence):
        if m.group(1) is not None:
            hour, minute = int(m.group(1)), int(m.group(2) or 0)
            if not 1 <= hour <= 12:
                continue
            if m.group(3).lower() == "p" and hour != 12:
                hour += 12
            elif m.group(3).lower() == "a" and hour == 12:
                hour = 0
        else:
            hour, minute = int(m.group(4)), int(m.group(5))
        if hour < 24 and minute < 60:
            return f"{hour:02d}:{minute:02d}"
    return None


def best_date(
    expressions: list[DateExpression], published: datetime | date | None
) -> tuple[DateExpression, date, DatePrecision] | None:
    """The most specific resolvable expression of a list (ties: the first in the text)."""
    for expr in sorted(expressions, key=lambda e: (e.rank, e.start)):
        resolved = resolve_date(expr, published)
        if resolved is not None:
            return expr, resolved[0], resolved[1]
    return None
