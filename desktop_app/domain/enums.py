"""Closed vocabularies of the domain, stored in the database by their string value."""

from __future__ import annotations

from enum import StrEnum


class Circle(StrEnum):
    """The level of a connection: how close someone is to me."""

    INNER = "inner"
    CLOSE = "close"
    FAMILIAR = "familiar"
    ACQUAINTANCE = "acquaintance"

    @property
    def label(self) -> str:
        return _CIRCLE_LABELS[self]

    @property
    def rank(self) -> int:
        """1 for the inner circle, growing outwards."""
        return list(Circle).index(self) + 1


_CIRCLE_LABELS = {
    Circle.INNER: "Inner circle",
    Circle.CLOSE: "Close",
    Circle.FAMILIAR: "Familiar",
    Circle.ACQUAINTANCE: "Acquaintance",
}

DEFAULT_CADENCE_DAYS: dict[Circle, int] = {
    Circle.INNER: 14,
    Circle.CLOSE: 30,
    Circle.FAMILIAR: 91,
    Circle.ACQUAINTANCE: 182,
}


class InteractionKind(StrEnum):
    COFFEE = "coffee"
    MEETUP = "meetup"
    CALL = "call"
    MESSAGE = "message"
    EMAIL = "email"
    MEETING = "meeting"
    INFORMATIONAL_INTERVIEW = "informational_interview"
    MOCK_INTERVIEW = "mock_interview"
    SHARED_RESOURCE = "shared_resource"
    REFERRAL = "referral"
    INTRODUCTION = "introduction"
    GROUP_EVENT = "group_event"
    FEEDBACK = "feedback"
    INTERVIEW = "interview"
    OFFER = "offer"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class Direction(StrEnum):
    """Who gave in an exchange: reciprocity is the balance of these."""

    GAVE = "gave"
    ASKED = "asked"
    MUTUAL = "mutual"


class RelationshipKind(StrEnum):
    COLLEAGUE = "colleague"
    FORMER_COLLEAGUE = "former_colleague"
    FRIEND = "friend"
    MENTOR = "mentor"
    MENTEE = "mentee"
    CLASSMATE = "classmate"
    FAMILY = "family"
    CLIENT = "client"
    ACQUAINTANCE = "acquaintance"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class DocumentKind(StrEnum):
    PITCH = "pitch"
    BRAND = "brand"
    RESUME = "resume"
    LINKEDIN_HEADLINE = "linkedin_headline"
    LINKEDIN_ABOUT = "linkedin_about"
    COVER = "cover"


class Verdict(StrEnum):
    MET = "met"
    PARTLY = "partly"
    NOT_MET = "not_met"
    NOT_REVIEWED = "not_reviewed"
