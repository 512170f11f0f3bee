"""What the demo briefings hold: people, session plans, names, groups (all data)."""
from dataclasses import dataclass

from ..models import PersonRole, SessionFormat, SessionKind

SEED = 2022
TICKET_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
IOM_MENA = "IOM Regional Office for the Middle East and North Africa"

# key: honorific, name, position, organization, stakeholder group, country
PEOPLE = {
    "godeau": ("Ms.", "Carmela Godeau", "Regional Director for the Middle East and North Africa",
               "International Organization for Migration (IOM)", "un_system", "EG"),
    "hosseiny": ("Ambassador", "Neveen El Hosseiny",
                 "Deputy Assistant Foreign Affairs Minister for Migration, Refugees and "
                 "Combatting Trafficking in Persons", "Ministry of Foreign Affairs, Egypt",
                 "government", "EG"),
    "zohry": ("Professor", "Ayman Zohry", "",
              "Center for Migration and Refugee Studies, American University in Cairo",
              "academia", "EG"),
    # Invented people from here on.
    "mansour": ("Ms.", "Dalia Mansour-Reyes", "Senior Regional Liaison Officer", IOM_MENA,
                "un_system", "EG"),
    "bensalem": ("Mr.", "Karim Bensalem", "Counsellor", "Embassy of Tunisia", "diplomatic", "TN"),
    "qasem": ("Dr.", "Hana Qasem", "Director of Migration Statistics",
              "National Statistics Office", "government", "JO"),
    "solberg": ("Ms.", "Ingrid Solberg-Nasser", "Regional Coordinator",
                "Regional UN Network on Migration for the Arab States", "un_system", "EG"),
    "touati": ("Ms.", "Amira Touati", "Executive Director", "Women on the Move Mediterranean",
               "civil_society", "TN"),
    "amiri": ("Mr.", "Youssef Al-Amiri", "Head of the Labour Migration Unit", "Ministry of Labour",
              "government", "JO"),
    "hadjadj": ("Mr.", "Omar Hadjadj", "Secretary-General", "Maghreb Diaspora Professionals Forum",
                "migrant_diaspora", "DZ"),
    "khoury": ("Ms.", "Rania Khoury-Dumont", "Programme Manager, Fair Recruitment",
               "Levant Employers' Alliance", "private_sector", "LB"),
    "benyamina": ("Dr.", "Laila Benyamina", "Senior Fellow", "Mashreq Migration Policy Institute",
                  "academia", "MA"),
    "lindqvist": ("Mr.", "Tomas Lindqvist-Haddad", "Deputy Head of Mission", "Embassy of Sweden",
                  "diplomatic", "SE"),
    "nour": ("Mr.", "Tarek Nour-Eldin", "Migration Policy Officer", IOM_MENA, "un_system", "EG"),
    "saadi": ("Ms.", "Mariam Saadi", "Programme Assistant", IOM_MENA, "un_system", "EG"),
    "farhat": ("Mr.", "Nabil Farhat", "Minister Plenipotentiary", "Ministry of Foreign Affairs",
               "government", "EG"),
}


@dataclass
class Plan:
    """One session to create: local day offset and wall-clock times in the briefing's zone."""

    kind: SessionKind
    title: str
    start: str
    end: str
    room: str
    objectives: tuple[int, ...]
    description: str
    people: tuple[tuple[PersonRole, str], ...] = ()
    format: SessionFormat = SessionFormat.IN_PERSON
    day: int = 0


C, M, S, R = PersonRole.CHAIR, PersonRole.MODERATOR, PersonRole.SPEAKER, PersonRole.RAPPORTEUR
NILE, DELTA, HALL_A, HALL_B = "Nile Hall", "Delta Room", "Hall A", "Hall B"

IMRF_SUMMARY = """\
On Monday 20 June 2022 the IOM Regional Office for the Middle East and North Africa and the \
Government of Egypt briefed regional partners on the outcomes of the first **International \
Migration Review Forum** (IMRF), held in New York in May 2022.

The Forum closed with a **Progress Declaration**, adopted by 110 countries, that sets the path \
for implementing the *Global Compact for Safe, Orderly and Regular Migration* (GCM). It was \
preceded by a multi-stakeholder hearing, interactive round tables, a policy debate and a plenary.

Representatives of the diplomatic community, government, NGOs, academia and other stakeholders \
reflected on the Declaration through the GCM's whole-of-government and whole-of-society \
approaches, and on the opportunities this milestone offers the region.

- The IMRF meets every four years, starting in 2022.
- Since December 2021 the UN Network on Migration has received 158 pledges, over 100 of them \
from 25 Member States.
"""

