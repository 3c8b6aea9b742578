"""French: the words geomap reads French news with."""

from __future__ import annotations

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
