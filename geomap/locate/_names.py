"""Country names and demonyms -> border codes, for phrases like "the Afghan border".

Names come from the Natural Earth records (short, long and formal names) and from the registry
package ``countryinfo`` (names, alternative spellings, demonyms), plus a few demonyms that
``countryinfo`` spells unusually ("Tadzhik" for Tajik).
"""

from __future__ import annotations

import functools
import re

_EXTRA_DEMONYMS = {
    "tajik": "TJ", "uzbek": "UZ", "kyrgyz": "KG", "kirghiz": "KG", "kazakh": "KZ",
    "turkmen": "TM", "afghan": "AF", "pakistani": "PK", "iranian": "IR", "chinese": "CN",
    "russian": "RU", "ukrainian": "UA", "syrian": "SY", "iraqi": "IQ", "turkish": "TR",
    "lebanese": "LB", "israeli": "IL", "jordanian": "JO", "saudi": "SA", "yemeni": "YE",
    "emirati": "AE", "omani": "OM", "somali": "SO", "kenyan": "KE", "ethiopian": "ET",
    "sudanese": "SD", "libyan": "LY", "malian": "ML", "nigerian": "NG", "nigerien": "NE",
    "burkinabe": "BF", "chadian": "TD", "cameroonian": "CM", "indian": "IN",
    "bangladeshi": "BD", "burmese": "MM", "myanmar": "MM", "thai": "TH", "cambodian": "KH",
    "laotian": "LA", "vietnamese": "VN", "mexican": "MX", "american": "US", "us": "US",
    "u.s.": "US", "canadian": "CA", "colombian": "CO", "venezuelan": "VE", "brazilian": "BR",
    "belarusian": "BY", "polish": "PL", "lithuanian": "LT", "georgian": "GE",
    "armenian": "AM", "azerbaijani": "AZ", "azeri": "AZ", "mongolian": "MN",
    "north korean": "KP", "south korean": "KR", "egyptian": "EG", "algerian": "DZ",
    "tunisian": "TN", "moroccan": "MA", "mauritanian": "MR", "nepalese": "NP", "nepali": "NP",
    "bhutanese": "BT", "eritrean": "ER", "djiboutian": "DJ", "ugandan": "UG",
    "rwandan": "RW", "burundian": "BI", "tanzanian": "TZ", "mozambican": "MZ",
    "zambian": "ZM", "zimbabwean": "ZW", "south african": "ZA", "serbian": "RS",
    "kosovar": "XK", "albanian": "AL", "greek": "GR", "bulgarian": "BG", "romanian": "RO",
    "moldovan": "MD", "hungarian": "HU", "slovak": "SK", "austrian": "AT", "german": "DE",
    "french": "FR", "spanish": "ES", "portuguese": "PT", "italian": "IT", "swiss": "CH",
    "dutch": "NL", "belgian": "BE", "finnish": "FI", "norwegian": "NO", "swedish": "SE",
    "estonian": "EE", "latvian": "LV", "irish": "IE", "british": "GB",
}


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip().lower().replace("’", "'"))


@functools.cache
def _table() -> dict[str, str]:
    from geomap.locate.borders import load_countries

    table: dict[str, str] = {}
    countries = load_countries()
    for code, country in countries.items():
        table.setdefault(_key(country.name), code)
    try:
        import countryinfo

        for info in countryinfo.all_countries():
            try:
                code = str(info.iso(2)).upper()
            except Exception:  # noqa: BLE001 - a broken record must not stop the others
                continue
            if code not in countries:
                continue
            names = [info.name(), info.demonym() or ""]
            try:
                names.extend(info.alt_spellings() or [])
            except Exception:  # noqa: BLE001
                pass
            for name in names:
                if name and len(name) > 2:
                    table.setdefault(_key(name), code)
    except ImportError:
        pass
    for name, code in _EXTRA_DEMONYMS.items():
        table[name] = code
    return table


def country_code_for(name: str) -> str | None:
    """ISO code (as used by :mod:`geomap.locate.borders`) for a country name or demonym."""
    key = _key(name)
    if key.startswith("the "):
        key = key[4:]
    return _table().get(key)


def border_country_codes(anchor_text: str) -> list[str]:
    """Country codes named in a border phrase: "the Tajik-Afghan border" -> ["TJ", "AF"].

    Also "Uzbekistan" (from "the border with Uzbekistan") and "Tajikistan and Kyrgyzstan".
    """
    words = re.sub(r"(?i)\b(the|border|borders|frontier|boundary)\b", " ", anchor_text)
    codes: list[str] = []
    whole = country_code_for(words)
    if whole is not None:
        return [whole]
    for part in re.split(r"\s+and\s+|-|/|–", words):
        code = country_code_for(part) if part.strip() else None
        if code is not None and code not in codes:
            codes.append(code)
    return codes