IMRF_PLAN = [
    Plan(SessionKind.OPENING, "Opening remarks", "09:00", "09:45", NILE, (23,),
         "Welcome by the co-organizers and the aims of the briefing: building on the discussions "
         "held at the IMRF in New York, which culminated in the Progress Declaration.",
         ((M, "mansour"), (S, "godeau"), (S, "hosseiny")), SessionFormat.HYBRID),
    Plan(SessionKind.PLENARY, "Reflections on the Progress Declaration", "09:45", "11:00", NILE,
         (1, 23),
         "What the Declaration adopted by 110 countries says about progress since 2018, the gaps "
         "it names and the commitments it asks of States and stakeholders.",
         ((C, "farhat"), (S, "solberg"), (S, "bensalem"), (S, "touati"), (R, "nour"))),
    Plan(SessionKind.ROUND_TABLE, "Round table 1: Whole-of-government implementation", "11:15",
         "12:45", NILE, (1, 2, 5, 23),
         "National migration policies and action plans, national coordination mechanisms and "
         "inter-agency working groups: how ministries work together to implement the GCM.",
         ((C, "lindqvist"), (S, "amiri"), (S, "qasem"), (S, "farhat"), (R, "saadi"))),
    Plan(SessionKind.ROUND_TABLE, "Round table 2: Whole-of-society implementation", "11:15",
         "12:45", DELTA, (6, 16, 17, 19),
         "Civil society, migrant and diaspora organizations, academia and the private sector: "
         "how all stakeholders can take part in implementing the GCM goals.",
         ((M, "benyamina"), (S, "zohry"), (S, "touati"), (S, "hadjadj"), (S, "khoury"),
          (R, "nour"))),
    Plan(SessionKind.POLICY_DEBATE, "Policy debate: What the milestone means for the MENA region",
         "13:45", "15:15", NILE, (2, 5, 6, 7, 13, 22),
         "The right mix of humanitarian, development and peace approaches to mitigate the adverse "
         "drivers of irregular migration, legal pathways and fewer barriers to regular migration, "
         "and the protection and portability of the rights of migrant workers.",
         ((M, "solberg"), (S, "hosseiny"), (S, "benyamina"), (S, "khoury"), (S, "bensalem"),
          (R, "saadi")), SessionFormat.HYBRID),
    Plan(SessionKind.CLOSING, "Closing and next steps", "15:15", "15:45", NILE, (23,),
         "Key messages of the day and the road to the next Forum in 2026.",
         ((S, "mansour"), (S, "farhat"))),
]

FOLLOW_UP_SUMMARY = """\
A follow-up briefing for regional partners on turning the commitments of the **IMRF Progress \
Declaration** and the pledges made around it into practice across the Middle East and North \
Africa.

The programme follows the shape of the Forum itself: a multi-stakeholder hearing, two round \
tables, a policy debate and a closing plenary that agrees key messages for the next review.
"""

FOLLOW_UP_PLAN = [
    Plan(SessionKind.OPENING, "Opening: from Declaration to delivery", "09:30", "10:00", HALL_A,
         (23,), "Welcome and the questions this briefing sets out to answer.",
         ((M, "mansour"), (S, "farhat"))),
    Plan(SessionKind.HEARING, "Multi-stakeholder hearing: voices from the region", "10:00",
         "12:00", HALL_A, (3, 7, 16, 17),
         "Migrants, diaspora, civil society and local authorities report what has changed on the "
         "ground since the Forum.", ((C, "solberg"), (R, "nour")), SessionFormat.HYBRID),
    Plan(SessionKind.ROUND_TABLE, "Round table A: Regular pathways and decent work", "13:30",
         "15:00", HALL_A, (5, 6, 18, 22),
         "Skills partnerships, fair recruitment and the portability of social protection.",
         ((C, "amiri"), (S, "khoury"), (S, "hadjadj"), (R, "saadi"))),
    Plan(SessionKind.ROUND_TABLE,
         "Round table B: Protection, alternatives to detention and missing migrants", "13:30",
         "15:00", HALL_B, (7, 8, 13),
         "Ending the immigration detention of children, case management and coordinated efforts "
         "on missing migrants.", ((C, "lindqvist"), (S, "touati"), (S, "qasem"), (R, "nour"))),
    Plan(SessionKind.POLICY_DEBATE, "Policy debate: Financing the pledges", "09:30", "11:00",
         HALL_A, (19, 20, 23),
         "The Migration Multi-Partner Trust Fund, national budgets and partnerships.",
         ((M, "benyamina"), (S, "bensalem"), (S, "solberg")), day=1),
    Plan(SessionKind.PLENARY, "Closing plenary: key messages for the next Forum", "11:30",
         "13:00", HALL_A, (23,),
         "Adoption of the key messages of the briefing.",
         ((C, "farhat"), (S, "mansour"), (R, "saadi")), SessionFormat.HYBRID, day=1),
]

WOMEN = ("Amal Aicha Ana Chiara Dina Fatima Hala Hiba Ines Ingrid Laila Lina Mariam Maya Mona "
         "Nadia Noor Rania Reem Salma Sara Sofia Yara Zeinab Aylin Claire Elena Grace Akosua "
         "Priya Hélène Rim").split()
