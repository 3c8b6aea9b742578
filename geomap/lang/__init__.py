"""Language knowledge shared by the stages (English: :mod:`geomap.lang.en`)."""
