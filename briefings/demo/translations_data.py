"""The demo's two briefings in French and Arabic: their titles, summaries and sessions.

UN terms as the UN's own French and Arabic texts use them: Forum d'examen des
migrations internationales / منتدى استعراض الهجرة الدولية, Déclaration sur les
progrès / إعلان التقدم المحرز, Pacte mondial / الاتفاق العالمي, engagements
volontaires / التعهدات (pledges).
"""

IMRF_TEXTS = {
    "fr": (
        "Réunion d'information des partenaires régionaux sur les résultats du Forum d'examen "
        "des migrations internationales",
        """\
Le lundi 20 juin 2022, le Bureau régional de l'OIM pour le Moyen-Orient et l'Afrique du Nord \
et le Gouvernement égyptien ont informé les partenaires régionaux des résultats du premier \
**Forum d'examen des migrations internationales** (FEMI), tenu à New York en mai 2022.

Le Forum s'est conclu par une **Déclaration sur les progrès**, adoptée par 110 pays, qui trace \
la voie de la mise en œuvre du *Pacte mondial pour des migrations sûres, ordonnées et \
régulières*. Il avait été précédé d'une audition multipartite, de tables rondes interactives, \
d'un débat d'orientation et d'une séance plénière.

Des représentants du corps diplomatique, des pouvoirs publics, des ONG, des milieux \
universitaires et d'autres parties prenantes ont examiné la Déclaration à la lumière des \
approches mobilisant l'ensemble des pouvoirs publics et l'ensemble de la société que promeut \
le Pacte, ainsi que des perspectives que cette étape ouvre pour la région.

- Le FEMI se réunit tous les quatre ans, à compter de 2022.
- Depuis décembre 2021, le Réseau des Nations Unies sur les migrations a reçu 158 engagements, \
dont plus de 100 émanant de 25 États Membres.
"""),
    "ar": (
        "إحاطة للشركاء الإقليميين بشأن نتائج منتدى استعراض الهجرة الدولية",
        """\
في يوم الاثنين 20 حزيران/يونيو 2022، قدّم المكتب الإقليمي للمنظمة الدولية للهجرة للشرق \
الأوسط وشمال أفريقيا وحكومة مصر إحاطةً للشركاء الإقليميين بشأن نتائج الدورة الأولى من \
**منتدى استعراض الهجرة الدولية** التي عُقدت في نيويورك في أيار/مايو 2022.

وفي ختام المنتدى، اعتمدت 110 دول **إعلان التقدم المحرز** الذي يرسم مسار تنفيذ *الاتفاق \
العالمي من أجل الهجرة الآمنة والمنظمة والنظامية*. وقد سبقت ذلك جلسة استماع لأصحاب المصلحة \
المتعددين، وموائد مستديرة تفاعلية، ومناقشة للسياسات العامة، وجلسة عامة.

وتناول ممثلو السلك الدبلوماسي والحكومة والمنظمات غير الحكومية والأوساط الأكاديمية وسائر \
أصحاب المصلحة هذا الإعلانَ في ضوء نهجَي الحكومة بأسرها والمجتمع بأسره اللذين يقوم عليهما \
الاتفاق العالمي، وما يتيحه هذا الحدث البارز من فرص للمنطقة.

- يجتمع المنتدى مرة كل أربع سنوات، ابتداءً من عام 2022.
- منذ كانون الأول/ديسمبر 2021، تلقّت شبكة الأمم المتحدة المعنية بالهجرة 158 تعهدًا، أكثر من \
100 منها من 25 دولة عضوًا.
"""),
}

