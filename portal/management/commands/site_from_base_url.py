from django.core.management.base import BaseCommand

from portal.absolute import base_url, base_url_host_port, site_record_sync


class Command(BaseCommand):
    help = "Point the default Wagtail site at BASE_URL (migrate does this too)."

    def handle(self, *args, **options):
        changed = site_record_sync()
        hostname, port = base_url_host_port()
        state = "updated" if changed else "already"
        self.stdout.write(f"Site record {state}: {hostname}:{port} ({base_url()})")