MEN = ("Adel Ahmed Ali Amine Bilal Daniel Elias Farid Hassan Ibrahim Karim Khaled Luca Mahmoud "
       "Mehdi Mohamed Nabil Omar Rami Samir Tarek Walid Youssef Ziad Jonas Pierre Kwame Raj "
       "Kenji Mateo Anouar").split()
SURNAMES = ("Abdelrahman Ayari Bakr Barakat Benali Chaouch Darwish El-Sayed Farah Ghanem Habib "
            "Haddad Hamdan Jaber Kassem Khalil Mansour Masri Nasser Osman Qasim Rahal Saleh "
            "Sharif Tawfik Zaki Andersen Bauer Dubois Ferreira Kowalski Mensah Moreau Nakamura "
            "Okafor Rossi Santos Schmidt Silva Varga Lefèvre Ouali").split()

EMBASSIES = {
    "MA": "Morocco", "TN": "Tunisia", "DZ": "Algeria", "LY": "Libya", "SD": "Sudan",
    "JO": "Jordan", "LB": "Lebanon", "IQ": "Iraq", "SA": "Saudi Arabia",
    "AE": "the United Arab Emirates", "QA": "Qatar", "KW": "Kuwait", "BH": "Bahrain",
    "OM": "Oman", "DE": "Germany", "FR": "France", "IT": "Italy", "ES": "Spain",
    "NL": "the Netherlands", "CH": "Switzerland", "SE": "Sweden", "GB": "the United Kingdom",
    "US": "the United States", "JP": "Japan", "CA": "Canada", "ET": "Ethiopia",
    "NG": "Nigeria", "PH": "the Philippines", "BD": "Bangladesh", "MX": "Mexico",
}
ARABIC_SPEAKING = {"EG", "MA", "TN", "DZ", "LY", "SD", "JO", "LB", "IQ", "SA", "AE", "QA", "KW",
                   "BH", "OM", "YE", "SY", "PS"}
FRENCH_SPEAKING = {"MA", "TN", "DZ", "LB", "FR", "CH"}

# group: weight, countries (the first is the most frequent), organizations, positions
GROUPS = {
    "diplomatic": (24, tuple(EMBASSIES), (), ("Ambassador", "Deputy Head of Mission", "Counsellor",
                                              "First Secretary", "Attaché for Migration Affairs")),
    "government": (20, ("EG", "EG", "EG", "EG", "EG", "JO", "MA", "TN", "IQ", "SD", "LY"),
                   ("Ministry of Foreign Affairs", "Ministry of Labour", "Ministry of Interior",
                    "Ministry of Social Solidarity", "National Statistics Office",
                    "National Committee on Migration"),
                   ("Director", "Deputy Director", "Head of Unit", "Senior Adviser", "Counsellor")),
    "un_system": (15, ("EG", "EG", "JO", "CH", "LB"),
                  ("IOM", "UNHCR", "ILO", "UNDP", "UN Women", "UNICEF", "UNODC", "OHCHR",
                   "League of Arab States"),
                  ("Programme Officer", "Policy Specialist", "Head of Office", "Coordinator")),
    "civil_society": (15, ("EG", "EG", "LB", "JO", "MA", "TN", "SD", "YE", "SY"),
                      ("Nahr Community Support Association", "Safe Passage Legal Clinic",
                       "Women on the Move Mediterranean", "Migrant Workers' Solidarity Centre",
                       "Open Doors Youth Initiative"),
                      ("Executive Director", "Advocacy Officer", "Legal Officer", "Founder")),
    "academia": (10, ("EG", "EG", "JO", "LB", "MA", "GB", "DE", "IT", "US"),
                 ("Mashreq Migration Policy Institute", "Centre for Mediterranean Mobility Studies",
                  "Institute for Labour Migration Research", "School of Public Policy"),
                 ("Professor", "Researcher", "Doctoral candidate", "Lecturer")),
    "migrant_diaspora": (5, ("EG", "SD", "SY", "ET", "PH"),
                         ("Maghreb Diaspora Professionals Forum",
                          "Horn of Africa Community Council",
                          "Filipino Workers' Association"), ("Chair", "Coordinator")),
    "private_sector": (3, ("EG", "AE", "JO"),
                       ("Levant Employers' Alliance", "Nile Recruitment Partners",
                        "Crescent Remittance Services"), ("Manager", "Compliance Officer")),
    "media": (3, ("EG", "LB", "FR"), ("Regional news agency", "Freelance"),
              ("Journalist", "Editor")),
    "nhri": (2, ("EG", "JO"), ("National Council for Human Rights",),
             ("Commissioner", "Researcher")),
    "red_cross": (2, ("EG", "LB"), ("National Red Crescent Society",), ("Migration Delegate",)),
    "trade_unions": (1, ("EG", "JO"), ("Federation of Workers' Unions",),
                     ("Secretary for Migrant Workers",)),
}
