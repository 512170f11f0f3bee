"""The texts and pledge material of the demo records (all data)."""
from datetime import date, timezone

from ..models import ActionStatus, PledgeStatus, PledgeType

SEED = 158
UTC = timezone.utc

SUMMARY_EN = """On 20 June 2022 the IOM Regional Office for the Middle East and North Africa and the Government of Egypt brought together the diplomatic community, government officials, NGOs, academia and other stakeholders in Cairo to take stock of the first International Migration Review Forum (IMRF), held in New York in May 2022.

## The Progress Declaration

The Forum closed with a Progress Declaration adopted by 110 countries. It followed a multi-stakeholder hearing, interactive round tables open to governments and stakeholders, a policy debate and a plenary in which senior government and international officials took part. Participants read the Declaration as a shared route map for implementing the Global Compact for Safe, Orderly and Regular Migration (GCM) until the next Forum in 2026.

## Whole-of-government and whole-of-society approaches

Speakers reflected on the Declaration from several points of view, in line with the GCM's whole-of-government and whole-of-society approaches. Ministries of foreign affairs, labour, interior and health, parliaments, local authorities, civil society, migrant and diaspora organizations, academia and the private sector each hold part of the answer; implementation works best when they plan and review it together.

## Progress in the Middle East and North Africa

The region has taken significant steps towards good migration governance. Several Member States have developed, adopted and begun to implement national migration policies and action plans, and have set up national coordination mechanisms and inter-agency working groups on migration. Participants asked for these mechanisms to be given the data, staff and budgets they need to last.

## Legal pathways and the rights of migrant workers

Participants stressed the need for the right mix of humanitarian, development and peace approaches to reduce the adverse drivers of irregular migration. They called for solutions that enhance legal pathways, lower the barriers to regular migration, and ensure the protection and the portability of the rights of migrant workers, including their social security entitlements.

## Pledges

Since the launch of its pledging initiative in December 2021, the UN Network on Migration has received 158 pledges, more than 100 of them from 25 Member States. Several States pledged additional financing to the Migration Multi-Partner Trust Fund; others committed to policy and legal work, such as ending the immigration detention of children or addressing the impacts of climate change on mobility.

## Next steps

The IMRF will meet every four years. Partners agreed to use the Declaration to redirect and strengthen regional efforts, to report on their pledges at regional reviews, and to keep stakeholders involved between Forums."""

# The rapporteur's first draft: the same text before the last section was written.
SUMMARY_EN_DRAFT = SUMMARY_EN.split("\n\n## Next steps")[0].replace(
    "brought together the diplomatic community", "met the diplomatic community")

