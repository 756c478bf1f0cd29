"""A displaCy page of a report: entities in their own colours, each sentence marked with its topic."""
from __future__ import annotations

import html
import re

from spacy import displacy
from spacy.tokens import Doc

ENTITY_COLOURS = {"ORG": "#7aecec", "PROGRAMME": "#feca74", "QUANTITY": "#bfe1d9"}
TOPIC_COLOURS = {"POLITICAL": "#e4b7ff", "CONSULTATION": "#a4c8ff", "SUPERVISION": "#ffb3b3",
                 "LIVELIHOOD": "#c7f0a1", "OTHER": "#dddddd"}
_TITLE = re.compile(r'<h2 style="margin: 0">(.*?)</h2>', re.S)


def render_html(doc: Doc, title: str = "") -> str:
    """A self-contained HTML page: one displaCy entity block per sentence, headed by a badge with
    the sentence's topic (and its probability)."""
    blocks = []
    for sent in doc.sents:
        text = sent.text.strip()
        if not text:
            continue
        offset = sent.start_char + len(sent.text) - len(sent.text.lstrip())
        ents = [{"start": e.start_char - offset, "end": e.end_char - offset, "label": e.label_}
                for e in doc.ents if e.start >= sent.start and e.end <= sent.end]
        topic = sent._.topic or "?"
        score = (sent._.topic_scores or {}).get(topic)
        badge = f"{topic} {score:.2f}" if score is not None else topic
        blocks.append({"text": text, "ents": ents, "title": badge})
    page = displacy.render(blocks, style="ent", manual=True, page=True, minify=True,
                           options={"colors": ENTITY_COLOURS})

    def badge(m: re.Match) -> str:
        colour = TOPIC_COLOURS.get(m.group(1).split()[0], "#eeeeee")
        return (f'<span style="display:inline-block;margin:0.6em 0 0.1em;padding:0.1em 0.5em;'
                f'border-radius:0.3em;font-size:0.75em;font-weight:bold;background:{colour}">'
                f"§ {m.group(1)}</span>")

    page = _TITLE.sub(badge, page).replace("margin-bottom: 6rem", "margin: 0 0 0.8rem")
    page = page.replace("<title>displaCy</title>", f"<title>{html.escape(title or 'cppcc-nlp')}</title>")
    return page.replace('<html lang="en">', '<html lang="zh">')
