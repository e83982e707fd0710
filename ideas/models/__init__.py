"""The idea board's data: ideas and everything residents attach to them,
the board page and the site settings."""

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
    "Pledge",
    "Report",
    "Support",
]
