"""Latin slugs for web addresses, from English titles or from Ukrainian ones.

Ukrainian is romanised by the national system (Cabinet of Ministers Resolution No. 55 of
27 January 2010) as implemented by `translitua.UkrainianKMU`: «Згорани» → Zghorany,
«Юрій» → Yurii, «Знамʼянка» → Znamianka. English passes through unchanged.
"""

from __future__ import annotations

import re
import unicodedata

from translitua import UkrainianKMU, translit

MAX_LENGTH = 60
"""Longer slugs are cut at a word boundary: addresses stay readable when shared."""


def romanize(text: str) -> str:
    """Ukrainian letters by the national rules; apostrophes and soft signs dropped, as they prescribe."""
    return translit(text, UkrainianKMU)


def slugify(text: str, max_length: int = MAX_LENGTH) -> str:
    """`«Стійкість через розвиток»: підсумки` → `stiikist-cherez-rozvytok-pidsumky`; '' if no letter is left."""
    latin = unicodedata.normalize("NFKD", romanize(text)).encode("ascii", "ignore").decode("ascii")
    slug = ""
    for word in re.findall(r"[a-z0-9]+", latin.lower()):
        longer = f"{slug}-{word}" if slug else word
        if slug and len(longer) > max_length:
            break
        slug = longer
    return slug[:max_length].strip("-")
