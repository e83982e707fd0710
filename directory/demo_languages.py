# ruff: noqa: E501 - translated sentences read better unbroken
"""Demo content of the vacancy finder (issue 4): the finder page in all
seven languages, easy-German summaries, and a few firms' vacancies in
Arabic, Persian, Ukrainian, Russian and Turkish. Idempotent."""

from wagtail.models import Page

from .models import VacancyFinderPage, VacancyPage

NEWCOMER_LANGUAGES = ["ar", "fa", "uk", "ru", "tr"]

# language: (title, slug, intro)
FINDER = {
    "de": (
        "Stellen finden",
        "stellen",
        "Offene Stellen im Quartier – passend zu dem, was jemand mitbringt: Deutschkenntnisse, Stunden, Kinderbetreuung, Abschlüsse.",
    ),
    "en": (
        "Find a job",
        "jobs",
        "Open vacancies in the quarter that fit what a person brings: German, hours, childcare, qualifications.",
    ),
    "ar": (
        "البحث عن عمل",
        "wazaif",
        "وظائف شاغرة في الحي تناسب ما يجلبه الشخص معه: مستوى اللغة الألمانية وساعات العمل ورعاية الأطفال والمؤهلات.",
    ),
    "fa": (
        "یافتن کار",
        "forsat-shoghli",
        "فرصت‌های شغلی در محله که با توانایی‌های هر فرد جور است: سطح زبان آلمانی، ساعت کار، نگهداری از کودک و مدرک تحصیلی.",
    ),
    "uk": (
        "Знайти роботу",
        "vakansii",
        "Вільні вакансії в районі, що відповідають можливостям людини: рівень німецької, години роботи, догляд за дітьми, кваліфікація.",
    ),
    "ru": (
        "Найти работу",
        "vakansii",
        "Открытые вакансии в районе, подходящие тому, что человек умеет: уровень немецкого, часы работы, уход за детьми, квалификация.",
    ),
    "tr": (
        "İş bul",
        "is-ilanlari",
        "Mahalledeki açık iş ilanları – kişinin getirdiklerine uygun: Almanca seviyesi, çalışma saatleri, çocuk bakımı, diplomalar.",
    ),
}

DIRECTORY = {
    "ar": ("الشركات في الشبكة", "sharikat"),
    "fa": ("شرکت‌های شبکه", "sherkat-ha"),
    "uk": ("Компанії мережі", "kompanii"),
    "ru": ("Компании сети", "kompanii"),
    "tr": ("Ağdaki firmalar", "firmalar"),
}

# German title -> easy-German summary and the title in each language.
VACANCIES = {
    "Hausmeister/in (m/w/d)": {
        "easy": "Sie kümmern sich um Häuser.\nSie reparieren kleine Sachen.\nSie halten alles sauber.\nSie brauchen keinen Abschluss.",
        "ar": "عامل/ة صيانة مبانٍ",
        "fa": "سرایدار (مرد/زن/دیگر)",
        "uk": "Двірник / завгосп (ч/ж/д)",
        "ru": "Завхоз / дворник (м/ж/д)",
        "tr": "Bina görevlisi (e/k/d)",
    },
    "Verkäufer/in in Teilzeit": {
        "easy": "Sie arbeiten im Laden.\nSie helfen den Kunden.\nSie räumen Waren ein.\nSie arbeiten nicht den ganzen Tag.",
        "ar": "بائع/ة بدوام جزئي",
        "fa": "فروشنده (پاره‌وقت)",
        "uk": "Продавець / продавчиня (неповний день)",
        "ru": "Продавец (неполный день)",
        "tr": "Yarı zamanlı satış elemanı",
    },
    "Minijob Reinigung": {
        "easy": "Sie machen Räume sauber.\nSie arbeiten wenige Stunden in der Woche.\nSie brauchen nur wenig Deutsch.",
        "ar": "عمل صغير (ميني جوب): تنظيف",
        "fa": "کار کوتاه‌مدت (مینی‌جاب): نظافت",
        "uk": "Мініджоб: прибирання",
        "ru": "Мини-джоб: уборка",
        "tr": "Mini iş: temizlik",
    },
    "Probearbeit in der Küche": {
        "easy": "Sie arbeiten zur Probe in einer Küche.\nSie schneiden Gemüse und spülen.\nDann entscheiden Sie und die Firma: Passt es?",
        "ar": "عمل تجريبي في المطبخ",
        "fa": "کار آزمایشی در آشپزخانه",
        "uk": "Пробна робота на кухні",
        "ru": "Пробная работа на кухне",
        "tr": "Mutfakta deneme çalışması",
    },
    "Pflegehelfer/in": {
        "easy": "Sie helfen alten Menschen.\nZum Beispiel beim Waschen und beim Essen.\nSie lernen alles bei der Arbeit.",
        "ar": "مساعد/ة رعاية",
        "fa": "کمک‌پرستار",
        "uk": "Помічник / помічниця з догляду",
        "ru": "Помощник по уходу",
        "tr": "Bakım yardımcısı",
    },
    "Lagerhelfer/in": {
        "easy": "Sie arbeiten im Lager.\nSie packen Pakete und räumen Regale ein.\nSie brauchen keinen Abschluss.",
        "ar": "عامل/ة مستودع",
        "fa": "کارگر انبار",
        "uk": "Працівник / працівниця складу",
        "ru": "Работник склада",
        "tr": "Depo yardımcısı",
    },
}

