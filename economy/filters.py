"""The economy's filters: the premises listing's and the network board's,
parsed leniently from the query string with `portal.query` (an unknown value
is dropped and reported in `ignored`, never an error), and the premises
filters applied to a queryset of units."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from portal.query import QueryReader

from .choices import AREA_BANDS, RENT_BANDS, PostType, PremisesType

PREMISES_SORTS = ("newest", "area", "area_desc", "rent")
PREMISES_VIEWS = ("list", "map")


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
    ignored: list[dict] = field(default_factory=list)

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


def premises_filters_parse(params, *, quarters) -> PremisesFilters:
    """Clean filters from request.GET; never raises."""
    read = QueryReader(params)
    return PremisesFilters(
        quarters=read.values("quarter", quarters),
        types=read.values("type", PremisesType.values),
        areas=read.values("area", AREA_BANDS),
        rents=read.values("rent", RENT_BANDS),
        step_free=read.flag("step_free"),
        available_now=read.flag("now"),
        sort=read.sort("sort", PREMISES_SORTS, default="newest"),
        view=read.value("view", PREMISES_VIEWS, default="list"),
        ignored=read.ignored,
    )


@dataclass
class BoardFilters:
    type: str = ""  # a PostType value, or "" for all posts
    ignored: list[dict] = field(default_factory=list)


def board_filters_parse(params) -> BoardFilters:
    """The network board's filter from request.GET; never raises."""
    read = QueryReader(params)
    return BoardFilters(type=read.value("type", PostType.values), ignored=read.ignored)


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
