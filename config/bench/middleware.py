from django.db import connections


class QueryCountMiddleware:
    """`X-Bench-Queries`: the SQL statements one request ran (all databases),
    counted by a wrapper, so DEBUG stays off."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        wrapped = []
        for connection in connections.all(initialized_only=False):
            wrapped.append(connection.execute_wrapper(counter))
        for wrapper in wrapped:
            wrapper.__enter__()
        try:
            response = self.get_response(request)
        finally:
            for wrapper in reversed(wrapped):
                wrapper.__exit__(None, None, None)
        response["X-Bench-Queries"] = str(count)
        return response
