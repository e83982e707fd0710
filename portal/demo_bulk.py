"""Bulk creation for the large demo sizes (`seed_demo --size large`).

The normal demo creates each page with `add_child` and a published revision:
about a second per firm with its vacancies and translations, far too slow for
a city-sized database. Here pages are written the way treebeard would leave
them, but in batches:

- the materialised path, depth and `url_path` are computed here, the parent's
  `numchild` is raised once per batch;
- a `wagtailcore_page` row is bulk-inserted per page, then the specific
  model's own row (multi-table inheritance: `bulk_create` refuses the child
  model, so its local columns are inserted with the same primary key);
- one published revision per page, bulk-inserted and set as both
  `latest_revision` and `live_revision`, so the admin's edit view, history
  and the translation code find what a published page has;
- `translation_key` and `locale` are set by the caller, so a German page and
  its English version are translations of each other (`alias_of` stays empty).

What the per-page path does on top and this skips: no `PageLogEntry`, no
reference index rows (`rebuild_references_index` adds them if wanted), no
`page_published` signal; the search index is filled in bulk by
`search_index_bulk` at the end.
"""

from __future__ import annotations

import contextlib
import functools
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.db.models import F, Max
from django.utils import timezone
from django.utils.encoding import force_str
from modelcluster.models import get_serializable_data_for_fields
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    ObjectIndexer,
    PostgresIndex,
)
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from wagtail.models import Page, Revision
from wagtail.search.backends import get_search_backends

BATCH = 1000


@dataclass(frozen=True)
class Size:
    """How much content a named `--size` asks for."""

    name: str
    firms: int
    vacancies: int
    events: int
    recurring: int
    ideas: int
    supports: int
    comments: int
    #: Residents who support and comment (each supports an idea at most once).
    residents: int


SIZES = {
    # A few of each kind, for the tests and `make bench-smoke`.
    "test": Size(
        "test",
        firms=6,
        vacancies=12,
        events=10,
        recurring=3,
        ideas=20,
        supports=120,
        comments=30,
        residents=15,
    ),
    "medium": Size(
        "medium",
        firms=400,
        vacancies=1000,
        events=500,
        recurring=50,
        ideas=2000,
        supports=50_000,
        comments=5000,
        residents=600,
    ),
    # The target size of issue 14: a real city.
    "large": Size(
        "large",
        firms=4000,
        vacancies=10_000,
        events=5000,
        recurring=500,
        ideas=20_000,
        supports=500_000,
        comments=50_000,
        residents=3000,
    ),
}


