"""The parts of a Dask run; :mod:`geomap.distributed` describes the whole and re-exports them.

``plan`` splits the input into partitions and reads one, ``worker`` runs one partition on a
worker and writes its files, ``merge`` appends a finished partition to the run's outputs and
``client`` submits partitions and gathers them in input order.
"""
