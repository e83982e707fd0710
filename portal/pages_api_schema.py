"""The OpenAPI description of the pages API (/api/v2/openapi.json).

Wagtail's API v2 has no schema of its own, and its viewsets build their
serializers per request from `?type` and `?fields`, which generators such as
drf-spectacular cannot follow; so the description is written here, by hand,
for what partners use: the listing and the detail. Page types, languages and
the limit come from the code and settings, so they cannot drift. Checked by
tests/portal/test_pages_api_schema.py (schemathesis).
"""

from django.conf import settings
from wagtail.models import get_page_models

PAGE_ID_OR_ROOT = {
    "anyOf": [
        {"type": "integer", "minimum": 0},
        {"type": "string", "enum": ["root"]},
    ]
}
MESSAGE = {"$ref": "#/components/schemas/Message"}


def _json(schema: dict, description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": schema}},
    }


def _query(name: str, description: str, schema: dict) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


def pages_api_schema() -> dict:
    page_types = sorted(
        f"{model._meta.app_label}.{model.__name__}" for model in get_page_models()
    )
    languages = [code for code, _name in settings.LANGUAGES]
    limit_max = settings.WAGTAILAPI_LIMIT_MAX
    fields = _query(
        "fields",
        "Comma-separated API fields to add (`*` for all, `-name` to leave one "
        "out); needs `type` for fields of one page type.",
        {"type": "string"},
    )
    bad_request = _json(MESSAGE, "A parameter is wrong; `message` says which.")
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Quartiersportal: pages",
            "version": "2.0.0",
            "description": (
                "Read-only pages API for partners (Wagtail's API v2): live "
                "pages without view restrictions, in every language. No login. "
                "See docs/pages-api.md."
            ),
        },
        "paths": {
            "/api/v2/pages/": {
                "get": {
                    "operationId": "pages_list",
                    "summary": "Public live pages, filtered",
                    "parameters": [
                        _query(
                            "type",
                            "Page type; allows the type's API fields in `fields`.",
                            {"type": "string", "enum": page_types},
                        ),
                        _query("locale", "Language.", {"enum": languages}),
                        fields,
                        _query(
                            "limit",
                            f"Pages per answer (default 20, at most {limit_max}).",
                            {"type": "integer", "minimum": 0, "maximum": limit_max},
                        ),
                        _query(
                            "offset",
                            "Pages to skip.",
                            {"type": "integer", "minimum": 0},
                        ),
                        _query(
                            "order",
                            "Field to sort by, `-field` descending, or `random`.",
                            {"type": "string"},
                        ),
                        _query("search", "Full text.", {"type": "string"}),
                        _query(
                            "search_operator",
                            "How search words combine.",
                            {"enum": ["and", "or"]},
                        ),
                        _query("child_of", "Children of this page.", PAGE_ID_OR_ROOT),
                        _query(
                            "descendant_of",
                            "Pages below this page.",
                            PAGE_ID_OR_ROOT,
                        ),
                        _query(
                            "translation_of",
                            "The other languages of this page.",
                            PAGE_ID_OR_ROOT,
                        ),
                    ],
                    "responses": {
                        "200": _json(
                            {"$ref": "#/components/schemas/PageList"}, "The pages."
                        ),
                        "400": bad_request,
                        "404": _json(MESSAGE, "No such language (`locale`)."),
                    },
                }
            },
            "/api/v2/pages/{id}/": {
                "get": {
                    "operationId": "pages_detail",
                    "summary": "One page with all its API fields",
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer", "minimum": 0},
                        },
                        fields,
                    ],
                    "responses": {
                        "200": _json(
                            {"$ref": "#/components/schemas/Page"}, "The page."
                        ),
                        "400": bad_request,
                        "404": {
                            "description": "No public live page with this id.",
                            "content": {
                                "application/json": {"schema": MESSAGE},
                                # An id that is no number matches no URL: the
                                # site's own "not found" page.
                                "text/html": {"schema": {"type": "string"}},
                            },
                        },
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Message": {
                    "type": "object",
                    "required": ["message"],
                    "properties": {"message": {"type": "string"}},
                },
                "PageMeta": {
                    "type": "object",
                    "required": ["type", "detail_url"],
                    "properties": {
                        "type": {"type": "string", "enum": page_types},
                        "detail_url": {"type": "string", "format": "uri"},
                        "html_url": {"type": "string", "nullable": True},
                        "slug": {"type": "string"},
                        "first_published_at": {
                            "type": "string",
                            "format": "date-time",
                            "nullable": True,
                        },
                        "locale": {"type": "string", "enum": languages},
                        "search_description": {"type": "string"},
                        "seo_title": {"type": "string"},
                        "show_in_menus": {"type": "boolean"},
                        "parent": {"type": "object", "nullable": True},
                        "alias_of": {"type": "object", "nullable": True},
                    },
                },
                "Page": {
                    "type": "object",
                    "required": ["id", "meta"],
                    "properties": {
                        "id": {"type": "integer"},
                        "meta": {"$ref": "#/components/schemas/PageMeta"},
                        "title": {"type": "string"},
                    },
                    # Each type's API fields (docs/pages-api.md) come on top.
                    "additionalProperties": True,
                },
                "PageList": {
                    "type": "object",
                    "required": ["meta", "items"],
                    "properties": {
                        "meta": {
                            "type": "object",
                            "required": ["total_count"],
                            "properties": {"total_count": {"type": "integer"}},
                        },
                        "items": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Page"},
                        },
                    },
                },
            }
        },
    }
