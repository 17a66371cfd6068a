from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse


class SuperuserSecondFactorMiddleware:
    """Where MFA_REQUIRED_FOR_SUPERUSERS is on, a superuser without a second factor is sent to
    set one up before any admin page: a stolen password alone never opens the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.MFA_REQUIRED_FOR_SUPERUSERS
            and request.path.startswith(reverse("admin:index"))
            and request.user.is_authenticated
            and request.user.is_superuser
            and not has_second_factor(request.user)
        ):
            messages.warning(
                request, "Set up an authenticator app before you use the admin: it is required."
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


def has_second_factor(user):
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
