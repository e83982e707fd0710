"""The business network at a large `--size`: thousands of firms, each with a
German page and its English version, and their vacancies (German and
English), written in bulk (portal.demo_bulk) on top of the normal demo."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from portal.demo_bulk import (
    PageTree,
    Size,
    m2m_bulk_add,
    rows_insert,
    search_index_bulk,
)
from portal.models import Quarter

from .choices import (
    Contract,
    GermanLevel,
    PayUnit,
    Qualification,
    SizeBand,
    TrainingApproval,
    WorkingTime,
    WorkingTimeModel,
)
from .demo import (
    FIRM_TYPES,
    LANGUAGE_POOL,
    NAMES,
    POSTAL_CODES,
    STREETS,
    VACANCY_TYPES,
    _opening_hours,
)
from .models import (
    CompanyPage,
    CompanyTag,
    DirectoryIndexPage,
    Sector,
    SpokenLanguage,
    VacancyPage,
)


def seed_large(demo, size: Size) -> None:
    de, en = demo.locales["de"], demo.locales["en"]
    index_de = DirectoryIndexPage.objects.filter(locale=de).first()
    if index_de is None:
        return
    index_en = index_de.get_translation_or_none(en)
    # The bulk firms are numbered ("Bäckerei Kepler Nr. 17"); all of them come
    # in one transaction, so any of them there means all are.
    if CompanyPage.objects.filter(locale=de, slug__regex=r"-nr-[0-9]+$").exists():
        demo.count("companies", created=False)
        return
    already, wanted = 0, size.firms
    rng = demo.rng
    sectors = {s.slug: s for s in Sector.objects.filter(locale=de)}
    sectors_en = {s.translation_key: s for s in Sector.objects.filter(locale=en)}
    quarters = list(Quarter.objects.filter(locale=de).order_by("sort_order"))
    quarters_en = {q.translation_key: q for q in Quarter.objects.filter(locale=en)}
    languages = set(SpokenLanguage.objects.values_list("code", flat=True))
    tag_ids = {}
    for _pattern, _sector, tags, _text in FIRM_TYPES:
        for name in tags:
            tag_ids[name] = Tag.objects.get_or_create(name=name)[0].pk
    taken = set(index_de.get_children().values_list("slug", flat=True))
    today = timezone.localdate()
    tree = PageTree()

    firms, firm_langs, firm_tags = [], {}, {}
    bar = demo.progress_bar(None, desc="Large: firms", total=wanted)
    for n in range(already, size.firms):
        pattern, sector_slug, tags, description = FIRM_TYPES[n % len(FIRM_TYPES)]
        title = f"{pattern.format(NAMES[(n * 7) % len(NAMES)])} Nr. {n + 1}"
        slug = slugify(title)[:70]
        if slug in taken:
            continue
        taken.add(slug)
        quarter = quarters[n % len(quarters)]
        street = rng.choice(STREETS.get(quarter.slug, STREETS["potsdam"]))
        spoken = [
            c
            for c in ["de", *rng.sample(LANGUAGE_POOL[1:], rng.randint(0, 3))]
            if c in languages
        ]
        lat = float(quarter.latitude) + rng.uniform(-0.004, 0.004)
        lng = float(quarter.longitude) + rng.uniform(-0.006, 0.006)
        page = CompanyPage(
            title=title,
            slug=slug,
            locale=de,
            short_description=description,
            body=[
                {
                    "type": "paragraph",
                    "value": f"<p>{description} Wir freuen uns auf "
                    "Bewerbungen aus der Nachbarschaft.</p>",
                }
            ],
            sector=sectors.get(sector_slug),
            quarter=quarter,
            street=f"{street} {rng.randint(1, 60)}",
            postal_code=POSTAL_CODES.get(quarter.slug, "14480"),
            latitude=Decimal(f"{lat:.6f}"),
            longitude=Decimal(f"{lng:.6f}"),
            phone=f"0331 {rng.randint(200, 999)} {rng.randint(1000, 9999)}",
            email=f"kontakt@{slug[:40]}.example",
            website=f"https://{slug[:40]}.example",
            opening_hours=_opening_hours(rng),
            size_band=rng.choice(SizeBand.values),
            training_approval=rng.choice(TrainingApproval.values),
            offers_apprenticeships=rng.random() < 0.5,
            offers_internships=rng.random() < 0.6,
            offers_trial_work=rng.random() < 0.4,
            offers_career_changers=rng.random() < 0.5,
            offers_newcomers=rng.random() < 0.45,
            barrier_free=rng.random() < 0.4,
            member_since=rng.randint(2012, 2024),
            last_confirmed=today - dt.timedelta(days=rng.randint(3, 200)),
        )
        firms.append(page)
        firm_langs[slug] = spoken
        firm_tags[slug] = [tag_ids[name] for name in tags]
        bar.update(1)
    bar.close()

    def company_relations(page):
        return {
            "languages": firm_langs[page.slug],
            "tagged_items": [
                {"pk": None, "tag": tag, "content_object": page.pk}
                for tag in firm_tags[page.slug]
            ],
        }

    firms = tree.add(
        CompanyPage, [(index_de, p) for p in firms], relations=company_relations
    )
    english = []
    for page in firms:
        copy = CompanyPage(
            **{
                f.attname: getattr(page, f.attname)
                for f in CompanyPage._meta.local_concrete_fields
                if not f.primary_key
            },
            title=page.title,
            slug=page.slug,
            locale=en,
            translation_key=page.translation_key,
        )
        copy.sector = sectors_en.get(page.sector.translation_key, page.sector)
        copy.quarter = quarters_en.get(page.quarter.translation_key, page.quarter)
        english.append(copy)
    english = tree.add(
        CompanyPage, [(index_en, p) for p in english], relations=company_relations
    )
    for group in (firms, english):
        m2m_bulk_add(
            CompanyPage,
            "languages",
            [(p.pk, code) for p in group for code in firm_langs[p.slug]],
        )
        rows_insert(
            CompanyTag,
            [
                CompanyTag(content_object_id=p.pk, tag_id=tag)
                for p in group
                for tag in firm_tags[p.slug]
            ],
        )
    demo.created["companies"] += len(firms) + len(english)

    vacancies = _seed_vacancies(demo, size, tree, firms, english, languages)
    for model, pages in ((CompanyPage, firms + english), (VacancyPage, vacancies)):
        search_index_bulk(
            model,
            model.objects.filter(pk__in=[p.pk for p in pages]),
            progress=demo.progress_bar(
                None,
                desc=f"Large: index {model._meta.verbose_name_plural}",
                total=len(pages),
            ),
        )


def _seed_vacancies(demo, size: Size, tree, firms, english, languages) -> None:
    rng = demo.rng
    today = timezone.localdate()
    wanted = size.vacancies
    german, translated, helpful = [], [], {}
    used: dict[int, set] = {}
    bar = demo.progress_bar(None, desc="Large: vacancies", total=wanted)
    for v in range(wanted):
        k = (v * 7919) % len(firms)
        firm, firm_en = firms[k], english[k]
        title, title_en, offer_type, working_time = VACANCY_TYPES[
            (k + v) % len(VACANCY_TYPES)
        ]
        slug = slugify(title)[:60]
        if slug in used.setdefault(k, set()):
            slug = f"{slug[:55]}-{v}"
        used[k].add(slug)
        full = working_time == WorkingTime.FULL_TIME
        pay = rng.random() < 0.6
        apply_until = today + dt.timedelta(days=rng.choice([5, 20, 45, 60, 90]))
        fields = {
            "summary": f"{firm.title} sucht Verstärkung: {title}. "
            "Wir arbeiten Sie gründlich ein.",
            "tasks": "<ul><li>Mitarbeit im Team vor Ort</li>"
            "<li>Kontakt mit Kundinnen und Kunden</li></ul>",
            "requirements": "<ul><li>Zuverlässigkeit und Freude an der Arbeit</li></ul>",
            "what_we_offer": "<ul><li>Feste Ansprechperson</li></ul>",
            "offer_type": offer_type,
            "working_time": working_time,
            "hours_min": 40 if full else rng.choice([10, 15, 20]),
            "hours_max": 40 if full else rng.choice([25, 30, 32]),
            "working_time_models": rng.sample(
                WorkingTimeModel.values, rng.randint(1, 2)
            ),
            "childcare_compatible": rng.random() < 0.4,
            "starts_immediately": rng.random() < 0.6,
            "start_date": today + dt.timedelta(days=rng.randint(14, 90)),
            "contract": rng.choice(Contract.values),
            "openings": rng.randint(1, 3),
            "pay_min": Decimal(rng.choice([13, 14, 15])) if pay else None,
            "pay_max": Decimal(rng.choice([17, 19, 21])) if pay else None,
            "pay_unit": PayUnit.HOUR if pay else "",
            "german_level": rng.choice(GermanLevel.values),
            "qualification": rng.choice(Qualification.values),
            "foreign_qualifications_accepted": rng.random() < 0.5,
            "career_changers": rng.random() < 0.5,
            "barrier_free_workplace": rng.random() < 0.3,
            "apply_email": firm.email,
            "apply_walk_in": rng.random() < 0.3,
            "no_cv_needed": rng.random() < 0.3,
            "apply_until": apply_until,
            # What VacancyPage.clean derives: apply-until is the expiry.
            "expire_at": VacancyPage.expiry_for(apply_until),
        }
        page = VacancyPage(title=title, slug=slug, locale=firm.locale, **fields)
        copy = VacancyPage(
            title=title_en,
            slug=slug,
            locale=firm_en.locale,
            translation_key=page.translation_key,
            **fields,
        )
        german.append((firm, page))
        translated.append((firm_en, copy))
        helpful[page.translation_key] = [
            c for c in rng.sample(LANGUAGE_POOL[1:], 2) if c in languages
        ]
        bar.update(1)
    bar.close()

    def relations(page):
        return {"helpful_languages": helpful[page.translation_key]}

    created = []
    for pairs in (german, translated):
        pages = tree.add(VacancyPage, pairs, relations=relations)
        created += pages
        m2m_bulk_add(
            VacancyPage,
            "helpful_languages",
            [(p.pk, c) for p in pages for c in helpful[p.translation_key]],
        )
        demo.created["vacancies"] += len(pages)
    return created
