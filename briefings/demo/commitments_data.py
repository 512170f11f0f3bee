"""The action items and pledges of the demo records, which the follow-up pages track (all data)."""
from datetime import date

from ..models import ActionStatus, PledgeStatus, PledgeType

SEED = 158

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
