"""The local economy beyond the directory: commercial premises that firms
publish below their company page, settlement enquiries of founders that
business advisers follow up, and the firms' network board.

Premises and board posts are pages below a firm's `directory.CompanyPage`,
so the firm's page permissions, the review workflow and the admin read
isolation of the directory cover them unchanged (docs/economy.md)."""

from .board import BoardAnswer, BoardPostPage, NetworkBoardPage
from .enquiries import Enquiry
from .premises import PremisesIndexPage, PremisesPage

__all__ = [
    "PremisesIndexPage",
    "PremisesPage",
    "Enquiry",
    "NetworkBoardPage",
    "BoardPostPage",
    "BoardAnswer",
]