SUMMARY_FR = """Le 20 juin 2022, le Bureau régional de l'OIM pour le Moyen-Orient et l'Afrique du Nord et le Gouvernement égyptien ont réuni au Caire le corps diplomatique, des représentants des pouvoirs publics, des ONG, des milieux universitaires et d'autres parties prenantes pour dresser le bilan du premier Forum d'examen des migrations internationales (FEMI), tenu à New York en mai 2022.

## La Déclaration sur les progrès

Le Forum s'est conclu par l'adoption d'une Déclaration sur les progrès par 110 pays. Il avait été précédé d'une audition multipartite, de tables rondes interactives ouvertes aux gouvernements et aux parties prenantes, d'un débat d'orientation et d'une séance plénière à laquelle ont participé de hauts responsables gouvernementaux et internationaux. Les participants ont vu dans la Déclaration une feuille de route commune pour la mise en œuvre du Pacte mondial pour des migrations sûres, ordonnées et régulières jusqu'au prochain Forum, en 2026.

## Mobiliser l'ensemble des pouvoirs publics et de la société

Les intervenants ont examiné la Déclaration sous plusieurs angles, conformément aux approches du Pacte mondial qui mobilisent l'ensemble des pouvoirs publics et l'ensemble de la société. Les ministères des affaires étrangères, du travail, de l'intérieur et de la santé, les parlements, les autorités locales, la société civile, les organisations de migrants et de la diaspora, les milieux universitaires et le secteur privé détiennent chacun une part de la réponse ; la mise en œuvre réussit mieux lorsqu'ils la planifient et l'évaluent ensemble.

## Progrès au Moyen-Orient et en Afrique du Nord

La région a accompli des avancées importantes vers une bonne gouvernance des migrations. Plusieurs États membres ont élaboré, adopté et commencé à mettre en œuvre des politiques et des plans d'action nationaux en matière de migration, et ont créé des mécanismes nationaux de coordination et des groupes de travail interinstitutions sur la migration. Les participants ont demandé que ces mécanismes disposent des données, du personnel et des budgets nécessaires pour durer.

## Voies légales et droits des travailleurs migrants

Les participants ont souligné la nécessité de trouver le bon dosage entre approches humanitaires, de développement et de paix afin de réduire les facteurs négatifs de la migration irrégulière. Ils ont appelé à des solutions qui élargissent les voies légales, réduisent les obstacles à la migration régulière et garantissent la protection et la portabilité des droits des travailleurs migrants, y compris de leurs droits à la sécurité sociale.

## Engagements

Depuis le lancement de son initiative d'engagements en décembre 2021, le Réseau des Nations Unies sur les migrations a reçu 158 engagements, dont plus de 100 pris par 25 États membres. Plusieurs États ont annoncé des financements supplémentaires pour le Fonds d'affectation spéciale pluripartenaires pour les migrations ; d'autres se sont engagés à mener des travaux politiques et juridiques, par exemple pour mettre fin à la rétention des enfants migrants ou pour faire face aux effets des changements climatiques sur la mobilité.

## Prochaines étapes

Le FEMI se réunira tous les quatre ans. Les partenaires sont convenus de s'appuyer sur la Déclaration pour réorienter et renforcer les efforts régionaux, de rendre compte de leurs engagements lors des examens régionaux et de continuer à associer les parties prenantes entre deux Forums."""

SUMMARY_AR = """في 20 حزيران/يونيو 2022، جمع المكتب الإقليمي للمنظمة الدولية للهجرة للشرق الأوسط وشمال أفريقيا وحكومة جمهورية مصر العربية في القاهرة ممثلين عن السلك الدبلوماسي والجهات الحكومية والمنظمات غير الحكومية والأوساط الأكاديمية وغيرهم من أصحاب المصلحة، لاستعراض نتائج الدورة الأولى لمنتدى استعراض الهجرة الدولية الذي عُقد في نيويورك في أيار/مايو 2022.

## إعلان التقدم المحرز

اختُتم المنتدى باعتماد إعلان التقدم المحرز من قِبل 110 دولة. وقد سبقته جلسة استماع لأصحاب المصلحة المتعددين، وموائد مستديرة تفاعلية مفتوحة للحكومات وأصحاب المصلحة، ومناقشة للسياسات، وجلسة عامة شارك فيها كبار المسؤولين الحكوميين وممثلو المنظمات الدولية. ورأى المشاركون في الإعلان خريطة طريق مشتركة لتنفيذ الاتفاق العالمي من أجل الهجرة الآمنة والمنظمة والنظامية حتى انعقاد المنتدى المقبل في عام 2026.

## نهج يشمل الحكومة بأكملها والمجتمع بأسره

تناول المتحدثون الإعلان من زوايا متعددة، تماشياً مع نهج الاتفاق العالمي القائم على إشراك الحكومة بأكملها والمجتمع بأسره. فلكلٍّ من وزارات الخارجية والعمل والداخلية والصحة، والبرلمانات، والسلطات المحلية، والمجتمع المدني، ومنظمات المهاجرين والمغتربين، والأوساط الأكاديمية، والقطاع الخاص دورٌ في الاستجابة، ويكون التنفيذ أنجح حين يخططون له ويقيّمونه معاً.

## التقدم المحرز في الشرق الأوسط وشمال أفريقيا

شهدت المنطقة خطوات مهمة نحو الحوكمة الرشيدة للهجرة. فقد قامت عدة دول أعضاء بوضع سياسات وخطط عمل وطنية للهجرة واعتمادها والبدء في تنفيذها، وأنشأت آليات تنسيق وطنية وأفرقة عمل مشتركة بين الوكالات معنية بالهجرة. وطالب المشاركون بتزويد هذه الآليات بما تحتاجه من بيانات وموظفين وموارد مالية لضمان استمرارها.

## المسارات القانونية وحقوق العمال المهاجرين

شدد المشاركون على ضرورة إيجاد المزيج المناسب من النُهج الإنسانية والإنمائية ونُهج بناء السلام للحد من الدوافع السلبية للهجرة غير النظامية. ودعوا إلى حلول تعزز المسارات القانونية، وتقلل العوائق أمام الهجرة النظامية، وتكفل حماية حقوق العمال المهاجرين وقابليتها للنقل، بما في ذلك استحقاقات الضمان الاجتماعي.

## التعهدات

منذ إطلاق مبادرة التعهدات في كانون الأول/ديسمبر 2021، تلقت شبكة الأمم المتحدة المعنية بالهجرة 158 تعهداً، قدّمت 25 دولة عضواً أكثر من 100 منها. وتعهدت عدة دول بتمويل إضافي للصندوق الاستئماني المتعدد الشركاء للهجرة، بينما التزمت دول أخرى بأعمال في مجال السياسات والتشريعات، مثل إنهاء احتجاز الأطفال المهاجرين أو التصدي لآثار تغير المناخ على التنقل.

## الخطوات التالية

سيُعقد منتدى استعراض الهجرة الدولية كل أربع سنوات. واتفق الشركاء على الاستفادة من الإعلان لإعادة توجيه الجهود الإقليمية وتعزيزها، وتقديم تقارير عن تعهداتهم خلال الاستعراضات الإقليمية، ومواصلة إشراك أصحاب المصلحة بين دورات المنتدى."""

