"""The texts of the demo outcome documents: chair's summary, key messages, recommendations (all data)."""

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
