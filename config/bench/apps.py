from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Installed only by config.settings.bench (`make bench`): the two floors
    the benchmark measures beside the portal's pages, and the query counter."""

    name = "config.bench"
    label = "bench"
    verbose_name = "Benchmark floors"
    default_auto_field = "django.db.models.BigAutoField"