KEY_MESSAGES_EN = """1. **The Progress Declaration is a shared route map.** Adopted by 110 countries, it gives the region a reference point for the next four years of GCM implementation.
2. **Whole-of-government, whole-of-society.** Lasting results need ministries, parliaments, local authorities, civil society, migrants and diaspora, academia and employers planning together.
3. **Build on what the region has started.** National migration policies, action plans and coordination mechanisms need data, staff and budgets to last.
4. **Open more regular pathways.** Legal pathways and fewer barriers to regular migration reduce the human cost of irregular journeys.
5. **Rights that travel with migrant workers.** Protection, fair recruitment and the portability of social security entitlements belong in every labour mobility agreement.
6. **Pledges must be followed up.** 158 pledges, over 100 of them from 25 Member States, deserve regular, public reporting."""

KEY_MESSAGES_FR = """1. **La Déclaration sur les progrès est une feuille de route commune.** Adoptée par 110 pays, elle donne à la région un point de référence pour les quatre prochaines années de mise en œuvre du Pacte mondial.
2. **Mobiliser l'ensemble des pouvoirs publics et de la société.** Des résultats durables exigent que ministères, parlements, autorités locales, société civile, migrants et diaspora, universitaires et employeurs planifient ensemble.
3. **S'appuyer sur les acquis de la région.** Les politiques migratoires nationales, les plans d'action et les mécanismes de coordination ont besoin de données, de personnel et de budgets pour durer.
4. **Ouvrir davantage de voies régulières.** Des voies légales plus nombreuses et moins d'obstacles à la migration régulière réduisent le coût humain des parcours irréguliers.
5. **Des droits qui suivent les travailleurs migrants.** La protection, le recrutement équitable et la portabilité des droits à la sécurité sociale ont leur place dans chaque accord de mobilité de main-d'œuvre.
6. **Les engagements doivent être suivis.** 158 engagements, dont plus de 100 pris par 25 États membres, méritent un suivi régulier et public."""