# The sessions by their English title: (title, description) in each language.
IMRF_SESSION_TEXTS = {
    "Opening remarks": {
        "fr": ("Allocutions d'ouverture",
               "Mot de bienvenue des coorganisateurs et objectifs de la réunion\u00a0: prolonger "
               "les débats tenus lors du FEMI à New York, qui ont abouti à la Déclaration sur "
               "les progrès."),
        "ar": ("الجلسة الافتتاحية",
               "كلمة ترحيب من الجهتين المنظمتين وأهداف الإحاطة: البناء على المناقشات التي جرت "
               "في منتدى استعراض الهجرة الدولية في نيويورك، والتي تُوِّجت بإعلان التقدم المحرز."),
    },
    "Reflections on the Progress Declaration": {
        "fr": ("Réflexions sur la Déclaration sur les progrès",
               "Ce que dit la Déclaration adoptée par 110 pays des progrès accomplis depuis "
               "2018, les lacunes qu'elle relève et les engagements qu'elle attend des États et "
               "des parties prenantes."),
        "ar": ("قراءة في إعلان التقدم المحرز",
               "ما يقوله الإعلان الذي اعتمدته 110 دول عن التقدم المحرز منذ عام 2018، والثغرات "
               "التي يحددها، والالتزامات التي يطلبها من الدول وأصحاب المصلحة."),
    },
    "Round table 1: Whole-of-government implementation": {
        "fr": ("Table ronde 1\u00a0: une mise en œuvre mobilisant l'ensemble des pouvoirs publics",
               "Politiques et plans d'action nationaux en matière de migration, mécanismes "
               "nationaux de coordination et groupes de travail interinstitutions\u00a0: comment "
               "les ministères collaborent pour mettre en œuvre le Pacte mondial."),
        "ar": ("المائدة المستديرة 1: التنفيذ بنهج الحكومة بأسرها",
               "السياسات وخطط العمل الوطنية المتعلقة بالهجرة، وآليات التنسيق الوطنية، والأفرقة "
               "العاملة المشتركة بين الوكالات: كيف تتعاون الوزارات في تنفيذ الاتفاق العالمي."),
    },
    "Round table 2: Whole-of-society implementation": {
        "fr": ("Table ronde 2\u00a0: une mise en œuvre mobilisant l'ensemble de la société",
               "Société civile, organisations de migrants et de la diaspora, milieux "
               "universitaires et secteur privé\u00a0: comment toutes les parties prenantes "
               "peuvent contribuer à la réalisation des objectifs du Pacte mondial."),
        "ar": ("المائدة المستديرة 2: التنفيذ بنهج المجتمع بأسره",
               "المجتمع المدني، ومنظمات المهاجرين والمغتربين، والأوساط الأكاديمية، والقطاع "
               "الخاص: كيف يمكن لجميع أصحاب المصلحة المشاركة في تحقيق أهداف الاتفاق العالمي."),
    },
    "Policy debate: What the milestone means for the MENA region": {
        "fr": ("Débat d'orientation\u00a0: ce que cette étape signifie pour le Moyen-Orient et "
               "l'Afrique du Nord",
               "La juste combinaison des approches humanitaires, de développement et de paix "
               "pour atténuer les facteurs négatifs de la migration irrégulière, les voies "
               "légales et la réduction des obstacles à la migration régulière, ainsi que la "
               "protection et la portabilité des droits des travailleurs migrants."),
        "ar": ("مناقشة السياسات العامة: ما يعنيه هذا الحدث البارز لمنطقة الشرق الأوسط وشمال "
               "أفريقيا",
               "المزيج المناسب من النُّهج الإنسانية والإنمائية ونُهج السلام للتخفيف من الدوافع "
               "السلبية للهجرة غير النظامية، والمسارات القانونية وتقليل العوائق أمام الهجرة "
               "النظامية، وحماية حقوق العمال المهاجرين وقابليتها للنقل."),
    },
    "Closing and next steps": {
        "fr": ("Clôture et prochaines étapes",
               "Messages clés de la journée et préparation du prochain Forum, en 2026."),
        "ar": ("الجلسة الختامية والخطوات التالية",
               "الرسائل الرئيسية لهذا اليوم والطريق إلى المنتدى المقبل في عام 2026."),
    },
}

