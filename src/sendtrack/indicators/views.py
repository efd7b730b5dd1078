"""Indicator pages: thin views that parse the request, call a selector or service, render."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sendtrack import request_values
from sendtrack.accounts.access import Access, SignedInRequest, partnership_view
from sendtrack.accounts.models import Role
from sendtrack.core import exports
from sendtrack.core.exports import Table
from sendtrack.plans.models import ImpactIndicator

from . import chart, registry, selectors, services
from .forms import IndicatorForm, ValueForm
from .models import Indicator

NAV = "indicators"


def _page(request: HttpRequest, access: Access, template: str, context: dict) -> HttpResponse:
    return render(request, template, {"access": access, "nav": NAV, **context})


def _get(access: Access, indicator_id: int) -> Indicator:
    try:
        return selectors.indicator_for(access.partnership, indicator_id)
    except Indicator.DoesNotExist as missing:
        raise Http404("No such indicator") from missing


@partnership_view()
def indicator_list(request: HttpRequest, access: Access) -> HttpResponse:
    return _page(
        request,
        access,
        "indicators/indicator_list.html",
        {"summaries": selectors.dashboard(access.partnership)},
    )


@partnership_view()
def indicator_detail(request: HttpRequest, access: Access, indicator_id: int) -> HttpResponse:
    indicator = _get(access, indicator_id)
    summary = selectors.summarise(indicator, sorted(indicator.values.all(), key=lambda v: v.period))

    def fmt(value):
        return selectors.format_value(value, indicator.unit)

    svg = chart.trend_chart(
        name=f"{indicator.name}: trend against target",
        unit=indicator.unit,
        values=summary.values,
        target=indicator.target_value,
        description=chart.describe(summary, fmt),
    )
    return _page(
        request,
        access,
        "indicators/indicator_detail.html",
        {
            "indicator": indicator,
            "summary": summary,
            "chart": svg,
            "rows": [
                {
                    "value": v,
                    "shown": fmt(v.value),
                    "national": fmt(v.national),
                    "neighbours": fmt(v.statistical_neighbours),
                    "rag": selectors.rag_for_value(v.value, selectors.thresholds(indicator)),
                }
                for v in summary.values
            ],
            "target": fmt(indicator.target_value),
            "baseline": fmt(indicator.baseline_value),
            "source_label": registry.registered()[indicator.source].label
            if indicator.is_computed and indicator.source in registry.registered()
            else "Entered by hand",
        },
    )


EXPORT_HEADER = [
    "Indicator",
    "Question",
    "Month",
    "Value",
    "Unit",
    "Count meeting the measure",
    "Out of",
    "England",
    "Statistical neighbours",
    "Target",
    "RAG",
    "Note",
]


def _value_rows(indicator: Indicator, values: list) -> list[list]:
    """One row per period: the long layout analysts load into Power BI or Excel."""
    rules = selectors.thresholds(indicator)
    rows = []
    for v in values:
        rag = selectors.rag_for_value(v.value, rules)
        rows.append(
            [
                indicator.name,
                indicator.get_kind_display(),
                f"{v.period:%Y-%m}",
                v.value,
                indicator.unit,
                v.numerator,
                v.denominator,
                v.national,
                v.statistical_neighbours,
                indicator.target_value,
                rag.value if rag else None,
                v.note,
            ]
        )
    return rows


@partnership_view()
def indicator_export(
    request: HttpRequest, access: Access, indicator_id: int, fmt: str
) -> HttpResponse:
    indicator = _get(access, indicator_id)
    values = sorted(indicator.values.all(), key=lambda v: v.period)
    table = Table(indicator.name, EXPORT_HEADER, _value_rows(indicator, values), sheet="Values")
    return exports.download(fmt, f"indicator-{indicator.pk}", [table])


@partnership_view()
def indicator_list_export(request: HttpRequest, access: Access, fmt: str) -> HttpResponse:
    """Every live indicator's values in one long table."""
    rows = [
        row
        for summary in selectors.dashboard(access.partnership)
        for row in _value_rows(summary.indicator, summary.values)
    ]
    table = Table("Indicator values", EXPORT_HEADER, rows)
    return exports.download(fmt, "indicators", [table])


