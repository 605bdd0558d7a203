"""The site engine under the hub: the only code that imports it, so that a move to another engine touches one folder."""
