"""Batch mode: check a whole conference's submissions at once.

``discover`` turns directories and path lists into one entry per paper; ``runner`` checks them in a
pool of worker processes with per-paper isolation (timeouts, memory limits, crashes) and streams the
results; ``dask_executor`` runs the same per-paper function on a Dask cluster. See docs/batch.md.
"""
