"""Reference data shipped with the application: stakeholder groups and GCM objectives.

English titles of the objectives follow shared/reference/gcm-objectives.csv;
the French and Arabic titles are the application's own.
"""

# code, English, French, Arabic, badge colour
STAKEHOLDER_GROUPS = [
    ("government", "Member State / government", "État membre / gouvernement",
     "الدول الأعضاء / الحكومات", "#1f4e79"),
    ("diplomatic", "Diplomatic community", "Corps diplomatique", "السلك الدبلوماسي", "#2e75b6"),
    ("parliament", "Parliamentarians", "Parlementaires", "البرلمانيون", "#5b9bd5"),
    ("un_system", "UN system and intergovernmental organizations",
     "Système des Nations Unies et organisations intergouvernementales",
     "منظومة الأمم المتحدة والمنظمات الحكومية الدولية", "#009edb"),
    ("civil_society", "Civil society / NGOs", "Société civile / ONG",
     "المجتمع المدني / المنظمات غير الحكومية", "#2e7d32"),
    ("migrant_diaspora", "Migrant and diaspora organizations",
     "Organisations de migrants et de la diaspora", "منظمات المهاجرين والمغتربين", "#66bb6a"),
    ("faith_based", "Faith-based organizations", "Organisations confessionnelles",
     "المنظمات الدينية", "#8d6e63"),
    ("academia", "Academia and research", "Milieux universitaires et recherche",
     "الأوساط الأكاديمية والبحثية", "#6a1b9a"),
    ("private_sector", "Private sector", "Secteur privé", "القطاع الخاص", "#ef6c00"),
    ("trade_unions", "Trade unions", "Syndicats", "النقابات العمالية", "#c62828"),
    ("local_authorities", "Local authorities", "Autorités locales", "السلطات المحلية", "#00838f"),
    ("nhri", "National human rights institutions",
     "Institutions nationales des droits de l'homme", "المؤسسات الوطنية لحقوق الإنسان", "#ad1457"),
    ("red_cross", "Red Cross / Red Crescent", "Croix-Rouge / Croissant-Rouge",
     "الصليب الأحمر / الهلال الأحمر", "#d32f2f"),
    ("media", "Media", "Médias", "وسائل الإعلام", "#455a64"),
    ("other", "Other", "Autre", "أخرى", "#757575"),
]

