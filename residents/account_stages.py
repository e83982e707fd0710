"""allauth login stages of the portal (imported by path from the adapter)."""

from allauth.account.stages import EmailVerificationStage

from .models import ParticipationCode


class ResidentEmailVerificationStage(EmailVerificationStage):
    """Mandatory verification, except for accounts made with a participation
    code: they have no address, and staff handed the code to a person."""

    def handle(self):
        user = self.login.user
        if (
            user is not None
            and not user.email
            and ParticipationCode.objects.filter(used_by=user).exists()
        ):
            return None, True
        return super().handle()