SUMMARY = {
    "ar": "تبحث {company} عن دعم: {title}. سنعلّمكم العمل خطوة بخطوة.",
    "fa": "{company} به دنبال همکار است: {title}. ما کار را با حوصله به شما یاد می‌دهیم.",
    "uk": "{company} шукає підкріплення: {title}. Ми ретельно вас навчимо.",
    "ru": "{company} ищет сотрудников: {title}. Мы тщательно вас обучим.",
    "tr": "{company} ekibini güçlendirmek istiyor: {title}. İşi size adım adım öğretiyoruz.",
}

#: How many firms get their vacancies translated into every language.
TRANSLATED_FIRMS = 6


def seed_finder(demo) -> VacancyFinderPage:
    title, slug, intro = FINDER["de"]
    finder = demo.page(
        demo.home("de"),
        VacancyFinderPage,
        slug=slug,
        kind="finder pages",
        title=title,
        intro=intro,
        show_in_menus=True,
    )
    for code, (title, slug, intro) in FINDER.items():
        if code == "de" or code not in demo.locales:
            continue
        if not _home_exists(demo, code):
            continue
        demo.translation(
            finder, code, kind="finder pages", title=title, slug=slug, intro=intro
        )
    return finder


def _home_exists(demo, code: str) -> bool:
    root = demo.home("de")
    return Page.objects.filter(
        translation_key=root.translation_key, locale=demo.locales[code]
    ).exists()


def seed_translations(demo, index_de, companies) -> None:
    """Easy-German summaries on the originals, then a few firms' vacancies
    in the newcomers' languages."""
    for vacancy in VacancyPage.objects.filter(
        locale=index_de.locale, title__in=VACANCIES
    ):
        easy = VACANCIES[vacancy.title]["easy"]
        if vacancy.summary_easy != easy:
            vacancy.summary_easy = easy
            vacancy.save_revision().publish()
    for code in NEWCOMER_LANGUAGES:
        if code not in demo.locales or not _home_exists(demo, code):
            continue
        title, slug = DIRECTORY[code]
        demo.translation(
            index_de, code, kind="directory pages", title=title, slug=slug, intro=""
        )
        for company in companies[:TRANSLATED_FIRMS]:
            vacancies = [
                v
                for v in VacancyPage.objects.child_of(company).filter(
                    title__in=VACANCIES
                )
            ]
            if not vacancies:
                continue
            demo.translation(company, code, kind="companies")
            for vacancy in vacancies:
                translated_title = VACANCIES[vacancy.title][code]
                demo.translation(
                    vacancy,
                    code,
                    kind="vacancies",
                    title=translated_title,
                    summary=SUMMARY[code].format(
                        company=company.title, title=translated_title
                    ),
                )
