"""The web page: `poster serve` (or `python -m poster.web`) serves a form on which an
officer picks the commune, logo, colours and output, sees a preview and downloads the file.

`app` holds the server (FastAPI, uvicorn, the worker pool); `jobs` the work the
workers do (validation, rendering, previews) without any web framework; `messages`
the Vietnamese wording of every problem.
"""
