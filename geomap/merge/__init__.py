"""Cross-article merging: events from different articles that report one incident.

``keys`` makes an event's merge key, ``link`` decides a pair, ``cluster`` blocks candidates by
date and H3 cell and joins links into incidents, ``incidents`` merges each incident's events
into one record, ``store`` keeps events and incidents in a GeoPackage across runs.
"""

from geomap.merge.cluster import IncidentIndex, assign_incidents, incident_id_of
from geomap.merge.config import DEFAULT_CONFIG, MergeConfig
from geomap.merge.keys import MergeKey, key_of

__all__ = ["DEFAULT_CONFIG", "IncidentIndex", "MergeConfig", "MergeKey", "assign_incidents",
           "incident_id_of", "key_of"]
