"""The charts of each page, as chart objects (dashboard/chart.py): what rows they draw for the filters
chosen, with which builder, and the headline rule of their titles. One module per page."""

from __future__ import annotations

from dashboard.chart import Chart
from dashboard.filters import Filters


def catalogue() -> list[tuple[Chart, Filters]]:
    """Every chart the pages can draw, each with filters that show it: the unit tests build them all."""
    from dashboard import queries
    from dashboard.charts import adoption, checker, chipmaking, chips, energy, entities, overview, timeline
    from dashboard.measures import MEASURES

    every = Filters()
    found = [(overview.POLICY_AND_OUTCOMES, every), (timeline.EVENTS, every)]
    found += [(chips.by_release_date(attribute), every) for attribute in chips.plottable().index]
    found.append((chips.COMPARISON, every.choose(compare=list(chips.DEFAULT_COMPARISON))))
    found += [
        (checker.threshold_map(rule), every.choose(rule=rule)) for rule in queries.rule_versions_table()["rule_id"]
    ]
    found += [(chart, every) for _, chart in adoption.VIEWS.values()]
    found += [(entities.by_quarter(colour), every) for colour in entities.COLOUR_BY]
    found.append((entities.COMPANY_TIMELINE, Filters(companies=("SMIC",))))
    found += [(chipmaking.chart_for(view), every) for view in chipmaking.VIEWS]
    found += [(energy.measure_chart(key), every) for key in MEASURES]
    found += [(energy.measure_chart(key, as_share=True), every) for key, m in MEASURES.items() if m.share_basis]
    return found
