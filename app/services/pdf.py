"""HTML to PDF with WeasyPrint, in Sarabun (the government document font, OFL) from the app's own files.

The fonts are given to WeasyPrint as ``file://`` URLs under the family name "Sarabun", never
"TH Sarabun New": a fontconfig alias of that name would swap in other, smaller glyphs.
"""

from __future__ import annotations

from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent.parent / "static" / "fonts"
STATIC_DIR = FONT_DIR.parent
FONT_FAMILY = "Sarabun"
FACES = (
    ("Sarabun-Regular.ttf", "normal", 400),
    ("Sarabun-Italic.ttf", "italic", 400),
    ("Sarabun-SemiBold.ttf", "normal", 600),
    ("Sarabun-Bold.ttf", "normal", 700),
)


def font_faces_css() -> str:
    """``@font-face`` rules for every Sarabun file shipped with the app."""
    rules = []
    for name, style, weight in FACES:
        path = FONT_DIR / name
        if path.exists():
            rules.append(
                f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{path.as_uri()}"); '
                f"font-style: {style}; font-weight: {weight}; }}"
            )
    return "\n".join(rules)


def render_pdf(html: str) -> bytes:
    """The PDF of an HTML document; relative URLs resolve under the app's static folder."""
    from weasyprint import HTML  # imported here: it is slow to import and only printing needs it

    document = HTML(string=html, base_url=STATIC_DIR.as_uri() + "/")
    return bytes(document.write_pdf())