def batched(items: Sequence, size: int = BATCH) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@contextlib.contextmanager
def auto_now_off(model, *names: str):
    """Let bulk inserts keep the given `created_at`-style values."""
    fields = [model._meta.get_field(name) for name in names]
    saved = [(f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, (now, now_add) in zip(fields, saved, strict=True):
            f.auto_now, f.auto_now_add = now, now_add


@dataclass
class PageTree:
    """Appends children to pages in bulk, keeping treebeard's invariants."""

    #: The next free step under a parent path (1-based, treebeard's numbering).
    next_step: dict[str, int] = field(default_factory=dict)
    created: int = 0

    def _step(self, parent: Page) -> int:
        if parent.path not in self.next_step:
            last = (
                Page.objects.filter(
                    path__startswith=parent.path, depth=parent.depth + 1
                )
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
            self.next_step[parent.path] = (
                Page._str2int(last[-Page.steplen :]) + 1 if last else 1
            )
        step = self.next_step[parent.path]
        self.next_step[parent.path] = step + 1
        return step

    def add(
        self,
        model,
        children: Iterable[tuple[Page, Page]],
        *,
        relations: Callable[[Page], dict] | None = None,
    ) -> list[Page]:
        """Insert `(parent, unsaved page of model)` pairs as live pages, each
        with one published revision; returns the pages, saved (pk set).

        The revision holds the page's own fields; `relations(page)` adds the
        serialised many-to-many and child relations the caller inserts itself
        (modelcluster would read each from the database: a query per page)."""
        pairs = list(children)
        if not pairs:
            return []
        assert model._meta.get_parent_list() == [Page], model  # noqa: S101
        content_type = ContentType.objects.get_for_model(model)
        page_type = ContentType.objects.get_for_model(Page)
        now = timezone.now()
        grown: dict[int, int] = defaultdict(int)
        for parent, page in pairs:
            page.depth = parent.depth + 1
            page.path = Page._get_path(parent.path, page.depth, self._step(parent))
            page.numchild = 0
            page.url_path = f"{parent.url_path}{page.slug}/"
            page.content_type = content_type
            page.locale_id = page.locale_id or parent.locale_id
            page.translation_key = page.translation_key or uuid.uuid4()
            page.draft_title = page.title
            page.live = True
            page.has_unpublished_changes = False
            page.first_published_at = page.first_published_at or now
            page.last_published_at = page.first_published_at
            page.latest_revision_created_at = now
            grown[parent.pk] += 1
            # A new page has no children: its first child is step 1 (no query).
            self.next_step[page.path] = 1
        pages = [page for _parent, page in pairs]
        base_fields = list(Page._meta.local_concrete_fields)
        own_fields = list(model._meta.local_concrete_fields)
        for chunk in batched(pages):
            # Keys first, so that each row is written once, complete.
            for page, pk in zip(chunk, keys_allocate(Page, len(chunk)), strict=True):
                page.id = page.page_ptr_id = pk  # the row of Page and its own
            revisions = [
                Revision(
                    content_type_id=content_type.pk,
                    base_content_type_id=page_type.pk,
                    object_id=str(page.pk),
                    created_at=now,
                    object_str=page.title[:255],
                    content={
                        **get_serializable_data_for_fields(page),
                        **(relations(page) if relations else {}),
                    },
                )
                for page in chunk
            ]
            rows_insert(Revision, revisions)
            for page, revision in zip(chunk, revisions, strict=True):
                page.latest_revision_id = page.live_revision_id = revision.pk
            rows_insert(Page, chunk, fields=base_fields)
            rows_insert(model, chunk, fields=own_fields)
        numchild_add(grown)
        for parent, _page in pairs:
            parent.numchild += 1  # so that a parent used again is current
        self.created += len(pages)
        return pages


def keys_allocate(model, count: int) -> list[int]:
    """`count` fresh primary keys of `model` (an auto-incremented key), taken
    before the rows are written: PostgreSQL's sequence, elsewhere the next
    numbers after the largest (the demo writes in one transaction)."""
    if not count:
        return []
    pk = model._meta.pk
    table = model._meta.db_table
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) "
                "FROM generate_series(1, %s)",
                [table, pk.column, count],
            )
            return [row[0] for row in cursor.fetchall()]
    last = model._base_manager.aggregate(last=Max("pk"))["last"] or 0
    return list(range(last + 1, last + 1 + count))


def rows_insert(model, objs: Sequence, *, fields=None) -> None:
    """`bulk_create` for bulk loads: primary keys allocated first
    (`keys_allocate`, unless set), then on PostgreSQL the rows written with
    COPY, which is several times faster than an INSERT of a thousand rows
    for Django to compile and the database to parse. `fields` are the columns
    (default: the model's own); values are what an insert would write
    (`pre_save` and the database's preparation of each field)."""
    if not objs:
        return
    fields = list(fields or model._meta.local_concrete_fields)
    pk = model._meta.pk
    if pk in fields:
        missing = [obj for obj in objs if obj.pk is None]
        for obj, key in zip(missing, keys_allocate(model, len(missing)), strict=True):
            obj.pk = key
    if connection.vendor != "postgresql":
        # An INSERT of the same columns (`bulk_create` refuses a child model
        # of multi-table inheritance), in batches the database allows.
        size = connection.ops.bulk_batch_size(fields, objs) or BATCH
        for chunk in batched(objs, min(size, BATCH)):
            model._base_manager._insert(chunk, fields=fields)
        return
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for obj in objs:
            copy.write_row(
                [
                    f.get_db_prep_save(f.pre_save(obj, add=True), connection)
                    for f in fields
                ]
            )


def numchild_add(grown: dict[int, int]) -> None:
    """Raise each parent's `numchild` by its new children, one statement."""
    if not grown:
        return
    if connection.vendor != "postgresql":
        for parent_pk, count in grown.items():
            Page.objects.filter(pk=parent_pk).update(numchild=F("numchild") + count)
        return
    items = list(grown.items())
    for chunk in batched(items):
        values = ", ".join(["(%s, %s)"] * len(chunk))
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE wagtailcore_page SET numchild = numchild + v.n "  # noqa: S608
                f"FROM (VALUES {values}) AS v(id, n) WHERE wagtailcore_page.id = v.id",
                [value for pair in chunk for value in pair],
            )


def m2m_bulk_add(model, name: str, pairs: Iterable[tuple[object, object]]) -> int:
    """Rows of the through table of `model.name` (a (Parental)ManyToManyField),
    one per `(owner pk, target pk)`."""
    relation = model._meta.get_field(name)
    through = relation.remote_field.through
    source, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
    rows = [
        through(**{f"{source}_id": owner, f"{target}_id": other})
        for owner, other in pairs
    ]
    for chunk in batched(rows, 5000):
        rows_insert(through, chunk)
    return len(rows)


def search_index_bulk(model, queryset=None, *, progress=None) -> int:
    """Index a model's objects in batches, as `update_index` does (on the
    database backend of PostgreSQL with the rows written the way it writes
    them, see `_postgres_add_items`)."""
    queryset = queryset if queryset is not None else model.objects.all()
    total = 0
    for backend in get_search_backends(with_auto_update=True):
        index = backend.get_index_for_model(model)
        if index is None:
            continue
        add_items = (
            functools.partial(_postgres_add_items, index)
            if isinstance(index, PostgresIndex)
            else index.add_items
        )
        pks = list(queryset.order_by("pk").values_list("pk", flat=True))
        indexed = _related_loaded(model, model.get_indexed_objects())
        for chunk in batched(pks, 500):
            objects = list(indexed.filter(pk__in=chunk).order_by("pk"))
            add_items(model, objects)
            total += len(objects)
            if progress is not None:
                progress.update(len(objects))
        if isinstance(index, PostgresIndex):
            index._refresh_title_norms()
    return total