FIELDS = services.INDICATOR_FIELDS


@partnership_view(Role.PROGRAMME_MANAGER)
def indicator_add(request: SignedInRequest, access: Access) -> HttpResponse:
    form = IndicatorForm(
        request.POST or None,
        initial={"unit": "%", "source": "manual"},
        plans=selectors.link_choices(access.partnership),
    )
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in FIELDS}
        indicator = services.create_indicator(
            partnership=access.partnership, user=request.user, links=form.links(), **data
        )
        messages.success(request, "Indicator added")
        return redirect(
            "indicator_detail", partnership=access.partnership.slug, indicator_id=indicator.pk
        )
    return _page(request, access, "indicators/indicator_form.html", {"form": form})


@partnership_view(Role.PROGRAMME_MANAGER)
def indicator_edit(request: SignedInRequest, access: Access, indicator_id: int) -> HttpResponse:
    indicator = _get(access, indicator_id)
    plans = selectors.link_choices(access.partnership, indicator)
    initial = {
        "version": indicator.version,
        **{f: getattr(indicator, f) for f in FIELDS},
        **IndicatorForm.initial_links(plans, indicator),
    }
    form = IndicatorForm(request.POST or None, initial=initial, plans=plans)
    context = {"form": form, "indicator": indicator}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changed = {f: data[f] for f in FIELDS if getattr(indicator, f) != data[f]}
        try:
            services.update_indicator(
                indicator_id=indicator.pk,
                user=request.user,
                expected_version=data["version"] or 0,
                changes=changed,
                links=form.links(),
            )
        except services.StaleEdit as error:
            return _page(
                request,
                access,
                "indicators/indicator_form.html",
                {**context, "stale": error},
            )
        messages.success(request, "Indicator saved")
        return redirect(
            "indicator_detail", partnership=access.partnership.slug, indicator_id=indicator.pk
        )
    return _page(request, access, "indicators/indicator_form.html", context)


VALUE_FIELDS = services.VALUE_FIELDS


@partnership_view(Role.PROGRAMME_MANAGER)
def indicator_value(request: SignedInRequest, access: Access, indicator_id: int) -> HttpResponse:
    """Enter a month's value; ?period=YYYY-MM opens an existing month to correct it."""
    indicator = _get(access, indicator_id)
    initial: dict = {}
    period = request_values.month(request.GET.get("period", ""))
    existing = selectors.value_for(indicator, period) if period else None
    if existing is not None:
        initial = {
            "version": existing.version,
            "period": existing.period,
            **{f: getattr(existing, f) for f in VALUE_FIELDS},
        }
    form = ValueForm(request.POST or None, initial=initial)
    context = {"form": form, "indicator": indicator, "existing": existing}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_value(
                indicator_id=indicator.pk,
                user=request.user,
                period=data["period"],
                expected_version=data["version"],
                **{f: data[f] for f in VALUE_FIELDS},
            )
        except services.StaleEdit as error:
            return _page(request, access, "indicators/value_form.html", {**context, "stale": error})
        messages.success(request, f"Value for {data['period']:%B %Y} saved")
        return redirect(
            "indicator_detail", partnership=access.partnership.slug, indicator_id=indicator.pk
        )
    return _page(request, access, "indicators/value_form.html", context)


@require_POST
@partnership_view(Role.PROGRAMME_MANAGER)
def indicator_track(request: SignedInRequest, access: Access, impact_id: int) -> HttpResponse:
    """The plan page's "Track this indicator" button: one step from an impact indicator a
    plan names to an indicator whose values are entered month by month."""
    try:
        indicator, new = services.track_impact_indicator(
            partnership=access.partnership, impact_id=impact_id, user=request.user
        )
    except ImpactIndicator.DoesNotExist as missing:
        raise Http404("No such impact indicator") from missing
    if new:
        messages.success(
            request, "Indicator added from the plan: set its unit, target and thresholds"
        )
    else:
        messages.info(request, "This impact indicator is already tracked")
    return redirect(
        "indicator_detail", partnership=access.partnership.slug, indicator_id=indicator.pk
    )
