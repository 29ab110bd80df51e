"""Resumes with planted misspellings, for benchmarks/bench_spelling.py and the library choice.

The misspellings are common ones (the kind Wikipedia's "Lists of common misspellings"
collects), written out here by hand: wrong spelling -> the right one.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

COMMON_MISSPELLINGS: dict[str, str] = {
    "acheive": "achieve",
    "acheived": "achieved",
    "accomodate": "accommodate",
    "accross": "across",
    "agressive": "aggressive",
    "apparant": "apparent",
    "arguement": "argument",
    "assistent": "assistant",
    "basicly": "basically",
    "begining": "beginning",
    "beleive": "believe",
    "buisness": "business",
    "calender": "calendar",
    "catagory": "category",
    "cemetary": "cemetery",
    "collegue": "colleague",
    "comming": "coming",
    "commited": "committed",
    "commitee": "committee",
    "competance": "competence",
    "completly": "completely",
    "concensus": "consensus",
    "conciencious": "conscientious",
    "definately": "definitely",
    "dependant": "dependent",
    "develope": "develop",
    "developement": "development",
    "diffrent": "different",
    "dilemna": "dilemma",
    "dissapoint": "disappoint",
    "embarass": "embarrass",
    "enviroment": "environment",
    "equiptment": "equipment",
    "excercise": "exercise",
    "existance": "existence",
    "experiance": "experience",
    "familar": "familiar",
    "finaly": "finally",
    "foriegn": "foreign",
    "fourty": "forty",
    "freind": "friend",
    "goverment": "government",
    "gaurd": "guard",
    "happend": "happened",
    "harrass": "harass",
    "immediatly": "immediately",
    "independant": "independent",
    "indispensible": "indispensable",
    "intial": "initial",
    "knowlege": "knowledge",
    "liason": "liaison",
    "libary": "library",
    "lisence": "licence",
    "maintainance": "maintenance",
    "managment": "management",
    "millenium": "millennium",
    "mispell": "misspell",
    "neccessary": "necessary",
    "negotation": "negotiation",
    "noticable": "noticeable",
    "occassion": "occasion",
    "occured": "occurred",
    "occurence": "occurrence",
    "oppurtunity": "opportunity",
    "orginization": "organization",
    "paralel": "parallel",
    "particulary": "particularly",
    "perseverence": "perseverance",
    "persistant": "persistent",
    "persue": "pursue",
    "posession": "possession",
    "potatos": "potatoes",
    "preceed": "precede",
    "prefered": "preferred",
    "presense": "presence",
    "proffesional": "professional",
    "profesional": "professional",
    "promiss": "promise",
    "pronounciation": "pronunciation",
    "publically": "publicly",
    "realy": "really",
    "recieve": "receive",
    "recieved": "received",
    "reccomend": "recommend",
    "recomend": "recommend",
    "refered": "referred",
    "relevent": "relevant",
    "religous": "religious",
    "repetion": "repetition",
    "resistence": "resistance",
    "responsability": "responsibility",
    "restaraunt": "restaurant",
    "rythm": "rhythm",
    "scedule": "schedule",
    "seperate": "separate",
    "seperated": "separated",
    "sieze": "seize",
    "similiar": "similar",
    "sincerly": "sincerely",
    "speach": "speech",
    "succesful": "successful",
    "successfull": "successful",
    "sucessful": "successful",
    "supercede": "supersede",
    "suprise": "surprise",
    "tendancy": "tendency",
    "therefor": "therefore",
    "threshhold": "threshold",
    "tommorow": "tomorrow",
    "tounge": "tongue",
    "truely": "truly",
    "unforseen": "unforeseen",
    "untill": "until",
    "wierd": "weird",
    "writting": "writing",
    "adress": "address",
    "analyse": "analyse",
    "anaylsis": "analysis",
    "anually": "annually",
    "artical": "article",
    "attendence": "attendance",
    "beggining": "beginning",
    "bussiness": "business",
    "carreer": "career",
    "cheif": "chief",
    "clientelle": "clientele",
    "comittee": "committee",
    "communciation": "communication",
    "concious": "conscious",
    "consistant": "consistent",
    "contraversy": "controversy",
    "custumer": "customer",
    "decission": "decision",
    "desicion": "decision",
    "efficent": "efficient",
    "enterpreneur": "entrepreneur",
    "excellant": "excellent",
    "facilitait": "facilitate",
    "fullfill": "fulfil",
    "garantee": "guarantee",
    "grammer": "grammar",
    "hierachy": "hierarchy",
    "implmented": "implemented",
    "improvment": "improvement",
    "initative": "initiative",
    "inteligent": "intelligent",
    "intrest": "interest",
    "leadeship": "leadership",
    "mangaed": "managed",
    "milestome": "milestone",
    "oportunity": "opportunity",
    "perfomance": "performance",
    "persuit": "pursuit",
    "reponsible": "responsible",
    "resourse": "resource",
    "revenu": "revenue",
    "stategy": "strategy",
    "strenght": "strength",
    "sucess": "success",
    "technicial": "technical",
    "tecnology": "technology",
    "transfered": "transferred",
    "vunerable": "vulnerable",
    "wich": "which",
    "stakholders": "stakeholders",
}
# "analyse" is right in en-GB and a variant in en-US: not a planted error.
COMMON_MISSPELLINGS.pop("analyse")

COMPANIES = (
    "Nimbus Logistics",
    "Harbour & Pine",
    "Quillfeather Analytics",
    "Okonkwo Freight",
    "Brightwater Health",
    "Zephyrine Labs",
    "Castellan Bank",
    "Voss & Adeyemi",
    "Lindqvist Maritime",
    "Tessaract Software",
    "Marlowe Retail",
    "Kestrel Energy",
)
TITLES = (
    "Data Analyst",
    "Senior Data Engineer",
    "Product Manager",
    "Scrum Master",
    "Engineering Manager",
    "DevOps Engineer",
    "Business Intelligence Lead",
    "Solutions Architect",
    "Machine Learning Engineer",
    "Customer Success Manager",
)
PEOPLE = ("Amara Okonkwo", "Siobhan Ní Bhriain", "Tomasz Wiśniewski", "Priyanka Raghunathan")
SKILLS = (
    "Python",
    "SQL",
    "PostgreSQL",
    "Kubernetes",
    "Terraform",
    "TypeScript",
    "JavaScript",
    "React",
    "Airflow",
    "Snowflake",
    "dbt",
    "Tableau",
    "Power BI",
    "Jira",
    "Confluence",
    "GitHub Actions",
    "Docker",
    "AWS",
    "GCP",
    "Azure",
    "Spark",
    "Kafka",
    "pandas",
    "NumPy",
    "scikit-learn",
    "Excel",
    "Looker",
    "Salesforce",
    "REST APIs",
    "CI/CD",
)
BULLETS = (
    "Led a team of {n} engineers to deliver the {skill} platform three weeks early.",
    "Built dashboards in {skill} that cut weekly reporting time by {n}%.",
    "Designed and implemented a data pipeline moving {n} million rows a day.",
    "Improved customer retention by {n}% through targeted onboarding and clear documentation.",
    "Managed a budget of ${n}k and negotiated contracts with three vendors.",
    "Mentored {n} junior analysts; two were promoted within a year.",
    "Automated monthly reconciliation with {skill}, saving {n} hours every quarter.",
    "Partnered with stakeholders across finance, operations and sales to define metrics.",
    "Migrated legacy reports to {skill} and retired {n} spreadsheets.",
    "Presented quarterly results to the executive committee and the board.",
    "Reduced cloud costs by {n}% by rightsizing clusters and scheduling batch jobs.",
    "Wrote the hiring rubric and interviewed {n} candidates for analyst roles.",
    "Introduced code review and automated testing, halving production incidents.",
    "Coordinated a cross-functional launch in {n} countries with local partners.",
    "Analysed churn drivers and recommended pricing changes adopted by leadership.",
    "Maintained documentation and runbooks used by the support team every day.",
)
SUMMARY = (
    "Analytical and dependable professional with {n} years of experience turning messy data "
    "into decisions. I enjoy working with colleagues in operations and finance, explaining "
    "results plainly, and building tools that people actually use. Reach me at "
    "{email} or see my work at https://github.com/{handle}."
)


@dataclass(frozen=True)
class PlantedResume:
    text: str
    planted: tuple[tuple[int, int, str], ...]  # (start, end, correct spelling)
    words: int


# Each resume is written in one variety of English, as a person writes it.
AMERICAN = {"Analysed": "Analyzed"}


def clean_resume(seed: int, jobs: int = 5, language: str = "en-GB") -> str:
    """A plausible two-page resume with no misspellings (resume vocabulary only)."""
    rng = random.Random(seed)
    name = rng.choice(PEOPLE)
    handle = name.split()[0].lower()
    lines = [
        name,
        f"{handle}@example.org · +44 20 7946 0{rng.randint(100, 999)} · London",
        "",
        "Summary",
        SUMMARY.format(n=rng.randint(5, 15), email=f"{handle}@example.org", handle=handle),
        "",
        "Experience",
    ]
    year = 2024
    for _ in range(jobs):
        start = year - rng.randint(2, 4)
        lines.append(f"{rng.choice(TITLES)}, {rng.choice(COMPANIES)} ({start}–{year})")
        for template in rng.sample(BULLETS, 7):
            lines.append("• " + template.format(n=rng.randint(2, 40), skill=rng.choice(SKILLS)))
        lines.append("")
        year = start
    lines += ["Skills", ", ".join(rng.sample(SKILLS, 14)), "", "Education"]
    lines.append(f"MSc Data Science, University of Edinburgh ({year - 2}–{year - 1})")
    text = "\n".join(lines) + "\n"
    if language == "en-US":
        for british, american in AMERICAN.items():
            text = text.replace(british, american)
    return text


_LOWER_WORD = re.compile(r"(?<![\w@/.-])([a-z]{4,})(?![\w@/-])")


def planted_resume(seed: int, rate: float = 0.04, language: str = "en-GB") -> PlantedResume:
    """A clean resume in which about `rate` of the lower-case words are misspelt."""
    rng = random.Random(seed * 7919 + 1)
    text = clean_resume(seed, language=language)
    by_right: dict[str, list[str]] = {}
    for wrong, right in COMMON_MISSPELLINGS.items():
        by_right.setdefault(right, []).append(wrong)
    wrongs = sorted(COMMON_MISSPELLINGS)
    out: list[str] = []
    planted: list[tuple[int, int, str]] = []
    pos = 0
    length = 0
    for match in _LOWER_WORD.finditer(text):
        if rng.random() >= rate:
            continue
        word = match.group(1)
        wrong = rng.choice(by_right[word]) if word in by_right else rng.choice(wrongs)
        right = COMMON_MISSPELLINGS[wrong]
        out.append(text[pos : match.start()])
        length += match.start() - pos
        out.append(wrong)
        planted.append((length, length + len(wrong), right))
        length += len(wrong)
        pos = match.end()
    out.append(text[pos:])
    result = "".join(out)
    return PlantedResume(result, tuple(planted), len(re.findall(r"\w+", result)))