# number, English, French, Arabic
GCM_OBJECTIVES = [
    (1, "Collect and utilize accurate and disaggregated data as a basis for evidence-based policies",
     "Collecter et utiliser des données précises et ventilées pour élaborer des politiques "
     "fondées sur la connaissance des faits",
     "جمع واستخدام بيانات دقيقة ومصنفة كأساس لسياسات قائمة على الأدلة"),
    (2, "Minimize the adverse drivers and structural factors that compel people to leave their "
        "country of origin",
     "Lutter contre les facteurs négatifs et les problèmes structurels qui poussent des personnes "
     "à quitter leur pays d'origine",
     "التقليل إلى أدنى حد من الدوافع السلبية والعوامل الهيكلية التي تضطر الناس إلى مغادرة بلدهم الأصلي"),
    (3, "Provide accurate and timely information at all stages of migration",
     "Fournir dans les meilleurs délais des informations exactes à toutes les étapes de la migration",
     "توفير معلومات دقيقة وفي الوقت المناسب في جميع مراحل الهجرة"),
    (4, "Ensure that all migrants have proof of legal identity and adequate documentation",
     "Munir tous les migrants d'une preuve d'identité légale et de papiers adéquats",
     "ضمان حصول جميع المهاجرين على ما يثبت هويتهم القانونية وعلى وثائق كافية"),
    (5, "Enhance availability and flexibility of pathways for regular migration",
     "Faire en sorte que les filières de migration régulière soient accessibles et plus souples",
     "تعزيز توافر مسارات الهجرة النظامية ومرونتها"),
    (6, "Facilitate fair and ethical recruitment and safeguard conditions that ensure decent work",
     "Favoriser des pratiques de recrutement justes et éthiques et assurer les conditions d'un "
     "travail décent",
     "تيسير التوظيف العادل والأخلاقي وضمان الظروف التي تكفل العمل اللائق"),
    (7, "Address and reduce vulnerabilities in migration",
     "S'attaquer aux facteurs de vulnérabilité liés aux migrations et les réduire",
     "معالجة أوجه الضعف في سياق الهجرة والحد منها"),
    (8, "Save lives and establish coordinated international efforts on missing migrants",
     "Sauver des vies et mettre en place une action internationale coordonnée concernant les "
     "migrants disparus",
     "إنقاذ الأرواح وتنسيق الجهود الدولية بشأن المهاجرين المفقودين"),
    (9, "Strengthen the transnational response to smuggling of migrants",
     "Renforcer l'action transnationale face au trafic de migrants",
     "تعزيز التصدي عبر الحدود لتهريب المهاجرين"),
    (10, "Prevent, combat and eradicate trafficking in persons in the context of international "
         "migration",
     "Prévenir, combattre et éliminer la traite de personnes dans le cadre des migrations "
     "internationales",
     "منع الاتجار بالأشخاص ومكافحته والقضاء عليه في سياق الهجرة الدولية"),
    (11, "Manage borders in an integrated, secure and coordinated manner",
     "Gérer les frontières de manière intégrée, sûre et coordonnée",
     "إدارة الحدود على نحو متكامل وآمن ومنسق"),
    (12, "Strengthen certainty and predictability in migration procedures for appropriate "
         "screening, assessment and referral",
     "Assurer l'efficacité des procédures migratoires et leur prévisibilité aux fins de contrôle, "
     "d'évaluation et d'orientation appropriés",
     "تعزيز اليقين وإمكانية التنبؤ في إجراءات الهجرة لأغراض الفرز والتقييم والإحالة على النحو المناسب"),
    (13, "Use migration detention only as a measure of last resort and work towards alternatives",
     "Ne recourir au placement en rétention administrative des migrants qu'en dernier ressort et "
     "chercher des solutions de rechange",
     "عدم اللجوء إلى احتجاز المهاجرين إلا كتدبير أخير والعمل على إيجاد بدائل له"),
    (14, "Enhance consular protection, assistance and cooperation throughout the migration cycle",
     "Améliorer la protection, l'assistance et la coopération consulaires tout au long du cycle "
     "migratoire",
     "تعزيز الحماية والمساعدة والتعاون على الصعيد القنصلي طوال دورة الهجرة"),
    (15, "Provide access to basic services for migrants",
     "Assurer l'accès des migrants aux services de base",
     "توفير إمكانية حصول المهاجرين على الخدمات الأساسية"),
    (16, "Empower migrants and societies to realize full inclusion and social cohesion",
     "Donner aux migrants et aux sociétés les moyens de réaliser la pleine intégration et la "
     "cohésion sociale",
     "تمكين المهاجرين والمجتمعات من تحقيق الإدماج الكامل والتماسك الاجتماعي"),
    (17, "Eliminate all forms of discrimination and promote evidence-based public discourse to "
         "shape perceptions of migration",
     "Éliminer toutes les formes de discrimination et encourager un débat public fondé sur "
     "l'analyse des faits afin de faire évoluer la manière dont les migrations sont perçues",
     "القضاء على جميع أشكال التمييز وتشجيع خطاب عام قائم على الأدلة لتشكيل التصورات عن الهجرة"),
    (18, "Invest in skills development and facilitate mutual recognition of skills, "
         "qualifications and competences",
     "Investir dans le perfectionnement des compétences et faciliter la reconnaissance mutuelle "
     "des aptitudes, qualifications et compétences",
     "الاستثمار في تنمية المهارات وتيسير الاعتراف المتبادل بالمهارات والمؤهلات والكفاءات"),
    (19, "Create conditions for migrants and diasporas to fully contribute to sustainable "
         "development in all countries",
     "Créer les conditions permettant aux migrants et aux diasporas de contribuer pleinement au "
     "développement durable dans tous les pays",
     "تهيئة الظروف للمهاجرين والمغتربين للمساهمة الكاملة في التنمية المستدامة في جميع البلدان"),
    (20, "Promote faster, safer and cheaper transfer of remittances and foster financial "
         "inclusion of migrants",
     "Rendre les envois de fonds plus rapides, plus sûrs et moins coûteux et favoriser "
     "l'inclusion financière des migrants",
     "تشجيع تحويل الأموال بطرق أسرع وأكثر أمانا وأقل تكلفة وتعزيز الشمول المالي للمهاجرين"),
    (21, "Cooperate in facilitating safe and dignified return and readmission, as well as "
         "sustainable reintegration",
     "Coopérer en vue de faciliter le retour et la réadmission des migrants en toute sécurité "
     "et dans la dignité, ainsi que leur réintégration durable",
     "التعاون في تيسير العودة وإعادة القبول بشكل آمن وكريم وإعادة الإدماج المستدام"),
    (22, "Establish mechanisms for the portability of social security entitlements and earned "
         "benefits",
     "Mettre en place des mécanismes de portabilité des droits de sécurité sociale et des "
     "avantages acquis",
     "إنشاء آليات لنقل استحقاقات الضمان الاجتماعي والمزايا المكتسبة"),
    (23, "Strengthen international cooperation and global partnerships for safe, orderly and "
         "regular migration",
     "Renforcer la coopération internationale et les partenariats mondiaux pour des migrations "
     "sûres, ordonnées et régulières",
     "تعزيز التعاون الدولي والشراكات العالمية من أجل الهجرة الآمنة والمنظمة والنظامية"),
]
