# ruff: noqa: E501 - translated sentences read better unbroken
"""Demo content in the newcomers' languages (issue 4): the home page, the
contact points and short legal pages in Arabic, Persian, Ukrainian, Russian
and Turkish. Called from `home.demo.seed`; idempotent like the rest.

Legal pages carry a short translated summary and say that only the German
text is binding; editors replace them with full translations (e.g. through
wagtail-localize's PO export) when the project has them.
"""

NEWCOMER_LANGUAGES = ["ar", "fa", "uk", "ru", "tr"]

HOME = {
    "ar": (
        "بوابة الحي",
        "<p>عمل وتعلّم ومشاركة في أحياء شتيرن ودريفيتس وشلاتس في بوتسدام.</p>",
    ),
    "fa": (
        "درگاه محله",
        "<p>کار، یادگیری و مشارکت در محله‌های اشترن، درویتس و شلاتس در پوتسدام.</p>",
    ),
    "uk": (
        "Портал району",
        "<p>Робота, навчання та участь у житті районів Штерн, Древіц і Шлатц у Потсдамі.</p>",
    ),
    "ru": (
        "Портал района",
        "<p>Работа, обучение и участие в жизни районов Штерн, Древиц и Шлатц в Потсдаме.</p>",
    ),
    "tr": (
        "Mahalle portalı",
        "<p>Potsdam’ın Stern, Drewitz ve Schlaatz mahallelerinde çalışmak, öğrenmek ve katılmak.</p>",
    ),
}

CONTACT_POINT = {
    "ar": (
        "مركز الاستشارة في {quarter}",
        "تفضّلوا بزيارتنا: نساعدكم في طلبات التوظيف ورسائل الدوائر الرسمية وكل ما يتعلق بالعمل في الحي.",
        "المدخل بدون درج، والباب يفتح تلقائيًا.",
    ),
    "fa": (
        "مرکز مشاوره {quarter}",
        "به ما سر بزنید: در نوشتن درخواست کار، نامه‌های اداری و هر چیزی که به کار در محله مربوط است کمکتان می‌کنیم.",
        "ورودی بدون پله است و در به‌طور خودکار باز می‌شود.",
    ),
    "uk": (
        "Консультаційний пункт {quarter}",
        "Приходьте до нас: ми допомагаємо із заявами на роботу, листами від установ і всім, що стосується роботи в районі.",
        "Вхід без сходинок, двері відчиняються автоматично.",
    ),
    "ru": (
        "Консультационный пункт {quarter}",
        "Приходите к нам: мы помогаем с заявлениями о приёме на работу, письмами из ведомств и всем, что связано с работой в районе.",
        "Вход без ступенек, дверь открывается автоматически.",
    ),
    "tr": (
        "{quarter} Danışma Noktası",
        "Uğrayın: İş başvurularında, resmî dairelerden gelen mektuplarda ve mahallede çalışmayla ilgili her konuda yardımcı oluyoruz.",
        "Giriş basamaksız, kapı otomatik olarak açılıyor.",
    ),
}

BINDING = {
    "ar": "هذه الترجمة للعلم فقط. النص الألماني وحده هو الملزم قانونيًا.",
    "fa": "این ترجمه فقط برای اطلاع است. تنها متن آلمانی از نظر حقوقی معتبر است.",
    "uk": "Цей переклад подано для інформації. Юридичну силу має лише німецький текст.",
    "ru": "Этот перевод приводится для информации. Юридическую силу имеет только немецкий текст.",
    "tr": "Bu çeviri bilgi amaçlıdır. Yalnızca Almanca metin hukuken bağlayıcıdır.",
}