RECOMMENDATIONS_EN = """The rapporteurs drafted these recommendations from the discussions; they are circulated to partners for comment before publication.

## To Member States

- Give national coordination mechanisms on migration a clear mandate, a secretariat and a budget line.
- Include the portability of social security entitlements in new bilateral labour migration agreements.
- Report on national pledges at the regional review, using the pledge register.

## To the UN system

- Support governments in producing disaggregated migration data that national statistical offices can publish.
- Help local authorities and civil society take part in national GCM reviews.

## To all stakeholders

- Share good practices on legal pathways and fair recruitment through the regional network."""

ACTIONS = [  # what, who, due, status
    ("Circulate the draft recommendations to partners for comment", "Rapporteurs",
     date(2022, 7, 15), ActionStatus.DONE),
    ("Compile a regional overview of national coordination mechanisms on migration",
     "IOM Regional Office for the Middle East and North Africa", date(2022, 10, 31),
     ActionStatus.IN_PROGRESS),
    ("Prepare a template for reporting on pledges at the regional review",
     "Regional UN Network on Migration for the Arab States", date(2022, 12, 15),
     ActionStatus.OPEN),
    ("Hold a technical workshop on the portability of social security entitlements",
     "Host government and partners", date(2023, 3, 31), ActionStatus.OPEN),
    ("Publish the French and Arabic versions of the recommendations", "Secretariat",
     date(2022, 9, 30), ActionStatus.OPEN),
]

# 25 Member States: 104 pledges between them.
STATES = ["EG", "MA", "TN", "JO", "IQ", "LB", "SD", "LY", "DZ", "MR", "BH", "QA", "AE", "YE",
          "DJ", "DE", "SE", "NL", "PT", "ES", "CA", "MX", "PH", "BD", "NP"]
STATE_PLEDGES = 104
STATE_ENTITIES = ["Government of {c}", "Ministry of Labour, {c}", "Ministry of Foreign Affairs, {c}",
                  "Ministry of the Interior, {c}", "National Committee on Migration, {c}"]

F, H, P, L = PledgeType.FINANCIAL, PledgeType.HUMAN_RESOURCE, PledgeType.PROCESS, PledgeType.POLICY
THEMES = [  # type, title, what the pledge does, objectives, for States only
    (F, "Contribution to the Migration Multi-Partner Trust Fund", "an additional contribution to the Migration Multi-Partner Trust Fund for joint programmes on GCM implementation", (23,), True),
    (F, "Funding for safe return and sustainable reintegration", "multi-year funding for reintegration support to returning migrants, delivered with local partners", (21,), False),
    (F, "Migrant-inclusive primary health care", "a grant extending primary health care to migrants, whatever their status, in border and urban areas", (15, 7), False),
    (F, "Support to families of missing migrants", "financing for a regional mechanism that helps families trace missing migrants", (8,), False),
    (F, "Lowering the cost of remittances", "a fund for digital remittance channels that bring transfer costs under three per cent", (20,), False),
    (H, "Secondment of labour migration experts", "two experts seconded to the regional network for two years to support bilateral labour agreements", (5, 6), False),
    (H, "Training of consular staff on migrant protection", "a training programme for consular staff on assistance to nationals abroad", (14,), True),
    (H, "Migration data fellowships", "fellowships for national statisticians on collecting and publishing disaggregated migration data", (1,), False),
    (H, "Diaspora skills transfer", "short assignments of diaspora professionals in hospitals, universities and start-ups", (19,), False),
    (P, "National coordination mechanism on migration", "an inter-ministerial coordination mechanism on migration with a permanent secretariat", (23, 1), True),
    (P, "Inter-agency working group on migration data", "quarterly meetings of the statistics, interior and labour administrations to harmonize migration data", (1,), True),
    (P, "Whole-of-society review of the national migration strategy", "a review of the national migration strategy with civil society, diaspora and employers' organizations", (23,), True),
    (P, "Information points for prospective migrants", "information points giving accurate, timely information on regular migration procedures", (3,), False),
    (P, "Legal aid for migrant workers", "free legal counselling for migrant workers on contracts, wages and complaints", (6, 7, 16), False),
    (P, "Local inclusion plans", "city plans for the inclusion of migrants in housing, schooling and local services", (16,), False),
    (P, "Research on climate change and mobility", "a research programme on how climate change shapes mobility in the region", (2, 1), False),
    (P, "Fair reporting on migration", "training for journalists on evidence-based, non-discriminatory reporting on migration", (17,), False),
    (P, "Counter-trafficking helpline", "a multilingual helpline for victims of trafficking, linked to shelters and legal aid", (10,), False),
    (L, "Ending immigration detention of children", "legislation and alternatives to detention so that no child is detained for immigration purposes", (13,), True),
    (L, "Climate-related mobility in national planning", "human mobility included in the national adaptation plan and disaster risk reduction strategy", (2,), True),
    (L, "Portability of social security entitlements", "social security portability clauses in bilateral labour agreements", (22, 6), True),
    (L, "Fair recruitment legislation", "a ban on recruitment fees charged to workers and licensing of recruitment agencies", (6,), True),
    (L, "Expanded regular pathways for labour mobility", "new regular pathways for seasonal and skills-based labour mobility", (5,), True),
    (L, "Legal identity for migrants' children", "birth registration and identity documents for the children of migrants", (4,), True),
    (L, "Cross-border cooperation against migrant smuggling", "joint investigations with neighbouring States that protect smuggled migrants as witnesses", (9, 11), True),
    (L, "Recognition of migrants' skills and qualifications", "a national framework recognizing skills and qualifications obtained abroad", (18,), True),
]

