"""A displaCy page of a report: entities in their own colours, each sentence marked with its topic."""
from __future__ import annotations

from spacy import displacy
from spacy.tokens import Doc, Span

ENTITY_COLOURS = {"ORG": "#7aecec", "PROGRAMME": "#feca74", "QUANTITY": "#bfe1d9"}
TOPIC_COLOURS = {"POLITICAL": "#e4b7ff", "CONSULTATION": "#a4c8ff", "SUPERVISION": "#ffb3b3",
                 "LIVELIHOOD": "#c7f0a1", "OTHER": "#dddddd"}
KEY = "cppcc_render"


def render_html(doc: Doc, title: str = "") -> str:
    """A self-contained HTML page showing ``doc``'s entities and sentence topics."""
    spans = [Span(doc, e.start, e.end, label=e.label_) for e in doc.ents]
    for sent in doc.sents:
        topic = sent._.topic
        if topic and sent.text.strip():
            end = sent.end
            while end > sent.start + 1 and doc[end - 1].is_space:
                end -= 1
            spans.append(Span(doc, sent.start, end, label=f"§ {topic}"))
    doc.spans[KEY] = spans
    colours = {**ENTITY_COLOURS, **{f"§ {t}": c for t, c in TOPIC_COLOURS.items()}}
    html = displacy.render(doc, style="span", page=True, minify=True,
                           options={"spans_key": KEY, "colors": colours})
    del doc.spans[KEY]
    if title:
        html = html.replace("<title>displaCy</title>", f"<title>{title}</title>")
    return html.replace('<html lang="en">', '<html lang="zh">')