LEGAL = {
    "imprint_page": {
        "ar": (
            "بيانات الناشر",
            "المسؤول عن هذه البوابة: مشروع الحي شتيرن · دريفيتس · شلاتس، Galileistraße 37، 14480 Potsdam.",
        ),
        "fa": (
            "اطلاعات ناشر",
            "مسئول این درگاه: پروژهٔ محلهٔ اشترن · درویتس · شلاتس، Galileistraße 37، 14480 Potsdam.",
        ),
        "uk": (
            "Вихідні дані",
            "Відповідальний за портал: проєкт району Штерн · Древіц · Шлатц, Galileistraße 37, 14480 Potsdam.",
        ),
        "ru": (
            "Выходные данные",
            "Ответственный за портал: проект района Штерн · Древиц · Шлатц, Galileistraße 37, 14480 Potsdam.",
        ),
        "tr": (
            "Künye",
            "Bu portaldan sorumlu: Stern · Drewitz · Schlaatz mahalle projesi, Galileistraße 37, 14480 Potsdam.",
        ),
    },
    "privacy_page": {
        "ar": (
            "حماية البيانات",
            "نحفظ فقط ما تحتاجه البوابة لتعمل. قائمة الوظائف التي تختارونها تبقى في جلسة المتصفح وتُحذف عند إغلاقه.",
        ),
        "fa": (
            "حفاظت از داده‌ها",
            "ما فقط چیزهایی را ذخیره می‌کنیم که برای کار درگاه لازم است. فهرست شغل‌هایی که انتخاب می‌کنید فقط در نشست مرورگر می‌ماند و با بستن آن پاک می‌شود.",
        ),
        "uk": (
            "Захист даних",
            "Ми зберігаємо лише те, що потрібно для роботи порталу. Ваш список вакансій залишається в сеансі браузера і видаляється, коли ви його закриваєте.",
        ),
        "ru": (
            "Защита данных",
            "Мы храним только то, что нужно для работы портала. Ваш список вакансий остаётся в сеансе браузера и удаляется, когда вы его закрываете.",
        ),
        "tr": (
            "Veri koruma",
            "Yalnızca portalın çalışması için gerekenleri saklıyoruz. Seçtiğiniz iş ilanları listesi tarayıcı oturumunuzda kalır ve tarayıcıyı kapattığınızda silinir.",
        ),
    },
    "accessibility_page": {
        "ar": (
            "بيان إمكانية الوصول",
            "نريد أن يتمكن الجميع من استخدام هذه البوابة. إذا واجهتم أي صعوبة، أخبرونا من فضلكم.",
        ),
        "fa": (
            "بیانیهٔ دسترسی‌پذیری",
            "می‌خواهیم همه بتوانند از این درگاه استفاده کنند. اگر چیزی برایتان کار نمی‌کند، لطفاً به ما بگویید.",
        ),
        "uk": (
            "Заява про доступність",
            "Ми хочемо, щоб цим порталом могли користуватися всі. Якщо щось не працює для вас, будь ласка, повідомте нам.",
        ),
        "ru": (
            "Заявление о доступности",
            "Мы хотим, чтобы порталом могли пользоваться все. Если что-то у вас не работает, пожалуйста, сообщите нам.",
        ),
        "tr": (
            "Erişilebilirlik beyanı",
            "Herkesin bu portalı kullanabilmesini istiyoruz. Sizin için çalışmayan bir şey varsa lütfen bize bildirin.",
        ),
    },
}


def seed_home_pages(demo) -> None:
    home_de = demo.home("de")
    for code in NEWCOMER_LANGUAGES:
        if code not in demo.locales:
            continue
        title, intro = HOME[code]
        # An empty heading shows the translated default ("Our quarters")
        # instead of the German heading the copy would carry over.
        demo.translation(
            home_de,
            code,
            kind="pages",
            title=title,
            intro=intro,
            quarters_heading="",
        )


def seed_contact_points(demo, pages: list) -> None:
    """`pages`: (German page, English slug, Quarter) of each contact point."""
    for page, slug_en, quarter in pages:
        for code in NEWCOMER_LANGUAGES:
            if code not in demo.locales:
                continue
            title, intro, access = CONTACT_POINT[code]
            demo.translation(
                page,
                code,
                kind="contact points",
                title=title.format(quarter=quarter.name),
                slug=slug_en,
                intro=intro,
                accessibility_notes=access,
                quarter=quarter.get_translation_or_none(demo.locales[code]) or quarter,
            )


def seed_legal_pages(demo, pages: dict) -> None:
    """`pages`: setting name -> (German page, English slug)."""
    for setting, (page, slug_en) in pages.items():
        for code in NEWCOMER_LANGUAGES:
            if code not in demo.locales:
                continue
            title, summary = LEGAL[setting][code]
            demo.translation(
                page,
                code,
                kind="legal pages",
                title=title,
                slug=slug_en,
                body=f"<p><strong>{BINDING[code]}</strong></p><p>{summary}</p>",
            )