# Other stakeholders (invented names): group code -> (pledge count, [(entity, country)]).
STAKEHOLDERS = {
    "un_system": (14, [("UN Regional Migration Programme for the Arab States", ""),
                       ("Joint Programme on Labour Mobility in North Africa", ""),
                       ("UN Country Team Migration Working Group", "JO"),
                       ("UN Country Team Migration Working Group", "MA")]),
    "civil_society": (12, [("Nile Valley Migrant Support Association", "EG"),
                           ("Women on the Move Mediterranean", "TN"),
                           ("Levant Workers' Rights Network", "LB"),
                           ("Sahel Crossroads Humanitarian Initiative", "MR")]),
    "migrant_diaspora": (6, [("Maghreb Diaspora Professionals Forum", "DZ"),
                             ("Sudanese Diaspora Development Council", "SD")]),
    "academia": (6, [("Mashreq Migration Policy Institute", "MA"),
                     ("Regional Centre for Mobility Studies", "JO")]),
    "private_sector": (6, [("Levant Employers' Alliance", "LB"),
                           ("Gulf Fair Recruitment Compact", "QA")]),
    "local_authorities": (5, [("Mediterranean Cities Migration Network", ""),
                              ("Municipal Council of Sfax", "TN")]),
    "trade_unions": (3, [("Arab Confederation of Migrant Workers' Unions", "")]),
    "faith_based": (1, [("Interfaith Council for Migrant Dignity", "EG")]),
    "nhri": (1, [("National Human Rights Council", "MA")]),
}
PARTNERS = ["Regional UN Network on Migration for the Arab States", "Nile Valley Migrant Support Association",
            "Mashreq Migration Policy Institute", "Levant Employers' Alliance",
            "Mediterranean Cities Migration Network", "National statistics office"]
AMOUNTS = [50_000, 100_000, 250_000, 500_000, 750_000, 1_000_000, 2_500_000, 5_000_000]
STATUSES = [(PledgeStatus.ANNOUNCED, 35), (PledgeStatus.IN_PROGRESS, 38),
            (PledgeStatus.FULFILLED, 20), (PledgeStatus.WITHDRAWN, 7)]
NOTES = {
    PledgeStatus.IN_PROGRESS: ["Work has started with the partners named in the pledge.",
                               "First activities delivered; a progress report was shared with the regional network.",
                               "Budget approved; implementation under way."],
    PledgeStatus.FULFILLED: ["Completed as pledged; results reported at the regional review.",
                             "Delivered in full and documented in the national GCM review."],
    PledgeStatus.WITHDRAWN: ["Withdrawn after a change in national priorities.",
                             "Replaced by a broader commitment made in the national GCM review."],
}