def _related_loaded(model, queryset):
    """The objects with what their `RelatedFields` index read along (a page's
    tags: else a query per object)."""
    for search_field in model.get_search_fields():
        if not isinstance(search_field, RelatedFields):
            continue
        try:
            relation = model._meta.get_field(search_field.field_name)
        except FieldDoesNotExist:
            continue  # a method or property
        if relation.many_to_many or relation.one_to_many:
            queryset = queryset.prefetch_related(search_field.field_name)
        elif relation.is_relation:
            queryset = queryset.select_related(search_field.field_name)
    return queryset


def _postgres_add_items(index: PostgresIndex, model, objects) -> None:
    """The rows `PostgresIndex.add_items` writes, made faster for bulk loads:
    each search field is prepared once per object (modelsearch prepares it
    once for each of its five columns) and the vectors are plain SQL with
    parameters instead of compiled expressions; the title norms are renewed
    once at the end (`search_index_bulk`), not after every batch. A test
    compares the rows with those of `update_index`."""
    search_fields = model.get_search_fields()
    if not search_fields or not objects:
        return
    backend = index.backend
    content_type_pk = ContentType.objects.get_for_model(model).pk
    rows, params = [], []
    for obj in objects:
        indexer = ObjectIndexer(obj, backend)
        prepared = [
            item
            for field in search_fields
            for item in indexer.prepare_field(obj, field)
        ]
        title = [
            (value, weight)
            for field, weight, value in prepared
            if isinstance(field, SearchField) and field.field_name == "title"
        ]
        body = [
            (value, weight)
            for field, weight, value in prepared
            if isinstance(field, SearchField) and field.field_name != "title"
        ]
        autocomplete = [
            (value, weight)
            for field, weight, value in prepared
            if isinstance(field, AutocompleteField)
        ]
        params += [content_type_pk, force_str(obj.pk)]
        vectors = []
        for texts, config in (
            (title, backend.config),
            (autocomplete, backend.autocomplete_config),
            (body, backend.config),
        ):
            sql, vector_params = _tsvector_sql(texts, config)
            vectors.append(sql)
            params += vector_params
        params += [_plain(title), _plain(body)]
        rows.append(f"(%s, %s, {', '.join(vectors)}, 1.0, %s, %s)")
    table = IndexEntry._meta.db_table
    with index.write_connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (content_type_id, object_id, title, "  # noqa: S608 - names from the models
            "autocomplete, body, title_norm, title_text, body_text) "
            f"VALUES {', '.join(rows)} "
            "ON CONFLICT (content_type_id, object_id) DO UPDATE SET "
            "title = EXCLUDED.title, title_norm = 1.0, "
            "autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body, "
            "title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text",
            params,
        )


def _tsvector_sql(texts, config) -> tuple[str, list]:
    """`ObjectIndexer.as_vector` as SQL: each non-empty text weighted, in
    order, concatenated; no text is the empty vector."""
    texts = [(text.strip(), weight) for text, weight in texts]
    texts = [(text, weight) for text, weight in texts if text]
    if not texts:
        return "to_tsvector('')", []
    sql = " || ".join(["setweight(to_tsvector(%s::regconfig, %s), %s)"] * len(texts))
    params = [value for text, weight in texts for value in (config, text, weight)]
    return f"({sql})", params


def _plain(texts) -> str:
    """The plain text of a column (`title_text`, `body_text`) for fuzzy search."""
    return " ".join(text.strip() for text, _weight in texts if text.strip())


def users_bulk_create(
    prefix: str, count: int, *, password: str = "", password_hash: str = ""
) -> list:
    """`count` accounts `prefix-00001`… with verified e-mail addresses and one
    password hash (hashed once: hashing is what makes users slow to create;
    `password_hash` reuses one made before)."""
    User = get_user_model()
    digits = max(5, len(str(count)))
    names = [f"{prefix}-{n:0{digits}d}" for n in range(1, count + 1)]
    existing = set(
        User.objects.filter(username__in=names).values_list("username", flat=True)
    )
    hashed = password_hash or make_password(password)
    new = [
        User(
            username=name,
            email=f"{name}@demo.quartiersportal.example",
            display_name=f"Nachbar {name.rsplit('-', 1)[-1].lstrip('0')}",
            password=hashed,
        )
        for name in names
        if name not in existing
    ]
    for chunk in batched(new):
        User.objects.bulk_create(chunk)
    users = list(User.objects.filter(username__in=names).order_by("username"))
    fresh = {user.username for user in new}
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user=user, email=user.email, verified=True, primary=True)
            for user in users
            if user.username in fresh
        ],
        batch_size=BATCH,
    )
    return users


def vacuum_analyze() -> None:
    """Fresh planner statistics after millions of inserts (PostgreSQL)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
