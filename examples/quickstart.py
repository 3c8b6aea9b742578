"""geomap in a notebook: run this file, or paste its cells into Jupyter.

    python examples/quickstart.py [OUTPUT_FOLDER]

Every cell uses only the documented API (``import geomap``); nothing is fetched from the
network. The test suite runs this file (tests/test_examples.py).
"""

# %% One article -> events
import sys
import tempfile
from pathlib import Path

import geomap

text = ("DUSHANBE, Nov 6 (AFP) - Seventeen people were killed on Wednesday when some 20 "
        "attackers stormed a border post at Ishkobod, 50 kilometres west of Dushanbe, "
        "officials said.")
result = geomap.parse(text, "2019-11-06", title="Border post attack", id="afp-1")
for event in result.events:
    loc = event.location
    print(event.event_type, "|", loc.name, f"({loc.lat:.3f}, {loc.lon:.3f})", "|",
          event.date, "|", event.fatalities, "killed")

# %% Place mentions, resolved against the gazetteer
for t in result.places:
    print(t.mention.text, "->", t.place.name if t.place else None, f"{t.confidence:.2f}")

# %% A pandas DataFrame: ACLED's 31 columns first, then geomap's
df = result.to_dataframe()
print(df[["event_date", "event_type", "admin1", "iso", "region", "geo_precision",
          "fatalities"]].to_string(index=False))

# %% Many articles (dicts like the JSON Lines input), in input order
records = [
    {"id": "a", "text": "Police fired tear gas at protesters in Bishkek on 3 March 2024."},
    {"id": "b", "text": "A roadside bomb killed two soldiers near Kandahar on Sunday.",
     "published": "2024-03-04"},
]
results = list(geomap.parse_many(records))
print([r.id for r in results], len(geomap.to_dataframe(results)), "events")

# %% GeoJSON (RFC 7946) and an offline map
collection = geomap.to_geojson(results)
out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
out.mkdir(parents=True, exist_ok=True)
fmap = geomap.map([result, *results])     # a folium.Map: in Jupyter, just evaluate `fmap`
fmap.save(str(out / "quickstart_map.html"))
print(len(collection["features"]), "features;", "map ->", out / "quickstart_map.html")
