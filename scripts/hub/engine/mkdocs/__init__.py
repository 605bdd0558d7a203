"""MkDocs 1.6 (or ProperDocs), mkdocs-static-i18n and Material for MkDocs: the plugin and what reaches their internals."""
