"""The local economy's part of a person's data (portal.privacy): settlement
enquiries and board answers sent with the address of the person's account."""

from allauth.account.models import EmailAddress
from django.db.models import Q

from .models import BoardAnswer, Enquiry


def _addresses(user) -> list[str]:
    addresses = {user.email.lower()} if user.email else set()
    addresses |= {
        address.lower()
        for address in EmailAddress.objects.filter(user=user).values_list(
            "email", flat=True
        )
    }
    return sorted(addresses)


def _by_address(model, addresses: list[str]):
    if not addresses:
        return model.objects.none()

    match = Q()
    for address in addresses:
        match |= Q(email__iexact=address)
    return model.objects.filter(match)


def personal_data_export(user) -> dict:
    addresses = _addresses(user)
    return {
        "enquiries": [
            {
                "received": enquiry.created_at.isoformat(),
                "business": enquiry.business,
                "name": enquiry.name,
                "organisation": enquiry.organisation,
                "email": enquiry.email,
                "phone": enquiry.phone,
                "message": enquiry.message,
                "status": enquiry.status,
            }
            for enquiry in _by_address(Enquiry, addresses)
        ],
        "board_answers": [
            {
                "received": answer.created_at.isoformat(),
                "post": answer.post.title,
                "name": answer.name,
                "organisation": answer.organisation,
                "email": answer.email,
                "message": answer.message,
            }
            for answer in _by_address(BoardAnswer, addresses).select_related("post")
        ],
    }


def personal_data_erase(user) -> None:
    addresses = _addresses(user)
    _by_address(Enquiry, addresses).delete()
    _by_address(BoardAnswer, addresses).delete()
