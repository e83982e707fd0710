"""Reads of the directory, one module per subject: `companies` (the company
listing and its facets), `vacancies` (open vacancies, the finder's search and
what a vacancy card shows), `shortlist` (an adviser's shortlist and handout)
and `firms` (a firm's admin dashboard and users).

They return querysets and values; the template contexts built from them live
in `directory.page_context`. Every function runs a fixed number of queries,
whatever the number of companies (tests/directory/test_queries.py).
"""
