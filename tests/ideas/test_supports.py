"""Supports: one per resident, withdrawable, the shown count equals the
stored rows; concurrent requests on PostgreSQL never double-count."""

import threading

import pytest
from django.db import connection, connections

from ideas.models import Idea, Support
from ideas.selectors import ideas_with_counts
from ideas.services.supports import idea_support
from tests.factories.ideas import (
    CategoryFactory,
    IdeaFactory,
    QuarterFactory,
    ResidentFactory,
)

ON_POSTGRES = connection.vendor == "postgresql"
needs_postgres = pytest.mark.skipif(
    not ON_POSTGRES,
    reason="Concurrency tests need PostgreSQL: SQLite serialises all writes "
    "(and its in-memory test database is not shared between threads). "
    "Run with DATABASE_URL=postgres://… to exercise them.",
)


@pytest.mark.django_db
def test_support_withdraw_and_count(client, board, idea, resident):
    client.force_login(resident)
    client.post(f"/ideen/{idea.reference}/support/")
    page = client.get(f"/ideen/{idea.reference}/").content.decode()
    assert '<p class="support-box__count"><strong>1</strong>' in page
    client.post(f"/ideen/{idea.reference}/support/", {"action": "withdraw"})
    assert Support.objects.count() == 0
    page = client.get(f"/ideen/{idea.reference}/").content.decode()
    assert '<p class="support-box__count"><strong>0</strong>' in page


@pytest.mark.django_db
def test_shown_count_equals_stored_rows(idea):
    for resident in ResidentFactory.create_batch(7):
        idea_support(idea=idea, user=resident)
    two = list(Support.objects.values_list("user", flat=True)[:2])
    Support.objects.filter(user__in=two).delete()
    shown = ideas_with_counts(Idea.objects.filter(pk=idea.pk)).get().support_count
    assert shown == Support.objects.filter(idea=idea).count() == 5


def _run_in_threads(target, args_list):
    errors = []
    barrier = threading.Barrier(len(args_list))

    def wrapper(*args):
        try:
            barrier.wait(timeout=30)
            target(*args)
        except Exception as error:  # collected and asserted
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=wrapper, args=args) for args in args_list]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@needs_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_residents_support_at_once():
    idea = IdeaFactory(category=CategoryFactory(), quarter=QuarterFactory())
    residents = ResidentFactory.create_batch(50)
    results = []

    def support(user):
        results.append(idea_support(idea=idea, user=user))

    errors = _run_in_threads(support, [(user,) for user in residents])
    assert errors == []
    assert results.count(True) == 50
    assert Support.objects.filter(idea=idea).count() == 50
    shown = ideas_with_counts(Idea.objects.filter(pk=idea.pk)).get().support_count
    assert shown == 50


@needs_postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_resident_twenty_requests_at_once():
    idea = IdeaFactory(category=CategoryFactory(), quarter=QuarterFactory())
    resident = ResidentFactory()
    results = []

    def support():
        results.append(idea_support(idea=idea, user=resident))

    errors = _run_in_threads(support, [()] * 20)
    assert errors == []
    assert results.count(True) == 1
    assert results.count(False) == 19
    assert Support.objects.filter(idea=idea).count() == 1
