"""Reads about resident accounts."""

from .models import ParticipationCode


def participation_code_redeemed(*, user) -> bool:
    """Whether `user` has redeemed a participation code."""
    return ParticipationCode.objects.filter(used_by=user).exists()
