"""The directory's reactions to a page going live, in one place.

Every way a page is published (edit view, workflow approval, scheduled
publishing, wagtail-localize) sends Wagtail's `page_published` signal; the
`after_publish_page` hook runs only in the edit view, so the directory
reacts to the signal alone. Connected in `DirectoryConfig.ready()`.
"""

from wagtail.search import index

from .models import CompanyPage
from .services import firm_access_sync, translations_follow_original


def company_reindex_with_tags(sender, instance, **kwargs):
    # The search index is updated from post_save, before a ClusterableModel
    # saves its child relations; with the immediate task backend the tags of
    # this very publish would be missing. Index again once everything is saved.
    index.insert_or_update_object(instance)


def company_firm_access_follow(sender, instance, **kwargs):
    # "Publish directly" lives on the page; the firm group follows it.
    if isinstance(instance, CompanyPage) and instance.firm_group_id:
        firm_access_sync(company=instance)


def page_translations_follow(sender, instance, revision, **kwargs):
    translations_follow_original(page=instance, revision=revision)
