"""The tables pages show: which columns, under which labels, and the event card. One place, so the
timeline, the company pages and the checker show an event the same way."""

from __future__ import annotations

import streamlit as st

from dashboard import ui
from dashboard.filters import escape_markdown

EVENTS = {
    "date": st.column_config.DateColumn("Announced", format="YYYY-MM-DD"),
    "title": st.column_config.TextColumn("Event", width="large"),
    "category_label": "Category",
    "jurisdiction": "Jurisdiction",
    "actor": "Actor",
    "published_fr": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
    "effective": st.column_config.DateColumn("Effective", format="YYYY-MM-DD"),
    "fr_citation": "Federal Register",
    "companies": "Companies",
    "primary_url": st.column_config.LinkColumn("Primary source", display_text="open", help="The issuer's own document"),
    "source_url": st.column_config.LinkColumn("Source", display_text="open"),
}
ADOPTION = {
    "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
    "company": "Company",
    "vendor": "Chip vendor",
    "chip_label": "Chip",
    "kind": "Kind",
    "quantity": "Quantity",
    "confidence": "Confidence",
    "summary": st.column_config.TextColumn("What happened", width="large"),
    "primary_url": st.column_config.LinkColumn("Primary source", display_text="open", help="The issuer's own document"),
    "source_url": st.column_config.LinkColumn("Source", display_text="open"),
}
CHIP_FIGURES = {
    "name": "Chip",
    "attribute_label": "Figure",
    "value": "Value",
    "confidence": "Confidence",
    "primary_url": st.column_config.LinkColumn(
        "Primary source", display_text="open", help="The vendor's own document or the Epoch AI dataset"
    ),
    "publisher": "Source",
    "source_url": st.column_config.LinkColumn("Link", display_text="open"),
    "note": "Note",
}


def show(frame, columns: dict) -> None:
    """The columns of `frame` that `columns` names, in its order and with its labels."""
    ui.table(frame[[name for name in columns if name in frame]], columns)


def _dated(value) -> bool:
    return value is not None and str(value) != "NaT"


def event_card(row) -> None:
    """One event with its three kinds of date, its summary and its source."""
    with st.container(border=True):
        st.subheader(row.title, anchor=False)
        dates = [f"Announced {row.date:%d %B %Y}" + (" (month)" if row.date_precision == "month" else "")]
        if _dated(row.published_fr):
            dates.append(f"published {row.published_fr:%d %B %Y}")
        if _dated(row.effective):
            dates.append(f"effective {row.effective:%d %B %Y}")
        st.caption(" · ".join(dates) + f" · {row.category_label} · {row.jurisdiction} · {row.actor}")
        st.write(row.summary)
        if row.fr_citation:
            st.caption(f"Federal Register: {row.fr_citation}")
        st.markdown("Source: " + ui.safe_link(row.source_title, row.source_url) + f" · confidence: {row.confidence}")
        if row.note:
            st.caption(escape_markdown(row.note))


LISTINGS = {
    "date": st.column_config.DateColumn("Announced", format="YYYY-MM-DD"),
    "entity": st.column_config.TextColumn("Entity", width="large"),
    "entity_zh": "Chinese name",
    "alias_text": "Aliases",
    "parent_company": "Company",
    "list_label": "List",
    "action": "Action",
    "entity_count": st.column_config.NumberColumn("Entities", help="A bulk row stands for this many entities"),
    "published_fr": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
    "effective": st.column_config.DateColumn("Effective", format="YYYY-MM-DD"),
    "fr_citation": "Federal Register",
    "licence_policy": st.column_config.TextColumn("Licence policy", width="medium"),
    "fdpr_footnote": "FDPR",
    "sector_label": "Sector",
    "confidence": "Confidence",
    "primary_url": st.column_config.LinkColumn(
        "Primary source", display_text="open", help="The government's own document"
    ),
    "source_url": st.column_config.LinkColumn("Source", display_text="open"),
}

NODES = {
    "maker": "Maker",
    "name": st.column_config.TextColumn("Process", width="medium"),
    "class_nm": st.column_config.NumberColumn("Class (nm)"),
    "first_product": st.column_config.TextColumn("Found in", width="medium"),
    "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
    "date_kind": "Date of",
    "evidence": "Evidence",
    "confidence": "Confidence",
    "note": st.column_config.TextColumn("Note", width="large"),
    "source_url": st.column_config.LinkColumn("Source", display_text="open"),
}
SOCS = {
    "chip": "Chip",
    "foundry": "Foundry",
    "node": "Process",
    "die_area_mm2": st.column_config.NumberColumn("Die (mm²)", format="%.0f"),
    "device": st.column_config.TextColumn("Device", width="medium"),
    "date": st.column_config.DateColumn("Launched", format="YYYY-MM-DD"),
    "evidence": "Evidence",
    "note": st.column_config.TextColumn("Note", width="large"),
    "source_url": st.column_config.LinkColumn("Source", display_text="open"),
}
