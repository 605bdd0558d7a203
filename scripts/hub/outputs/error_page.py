"""The page the live preview shows instead of the site while the content has a problem the build stops on.

A writer who saves a mistake sees, in the browser they are looking at, every problem with its file, line and how to
fix it, in their language; MkDocs's live reload shows the site again once they save the fix.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from ..content.errors import Problem
from ..messages import _, language, n_

STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 50rem; padding: 1.5rem; color: #1f2937; }
h1 { font-size: 1.4rem; color: #991b1b; }
ol { padding-left: 1.2rem; }
li { margin: 0 0 1rem; }
code { background: #f3f4f6; padding: 0 .25rem; border-radius: 3px; font-size: .95em; }
.hint { color: #065f46; }
@media (prefers-color-scheme: dark) {
  body { background: #111827; color: #e5e7eb; } h1 { color: #fca5a5; } code { background: #374151; } .hint { color: #6ee7b7; }
}
"""


def error_page(problems: list[Problem], root: Path) -> str:
    """The page listing `problems` (file paths relative to `root`), in the writer's language."""
    items = "\n".join(_item(problem, root) for problem in problems)
    title = n_("The preview cannot show the site: {count} problem to fix",
               "The preview cannot show the site: {count} problems to fix", len(problems))
    advice = _("Fix and save the file: this page shows the site again by itself.")
    return f"""<!doctype html>
<html lang="{language()}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{escape(title)}</title>
<style>{STYLE}</style>
</head>
<body>
<h1>{escape(title)}</h1>
<p>{escape(advice)}</p>
<ol>
{items}
</ol>
</body>
</html>
"""


def _item(problem: Problem, root: Path) -> str:
    where = problem.relative_path(root) + (f":{problem.line}" if problem.line is not None else "")
    field = f" <code>{escape(problem.field)}</code>:" if problem.field else ""
    hint = f'<br><span class="hint">{escape(problem.hint)}</span>' if problem.hint else ""
    return f"<li><code>{escape(where)}</code>{field} {escape(problem.message)}{hint}</li>"
