"""The engine-free build: what the site is made of (`plan`), and what each language's pass hands back (`collected`).

Every engine adapter (hub.engine.mkdocs today) asks this package what to build and gives it what it built; nothing
here imports an engine.
"""
