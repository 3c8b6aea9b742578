"""geomap.geo: the unit-sphere helpers used to average points (gazetteer admin centres)."""

from __future__ import annotations

import pytest

from geomap import geo


@pytest.mark.parametrize(("lat", "lon"), [(38.53575, 68.77905), (-33.9, 151.2), (0.0, -179.5)])
def test_unit_vector_round_trip(lat, lon):
    assert geo.vector_latlon(*geo.unit_vector(lat, lon)) == pytest.approx((lat, lon))


def test_mean_across_the_antimeridian_is_on_it_not_at_greenwich():
    x, y, z = (sum(c) for c in zip(geo.unit_vector(10.0, 179.0), geo.unit_vector(10.0, -179.0),
                                   strict=True))
    lat, lon = geo.vector_latlon(x, y, z)
    assert abs(lon) == pytest.approx(180.0)
    assert lat == pytest.approx(10.0, abs=0.01)
