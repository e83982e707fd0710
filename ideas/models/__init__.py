"""The idea board's data: ideas and everything residents attach to them,
the board page, the site settings and the participation codes."""

from .accounts import ParticipationCode, ParticipationCodeBatch
from .ideas import Category, Comment, Idea, IdeaEvent, Pledge, Report, Support
from .pages import IdeaBoardPage
from .settings import IdeaSettings

__all__ = [
    "Category",
    "Comment",
    "Idea",
    "IdeaBoardPage",
    "IdeaEvent",
    "IdeaSettings",
    "ParticipationCode",
    "ParticipationCodeBatch",
    "Pledge",
    "Report",
    "Support",
]
