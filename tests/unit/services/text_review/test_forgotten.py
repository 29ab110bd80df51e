"""What the text leaves out, with a real database: my jobs and my goals."""

from __future__ import annotations

from datetime import date

from desktop_app.domain.goals import GoalFields
from desktop_app.domain.values import EmploymentRecord, NewPerson, PersonFields
from desktop_app.services import goals
from desktop_app.services.contacts import ContactsService
from desktop_app.services.document_resources import kind_spec
from desktop_app.services.text_review import review_text
from desktop_app.services.text_review.context import add_word, load_context, remove_word
from desktop_app.storage.database import Database

RESUME = """Amara Okonkwo
Experience
Senior Data Engineer, Quillfeather Analytics Ltd (2017–2024)
• Built pipelines in Python for the finance team.
"""


def make_me(db: Database) -> None:
    ContactsService(db).create(
        NewPerson(
            PersonFields(full_name="Amara Okonkwo"),
            employment=(
                EmploymentRecord(
                    "Quillfeather Analytics",
                    "Senior Data Engineer",
                    date(2017, 3, 1),
                    date(2024, 1, 1),
                    current=False,
                ),
                EmploymentRecord(
                    "Nimbus Logistics",
                    "Data Analyst",
                    date(2014, 1, 1),
                    date(2017, 2, 1),
                    current=False,
                ),
            ),
            is_me=True,
        )
    )
    ContactsService(db).create(NewPerson(PersonFields(full_name="Zephyrine Wiśniewska")))


def test_my_job_the_resume_forgets_is_named(db: Database) -> None:
    make_me(db)
    review = review_text(RESUME, kind_spec("resume"), context=load_context(db))
    [forgotten] = [f for f in review.findings if f.kind == "forgotten_job"]
    assert forgotten.organization == "Nimbus Logistics"
    assert forgotten.message == (
        "Nimbus Logistics (Data Analyst, 2014–2017) is not on this resume."
    )
    assert RESUME[forgotten.start : forgotten.end] == "Experience"


def test_a_goal_no_line_serves_is_named_and_one_that_is_served_is_not(db: Database) -> None:
    goals.create_goal(
        db,
        GoalFields("Lead data teams", target_roles="Head of Data", target_industries="Healthcare"),
    )
    goals.create_goal(db, GoalFields("Stay technical", target_roles="Data Engineer"))
    review = review_text(RESUME, kind_spec("resume"), context=load_context(db))
    unserved = [f.message for f in review.findings if f.kind == "unserved_goal"]
    assert unserved == [
        "Nothing here speaks to the role “Head of Data” of your goal “Lead data teams”.",
        "Nothing here speaks to the industry “Healthcare” of your goal “Lead data teams”.",
    ]


def test_names_of_the_network_and_added_words_are_spelt_right(db: Database) -> None:
    make_me(db)
    text = "Zephyrine mentored me. Wiśniewska too. Flumboozle is my tool."
    spelling = [
        text[f.start : f.end]
        for f in review_text(text, kind_spec("pitch"), context=load_context(db)).findings
        if f.kind == "spelling"
    ]
    assert spelling == ["Flumboozle"]
    add_word(db, "Flumboozle")
    review = review_text(text, kind_spec("pitch"), context=load_context(db))
    assert [f for f in review.findings if f.kind == "spelling"] == []
    remove_word(db, "Flumboozle")
    review = review_text(text, kind_spec("pitch"), context=load_context(db))
    assert [f.kind for f in review.findings].count("spelling") == 1


def test_spoken_fillers_count_only_in_spoken_documents() -> None:
    text = "Um, I build, like, tools that you know nurses like to use."
    pitch = review_text(text, kind_spec("pitch"))
    said = [text[f.start : f.end] for f in pitch.findings if f.kind == "filler_word"]
    assert said == ["Um", "like", "you know"]
    cover = review_text(text, kind_spec("cover"))
    assert [f for f in cover.findings if f.kind == "filler_word"] == []


def test_a_goal_without_targets_is_named_by_its_title(db: Database) -> None:
    goals.create_goal(db, GoalFields("Teach statistics at a university"))
    review = review_text(RESUME, kind_spec("resume"), context=load_context(db))
    unserved = [f.message for f in review.findings if f.kind == "unserved_goal"]
    assert unserved == ["Nothing here speaks to your goal “Teach statistics at a university”."]
