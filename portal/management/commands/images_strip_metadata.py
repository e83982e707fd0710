from django.core.management.base import BaseCommand
from wagtail.images import get_image_model

from portal.uploads import image_metadata_strip


class Command(BaseCommand):
    help = (
        "Re-encode stored images that still carry metadata (EXIF/GPS, XMP, "
        "IPTC, comments, PNG text; uploaded before the portal cleaned every "
        "upload) and delete their renditions. Safe to run again."
    )

    def handle(self, *args, **options):
        cleaned = 0
        images = get_image_model().objects.order_by("pk")
        for image in images.iterator(chunk_size=200):
            try:
                changed = image_metadata_strip(image=image)
            except OSError as error:  # the file is missing from storage
                self.stderr.write(f"image {image.pk}: {error}")
                continue
            if changed:
                cleaned += 1
                self.stdout.write(f"cleaned image {image.pk}: {image.file.name}")
        self.stdout.write(
            self.style.SUCCESS(f"{cleaned} of {images.count()} images cleaned.")
        )
