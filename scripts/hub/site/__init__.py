"""The plan of the site, pure: its addresses, pages, views for the templates, share meta, interface strings."""
