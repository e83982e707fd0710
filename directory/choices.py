"""Fixed vocabularies of the directory: what editors cannot extend."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WZSection(models.TextChoices):
    """Sections of the German classification of economic activities (WZ 2008)."""

    A = "A", _("A – Agriculture, forestry and fishing")
    B = "B", _("B – Mining and quarrying")
    C = "C", _("C – Manufacturing")
    D = "D", _("D – Electricity, gas, steam and air conditioning supply")
    E = "E", _("E – Water supply, sewerage, waste management")
    F = "F", _("F – Construction")
    G = "G", _("G – Wholesale and retail trade; repair of motor vehicles")
    H = "H", _("H – Transportation and storage")
    I = "I", _("I – Accommodation and food service activities")  # noqa: E741
    J = "J", _("J – Information and communication")
    K = "K", _("K – Financial and insurance activities")
    L = "L", _("L – Real estate activities")
    M = "M", _("M – Professional, scientific and technical activities")
    N = "N", _("N – Administrative and support service activities")
    O = "O", _("O – Public administration and defence")  # noqa: E741
    P = "P", _("P – Education")
    Q = "Q", _("Q – Human health and social work activities")
    R = "R", _("R – Arts, entertainment and recreation")
    S = "S", _("S – Other service activities")
    T = "T", _("T – Activities of households as employers")
    U = "U", _("U – Activities of extraterritorial organisations")


class SizeBand(models.TextChoices):
    MICRO = "1-9", _("1–9 employees")
    SMALL = "10-49", _("10–49 employees")
    MEDIUM = "50-249", _("50–249 employees")
    LARGE = "250+", _("250 or more employees")


class TrainingApproval(models.TextChoices):
    NONE = "", _("No")
    IHK = "ihk", _("Yes, IHK (chamber of commerce)")
    HWK = "hwk", _("Yes, HWK (chamber of crafts)")
    BOTH = "both", _("Yes, IHK and HWK")


class Offer(models.TextChoices):
    """What a firm offers people looking for work; each is a CompanyPage
    boolean field named `offers_<value>`."""

    APPRENTICESHIPS = "apprenticeships", _("Apprenticeships")
    INTERNSHIPS = "internships", _("Internships")
    TRIAL_WORK = "trial_work", _("Trial work")
    CAREER_CHANGERS = "career_changers", _("Takes career changers")
    NEWCOMERS = "newcomers", _("Hires newcomers")


class SocialNetwork(models.TextChoices):
    INSTAGRAM = "instagram", "Instagram"
    FACEBOOK = "facebook", "Facebook"
    LINKEDIN = "linkedin", "LinkedIn"
    XING = "xing", "XING"
    MASTODON = "mastodon", "Mastodon"
    YOUTUBE = "youtube", "YouTube"
    TIKTOK = "tiktok", "TikTok"
    OTHER = "other", _("Other")


class OfferType(models.TextChoices):
    JOB = "job", _("Job")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
    PART_TIME_APPRENTICESHIP = "part_time_apprenticeship", _("Part-time apprenticeship")
    INTERNSHIP = "internship", _("Internship")
    MINIJOB = "minijob", _("Minijob")
    TRIAL_WORK = "trial_work", _("Trial work")


class WorkingTime(models.TextChoices):
    FULL_TIME = "full", _("Full time")
    PART_TIME = "part", _("Part time")
    EITHER = "either", _("Full or part time")


class WorkingTimeModel(models.TextChoices):
    DAY = "day", _("Day shift")
    SHIFT = "shift", _("Shift work")
    NIGHT = "night", _("Night work")
    WEEKEND = "weekend", _("Weekend work")
    FLEXIBLE = "flexible", _("Flexible hours")


class Contract(models.TextChoices):
    PERMANENT = "permanent", _("Permanent")
    FIXED_TERM = "fixed_term", _("Fixed-term")


class PayUnit(models.TextChoices):
    HOUR = "HOUR", _("per hour")
    MONTH = "MONTH", _("per month")
    YEAR = "YEAR", _("per year")


class GermanLevel(models.TextChoices):
    NONE = "none", _("No German needed")
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"


class Qualification(models.TextChoices):
    NONE = "none", _("No formal qualification")
    VOCATIONAL = "vocational", _("Vocational training")
    DEGREE = "degree", _("University degree")
