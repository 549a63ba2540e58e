"""Engines run the per-file stages over many files: in-process, a process pool, or Dask.

An engine maps :func:`lawqa.pipeline.check_path` over ``(path, display)`` jobs and
yields results in input order, streaming: memory holds a bounded window, not the corpus.
"""
