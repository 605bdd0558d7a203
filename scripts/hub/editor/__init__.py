"""The browser editor at `/admin/` (Decap CMS): its configuration, generated from the content model, and its files.

Imports the content and site layers only; the engine adapter (hub.engine.mkdocs) writes what this package makes.
"""
