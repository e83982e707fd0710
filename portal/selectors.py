def search_terms(query: str) -> list[str]:
    """The words of a visitor's query that are safe to hand to Wagtail's
    search: the SQLite backend quotes each term for FTS5 without escaping
    double quotes inside it, and a null byte ends the query string early;
    either made the query fail with a 500."""
    return query.replace('"', " ").replace("\x00", " ").split()