FOLLOW_UP_TEXTS = {
    "fr": (
        "Des engagements aux actes\u00a0: réunion d'information de suivi sur la Déclaration sur "
        "les progrès du Forum d'examen des migrations internationales",
        """\
Réunion d'information de suivi destinée aux partenaires régionaux, consacrée à la mise en \
pratique, au Moyen-Orient et en Afrique du Nord, des engagements énoncés dans la **Déclaration \
sur les progrès du Forum d'examen des migrations internationales** et des engagements \
volontaires pris dans son sillage.

Le programme reprend la structure du Forum lui-même\u00a0: une audition multipartite, deux \
tables rondes, un débat d'orientation et une séance plénière de clôture, qui arrêtera les \
messages clés en vue du prochain examen.
"""),
    "ar": (
        "من التعهدات إلى التطبيق: إحاطة متابعة بشأن إعلان التقدم المحرز الصادر عن منتدى استعراض "
        "الهجرة الدولية",
        """\
إحاطة متابعة للشركاء الإقليميين بشأن ترجمة الالتزامات الواردة في **إعلان التقدم المحرز الصادر \
عن منتدى استعراض الهجرة الدولية**، والتعهدات المقدَّمة في إطاره، إلى واقع عملي في منطقة الشرق \
الأوسط وشمال أفريقيا.

ويتّبع البرنامج هيكل المنتدى نفسه: جلسة استماع لأصحاب المصلحة المتعددين، ومائدتان \
مستديرتان، ومناقشة للسياسات العامة، وجلسة عامة ختامية تُعتمد فيها الرسائل الرئيسية تمهيدًا \
للاستعراض المقبل.
"""),
}

FOLLOW_UP_SESSION_TEXTS = {
    "Opening: from Declaration to delivery": {
        "fr": ("Ouverture\u00a0: de la Déclaration à la mise en œuvre",
               "Mot de bienvenue et questions auxquelles la réunion d'information entend "
               "répondre."),
        "ar": ("الجلسة الافتتاحية: من الإعلان إلى التنفيذ",
               "كلمة ترحيب، والأسئلة التي تسعى هذه الإحاطة إلى الإجابة عنها."),
    },
    "Multi-stakeholder hearing: voices from the region": {
        "fr": ("Audition multipartite\u00a0: la parole à la région",
               "Des migrants, des membres de la diaspora, des représentants de la société "
               "civile et des autorités locales rendent compte de ce qui a changé sur le "
               "terrain depuis le Forum."),
        "ar": ("جلسة استماع لأصحاب المصلحة المتعددين: أصوات من المنطقة",
               "يعرض المهاجرون والمغتربون وممثلو المجتمع المدني والسلطات المحلية ما تغيّر على "
               "أرض الواقع منذ انعقاد المنتدى."),
    },
    "Round table A: Regular pathways and decent work": {
        "fr": ("Table ronde A\u00a0: voies de migration régulière et travail décent",
               "Partenariats pour les compétences, recrutement équitable et portabilité de la "
               "protection sociale."),
        "ar": ("المائدة المستديرة ألف: مسارات الهجرة النظامية والعمل اللائق",
               "شراكات المهارات، والتوظيف العادل، وقابلية نقل استحقاقات الحماية الاجتماعية."),
    },
    "Round table B: Protection, alternatives to detention and missing migrants": {
        "fr": ("Table ronde B\u00a0: protection, solutions de substitution à la détention et "
               "migrants disparus",
               "Mettre fin à la détention des enfants pour des motifs liés à l'immigration, "
               "assurer la gestion des cas et coordonner les efforts concernant les migrants "
               "disparus."),
        "ar": ("المائدة المستديرة باء: الحماية، وبدائل الاحتجاز، والمهاجرون المفقودون",
               "إنهاء احتجاز الأطفال لأسباب تتعلق بالهجرة، وإدارة الحالات، وتنسيق الجهود بشأن "
               "المهاجرين المفقودين."),
    },
    "Policy debate: Financing the pledges": {
        "fr": ("Débat d'orientation\u00a0: financer les engagements volontaires",
               "Le Fonds d'affectation spéciale pluripartenaires pour les migrations, les "
               "budgets nationaux et les partenariats."),
        "ar": ("مناقشة السياسات العامة: تمويل التعهدات",
               "الصندوق الاستئماني المتعدد الشركاء المعني بالهجرة، والميزانيات الوطنية، "
               "والشراكات."),
    },
    "Closing plenary: key messages for the next Forum": {
        "fr": ("Séance plénière de clôture\u00a0: messages clés en vue du prochain Forum",
               "Adoption des messages clés de la réunion d'information."),
        "ar": ("الجلسة العامة الختامية: الرسائل الرئيسية للمنتدى المقبل",
               "اعتماد الرسائل الرئيسية للإحاطة."),
    },
}
