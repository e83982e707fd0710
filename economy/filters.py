"""The premises listing's filters: parsed leniently from the query string
(an unknown value is dropped and reported, never an error) and applied to a
queryset of units."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from .choices import AREA_BANDS, RENT_BANDS, PremisesType

SORTS = ("newest", "area", "area_desc", "rent")
VIEWS = ("list", "map")
TRUE_VALUES = ("1", "on", "true", "yes")


@dataclass
class PremisesFilters:
    quarters: list[str] = field(default_factory=list)  # stable quarter slugs
    types: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)  # keys of AREA_BANDS
    rents: list[str] = field(default_factory=list)  # keys of RENT_BANDS
    step_free: bool = False
    available_now: bool = False
    sort: str = "newest"
    view: str = "list"
    ignored: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return bool(
            self.quarters
            or self.types
            or self.areas
            or self.rents
            or self.step_free
            or self.available_now
        )


def _pick(values, allowed, ignored: list[str]) -> list[str]:
    normalise = getattr(allowed, "normalise", None) or (
        lambda value: value if value in allowed else None
    )
    picked: list[str] = []
    for value in values:
        known = normalise(value)
        if known is None:
            if value:
                ignored.append(value[:40])
        elif known not in picked:
            picked.append(known)
    return picked


def premises_filters_parse(params, *, quarters) -> PremisesFilters:
    """Clean filters from request.GET; never raises."""
    ignored: list[str] = []
    sort = params.get("sort", "")
    if sort and sort not in SORTS:
        ignored.append(sort[:40])
    view = params.get("view", "list")
    return PremisesFilters(
        quarters=_pick(params.getlist("quarter"), quarters, ignored),
        types=_pick(params.getlist("type"), set(PremisesType.values), ignored),
        areas=_pick(params.getlist("area"), set(AREA_BANDS), ignored),
        rents=_pick(params.getlist("rent"), set(RENT_BANDS), ignored),
        step_free=params.get("step_free", "").lower() in TRUE_VALUES,
        available_now=params.get("now", "").lower() in TRUE_VALUES,
        sort=sort if sort in SORTS else "newest",
        view=view if view in VIEWS else "list",
        ignored=ignored,
    )


def _range(name: str, low, high) -> Q:
    condition = Q()
    if low is not None:
        condition &= Q(**{f"{name}__gte": low})
    if high is not None:
        condition &= Q(**{f"{name}__lt": high})
    return condition


def area_condition(key: str) -> Q:
    _label, low, high = AREA_BANDS[key]
    return _range("area", low, high)


def rent_condition(key: str) -> Q:
    if key == "request":
        return Q(rent_per_m2__isnull=True)
    _label, low, high = RENT_BANDS[key]
    return Q(rent_per_m2__isnull=False) & _range("rent_per_m2", low, high)


def available_now_condition() -> Q:
    return Q(available_from__isnull=True) | Q(available_from__lte=timezone.localdate())


def _any(conditions) -> Q:
    combined = Q(pk__in=[])
    for condition in conditions:
        combined |= condition
    return combined


def premises_apply_filters(
    premises: QuerySet, filters: PremisesFilters, *, quarter_keys, skip: str = ""
) -> QuerySet:
    """`premises` narrowed to every facet but `skip` (for that facet's
    counts: values of one facet combine with "or")."""
    if filters.quarters and skip != "quarter":
        premises = premises.filter(quarter__translation_key__in=quarter_keys)
    if filters.types and skip != "type":
        premises = premises.filter(premises_type__in=filters.types)
    if filters.areas and skip != "area":
        premises = premises.filter(_any(area_condition(k) for k in filters.areas))
    if filters.rents and skip != "rent":
        premises = premises.filter(_any(rent_condition(k) for k in filters.rents))
    if filters.step_free and skip != "step_free":
        premises = premises.filter(step_free=True)
    if filters.available_now and skip != "now":
        premises = premises.filter(available_now_condition())
    return premises


def premises_sort(premises: QuerySet, filters: PremisesFilters) -> QuerySet:
    if filters.sort == "area":
        return premises.order_by("area", "pk")
    if filters.sort == "area_desc":
        return premises.order_by("-area", "pk")
    if filters.sort == "rent":
        return premises.order_by(F("rent_per_m2").asc(nulls_last=True), "area", "pk")
    return premises.order_by(F("first_published_at").desc(nulls_last=True), "pk")
